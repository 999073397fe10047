"""The ward API's message shapes (protocol version 1), shared by the server and the client.

Every request body and every answer of the API is one of these models: the server declares
them in its OpenAPI document (``/openapi.json``) and validates requests with them, the client
parses the answers with them. Two answers are built by the server directly for speed (the push
answer of up to 5,000 results and the pull page), and a test checks real ones against
:class:`PushResponse` and :class:`PullResponse`.

Every integer is bounded (a revision fits the database's 32-bit column, a cursor its 64-bit
one) and every text has a maximum length and no NUL character, so a request that is out of
range is answered 422 naming the field, never a database error.

Push
    ``POST /api/v1/push`` with a gzip-compressed :class:`PushRequest`; answer
    :class:`PushResponse` with one :class:`PushResult` per item, in the same order.
Pull
    ``GET /api/v1/pull?cursor=N&reference_version=V`` answers :class:`PullResponse`.
Consent withdrawn
    ``POST /api/v1/withdrawals`` (:class:`WithdrawalRequest` → :class:`WithdrawalResponse`):
    a laptop asks the ward to erase the personal data of records it owns.
Staff
    ``POST /api/v1/auth/login`` (:class:`LoginRequest` → :class:`LoginResponse`), then
    ``/api/v1/records…`` and, for administrators, ``/api/v1/admin…``.
Errors
    Every 4xx/5xx answer is an :class:`ErrorBody`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.contract.record import MAX_REVISION, NUL_FREE, AssistanceRecord

#: 2: the server takes a laptop's identity from its token (records carry the enrolment's device
#: id, see docs/sync.md "Ownership") and USB bundles are format 2. A laptop of protocol 1
#: cannot meet that (its records carry another device id), so it is told to update.
PROTOCOL_VERSION = 2
#: The oldest client protocol this server still speaks. Raise it when a change to the protocol
#: would make an older laptop send or read something wrong: it is then told to update.
MIN_CLIENT_PROTOCOL = 2
#: Every laptop names its protocol version in this header (since protocol 1). A request
#: without it is not a laptop's (a script, a staff tool): it is taken as the current version.
PROTOCOL_HEADER = "X-Hotroso-Protocol"
API_PREFIX = "/api/v1"
#: Limits the server enforces; the client sizes its batches below them.
MAX_BATCH_ITEMS = 5000
#: A push body, decompressed. The client keeps each batch below it (a batch of 2,000 typical
#: records is about 3 MiB); the server stops inflating a gzip body at this size.
MAX_BODY_BYTES = 16 * 1024 * 1024
#: One push item's JSON text: far above any record the contract allows, checked per item
#: before the item is validated.
MAX_ITEM_BYTES = 96 * 1024
#: Feed sequence numbers are 64-bit.
MAX_CURSOR = 2**63 - 1
#: Page offsets of the staff lists.
MAX_OFFSET = 2**31 - 1
MAX_PULL_PAGE = 2000
MAX_COMMENT = 4000
MAX_USERNAME = 64
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
#: A device id is the UUID the server gave the laptop at enrolment.
DEVICE_ID_LENGTH = 36


def _text(max_length: int, *, min_length: int = 0, default: Any = ..., **kw: Any) -> Any:
    return Field(default, min_length=min_length, max_length=max_length, pattern=NUL_FREE, **kw)


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # stored; it is now the record's head
    ALREADY_HAD = "already_had"  # an exact replay of a version the server holds
    CONFLICT = "conflict"  # stored beside the head (base revision != head); flagged
    REJECTED = "rejected"  # not stored: see reason; fix it and send again


class Role(StrEnum):
    """Staff account roles (devices are not accounts: they hold a device token)."""

    ADMIN = "admin"  # everything staff do, and the accounts
    STAFF = "staff"  # ward staff: review, correct, resolve, hand records over
    TEAM_LEAD = "team_lead"  # reviews the records of their neighbourhood
    VOLUNTEER = "volunteer"  # works through an enrolled device, no staff API


class ReviewState(StrEnum):
    RECEIVED = "received"
    APPROVED = "approved"
    HAS_ISSUES = "has_issues"
    REJECTED = "rejected"
    #: The volunteer sent a new revision after a needs-fixing comment: the ward re-checks it.
    #: Set by the server when the revision arrives, never by staff.
    FIXED = "fixed"


class Message(BaseModel):
    """A plain-language message in both languages, with a stable machine code; ``field``
    names the request field it is about, when it is about one."""

    code: str
    message_vi: str
    message_en: str
    field: str | None = None


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer of the API has this body: what went wrong (``error``) and, for a
    request that is not valid, one problem per field."""

    error: Message
    problems: list[Message] = Field(default_factory=list)


