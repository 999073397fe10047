"""Staff accounts and volunteer devices: creation, enrolment, revocation, sign-in, and what an
administrator does to accounts (disable, enable, revoke sessions, reset a password).

Every sign-in, every failure and every change to an account is written to the audit trail
(:mod:`sync.server.audit`) in the same transaction.
"""

from __future__ import annotations

import functools
import re
import secrets
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.contract.errors import KnownError
from sync.contract.record import TEXT_LIMITS
from sync.contract.wire import MAX_PASSWORD, MAX_USERNAME, MIN_PASSWORD
from sync.server import audit, throttle
from sync.server.models import Device, Record, Role, User, UserSession
from sync.server.security import (
    canonical_enrolment_code,
    hash_password,
    hash_secret,
    new_enrolment_code,
    new_token,
    verify_password,
)

DEFAULT_ENROLMENT_MINUTES = 60
STAFF_SESSION_HOURS = 12.0
MAX_NAME = 200
#: Usernames: letters, digits and . _ - @, no spaces (they are typed at a login prompt).
_USERNAME = re.compile(r"^[\w.@-]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class AccountError(KnownError):
    """A known problem with an account command (bilingual, shown as is)."""

    #: HTTP status for the API: 400 a bad request, 404 no such account, 409 not possible now.
    status = 400


class NoSuchUser(AccountError):
    status = 404


class WrongPassword(AccountError):
    status = 403


@dataclass(frozen=True)
class IssuedEnrolment:
    device_id: str
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Enrolled:
    device: Device
    token: str


def check_username(username: str) -> str:
    """The username as stored (trimmed), or :class:`AccountError` saying what is wrong."""
    username = username.strip()
    if not username:
        raise AccountError("Tên đăng nhập không được để trống.", "The username must not be empty.")
    if len(username) > MAX_USERNAME or not _USERNAME.fullmatch(username):
        raise AccountError(
            f"Tên đăng nhập chỉ gồm chữ, số và . _ - @, tối đa {MAX_USERNAME} ký tự.",
            f"A username has only letters, digits and . _ - @, at most {MAX_USERNAME} "
            "characters.",
        )
    return username


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.",
            f"The password needs at least {MIN_PASSWORD} characters.",
        )
    if len(password) > MAX_PASSWORD or "\x00" in password:
        raise AccountError(
            f"Mật khẩu tối đa {MAX_PASSWORD} ký tự và không có ký tự NUL.",
            f"A password has at most {MAX_PASSWORD} characters and no NUL character.",
        )


