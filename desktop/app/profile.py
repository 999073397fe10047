"""The volunteer profile: who records on this laptop, where, in which language, and the ward
server's address.

The store's profile row is the one place the language and the server address are kept;
this object reads it once and keeps it current (every change goes through :meth:`save`, on
the one writer), so the GUI can show it without a query. Views learn of a change from the
``Change`` an operation returns (``profile``, ``language``, ``server``).
"""

from __future__ import annotations

from typing import Any

from desktop.app.change import NOTHING, Change, Done
from desktop.store import Store
from desktop.store.errors import NoProfileError, ProfileError
from desktop.store.profile import Profile, ProfileRepository
from desktop.store.sync_state import StoreSync

DEFAULT_LANGUAGE = "vi"
_UNSET: Any = object()


def clean_url(text: str | None) -> str:
    return (text or "").strip().rstrip("/")


class ServerAddressLocked(ProfileError):
    """Another server address while enrolled: only a new enrolment may move the laptop."""

    def __init__(self, enrolled: str) -> None:
        super().__init__(
            f"Địa chỉ mới chưa được lưu: máy này đang đăng ký với {enrolled}. Hãy nhập mã "
            "đăng ký một lần của phường và bấm Đăng ký để chuyển sang địa chỉ mới.",
            f"The new address is not saved: this laptop is enrolled with {enrolled}. Enter "
            "the ward's one-time code and press Enrol to move to the new address.",
        )


class ProfileOps:
    """The profile of one open store (see module docstring)."""

    def __init__(self, store: Store) -> None:
        self._repo = ProfileRepository(store)
        self._sync = StoreSync(store)
        self._current: Profile | None = None
        self._loaded = False

    def load(self) -> Profile | None:
        """Read the profile from the store (at start-up, and after a change made elsewhere)."""
        self._current = self._repo.get()
        self._loaded = True
        return self._current

    @property
    def current(self) -> Profile | None:
        if not self._loaded:
            self.load()
        return self._current

    def require(self) -> Profile:
        profile = self.current
        if profile is None:
            raise NoProfileError()
        return profile

    @property
    def language(self) -> str:
        """The UI language: the profile's, else Vietnamese (before the first run)."""
        profile = self.current
        return profile.language if profile is not None else DEFAULT_LANGUAGE

    @property
    def server_url(self) -> str | None:
        profile = self.current
        return profile.server_url if profile is not None else None

    def save(self, *, volunteer_name: str, neighbourhood_code: str,
             language: str | None = None, server_url: str | None = _UNSET) -> Done[Profile]:
        """Create or update the profile.

        Raises:
            ProfileError: empty name, unknown neighbourhood or language.
            ServerAddressLocked: another address while enrolled (enrol again instead).
        """
        before = self.current
        if server_url is not _UNSET:
            server_url = clean_url(server_url) or None
            enrolment = self._sync.enrolment()
            if enrolment is not None and server_url != clean_url(enrolment.server_url):
                raise ServerAddressLocked(enrolment.server_url)
        saved = self._repo.save(volunteer_name=volunteer_name,
                                neighbourhood_code=neighbourhood_code, language=language,
                                server_url=server_url)
        self._current, self._loaded = saved, True
        return Done(saved, self._difference(before, saved))

    def set_language(self, language: str) -> Done[Profile]:
        profile = self.require()
        return self.save(volunteer_name=profile.volunteer_name,
                         neighbourhood_code=profile.neighbourhood_code, language=language)

    def reloaded(self) -> Done[Profile | None]:
        """Read the profile again after a write elsewhere in the store (an enrolment)."""
        before = self.current
        after = self.load()
        return Done(after, self._difference(before, after))

    @staticmethod
    def _difference(before: Profile | None, after: Profile | None) -> Change:
        if before == after:
            return NOTHING
        if before is None or after is None:
            return Change(profile=True, language=True, server=True)
        return Change(profile=True, language=before.language != after.language,
                      server=before.server_url != after.server_url)

