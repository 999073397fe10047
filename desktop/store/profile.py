"""The volunteer profile of this laptop: who is recording, for which neighbourhood.

The device id is made once, when the first profile is saved, and never changes: the ward
server uses it to tell laptops apart.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from desktop.store.database import Store
from desktop.store.errors import NoProfileError, ProfileError
from desktop.store.models import ProfileRow
from sync.contract.normalize import normalize_name

LANGUAGES = ("vi", "en")

_UNSET = object()


@dataclass(frozen=True)
class Profile:
    device_id: uuid.UUID
    volunteer_name: str
    neighbourhood_code: str
    language: str
    server_url: str | None


class ProfileRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> Profile | None:
        with self._store.read() as session:
            row = session.get(ProfileRow, 1)
            return None if row is None else _profile(row)

    def require(self) -> Profile:
        """The profile, or :class:`NoProfileError` (records cannot be made without one)."""
        profile = self.get()
        if profile is None:
            raise NoProfileError()
        return profile

    def save(
        self,
        *,
        volunteer_name: str,
        neighbourhood_code: str,
        language: str | None = None,
        server_url: str | object | None = _UNSET,
    ) -> Profile:
        """Create or update the profile.

        Raises:
            ProfileError: empty name, a neighbourhood not in force today, or an unknown language.
        """
        name = normalize_name(volunteer_name)
        if not name:
            raise ProfileError("Hãy nhập tên tình nguyện viên.", "Enter the volunteer's name.")
        ref = self._store.reference
        current = {n.code: n for n in ref.current_neighbourhoods(self._store.today())}
        if neighbourhood_code not in current:
            choices = ", ".join(f"{code} ({n.name})" for code, n in current.items())
            raise ProfileError(
                f"Không có khu phố mã “{neighbourhood_code}”. Chọn một trong: {choices}.",
                f"There is no neighbourhood “{neighbourhood_code}”. Choose one of: {choices}.",
            )
        if language is not None and language not in LANGUAGES:
            raise ProfileError(
                f"Ngôn ngữ “{language}” không được hỗ trợ; chọn vi hoặc en.",
                f"Language “{language}” is not supported; choose vi or en.",
            )
        with self._store.session() as session:
            row = session.scalar(select(ProfileRow).where(ProfileRow.id == 1))
            if row is None:
                row = ProfileRow(
                    id=1,
                    device_id=uuid.uuid4(),
                    volunteer_name=name,
                    neighbourhood_code=neighbourhood_code,
                    language=language or "vi",
                    server_url=None,
                    updated_at=self._store.clock(),
                )
                session.add(row)
            row.volunteer_name = name
            row.neighbourhood_code = neighbourhood_code
            if language is not None:
                row.language = language
            if server_url is not _UNSET:
                row.server_url = server_url if isinstance(server_url, str) and server_url else None
            row.updated_at = self._store.clock()
            session.flush()
            return _profile(row)


def _profile(row: ProfileRow) -> Profile:
    return Profile(
        device_id=row.device_id,
        volunteer_name=row.volunteer_name,
        neighbourhood_code=row.neighbourhood_code,
        language=row.language,
        server_url=row.server_url,
    )