def check_text(value: str, *, what_vi: str, what_en: str, limit: int) -> str:
    """A name or code typed at the console: trimmed, bounded, no control characters."""
    value = value.strip()
    if not value:
        raise AccountError(f"Cần {what_vi}.", f"A {what_en} is needed.")
    if len(value) > limit or _CONTROL.search(value):
        raise AccountError(
            f"{what_vi.capitalize()} tối đa {limit} ký tự, không có ký tự điều khiển.",
            f"The {what_en} has at most {limit} characters and no control characters.",
        )
    return value


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: Role,
    now: datetime,
    full_name: str = "",
    neighbourhood_code: str | None = None,
    actor: str = audit.CONSOLE,
) -> User:
    username = check_username(username)
    check_password(password)
    full_name = full_name.strip()
    if len(full_name) > MAX_NAME or _CONTROL.search(full_name):
        raise AccountError(
            f"Họ tên tối đa {MAX_NAME} ký tự.", f"The full name has at most {MAX_NAME} characters."
        )
    if role is Role.TEAM_LEAD and not neighbourhood_code:
        raise AccountError(
            "Tổ trưởng cần mã khu phố (--neighbourhood).",
            "A team lead needs a neighbourhood code (--neighbourhood).",
        )
    if neighbourhood_code is not None:
        neighbourhood_code = check_text(
            neighbourhood_code,
            what_vi="mã khu phố",
            what_en="neighbourhood code",
            limit=TEXT_LIMITS["neighbourhood_code"],
        )
    user = User(
        username=username,
        full_name=full_name,
        role=role.value,
        neighbourhood_code=neighbourhood_code,
        password_hash=hash_password(password),
        active=True,
        created_at=now,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:
        raise AccountError(
            f"Tên đăng nhập {username!r} đã có.", f"The username {username!r} is taken."
        ) from None
    audit.record(
        session, actor, "user.create", audit.user_actor(username), {"role": role.value}, at=now
    )
    return user


# ---- signing in ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginOutcome:
    """A session, or why there is none: ``throttled`` (this address must wait until
    ``blocked_until`` before trying this name again: the password was not checked),
    ``disabled`` (right password, disabled account), or a wrong username or password (then
    ``blocked_until`` says whether this failure started a wait)."""

    token: str | None = None
    user: User | None = None
    expires_at: datetime | None = None
    blocked_until: datetime | None = None
    throttled: bool = False
    disabled: bool = False


def login(
    session: Session,
    username: str,
    password: str,
    *,
    now: datetime,
    address: str = "console",
    policy: throttle.ThrottlePolicy = throttle.DEFAULT_POLICY,
    session_hours: float = STAFF_SESSION_HOURS,
) -> LoginOutcome:
    """A new staff session, or the reason there is none (see :class:`LoginOutcome`).

    The caller must commit even when there is no token: the failure count and the audit
    entry live in this transaction.
    """
    details = {"address": address}
    actor = audit.user_actor(username)
    until = throttle.blocked_until(session, username, address, now=now)
    if until is not None:
        audit.record(session, actor, "login.throttled", actor, details, at=now)
        return LoginOutcome(blocked_until=until, throttled=True)
    user = session.scalar(select(User).where(User.username == username))
    # An unknown name still costs one argon2 check, so timing does not tell names apart.
    password_hash = user.password_hash if user is not None else _unknown_user_hash()
    if not verify_password(password_hash, password) or user is None:
        until = throttle.record_failure(session, username, address, now=now, policy=policy)
        audit.record(session, actor, "login.failure", actor, details, at=now)
        return LoginOutcome(blocked_until=until)
    throttle.clear(session, username, address)
    if not user.active:
        audit.record(session, actor, "login.disabled", actor, details, at=now)
        return LoginOutcome(disabled=True)
    token = new_token()
    expires = now + timedelta(hours=session_hours)
    session.add(
        UserSession(
            token_hash=hash_secret(token), user_id=user.id, created_at=now, expires_at=expires
        )
    )
    audit.record(session, actor, "login.success", actor, details, at=now)
    return LoginOutcome(token=token, user=user, expires_at=expires)


@functools.cache
def _unknown_user_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def user_for_token(session: Session, token: str, *, now: datetime) -> User | None:
    row = session.scalar(select(UserSession).where(UserSession.token_hash == hash_secret(token)))
    if row is None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def logout(session: Session, user: User, token: str, *, now: datetime) -> int:
    """End the session of ``token``; returns 1 (or 0 if it had ended already)."""
    gone = session.execute(delete(UserSession).where(UserSession.token_hash == hash_secret(token)))
    name = audit.user_actor(user.username)
    audit.record(session, name, "logout", name, at=now)
    return int(gone.rowcount)  # type: ignore[attr-defined]


def change_own_password(
    session: Session, user: User, token: str, current: str, new: str, *, now: datetime
) -> int:
    """Set a new password after checking the current one; every *other* session of the user
    ends (a stolen session does not survive the owner changing the password). Returns how
    many sessions ended."""
    name = audit.user_actor(user.username)
    if not verify_password(user.password_hash, current):
        audit.record(session, name, "password.change_failed", name, at=now)
        raise WrongPassword(
            "Mật khẩu hiện tại không đúng.", "The current password is not right."
        )
    check_password(new)
    user.password_hash = hash_password(new)
    ended = session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id, UserSession.token_hash != hash_secret(token)
        )
    )
    audit.record(session, name, "password.change", name, at=now)
    return int(ended.rowcount)  # type: ignore[attr-defined]