# ---- devices ---------------------------------------------------------------------------------


class PushItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_revision: int = Field(
        ge=0,
        le=MAX_REVISION,
        description="The server revision this edit was made on (0 for a new record).",
    )
    record: AssistanceRecord


class PushRequest(BaseModel):
    batch_id: str = _text(64, default="", description="Client-chosen id (for logs).")
    items: list[PushItem] = Field(max_length=MAX_BATCH_ITEMS)


class PushResult(BaseModel):
    index: int
    id: str | None
    revision: int | None
    outcome: Outcome
    #: For ``already_had``: what the server made of the version when it first arrived.
    original_outcome: Outcome | None = None
    head_revision: int | None = None
    reason: Message | None = None
    problems: list[Message] = Field(default_factory=list)


class PushResponse(BaseModel):
    batch_id: str
    results: list[PushResult]
    counts: dict[str, int]


class FeedEntry(BaseModel):
    seq: int
    kind: str
    record_id: str | None
    data: dict[str, Any]
    created_at: str


class ReferenceUpdate(BaseModel):
    version: str
    documents: dict[str, Any]


class PullResponse(BaseModel):
    cursor: int = Field(description="Pass it back as ?cursor= next time.")
    has_more: bool
    items: list[FeedEntry]
    reference: ReferenceUpdate | None = None


class EnrolRequest(BaseModel):
    code: str = _text(64, min_length=4)
    device_label: str = _text(200, default="")
    signing_public_key: str | None = Field(
        default=None,
        min_length=44,
        max_length=44,
        description="The device's Ed25519 public key (base64 of 32 bytes), made at enrolment: "
        "the ward checks USB bundles with it. Laptops older than bundle format 2 send none.",
    )


class EnrolResponse(BaseModel):
    device_id: str
    token: str
    neighbourhood_code: str
    volunteer_name: str
    server_name: str
    bundle_public_key: str | None = Field(
        default=None,
        description="The ward's X25519 public key (base64 of 32 bytes) that USB bundles are "
        "encrypted to; absent when the server has no bundle key.",
    )
    bundle_key_id: str | None = None


class HealthResponse(BaseModel):
    status: str
    protocol: int
    server_version: str


# ---- staff: sign-in and own account ---------------------------------------------------------


class LoginRequest(BaseModel):
    username: str = _text(MAX_USERNAME, min_length=1)
    # Bounded: argon2 hashes whatever it is given, and a megabyte password costs CPU.
    password: str = _text(MAX_PASSWORD, min_length=1)


class LoginResponse(BaseModel):
    token: str
    expires_at: datetime
    username: str
    role: Role
    neighbourhood_code: str | None = None


class PasswordChange(BaseModel):
    current_password: str = _text(MAX_PASSWORD, min_length=1)
    new_password: str = _text(MAX_PASSWORD, min_length=MIN_PASSWORD)


class Done(BaseModel):
    """The answer of an action that has nothing else to say."""

    status: Literal["ok"] = "ok"
    sessions_revoked: int = 0


# ---- staff: records ---------------------------------------------------------------------------


class ReviewRequest(BaseModel):
    state: ReviewState
    comment: str = _text(MAX_COMMENT, default="")


class ReviewResponse(BaseModel):
    id: str
    review_state: ReviewState


class CorrectionRequest(BaseModel):
    """Fields to change, by their contract name, with the values as a laptop would send them;
    they go through the same validation and normalisation as a laptop's record."""

    changes: dict[str, Any] = Field(max_length=64)
    comment: str = _text(MAX_COMMENT, default="")


class ResolveRequest(BaseModel):
    revision: int = Field(ge=1, le=MAX_REVISION)
    content_hash: str = Field(min_length=8, max_length=64, pattern=r"^[0-9a-f]+$")
    comment: str = _text(MAX_COMMENT, default="")


