"""The ward staff's client of the ward server's staff API (Qt-free; the GUI calls it through
its background-work helper, never on the GUI thread).

One configured ``requests.Session`` (:func:`sync.client.http.make_session`: timeouts,
versioned User-Agent, protocol header, the ward CA) per signed-in person. The server's error
body ``{error: {code, message_vi, message_en, field}, problems: [...]}`` becomes a bilingual
:class:`StaffError` with its per-field problems; a network failure becomes
:class:`StaffUnreachable`.

The session token lives in the OS keyring under its own service name (never beside the device
token, and never in a file: a machine without a usable keyring keeps it in memory only, so the
staff member signs in again after a restart). The session ends after ``idle_minutes`` without
activity and on :meth:`StaffClient.sign_out`.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import requests
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from sync.client.http import make_session
from sync.contract.errors import KnownError
from sync.contract.record import AssistanceRecord
from sync.contract.reference import ReferenceData
from sync.contract.validation import Problem, validate
from sync.contract.wire import API_PREFIX

SERVICE = "hotroso-staff"
DEFAULT_IDLE_MINUTES = 15
#: (connect, read) seconds: staff screens wait for the answer, so fail fast.
TIMEOUT = (4.0, 30.0)
PAGE_SIZE = 100
REVIEW_STATES = ("received", "approved", "has_issues", "rejected")
#: States the server sets (a review never asks for them): "fixed", the volunteer's new
#: revision answered a needs-fixing comment.
SERVER_STATES = ("fixed",)
#: Roles as the server names them; "reviewer" is what the client assumes when the server
#: cannot say (no ``/auth/me``): it may read and review, and learns from a 403 what it may not.
ROLES = ("admin", "staff", "team_lead", "volunteer")
#: Fields a correction may never change (the server refuses them too).
FIXED_FIELDS = frozenset({"id", "revision", "device_id", "created_at"})


# --- errors ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message_vi: str
    message_en: str

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en


class StaffError(KnownError):
    """The ward server refused a staff request, with its reason in both languages."""

    def __init__(self, message_vi: str, message_en: str, *, status: int = 0, code: str = "",
                 problems: Sequence[FieldProblem] = ()) -> None:
        super().__init__(message_vi, message_en)
        self.status = status
        self.code = code
        self.problems = list(problems)

    def field_problems(self) -> dict[str, list[FieldProblem]]:
        out: dict[str, list[FieldProblem]] = {}
        for problem in self.problems:
            out.setdefault(problem.field, []).append(problem)
        return out


class StaffUnreachable(StaffError):
    """No answer from the ward server (network down, wrong address, server stopped)."""


class SignedOut(StaffError):
    """The session is over (idle, signed out, expired on the server): sign in again."""


class NotAllowed(StaffError):
    """The signed-in role may not do this (HTTP 403)."""


def unreachable(url: str, detail: str) -> StaffUnreachable:
    return StaffUnreachable(
        f"Không kết nối được máy chủ phường ({url}). Những gì bạn đã nhập vẫn còn; "
        f"hãy kiểm tra mạng rồi thử lại. Chi tiết: {detail}",
        f"Cannot reach the ward server ({url}). What you typed is kept; check the network "
        f"and try again. Detail: {detail}",
    )


def signed_out_idle(minutes: int) -> SignedOut:
    return SignedOut(
        f"Phiên làm việc đã kết thúc sau {minutes} phút không thao tác. Hãy đăng nhập lại.",
        f"The session ended after {minutes} minutes without activity. Please sign in again.",
    )


NOT_SIGNED_IN = SignedOut("Bạn chưa đăng nhập.", "You are not signed in.")


def error_from_response(response: requests.Response) -> StaffError:
    """The server's documented error body as a :class:`StaffError` (any other body: a plain
    message with the status, never a traceback)."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and "message_vi" in error:
        vi, en = str(error.get("message_vi", "")), str(error.get("message_en", ""))
        code = str(error.get("code", ""))
    else:
        vi = f"Máy chủ phường trả lời lỗi {status}."
        en = f"The ward server answered with error {status}."
        code = ""
    problems = []
    raw_problems = body.get("problems", []) if isinstance(body, dict) else []
    for item in raw_problems if isinstance(raw_problems, list) else []:
        if isinstance(item, dict):
            name = str(item.get("field") or "")
            # "changes.phone" (a request field inside the corrections) names the record's field
            name = name.removeprefix("changes.")
            problems.append(FieldProblem(name, str(item.get("message_vi", "")),
                                         str(item.get("message_en", ""))))
    kind: type[StaffError] = StaffError
    if status == 401:
        kind = SignedOut
    elif status == 403:
        kind = NotAllowed
    return kind(vi, en, status=status, code=code, problems=problems)