# ---- what an administrator does -------------------------------------------------------------


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NoSuchUser(
            f"Không có tài khoản {username!r}.", f"There is no account {username!r}."
        )
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def revoke_sessions(session: Session, username: str, *, actor: str, now: datetime) -> int:
    """End every session of the account; returns how many."""
    user = find_user(session, username)
    count = _end_sessions(session, user)
    audit.record(
        session, actor, "user.revoke_sessions", audit.user_actor(username),
        {"sessions": count}, at=now,
    )  # fmt: skip
    return count


def set_active(
    session: Session, username: str, active: bool, *, actor: str, now: datetime
) -> tuple[User, int]:
    """Disable (every session ends at once) or enable an account."""
    user = find_user(session, username)
    if not active and actor == audit.user_actor(username):
        raise AccountError(
            "Không thể tự khoá tài khoản của chính mình.", "You cannot disable your own account."
        )
    user.active = active
    count = 0 if active else _end_sessions(session, user)
    audit.record(
        session, actor, "user.enable" if active else "user.disable",
        audit.user_actor(username), {"sessions": count}, at=now,
    )  # fmt: skip
    return user, count


def reset_password(
    session: Session, username: str, password: str, *, actor: str, now: datetime
) -> int:
    """A new password set by an administrator: every session ends and the login delays of
    the name are lifted. Returns how many sessions ended."""
    check_password(password)
    user = find_user(session, username)
    user.password_hash = hash_password(password)
    count = _end_sessions(session, user)
    throttle.clear(session, username)
    audit.record(
        session, actor, "user.reset_password", audit.user_actor(username),
        {"sessions": count}, at=now,
    )  # fmt: skip
    return count


def _end_sessions(session: Session, user: User) -> int:
    ended = session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    return int(ended.rowcount)  # type: ignore[attr-defined]


def purge_expired(
    session: Session, *, now: datetime, policy: throttle.ThrottlePolicy = throttle.DEFAULT_POLICY
) -> dict[str, int]:
    """Delete what can never be used again, so these tables stay small for years.

    Expired staff sessions; devices whose one-time code expired before any laptop used it
    (a used code is already erased at enrolment, and a device never enrolled holds no
    records); login-throttle rows that neither delay nor count any more.
    """
    sessions = session.execute(delete(UserSession).where(UserSession.expires_at <= now))
    codes = session.execute(
        delete(Device).where(
            Device.enrolled_at.is_(None),
            Device.revoked_at.is_(None),
            Device.enrol_expires_at <= now,
        )
    )
    return {
        "staff_sessions": int(sessions.rowcount),  # type: ignore[attr-defined]
        "enrolment_codes": int(codes.rowcount),  # type: ignore[attr-defined]
        "login_throttle": throttle.purge(session, now=now, policy=policy),
    }


# ---- devices ---------------------------------------------------------------------------------