class FieldResolveRequest(BaseModel):
    """A conflict resolved field by field in one request: for each field that differs, the
    value chosen from either version or typed (contract field names, values as a laptop
    sends them; validated like a correction). ``head_revision``: the head looked at."""

    head_revision: int = Field(ge=1, le=MAX_REVISION)
    changes: dict[str, Any] = Field(max_length=64)
    comment: str = _text(MAX_COMMENT, default="")


class HandOverRequest(BaseModel):
    device_id: str = _text(DEVICE_ID_LENGTH, min_length=1)
    comment: str = _text(MAX_COMMENT, default="")


class HandOverResponse(BaseModel):
    id: str
    owner_device_id: str
    previous_owner_device_id: str | None


class RecordVersionInfo(BaseModel):
    revision: int
    base_revision: int
    content_hash: str
    device_id: str | None
    outcome: str
    via: str
    received_at: datetime
    record: dict[str, Any]


class RecordSummary(BaseModel):
    id: str
    head_revision: int
    neighbourhood_code: str
    #: The device allowed to send new versions (the one that made it, or the one the ward
    #: handed it to).
    owner_device_id: str | None
    flagged: bool
    review_state: ReviewState
    review_comment: str
    record: dict[str, Any]
    versions: list[RecordVersionInfo] = Field(default_factory=list)


# ---- administrators ---------------------------------------------------------------------------


class UserSummary(BaseModel):
    username: str
    full_name: str
    role: Role
    neighbourhood_code: str | None
    active: bool
    created_at: datetime


class PasswordReset(BaseModel):
    new_password: str = _text(MAX_PASSWORD, min_length=MIN_PASSWORD)


class UserActionResponse(BaseModel):
    username: str
    active: bool
    sessions_revoked: int = 0


# ---- a laptop: consent withdrawn ---------------------------------------------------------------

#: Records per withdrawal request (one resident has a handful; a laptop sends what is pending).
MAX_WITHDRAWAL_RECORDS = 500


class WithdrawalOutcome(StrEnum):
    #: The personal data of every stored copy was erased (or had been already).
    ERASED = "erased"
    #: The ward has no such record (it never reached the server): nothing to erase there.
    UNKNOWN = "unknown"
    #: Another device owns the record: this one may not withdraw for it.
    REFUSED = "refused"


class WithdrawalRequest(BaseModel):
    """Residents withdrew their consent on this laptop: erase these records' personal data on
    the ward server (the records this device owns)."""

    model_config = ConfigDict(extra="forbid")

    record_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_WITHDRAWAL_RECORDS)


class WithdrawalResult(BaseModel):
    record_id: str
    outcome: WithdrawalOutcome


class WithdrawalResponse(BaseModel):
    """One result per record asked for, in the order asked."""

    results: list[WithdrawalResult]


# ---- reports (issue 12) -----------------------------------------------------------------------

#: A report's drill-down pages and the audit log's pages.
MAX_REPORT_PAGE = 500
MAX_REASON = 1000
ReportFormat = Literal["csv", "xlsx", "pdf"]
BreakdownName = Literal[
    "total", "neighbourhood", "category", "procedure", "volunteer", "result", "place"
]


class ReportPeriod(BaseModel):
    """Two inclusive dates and what kind of period they are (``week``, ``month``,
    ``quarter``, ``first_half`` = "6 tháng đầu năm", ``second_half``, ``year``, ``custom``)."""

    kind: str
    start: date
    end: date
    label_vi: str = ""
    label_en: str = ""


class FigureRowOut(BaseModel):
    """One row of a breakdown: its code (what the drill-down takes back) and its figures."""

    code: str
    name_vi: str
    name_en: str
    records: int
    residents: int
    online_dossiers: int


class BreakdownOut(BaseModel):
    breakdown: BreakdownName
    title_vi: str
    title_en: str
    rows: list[FigureRowOut]


class TrendPointOut(BaseModel):
    start: date
    end: date
    label_vi: str
    label_en: str
    records: int
    online_dossiers: int


