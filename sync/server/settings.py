"""Every option of the ward server in one object.

Values come, highest first, from the ``hotroso-server`` command line (which fills this object),
from environment variables ``HOTROSO_SERVER_<NAME>`` (``HOTROSO_SERVER_DB``,
``HOTROSO_SERVER_QUOTA_RECORDS_PER_DAY`` …; ``FORWARDED_ALLOW_IPS`` is also read, as uvicorn
does), then from the defaults below. The defaults are the ones documented in docs/sync.md and
docs/deployment.md.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from sync.contract.wire import MAX_BATCH_ITEMS, MAX_BODY_BYTES

KIB = 1024
MIB = 1024 * 1024


def default_data_dir() -> Path:
    """The server's own folder (SQLite file, enrolment QR codes): per-user data folder."""
    return Path(platformdirs.user_data_dir("hotroso-server", appauthor=False))


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HOTROSO_SERVER_", extra="forbid", populate_by_name=True
    )

    # ---- where ----------------------------------------------------------------------------
    #: Database URL or SQLite file path; ``None``: ``ward.sqlite3`` in ``data_dir``.
    db: str | None = None
    data_dir: Path = Field(default_factory=default_data_dir)

    # ---- listening --------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(8765, ge=1, le=65535)
    cert: Path | None = None
    key: Path | None = None
    access_log: bool = False
    #: Reverse proxies whose ``X-Forwarded-For`` is believed (comma-separated); ``None``:
    #: uvicorn's default, 127.0.0.1 only.
    forwarded_allow_ips: str | None = Field(
        None,
        validation_alias=AliasChoices(
            "forwarded_allow_ips", "HOTROSO_SERVER_FORWARDED_ALLOW_IPS", "FORWARDED_ALLOW_IPS"
        ),
    )
    #: The server listens beyond loopback without TLS on purpose: a TLS proxy is in front.
    behind_proxy: bool = False
    #: Serve ``/docs`` (Swagger UI, from bundled files: no CDN). Off by default.
    docs: bool = False
    server_name: str = Field("Hỗ trợ số ward server", max_length=200)
    #: The ward's USB-bundle key (PEM; made by ``serve`` when missing; back it up). ``None``:
    #: ``$HOTROSO_BUNDLE_KEY``, else ``ward-bundle-key.pem`` in ``data_dir``.
    bundle_key: Path | None = None

    # ---- request bounds (bytes) -----------------------------------------------------------
    #: A push as sent (normally gzip).
    max_push_bytes: int = Field(MAX_BODY_BYTES, ge=KIB)
    #: A push once inflated; gzip inflation stops here.
    max_push_inflated_bytes: int = Field(MAX_BODY_BYTES, ge=KIB)
    max_push_items: int = Field(MAX_BATCH_ITEMS, ge=1)
    #: ``/auth/login``, ``/auth/password``, ``/enroll``: small, unauthenticated or nearly.
    max_auth_bytes: int = Field(4 * KIB, ge=256)
    max_reference_bytes: int = Field(MIB, ge=KIB)
    #: Every other request body (staff actions).
    max_json_bytes: int = Field(64 * KIB, ge=KIB)

    # ---- per-device daily quota (ward day, UTC+7) ------------------------------------------
    #: Record versions a device may store per day; far above a volunteer's day, enough for
    #: a laptop's first sync after weeks offline.
    quota_records_per_day: int = Field(50_000, ge=1)
    #: Bytes of record JSON a device may store per day.
    quota_bytes_per_day: int = Field(256 * MIB, ge=MIB)

    # ---- guessing -----------------------------------------------------------------------------
    #: Enrolment and login attempts per client address and minute (each its own bucket).
    auth_attempts_per_minute: int = Field(10, ge=1, le=10_000)
    #: Wrong passwords for one username from one address before delays start.
    login_free_failures: int = Field(3, ge=1, le=100)
    #: The first delay; each further failure doubles it, up to ``login_max_delay_seconds``.
    login_first_delay_seconds: float = Field(2.0, gt=0, le=3600)
    login_max_delay_seconds: float = Field(900.0, gt=0, le=86_400)
    #: Failures older than this no longer count.
    login_forget_hours: float = Field(24.0, gt=0, le=24 * 365)

    # ---- housekeeping ---------------------------------------------------------------------
    staff_session_hours: float = Field(12.0, gt=0, le=24 * 30)
    purge_interval_seconds: float = Field(3600.0, gt=0)
    #: Resident proposals for pushed records are scored once pushes have paused this long
    #: (so a burst of syncs is stored at full speed), and at least this often otherwise.
    link_quiet_seconds: float = Field(2.0, ge=0, le=3600)
    link_interval_seconds: float = Field(30.0, gt=0, le=86_400)

    # ---- USB bundles (``import-bundle``) ---------------------------------------------------
    #: The bundle file as carried (gzip); its signature is checked before it is inflated.
    max_bundle_bytes: int = Field(64 * MIB, ge=KIB)
    max_bundle_inflated_bytes: int = Field(256 * MIB, ge=KIB)
    max_bundle_items: int = Field(100_000, ge=1)

    @model_validator(mode="after")
    def _tls_pair(self) -> ServerSettings:
        if (self.cert is None) != (self.key is None):
            raise ValueError("--cert and --key go together")
        return self

    @property
    def qr_dir(self) -> Path:
        return self.data_dir / "enrolment"

    def database_url(self) -> str:
        return self.db or f"sqlite:///{self.data_dir / 'ward.sqlite3'}"