def issue_enrolment(
    session: Session,
    *,
    neighbourhood_code: str,
    volunteer_name: str,
    now: datetime,
    valid_for: timedelta = timedelta(minutes=DEFAULT_ENROLMENT_MINUTES),
    neighbourhoods: Collection[str] | None = None,
    actor: str = audit.CONSOLE,
) -> IssuedEnrolment:
    """Create a device waiting for its laptop, with a one-time code valid for ``valid_for``.

    ``neighbourhoods``: the codes in force (the reference data); another code is refused.
    Lengths are checked before any query.
    """
    code_text = check_text(
        neighbourhood_code,
        what_vi="mã khu phố",
        what_en="neighbourhood code",
        limit=TEXT_LIMITS["neighbourhood_code"],
    )
    name = check_text(
        volunteer_name,
        what_vi="tên tình nguyện viên",
        what_en="volunteer name",
        limit=TEXT_LIMITS["volunteer_name"],
    )
    if neighbourhoods is not None and code_text not in neighbourhoods:
        choices = ", ".join(sorted(neighbourhoods))
        raise AccountError(
            f"Không có khu phố mã “{code_text}” trong dữ liệu tham chiếu đang dùng. "
            f"Chọn một trong: {choices}.",
            f"There is no neighbourhood “{code_text}” in the reference data in force. "
            f"Choose one of: {choices}.",
        )
    code = new_enrolment_code()
    device = Device(
        id=str(uuid.uuid4()),
        neighbourhood_code=code_text,
        volunteer_name=name,
        created_at=now,
        enrol_code_hash=hash_secret(code),
        enrol_expires_at=now + valid_for,
    )
    session.add(device)
    session.flush()
    audit.record(
        session, actor, "device.issue", audit.device_actor(device.id),
        {"neighbourhood": code_text, "volunteer": name}, at=now,
    )  # fmt: skip
    return IssuedEnrolment(device.id, code, now + valid_for)


def enrol(
    session: Session, typed_code: str, *, now: datetime, signing_public_key: str | None = None
) -> Enrolled | None:
    """Trade a valid one-time code for a device token; ``None`` when the code is no good.

    ``signing_public_key`` (base64 Ed25519, checked by the caller) is the laptop's key for USB
    bundles; only this public half is kept. The UPDATE's WHERE repeats every condition so
    that two laptops racing with the same code cannot both win.
    """
    code_hash = hash_secret(canonical_enrolment_code(typed_code))
    device = session.scalar(select(Device).where(Device.enrol_code_hash == code_hash))
    if (
        device is None
        or device.revoked_at is not None
        or device.enrol_expires_at is None
        or device.enrol_expires_at <= now
    ):
        return None
    token = new_token()
    claimed = session.execute(
        update(Device)
        .where(Device.id == device.id, Device.enrol_code_hash == code_hash)
        .values(
            enrol_code_hash=None,
            enrol_expires_at=None,
            enrolled_at=now,
            token_hash=hash_secret(token),
            signing_public_key=signing_public_key,
        )
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    session.refresh(device)
    audit.record(
        session, audit.device_actor(device.id), "device.enrol", audit.device_actor(device.id),
        at=now,
    )  # fmt: skip
    return Enrolled(device, token)


def device_for_token(session: Session, token: str) -> Device | None:
    return session.scalar(select(Device).where(Device.token_hash == hash_secret(token)))


def revoke_device(
    session: Session, device_id: str, *, now: datetime, actor: str = audit.CONSOLE
) -> Device:
    device = find_device(session, device_id)
    if device.revoked_at is None:
        device.revoked_at = now
        device.enrol_code_hash = None
        audit.record(session, actor, "device.revoke", audit.device_actor(device_id), at=now)
    return device


def find_device(session: Session, device_id: str) -> Device:
    device = session.get(Device, device_id[:36])
    if device is None:
        raise AccountError(f"Không có thiết bị {device_id}.", f"There is no device {device_id}.")
    return device


def list_devices(session: Session) -> list[Device]:
    return list(session.scalars(select(Device).order_by(Device.created_at)))


def records_per_device(session: Session) -> dict[str, tuple[int, int]]:
    """For ``list-devices``: (records made by, records owned by) per device id."""
    made: dict[str | None, int] = {
        device: int(n)
        for device, n in session.execute(
            select(Record.device_id, func.count()).group_by(Record.device_id)
        )
    }
    owned: dict[str | None, int] = {
        device: int(n)
        for device, n in session.execute(
            select(Record.owner_device_id, func.count()).group_by(Record.owner_device_id)
        )
    }
    ids = {k for k in (*made, *owned) if k is not None}
    return {k: (int(made.get(k, 0)), int(owned.get(k, 0))) for k in ids}