# --- what the server sends ------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One stored version of a record, as the ward holds it."""

    revision: int
    base_revision: int | None
    content_hash: str  # identifies the version to /resolve; never shown to people
    device_id: str | None
    outcome: str
    via: str
    received_at: datetime | None
    record: Mapping[str, Any]

    @property
    def by_ward(self) -> bool:
        return self.device_id is None or self.via == "staff"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Version:
        return cls(
            revision=int(data["revision"]),
            base_revision=None if data.get("base_revision") is None
            else int(data["base_revision"]),
            content_hash=str(data["content_hash"]),
            device_id=data.get("device_id"),
            outcome=str(data.get("outcome", "")),
            via=str(data.get("via", "")),
            received_at=_parse_time(data.get("received_at")),
            record=dict(data.get("record") or {}),
        )


@dataclass(frozen=True)
class RecordSummary:
    id: str
    head_revision: int
    neighbourhood_code: str
    flagged: bool
    review_state: str
    review_comment: str
    record: Mapping[str, Any]
    versions: tuple[Version, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordSummary:
        return cls(
            id=str(data["id"]),
            head_revision=int(data["head_revision"]),
            neighbourhood_code=str(data.get("neighbourhood_code", "")),
            flagged=bool(data.get("flagged", False)),
            review_state=str(data.get("review_state", "received")),
            review_comment=str(data.get("review_comment", "")),
            record=dict(data.get("record") or {}),
            versions=tuple(Version.from_json(v) for v in data.get("versions") or ()),
        )

    def head(self) -> Version | None:
        """The version the record's head is (the last stored with the head revision)."""
        for version in reversed(self.versions):
            if version.revision == self.head_revision and version.outcome != "conflict":
                return version
        return None

    def conflicting(self) -> Version | None:
        """The newest version kept beside the head (a conflict), if any."""
        for version in reversed(self.versions):
            if version.outcome == "conflict":
                return version
        return None


@dataclass(frozen=True)
class Identity:
    username: str
    role: str  # one of ROLES, or "reviewer" when the server cannot tell
    full_name: str = ""
    neighbourhood_code: str | None = None
    #: False when the role was assumed (the server has no /auth/me endpoint).
    known: bool = True

    @property
    def may_correct(self) -> bool:
        return self.role in {"admin", "staff", "reviewer"}

    @property
    def may_review(self) -> bool:
        return self.role in {"admin", "staff", "team_lead", "reviewer"}

    @property
    def may_decide(self) -> bool:
        """Approve or reject (a team lead reads and comments only)."""
        return self.role in {"admin", "staff", "reviewer"}


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# --- the token ------------------------------------------------------------------------------


class StaffTokenStore:
    """The staff session token in the OS keyring (service ``hotroso-staff``), apart from the
    device token. Without a usable keyring it is held in memory only."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._memory: dict[str, str] = {}

    def _ring(self) -> KeyringBackend | None:
        ring = self._backend or keyring.get_keyring()
        return None if isinstance(ring, (null.Keyring, fail.Keyring)) else ring

    def save(self, server_url: str, data: Mapping[str, str]) -> str:
        """Store the session; returns where ("keyring" or "memory")."""
        account, secret = _account(server_url), json.dumps(dict(data))
        ring = self._ring()
        if ring is not None:
            try:
                ring.set_password(SERVICE, account, secret)
                self._memory.pop(account, None)
                return "keyring"
            except keyring.errors.KeyringError:
                pass
        self._memory[account] = secret
        return "memory"

    def load(self, server_url: str) -> dict[str, str] | None:
        account = _account(server_url)
        raw = self._memory.get(account)
        ring = self._ring()
        if raw is None and ring is not None:
            with contextlib.suppress(keyring.errors.KeyringError):
                raw = ring.get_password(SERVICE, account)
        if not raw:
            return None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            return None
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else None

    def forget(self, server_url: str) -> None:
        account = _account(server_url)
        self._memory.pop(account, None)
        ring = self._ring()
        if ring is not None:
            with contextlib.suppress(keyring.errors.KeyringError):
                ring.delete_password(SERVICE, account)


def _account(server_url: str) -> str:
    return server_url.rstrip("/")


# --- the client -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolveOutcome:
    """What "keep this result" did: the head revision it was made on, and which fields of
    that head it changed (empty when the head had everything)."""

    kept_revision: int
    corrected_fields: tuple[str, ...] = ()
    record: Mapping[str, Any] = field(default_factory=dict)


class StaffClient:
    """Staff requests to one ward server for one person at a time.

    Args:
        server_url: the ward server's address (``https://…``; ``http://`` for loopback tests).
        tokens: where the session token is kept.
        idle_minutes: the session ends after this long without :meth:`touch` or a request.
        monotonic: the idle clock (injected by tests).
        ca_cert: the ward's own CA certificate, as the laptop's enrolment trusts it.
    """

    def __init__(self, server_url: str, *, tokens: StaffTokenStore | None = None,
                 idle_minutes: int = DEFAULT_IDLE_MINUTES,
                 monotonic: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 ca_cert: Path | None = None) -> None:
        self.server_url = server_url.strip().rstrip("/")
        self.tokens = tokens or StaffTokenStore()
        self.idle_minutes = idle_minutes
        self._monotonic = monotonic
        self._wall = wall_clock
        # One retry: the GET screens ride over a blip; a POST is not repeated many times.
        self._http = make_session(ca_cert=ca_cert, retries=1, backoff=0.2)
        self._lock = threading.Lock()
        self._token: str | None = None
        self._last_activity = 0.0
        self.identity: Identity | None = None

    # --- session ----------------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        return self._token is not None and not self._idle()

    def _idle(self) -> bool:
        return self._monotonic() - self._last_activity > self.idle_minutes * 60

    def touch(self) -> None:
        """The person did something: the idle time starts again (callable from any thread)."""
        with self._lock:
            if self._token is not None:
                self._last_activity = self._monotonic()

    def idle_seconds_left(self) -> float:
        return max(0.0, self.idle_minutes * 60 - (self._monotonic() - self._last_activity))

    def sign_in(self, username: str, password: str) -> Identity:
        username = username.strip()
        if not username or not password:
            raise StaffError("Hãy nhập tên đăng nhập và mật khẩu.",
                             "Enter the user name and the password.", code="missing",
                             problems=[p for p in (
                                 FieldProblem("username", "Chưa nhập tên đăng nhập.",
                                              "The user name is missing.") if not username
                                 else None,
                                 FieldProblem("password", "Chưa nhập mật khẩu.",
                                              "The password is missing.") if not password
                                 else None) if p is not None])
        answer = self._send("POST", "/auth/login",
                            json={"username": username, "password": password}, auth=False)
        token = str(answer["token"])
        with self._lock:
            self._token = token
            self._last_activity = self._monotonic()
        try:
            self.identity = self._who_am_i(username, answer)
        except StaffError:
            self.sign_out()  # e.g. a volunteer's account: no staff session is kept
            raise
        self.tokens.save(self.server_url, {"token": token, "username": username,
                                           "role": self.identity.role,
                                           "last_used": self._wall().isoformat()})
        return self.identity

    def resume(self) -> Identity | None:
        """Carry on a session kept in the keyring if it was used less than ``idle_minutes``
        ago (the app was closed and reopened); None otherwise (and it is forgotten)."""
        saved = self.tokens.load(self.server_url)
        if not saved or "token" not in saved:
            return None
        last = _parse_time(saved.get("last_used"))
        if last is None or (self._wall() - last).total_seconds() > self.idle_minutes * 60:
            self.tokens.forget(self.server_url)
            return None
        with self._lock:
            self._token = saved["token"]
            self._last_activity = self._monotonic()
        try:
            self.identity = self._who_am_i(saved.get("username", ""), saved)
            self._send("GET", "/records", params={"limit": 1})
        except SignedOut:
            self.sign_out()
            return None
        return self.identity

    def sign_out(self) -> None:
        """Forget the token here and in the keyring. (The server keeps the session until it
        expires: it has no sign-out endpoint yet.)"""
        with self._lock:
            self._token = None
        self.identity = None
        self.tokens.forget(self.server_url)

    def close(self) -> None:
        self._http.close()

    def _who_am_i(self, username: str, known: Mapping[str, Any] | None = None) -> Identity:
        """Who is signed in: from ``/auth/me`` if the server has it, else from ``known`` (the
        sign-in answer, which names the role, or what the keyring kept of it)."""
        try:
            data = self._send("GET", "/auth/me")
        except StaffError as exc:
            if exc.status not in (404, 405):
                raise
            # The server cannot say who this is: try the review queue; 403 means no staff
            # screens at all (a volunteer's account).
            self._send("GET", "/records", params={"limit": 1})
            role = str((known or {}).get("role") or "")
            if role in ROLES and role != "volunteer":
                hood = (known or {}).get("neighbourhood_code")
                return Identity(username=username, role=role,
                                neighbourhood_code=str(hood) if hood else None)
            return Identity(username=username, role="reviewer", known=False)
        role = str(data.get("role", "reviewer"))
        identity = Identity(username=str(data.get("username", username)), role=role,
                            full_name=str(data.get("full_name", "")),
                            neighbourhood_code=data.get("neighbourhood_code"))
        if role == "volunteer":
            raise NotAllowed("Tài khoản tình nguyện viên không dùng chế độ cán bộ phường.",
                             "A volunteer's account has no ward staff screens.", status=403)
        return identity

    def learn_not_allowed(self) -> None:
        """A 403 on a correction tells an assumed role that it is a team lead's."""
        if self.identity is not None and not self.identity.known:
            self.identity = Identity(self.identity.username, "team_lead", known=False)

    # --- records ----------------------------------------------------------------------------

    def list_records(self, *, review_state: str | None = None, flagged: bool | None = None,
                     limit: int = PAGE_SIZE, offset: int = 0) -> list[RecordSummary]:
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if review_state is not None:
            params["review_state"] = review_state
        if flagged is not None:
            params["flagged"] = "true" if flagged else "false"
        data = self._send("GET", "/records", params=params)
        return [RecordSummary.from_json(item) for item in data]

    def get_record(self, record_id: str) -> RecordSummary:
        return RecordSummary.from_json(self._send("GET", f"/records/{record_id}"))

    def review(self, record_id: str, state: str, comment: str = "") -> str:
        if state not in REVIEW_STATES:
            raise ValueError(state)
        answer = self._send("POST", f"/records/{record_id}/review",
                            json={"state": state, "comment": comment})
        return str(answer["review_state"])

    def correct(self, record_id: str, changes: Mapping[str, Any], comment: str) -> dict[str, Any]:
        try:
            answer: dict[str, Any] = self._send(
                "POST", f"/records/{record_id}/correct",
                json={"changes": dict(changes), "comment": comment})
        except NotAllowed:
            self.learn_not_allowed()
            raise
        return answer

    def hand_over(self, record_id: str, device_id: str, comment: str = "") -> str:
        """Give the record to another laptop (its new owner); returns the new owner's id."""
        answer = self._send("POST", f"/records/{record_id}/hand-over",
                            json={"device_id": device_id, "comment": comment})
        return str(answer["owner_device_id"])

    def resolve(self, record_id: str, version: Version, comment: str) -> dict[str, Any]:
        try:
            answer: dict[str, Any] = self._send(
                "POST", f"/records/{record_id}/resolve",
                json={"revision": version.revision, "content_hash": version.content_hash,
                      "comment": comment})
        except NotAllowed:
            self.learn_not_allowed()
            raise
        return answer

    def resolve_fields(self, record_id: str, versions: Sequence[Version],
                       picks: Mapping[str, int | tuple[str, Any]], comment: str, *,
                       note: Callable[[Mapping[str, Any], Mapping[str, Any]], str] | None
                       = None) -> ResolveOutcome:
        """Keep a result chosen field by field among ``versions`` (the head first), in one
        request (``/resolve-fields``): the server validates it like a correction and makes
        it a new head revision that reaches every laptop holding the record.

        ``picks`` maps a differing field to the index of the version it comes from, or to
        ``("typed", value)`` for a value the staff member typed. ``note(head, changes)``: the
        comment the laptops show (default ``comment``), so the volunteers read what the ward
        changed from their version.
        """
        if not versions:
            raise ValueError("no versions")
        head = versions[0]
        values = {name: pick[1] if isinstance(pick, tuple) else versions[pick].record.get(name)
                  for name, pick in picks.items()}
        changes = {n: v for n, v in values.items() if head.record.get(n) != v}
        text = note(head.record, changes) if note and changes else comment
        try:
            answer: dict[str, Any] = self._send(
                "POST", f"/records/{record_id}/resolve-fields",
                json={"head_revision": head.revision, "changes": values, "comment": text})
        except NotAllowed:
            self.learn_not_allowed()
            raise
        return ResolveOutcome(head.revision, tuple(sorted(changes)), answer)

    # --- HTTP ---------------------------------------------------------------------------------

    def call(self, method: str, path: str, *, json: Any = None,
             params: Mapping[str, Any] | None = None, raw: bool = False) -> Any:
        """One signed-in request of the staff API (the reports and administration clients,
        :mod:`sync.client.ward_reports` and :mod:`sync.client.ward_admin`, build on it);
        ``raw``: the answer's bytes (a file) instead of its JSON."""
        return self._send(method, path, json=json, params=params, raw=raw)

    def _send(self, method: str, path: str, *, json: Any = None,
              params: Mapping[str, Any] | None = None, auth: bool = True,
              raw: bool = False) -> Any:
        headers = {}
        if auth:
            with self._lock:
                token = self._token
                idle = self._idle()
            if token is None:
                raise NOT_SIGNED_IN
            if idle:
                self.sign_out()
                raise signed_out_idle(self.idle_minutes)
            headers["Authorization"] = f"Bearer {token}"
        url = f"{self.server_url}{API_PREFIX}{path}"
        try:
            response = self._http.request(method, url, json=json, params=params,
                                          headers=headers, timeout=TIMEOUT)
        except requests.exceptions.SSLError as exc:
            raise unreachable(self.server_url, f"TLS: {exc.__class__.__name__}") from None
        except requests.RequestException as exc:
            raise unreachable(self.server_url, exc.__class__.__name__) from None
        if response.status_code >= 400:
            error = error_from_response(response)
            if isinstance(error, SignedOut) and auth:
                with self._lock:
                    self._token = None
                self.tokens.forget(self.server_url)
            raise error
        if auth:
            self.touch()
        if raw:
            return response.content
        try:
            return response.json()
        except ValueError:
            raise StaffError("Máy chủ phường trả lời không đúng định dạng.",
                             "The ward server's answer is not in the expected format.",
                             status=response.status_code) from None


# --- checking a correction before it is sent ------------------------------------------------


def check_correction(current: Mapping[str, Any], changes: Mapping[str, Any],
                     reference: ReferenceData, *, today: date) -> list[Problem]:
    """The contract's problems with ``current`` + ``changes`` (empty: send it), the same
    validation the laptop's form and the server apply."""
    from pydantic import ValidationError

    forbidden = FIXED_FIELDS & set(changes)
    problems = [Problem(name, "fixed", "Trường này không sửa được.", "This field cannot be "
                        "corrected.") for name in sorted(forbidden)]
    try:
        record = AssistanceRecord.model_validate({**current, **changes})
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "record"
            problems.append(Problem(name, "format", "Giá trị không đúng định dạng.",
                                    f"The value is not valid: {err['msg']}."))
        return problems
    return problems + [p for p in validate(record, reference, today=today)
                       if p.severity == "error"]
