"""The laptops' endpoints: health probe, enrolment, push, pull."""

from __future__ import annotations

import json
import time
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.contract.bundle import encode_key, key_id, valid_signing_public_key
from sync.contract.wire import (
    API_PREFIX,
    MAX_CURSOR,
    PROTOCOL_VERSION,
    EnrolRequest,
    EnrolResponse,
    HealthResponse,
    PullResponse,
    PushResponse,
)
from sync.server import accounts, feed
from sync.server import messages as msg
from sync.server.api.deps import DB, Context, CurrentDevice, ServerContext, rate_limited
from sync.server.api.errors import ApiError
from sync.server.device_reference import note_pull
from sync.server.handlers import BadPush, Inflater, apply_push, decode_push, gzip_bytes
from sync.server.push import Sender
from sync.server.quota import QuotaExceeded

router = APIRouter(prefix=API_PREFIX, tags=["device"])

PUSH_PATH = f"{API_PREFIX}/push"
ENROL_PATH = f"{API_PREFIX}/enroll"


@router.get("/health", response_model=HealthResponse)
def health(context: Context) -> HealthResponse:
    """Cheap reachability probe: no database access, no authentication."""
    return HealthResponse(status="ok", protocol=PROTOCOL_VERSION, server_version=context.version)


@router.post(
    "/enroll",
    response_model=EnrolResponse,
    dependencies=[Depends(rate_limited(lambda c: c.enrol_limit))],
)
def enroll(body: EnrolRequest, session: DB, context: Context) -> EnrolResponse:
    """Trade a one-time enrolment code for this laptop's device token."""
    signing_key = body.signing_public_key
    if signing_key is not None and not valid_signing_public_key(signing_key):
        raise ApiError(422, msg.BAD_SIGNING_KEY)
    enrolled = accounts.enrol(
        session, body.code, now=context.now(), signing_public_key=signing_key
    )
    if enrolled is None:
        raise ApiError(400, msg.BAD_ENROLMENT_CODE)
    device = enrolled.device
    ward_key = context.bundle_public_key
    return EnrolResponse(
        device_id=device.id,
        token=enrolled.token,
        neighbourhood_code=device.neighbourhood_code,
        volunteer_name=device.volunteer_name,
        server_name=context.settings.server_name,
        bundle_public_key=encode_key(ward_key) if ward_key else None,
        bundle_key_id=key_id(ward_key) if ward_key else None,
    )


@router.post(
    "/push",
    response_model=PushResponse,
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "A PushRequest as JSON, normally with Content-Encoding: gzip.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}
            },
        }
    },
)
async def push(request: Request, device: CurrentDevice, context: Context) -> Response:
    """Store this device's new record versions; one result per item, in order.

    The body is read and inflated as it arrives, never past the limits, and parsed item by
    item after that (see ``sync.server.handlers``).
    """
    if context.linking is not None:
        context.linking.push_started()  # no resident scoring competes with a push
    try:
        return await _push(request, device, context)
    finally:
        if context.linking is not None:
            context.linking.pushed()  # its records are scored once the pushes pause


async def _push(request: Request, device: Sender, context: ServerContext) -> Response:
    settings = context.settings
    try:
        inflater = Inflater(
            request.headers.get("content-encoding"), settings.max_push_inflated_bytes
        )
        async for chunk in request.stream():
            inflater.feed(chunk)
        body = [inflater.text()]
    except BadPush as exc:
        raise ApiError(exc.status, exc.message) from None

    def work() -> tuple[bytes, str]:
        started = time.perf_counter()
        # Handed over, not kept: the text is freed as soon as it is parsed.
        text = body.pop()
        decoded = decode_push(text, context.references.checker(), max_items=settings.max_push_items)
        del text
        parsed = time.perf_counter()
        answer = apply_push(
            context.engine, decoded, sender=device, now=context.now, quota=context.quota
        ).to_json()
        stored = time.perf_counter()
        # Server-Timing lets an operator see where a slow sync spends its time.
        timing = (
            f"decode;dur={(parsed - started) * 1000:.1f}, store;dur={(stored - parsed) * 1000:.1f}"
        )
        return answer, timing

    try:
        answer, timing = await run_in_threadpool(work)
    except BadPush as exc:
        raise ApiError(exc.status, exc.message) from None
    except QuotaExceeded as exc:
        raise ApiError(
            429,
            msg.quota_exceeded(exc.retry_after, exc.quota.records, exc.quota.bytes),
            headers={"Retry-After": str(exc.retry_after)},
        ) from None
    headers = {"Server-Timing": timing}
    if "gzip" in request.headers.get("accept-encoding", "") and len(answer) > 1024:
        answer = await run_in_threadpool(gzip_bytes, answer)
        headers["Content-Encoding"] = "gzip"
    return Response(answer, media_type="application/json", headers=headers)


@router.get("/pull", response_model=PullResponse)
def pull(
    device: CurrentDevice,
    context: Context,
    cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=feed.MAX_PAGE)] = feed.DEFAULT_PAGE,
    reference_version: Annotated[str | None, Query(max_length=400)] = None,
) -> Response:
    """What this device must learn: the ward's answers about the records it owns, and
    reference data, after ``cursor``."""
    with context.engine.connect() as conn:
        page = feed.read_page(
            conn,
            device_id=device.id,
            cursor=cursor,
            limit=limit,
            reference_version=reference_version,
        )
    note_pull(context.engine, device.id, reference_version, now=context.now())
    body = {
        "cursor": page.cursor,
        "has_more": page.has_more,
        "items": page.items,
        "reference": page.reference.model_dump() if page.reference else None,
    }
    return Response(
        json.dumps(body, ensure_ascii=False, default=str), media_type="application/json"
    )