class PeriodFiguresOut(BaseModel):
    period: ReportPeriod
    total: FigureRowOut
    breakdowns: list[BreakdownOut]
    granularity: Literal["week", "month"]
    trend: list[TrendPointOut] = Field(default_factory=list)


class LockOut(BaseModel):
    lock_id: int
    locked_at: datetime
    locked_by: str
    #: Records of the period changed since it was locked (kept, flagged, not in the report).
    changed_records: int


class ReportOut(BaseModel):
    """A period's figures with the previous period's; ``locked`` when they are a locked
    period's snapshot; ``neighbourhood`` when limited to one (a team lead's report)."""

    current: PeriodFiguresOut
    previous: PeriodFiguresOut
    reference_version: str
    computed_at: datetime
    locked: LockOut | None = None
    neighbourhood: str | None = None
    neighbourhood_name: str | None = None


class ReportRecordItem(BaseModel):
    """One record behind a figure, as the drill-down lists it."""

    id: str
    assisted_on: date | None
    full_name: str
    neighbourhood_code: str
    category: str
    procedure_code: str | None = None
    result: str
    volunteer_name: str
    review_state: ReviewState
    changed_after_lock: bool = False


class ReportRecordsPage(BaseModel):
    items: list[ReportRecordItem]
    offset: int
    has_more: bool


class PeriodRequest(BaseModel):
    start: date
    end: date


class UnlockRequest(PeriodRequest):
    reason: str = _text(MAX_REASON, min_length=1)


class LockResponse(BaseModel):
    period: ReportPeriod
    locked: bool
    lock_id: int


class ReportSettingsBody(BaseModel):
    """Who issues and signs the PDF report (Nghị định 30/2020 header and signature)."""

    parent_body: str = _text(200, default="")
    issuing_body: list[str] = Field(min_length=1, max_length=4)
    number: str = _text(20, default="")
    symbol: str = _text(40, default="BC-UBND")
    place_name: str = _text(200, min_length=1)
    signer_titles: list[str] = Field(min_length=1, max_length=4)
    signer_name: str = _text(200, default="")
    recipients: list[str] = Field(default_factory=list, max_length=10)
    subject: str = _text(400, min_length=1)


# ---- administrators: accounts, devices, reference data, audit (issue 12) ---------------------


class UserCreate(BaseModel):
    username: str = _text(MAX_USERNAME, min_length=1)
    password: str = _text(MAX_PASSWORD, min_length=MIN_PASSWORD)
    role: Role
    full_name: str = _text(200, default="")
    neighbourhood_code: str | None = _text(32, default=None)


class UserUpdate(BaseModel):
    """A new role and/or neighbourhood (a team lead needs one); omitted fields stay."""

    role: Role | None = None
    neighbourhood_code: str | None = _text(32, default=None)
    full_name: str | None = _text(200, default=None)


class DeviceSummary(BaseModel):
    id: str
    neighbourhood_code: str
    volunteer_name: str
    #: ``waiting`` (code issued, not used), ``expired`` (code unused in time), ``enrolled``,
    #: ``revoked``.
    state: Literal["waiting", "expired", "enrolled", "revoked"]
    created_at: datetime
    enrol_expires_at: datetime | None
    enrolled_at: datetime | None
    revoked_at: datetime | None
    last_seen_at: datetime | None
    records_made: int = 0
    records_owned: int = 0
    #: The reference data version the laptop last said it has (at its pull), if any.
    reference_version: str | None = None


class EnrolmentRequest(BaseModel):
    neighbourhood_code: str = _text(32, min_length=1)
    volunteer_name: str = _text(200, min_length=1)
    valid_minutes: int = Field(60, ge=1, le=7 * 24 * 60)
    #: Put in the QR code so that the laptop knows where to enrol (optional).
    server_url: str | None = _text(400, default=None)


class EnrolmentIssued(BaseModel):
    device_id: str
    code: str
    expires_at: datetime
    qr_payload: str
    #: The QR code as a PNG image, base64.
    qr_png: str


class ReferenceEntry(BaseModel):
    code: str
    name_vi: str
    name_en: str = ""
    detail: str = ""


class DeviceReference(BaseModel):
    device_id: str
    volunteer_name: str
    neighbourhood_code: str
    reference_version: str | None
    up_to_date: bool
    last_seen_at: datetime | None