#: ``serve --help`` text of each option (the field's name with dashes is the flag).
HELP: dict[str, str] = {
    "bundle_key": "the ward's USB-bundle key (PEM; made when missing; default $HOTROSO_BUNDLE_KEY, "
    "else ward-bundle-key.pem in --data-dir). Back it up.",
    "host": "address to listen on (default 127.0.0.1: this machine only)",
    "port": "port to listen on (default 8765)",
    "cert": "TLS certificate (PEM); else plain HTTP",
    "key": "TLS private key (PEM)",
    "access_log": "log every request",
    "forwarded_allow_ips": "reverse proxies whose X-Forwarded-For is believed (comma-separated;"
    " default $FORWARDED_ALLOW_IPS, else 127.0.0.1)",
    "behind_proxy": "listening beyond loopback without TLS on purpose: a TLS proxy is in front",
    "docs": "serve /docs (Swagger UI from bundled files; off by default)",
    "server_name": "the name laptops show for this server",
    "max_push_bytes": "largest push body as sent, bytes (default 16 MiB)",
    "max_push_inflated_bytes": "largest push body once inflated, bytes (default 16 MiB)",
    "max_push_items": "most items in one push (default 5000)",
    "max_auth_bytes": "largest body of /auth/* and /enroll, bytes (default 4096)",
    "max_reference_bytes": "largest reference data an administrator publishes, bytes "
    "(default 1 MiB)",
    "max_json_bytes": "largest body of every other route, bytes (default 65536)",
    "quota_records_per_day": "record versions one device may store per ward day (default 50000)",
    "quota_bytes_per_day": "bytes of records one device may store per ward day (default 256 MiB)",
    "auth_attempts_per_minute": "enrolment and login attempts per client address and minute",
    "login_free_failures": "wrong passwords per username and address before delays start",
    "login_first_delay_seconds": "first delay after those; doubles after each further failure",
    "login_max_delay_seconds": "longest delay (default 900 s)",
    "login_forget_hours": "hours after which failures no longer count (default 24)",
    "staff_session_hours": "how long a staff sign-in lasts (default 12)",
    "purge_interval_seconds": "seconds between purges of expired sessions and codes",
    "link_quiet_seconds": "score pushed records for resident pairs once pushes pause this long",
    "link_interval_seconds": "seconds between checks for other records queued for scoring",
    "max_bundle_bytes": "largest USB bundle file, bytes (default 64 MiB)",
    "max_bundle_inflated_bytes": "largest bundle once inflated, bytes (default 256 MiB)",
    "max_bundle_items": "most records in one bundle (default 100000)",
}
