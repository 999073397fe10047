"""The sync protocol's message shapes (version 1), shared by the server and the client.

Shapes only: JSON keys and value types. The server builds and parses the large push messages
directly (a 10,000-record push must not pay for one pydantic object per result), and these
models document them in the served OpenAPI schema and type the client's view of them.

Push
    ``POST /api/v1/push`` with a gzip-compressed :class:`PushRequest`; answer
    :class:`PushResponse` with one :class:`PushResult` per item, in the same order.
Pull
    ``GET /api/v1/pull?cursor=N&reference_version=V`` answers :class:`PullResponse`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
#: The oldest client protocol this server still speaks. Raise it when a change to the protocol
#: would make an older laptop send or read something wrong: it is then told to update.
MIN_CLIENT_PROTOCOL = 1
#: Every client request names its protocol version in this header. A request without it is
#: taken as protocol 1, the version that existed before the header did.
PROTOCOL_HEADER = "X-Hotroso-Protocol"
API_PREFIX = "/api/v1"
#: Limits the server enforces; the client sizes its batches below them.
MAX_BATCH_ITEMS = 5000
MAX_BODY_BYTES = 64 * 1024 * 1024  # decompressed


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # stored; it is now the record's head
    ALREADY_HAD = "already_had"  # an exact replay of a version the server holds
    CONFLICT = "conflict"  # stored beside the head (base revision != head); flagged
    REJECTED = "rejected"  # not stored: see reason; fix it and send again


class Message(BaseModel):
    """A plain-language message in both languages, with a stable machine code."""

    code: str
    message_vi: str
    message_en: str
    field: str | None = None


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer of the API has this body."""

    error: Message
    problems: list[Message] = Field(default_factory=list)


class PushItem(BaseModel):
    base_revision: int = Field(
        ge=0, description="The server revision this edit was made on (0 for a new record)."
    )
    record: dict[str, Any] = Field(description="The record in its wire shape (AssistanceRecord).")


class PushRequest(BaseModel):
    batch_id: str = Field(description="Client-chosen id; a resent batch keeps its id (logging).")
    items: list[PushItem] = Field(max_length=MAX_BATCH_ITEMS)


class PushResult(BaseModel):
    model_config = ConfigDict(extra="allow")

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
    code: str = Field(min_length=4, max_length=64)
    device_label: str = Field(default="", max_length=200)
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
