"""Staff accounts and volunteer devices: creation, enrolment, revocation, authentication."""

from __future__ import annotations

import functools
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.contract.errors import KnownError
from sync.server import lockout
from sync.server.models import Device, Role, User, UserSession
from sync.server.security import (
    canonical_enrolment_code,
    hash_password,
    hash_secret,
    new_enrolment_code,
    new_token,
    verify_password,
)

DEFAULT_ENROLMENT_MINUTES = 60
STAFF_SESSION_HOURS = 12


class AccountError(KnownError):
    """A known problem with an account command (bilingual, shown as is)."""


@dataclass(frozen=True)
class IssuedEnrolment:
    device_id: str
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Enrolled:
    device: Device
    token: str


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: Role,
    now: datetime,
    full_name: str = "",
    neighbourhood_code: str | None = None,
) -> User:
    username = username.strip()
    if not username:
        raise AccountError("Tên đăng nhập không được để trống.", "The username must not be empty.")
    if len(password) < 10:
        raise AccountError(
            "Mật khẩu phải có ít nhất 10 ký tự.", "The password needs at least 10 characters."
        )
    if role is Role.TEAM_LEAD and not neighbourhood_code:
        raise AccountError(
            "Tổ trưởng cần mã khu phố (--neighbourhood).",
            "A team lead needs a neighbourhood code (--neighbourhood).",
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
    return user


@dataclass(frozen=True)
class LoginOutcome:
    """A session token, or why there is none (``locked_until`` set: the name is locked)."""

    token: str | None = None
    locked_until: datetime | None = None


def login(
    session: Session,
    username: str,
    password: str,
    *,
    now: datetime,
    policy: lockout.LockoutPolicy = lockout.DEFAULT_POLICY,
) -> LoginOutcome:
    """A new staff session, or no token for a wrong username/password or a locked name.

    The caller must commit even when there is no token: the failure count lives in this
    transaction.
    """
    until = lockout.locked_until(session, username, now=now)
    if until is not None:
        return LoginOutcome(locked_until=until)
    user = session.scalar(select(User).where(User.username == username, User.active))
    # An unknown name still costs one argon2 check, so timing does not tell names apart.
    password_hash = user.password_hash if user is not None else _unknown_user_hash()
    if not verify_password(password_hash, password) or user is None:
        until = lockout.record_failure(session, username, now=now, policy=policy)
        return LoginOutcome(locked_until=until)
    lockout.clear(session, username)
    token = new_token()
    session.add(
        UserSession(
            token_hash=hash_secret(token),
            user_id=user.id,
            created_at=now,
            expires_at=now + timedelta(hours=STAFF_SESSION_HOURS),
        )
    )
    return LoginOutcome(token=token)


@functools.cache
def _unknown_user_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def purge_expired(
    session: Session, *, now: datetime, policy: lockout.LockoutPolicy = lockout.DEFAULT_POLICY
) -> dict[str, int]:
    """Delete what can never be used again, so these tables stay small for years.

    Expired staff sessions; devices whose one-time code expired before any laptop used it
    (a used code is already erased at enrolment, and a device never enrolled holds no
    records); failed-login rows that neither lock nor count any more.
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
        "login_failures": lockout.purge(session, now=now, policy=policy),
    }


def user_for_token(session: Session, token: str, *, now: datetime) -> User | None:
    row = session.scalar(select(UserSession).where(UserSession.token_hash == hash_secret(token)))
    if row is None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def issue_enrolment(
    session: Session,
    *,
    neighbourhood_code: str,
    volunteer_name: str,
    now: datetime,
    valid_for: timedelta = timedelta(minutes=DEFAULT_ENROLMENT_MINUTES),
) -> IssuedEnrolment:
    """Create a device waiting for its laptop, with a one-time code valid for ``valid_for``."""
    if not neighbourhood_code.strip() or not volunteer_name.strip():
        raise AccountError(
            "Cần mã khu phố và tên tình nguyện viên.",
            "A neighbourhood code and a volunteer name are needed.",
        )
    code = new_enrolment_code()
    device = Device(
        id=str(uuid.uuid4()),
        neighbourhood_code=neighbourhood_code.strip(),
        volunteer_name=volunteer_name.strip(),
        created_at=now,
        enrol_code_hash=hash_secret(code),
        enrol_expires_at=now + valid_for,
    )
    session.add(device)
    session.flush()
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
    return Enrolled(device, token)


def device_for_token(session: Session, token: str) -> Device | None:
    return session.scalar(select(Device).where(Device.token_hash == hash_secret(token)))


def revoke_device(session: Session, device_id: str, *, now: datetime) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise AccountError(f"Không có thiết bị {device_id}.", f"There is no device {device_id}.")
    if device.revoked_at is None:
        device.revoked_at = now
        device.enrol_code_hash = None
    return device


def list_devices(session: Session) -> list[Device]:
    return list(session.scalars(select(Device).order_by(Device.created_at)))