class ReferenceOverview(BaseModel):
    """The reference data in force and what each enrolled laptop has received of it."""

    version: str
    published_at: datetime | None
    neighbourhoods: list[ReferenceEntry]
    categories: list[ReferenceEntry]
    procedures: list[ReferenceEntry]
    devices: list[DeviceReference]


class ReferencePublish(BaseModel):
    """A new set of reference data to publish: the parsed documents of the five files
    (``{"ward": {...}, "categories": {...}, …}``, as ``hotroso-server publish-reference``
    reads them from TOML), checked by the contract exactly as laptops check what they get."""

    documents: dict[str, dict[str, Any]]


class ReferencePublished(BaseModel):
    version: str
    published_at: datetime


class AuditEntryOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    offset: int
    has_more: bool


class WhoAmI(BaseModel):
    """``GET /auth/me``: the signed-in account."""

    username: str
    full_name: str
    role: Role
    neighbourhood_code: str | None

# ---- staff: the same resident across records (duplicate pairs) ---------------------------------

#: A proposal page: at most this many pairs.
MAX_PROPOSAL_PAGE = 200


class ProposalState(StrEnum):
    OPEN = "open"
    LINKED = "linked"  # the same person: the two records belong to one resident
    DIFFERENT = "different"  # different people: never proposed again
    EXCLUDED = "excluded"  # a double entry: one record left out of counts


class ProposalLevel(StrEnum):
    CERTAIN = "certain"
    LIKELY = "likely"
    POSSIBLE = "possible"


class ProposalKind(StrEnum):
    SAME_PERSON = "same_person"
    DOUBLE_ENTRY = "double_entry"  # the same person, category and day: one help recorded twice


class ProposalReason(BaseModel):
    """One comparison in words, with the evidence (bits) it added or took away."""

    code: str
    vi: str
    en: str
    weight: float


class ProposalSide(BaseModel):
    """What a list row shows of one record of a pair (from the resident index)."""

    record_id: str
    neighbourhood_code: str
    full_name: str
    birth_year: int | None = None
    category: str | None = None
    assisted_on: str | None = None
    #: The resident this record belongs to now (its own id when never linked).
    resident_id: str
    excluded: bool = False


class ProposalInfo(BaseModel):
    id: int
    kind: ProposalKind
    level: ProposalLevel
    score: int = Field(ge=0, le=100)
    reasons: list[ProposalReason]
    state: ProposalState
    #: The "same person" decision that settled it (pass to ``/links/{id}/unlink`` to undo).
    link_id: int | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    a: ProposalSide
    b: ProposalSide


class ProposalPageResponse(BaseModel):
    items: list[ProposalInfo]
    #: ``after_score`` and ``after_id`` of the next page; ``None`` on the last page.
    next_after: tuple[int, int] | None = None


class ProposalDetail(BaseModel):
    """A pair with both records' current head versions, for the side-by-side view."""

    proposal: ProposalInfo
    record_a: dict[str, Any]
    record_b: dict[str, Any]
    #: Contract field names whose values differ between the two records.
    differing: list[str]


class ExcludeRequest(BaseModel):
    record_id: str = _text(36, min_length=1)
    reason: str = _text(MAX_COMMENT, default="")


class LinkRequest(BaseModel):
    """Two records staff found to be the same person themselves (never proposed, or
    proposed below the levels shown)."""

    record_a: str = _text(36, min_length=1)
    record_b: str = _text(36, min_length=1)


class ProposalDecision(BaseModel):
    """The answer of a decision on a pair: the pair as it is now (``None`` for a link or
    exclusion that was not made from a proposal)."""

    proposal: ProposalInfo | None = None
    #: For a link: its id (undo with ``/links/{link_id}/unlink``).
    link_id: int | None = None
    #: The records whose resident changed (a link or its undo).
    moved: list[str] = Field(default_factory=list)


# ---- staff: the review queue ---------------------------------------------------------------

MAX_SEARCH = 100


class QueuePage(BaseModel):
    """A page of the review queue (arrival order) with how many records match in all."""

    items: list[RecordSummary]
    total: int
    offset: int
    limit: int
