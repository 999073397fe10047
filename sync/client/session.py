"""The sync client: push the outbox, pull the ward's answers. Qt-free; the GUI runs it on its
background-work helper.

API for callers (GUI and ``hotroso sync``)::

    client = SyncClient(tokens=TokenStore(data_dir), clock=now)
    report = client.run(store, progress_cb, cancel_token)   # -> SyncReport, never raises for
                                                             #    known failures (see .status)
    probe(url) -> bool                                       # cheap reachability check
    enroll(store, tokens, server_url, code) -> Enrolment     # raises SyncError subclasses

``store`` is any :class:`sync.client.port.SyncStore` (the laptop's is
``desktop.store.sync_state.StoreSync``). ``progress_cb(SyncProgress)`` is called from the
worker thread after each batch/page. ``cancel_token.cancel()`` (any thread) aborts the request
in flight and stops the run; what the server had confirmed before stays recorded.

How "exactly once" holds on the laptop's side: a batch is saved as the *transfer* before it is
sent; outcomes are written only from a server answer, in one store transaction that also clears
the transfer; an interrupted run leaves the transfer, and the next run resends that batch first.
The server answers a resend ``already_had``, so nothing is counted twice, and nothing is marked
sent that the server did not confirm.
"""

from __future__ import annotations

import gzip
import ipaddress
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
import urllib3
from pydantic import ValidationError

from sync.client.credentials import TokenStore
from sync.client.errors import (
    DeviceRevoked,
    NotEnrolled,
    ServerRefused,
    SyncCancelled,
    SyncError,
    unreachable,
)
from sync.client.http import TIMEOUT, CancelToken, make_session
from sync.client.port import Enrolment, ItemOutcome, OutgoingItem, SyncStore, Transfer
from sync.client.report import Phase, Status, SyncProgress, SyncReport
from sync.contract.bundle import decode_key, encode_key, new_signing_key
from sync.contract.wire import (
    API_PREFIX,
    MAX_BATCH_ITEMS,
    MAX_BODY_BYTES,
    MAX_WITHDRAWAL_RECORDS,
    EnrolResponse,
    ErrorBody,
    HealthResponse,
    Message,
    Outcome,
    PullResponse,
    PushResponse,
    PushResult,
    WithdrawalOutcome,
    WithdrawalResponse,
)

ProgressCallback = Callable[[SyncProgress], None]
Clock = Callable[[], datetime]

DEFAULT_BATCH = 2000
ENROL_URI = "hotroso://enroll?"
FIRST_BATCH = 2000
PULL_PAGE = 500
#: gzip level for pushes: 6 halves the bytes of level 1 for ~2x the (small) CPU cost.
GZIP_LEVEL = 6
#: A batch's JSON stays below this (the server refuses bodies over MAX_BODY_BYTES inflated).
MAX_BATCH_BYTES = MAX_BODY_BYTES * 9 // 10


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SyncClient:
    """Runs syncs for one laptop. Holds no connection between runs: each ``run`` makes its own
    Session (so a cancelled run cannot poison the next) and closes it.

    Args:
        tokens: where the device token is kept.
        clock: the time written into the outbox and history.
        batch_size: records per push request (the server accepts up to 5,000).
        attempts: tries of one protocol call whose answer was cut off (urllib3 already retries
            what fails before an answer starts).
        session_factory: builds the requests Session (tests pass one without retries).
    """

    def __init__(
        self,
        *,
        tokens: TokenStore,
        clock: Clock = _utc_now,
        batch_size: int = DEFAULT_BATCH,
        attempts: int = 3,
        session_factory: Callable[..., requests.Session] = make_session,
    ) -> None:
        self._tokens = tokens
        self._clock = clock
        self._batch_size = max(1, min(batch_size, MAX_BATCH_ITEMS))
        self._attempts = max(1, attempts)
        self._session_factory = session_factory

    def run(
        self,
        store: SyncStore,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> SyncReport:
        """Push then pull. Known failures end up in the report (status, bilingual message)."""
        cancel = cancel or CancelToken()
        report = SyncReport(started_at=self._clock())
        try:
            enrolment = store.enrolment()
            if enrolment is None:
                raise _not_enrolled()
            token = self._tokens.load(enrolment.server_url, enrolment.device_id)
            if token is None:
                raise _not_enrolled()
            check_server_url(enrolment.server_url, allow_insecure=enrolment.allow_insecure)
            # Records made before enrolment (or by a window opened before it) take the
            # enrolment's device id before they are sent: one device id per laptop.
            store.adopt_device_id(enrolment.device_id, at=self._clock())
            ca = Path(enrolment.ca_cert) if enrolment.ca_cert else None
            with self._session_factory(ca_cert=ca, cancel=cancel) as http:
                run = _Run(
                    http,
                    enrolment,
                    token,
                    store,
                    report,
                    progress,
                    cancel,
                    self._clock,
                    attempts=self._attempts,
                )
                # Withdrawn consent first: the ward erases that data before anything else.
                run.withdraw()
                run.push(self._batch_size)
                run.pull()
        except DeviceRevoked as exc:
            store.mark_revoked(at=self._clock())
            _fail(report, Status.REVOKED, exc)
        except SyncCancelled as exc:
            _fail(report, Status.CANCELLED, exc)
        except SyncError as exc:
            _fail(report, Status.FAILED, exc)
        report.finished_at = self._clock()
        store.add_history(report.to_history())
        return report


class _Run:
    """One sync run's state (the HTTP session, counters); lives only inside ``run``."""

    def __init__(
        self,
        http: requests.Session,
        enrolment: Enrolment,
        token: str,
        store: SyncStore,
        report: SyncReport,
        progress: ProgressCallback | None,
        cancel: CancelToken,
        clock: Clock,
        *,
        attempts: int,
    ) -> None:
        self.http = http
        self.base = enrolment.server_url.rstrip("/") + API_PREFIX
        self.auth = {"Authorization": f"Bearer {token}"}
        self.store = store
        self.report = report
        self.progress = progress
        self.cancel = cancel
        self.clock = clock
        self.attempts = attempts

    # ---- consent withdrawn -------------------------------------------------------------------

    def withdraw(self) -> None:
        """Ask the ward to erase the records whose consent was withdrawn here, in requests of
        up to MAX_WITHDRAWAL_RECORDS; each answered id is settled at once (the call is
        idempotent: an interrupted run asks again for what was not answered)."""
        pending = self.store.pending_withdrawals()
        for start in range(0, len(pending), MAX_WITHDRAWAL_RECORDS):
            self.cancel.raise_if_cancelled()
            chunk = pending[start : start + MAX_WITHDRAWAL_RECORDS]
            answer = self._call("POST", "/withdrawals", json={"record_ids": chunk})
            try:
                results = WithdrawalResponse.model_validate(answer).results
            except ValidationError:
                results = []
            if len(results) != len(chunk):
                raise ServerRefused(
                    "Máy chủ trả lời không đúng định dạng; việc rút lại sự đồng ý sẽ được gửi "
                    "lại ở lần đồng bộ sau.",
                    "The server's answer was malformed; the withdrawn consent is sent again at "
                    "the next sync.",
                )
            outcomes = {r.record_id: r.outcome.value for r in results}
            self.store.settle_withdrawals(outcomes, at=self.clock())
            self.report.withdrawals += sum(
                1 for r in results if r.outcome is WithdrawalOutcome.ERASED)

    # ---- push ------------------------------------------------------------------------------

    def push(self, batch_size: int) -> None:
        """Send the outbox batch by batch, preparing the next batch (and recording the last
        answer) while the server works on the current one: the laptop and the server then use
        their CPUs at the same time instead of taking turns."""
        total = self.store.count_outgoing()
        done = 0
        resumed = self.store.pending_transfers()
        self.report.resumed = bool(resumed)
        with ThreadPoolExecutor(1, thread_name_prefix="sync-send") as sender:
            # Batches interrupted last time go first, one by one, exactly as they were.
            for transfer in resumed:
                self.cancel.raise_if_cancelled()
                items = self.store.outgoing(batch_size, only=transfer.outbox_ids)
                if items:  # else all of it was settled meanwhile (e.g. by a bundle)
                    outcomes = sender.submit(self._send_batch, transfer.batch_id, items).result()
                    done += self._settle(transfer.batch_id, outcomes, done, total)
                else:
                    self.store.apply_push_results([], at=self.clock(), batch_id=transfer.batch_id)
            # A small first batch gets the server working sooner; the rest are full-size.
            batch = self._next_batch(min(batch_size, FIRST_BATCH), after=0)
            in_flight = sender.submit(self._send_batch, *batch) if batch else None
            while batch is not None and in_flight is not None:
                # While the server works on this batch: prepare the next one.
                following = self._next_batch(batch_size, after=_last_first_id(batch[1]))
                try:
                    outcomes = in_flight.result()
                except BaseException:
                    # The prepared batch was never sent: forget it, so that only the batch
                    # that may have reached the server is resent first next time.
                    if following is not None:
                        self.store.apply_push_results([], at=self.clock(), batch_id=following[0])
                    raise
                if self.cancel.cancelled:
                    self._settle(batch[0], outcomes, done, total)
                    if following is not None:
                        self.store.apply_push_results([], at=self.clock(), batch_id=following[0])
                    raise SyncCancelled()
                # Send the next batch first, then record this answer while it travels.
                in_flight = sender.submit(self._send_batch, *following) if following else None
                done += self._settle(batch[0], outcomes, done, total)
                batch = following

    def _next_batch(self, batch_size: int, *, after: int) -> tuple[str, list[OutgoingItem]] | None:
        items = _within_bytes(self.store.outgoing(batch_size, after=after), MAX_BATCH_BYTES)
        if not items:
            return None
        batch_id = str(uuid.uuid4())
        self.store.begin_transfer(Transfer(batch_id, tuple(i.outbox_id for i in items)))
        return batch_id, items

    def _settle(self, batch_id: str, outcomes: list[ItemOutcome], done: int, total: int) -> int:
        self.store.apply_push_results(outcomes, at=self.clock(), batch_id=batch_id)
        self._count(outcomes)
        self.report.batches += 1
        if self.progress is not None:
            self.progress(SyncProgress(Phase.PUSH, done + len(outcomes), max(total, done)))
        return len(outcomes)

    def _send_batch(self, batch_id: str, items: Sequence[OutgoingItem]) -> list[ItemOutcome]:
        body = batch_body(batch_id, items)
        data = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        response = self._call(
            "POST",
            "/push",
            data=data,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        self.report.bytes_sent += len(data)
        try:
            results = PushResponse.model_validate(response).results
        except ValidationError:
            results = []
        if len(results) != len(items):
            raise ServerRefused(
                "Máy chủ trả lời không đúng định dạng; chưa đánh dấu bản ghi nào là đã gửi.",
                "The server's answer was malformed; no record was marked as sent.",
            )
        return [_outcome(items[i], result) for i, result in enumerate(results)]

    def _count(self, outcomes: Sequence[ItemOutcome]) -> None:
        for o in outcomes:
            if o.outcome is Outcome.ACCEPTED:
                self.report.accepted += 1
            elif o.outcome is Outcome.ALREADY_HAD:
                self.report.already_had += 1
            elif o.outcome is Outcome.CONFLICT:
                self.report.conflicts += 1
            else:
                self.report.rejected += 1
                self.report.rejected_records.append(
                    {
                        "record_id": str(uuid.UUID(o.item.record_id)),
                        "revision": o.item.revision,
                        "message_vi": o.reason.message_vi if o.reason else "",
                        "message_en": o.reason.message_en if o.reason else "",
                    }
                )

    # ---- pull ------------------------------------------------------------------------------

    def pull(self) -> None:
        while True:
            self.cancel.raise_if_cancelled()
            cursor, reference_version = self.store.pull_position()
            params: dict[str, Any] = {"cursor": cursor, "limit": PULL_PAGE}
            if reference_version:
                params["reference_version"] = reference_version
            try:
                page = PullResponse.model_validate(self._call("GET", "/pull", params=params))
            except ValidationError:
                raise ServerRefused(
                    "Máy chủ trả lời không đúng định dạng.", "The server's answer was malformed."
                ) from None
            items = [item.model_dump() for item in page.items]
            reference = page.reference.model_dump() if page.reference else None
            effects = self.store.apply_pull(items, page.cursor, reference, at=self.clock())
            self.report.pulled += len(items)
            self.report.reviews += effects.reviews
            self.report.corrections += effects.corrections
            self.report.conflicts += effects.conflicts
            if effects.reference_version:
                self.report.reference_version = effects.reference_version
            if self.progress is not None:
                self.progress(SyncProgress(Phase.PULL, self.report.pulled, self.report.pulled))
            if not page.has_more:
                return

    # ---- HTTP ------------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """One protocol call. urllib3 retries what fails before an answer starts; an answer
        cut off mid-body is retried here, which is safe because every call is idempotent."""
        for attempt in range(1, self.attempts + 1):
            try:
                return self._call_once(method, path, **kwargs)
            except _Interrupted as exc:
                if attempt == self.attempts:
                    raise unreachable(self.base, exc.detail) from None
                if self.cancel.wait(0.2 * 2**attempt):
                    raise SyncCancelled() from None
        raise AssertionError("unreachable")

    def _call_once(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        headers = {**self.auth, **kwargs.get("headers", {})}
        params = {k: v for k, v in kwargs.items() if k != "headers"}
        self.report.requests += 1
        try:
            response = self.http.request(
                method, self.base + path, headers=headers, timeout=TIMEOUT, **params
            )
        except SyncCancelled:
            raise
        except requests.exceptions.SSLError as exc:
            raise _certificate_error(exc) from None
        except requests.RequestException as exc:
            if self.cancel.cancelled:
                raise SyncCancelled() from None
            if never_connected(exc):
                # Refused, no route, connect timeout: the server is not there; retrying
                # only makes the volunteer wait (the app tries again later by itself).
                raise unreachable(self.base, type(exc).__name__) from None
            raise _Interrupted(type(exc).__name__) from None
        # Bytes on the wire: the (compressed) Content-Length, not the decoded body.
        length = response.headers.get("Content-Length", "")
        self.report.bytes_received += int(length) if length.isdigit() else len(response.content)
        if response.status_code >= 400:
            raise _http_error(response, self.base)
        try:
            body = response.json()
        except ValueError:
            # Headers arrived but the body did not (the line dropped mid-answer).
            raise _Interrupted("incomplete answer") from None
        if not isinstance(body, dict):
            raise _Interrupted("unexpected answer")
        return body


def _certificate_error(exc: Exception) -> SyncError:
    return SyncError(
        "Không xác thực được chứng chỉ của máy chủ phường. Hãy kiểm tra địa chỉ, hoặc "
        "chọn tệp chứng chỉ (CA) của phường trong phần cài đặt.",
        "The ward server's certificate could not be verified. Check the address, or "
        f"choose the ward's CA certificate file in the settings. ({exc})",
    )


def never_connected(exc: requests.RequestException) -> bool:
    """True when no connection to the server could be made at all (nothing was sent)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.exceptions.ConnectionError) and isinstance(
        reason, urllib3.exceptions.NewConnectionError | urllib3.exceptions.ConnectTimeoutError)


class _Interrupted(Exception):
    """The connection failed after urllib3's own retries (or mid-answer)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _last_first_id(items: Sequence[OutgoingItem]) -> int:
    """The position after which the next batch starts (batches follow each record's oldest
    unsent outbox row, so a record is never in two batches at once)."""
    return max(min((item.outbox_id, *item.covers)) for item in items)


def batch_body(batch_id: str, items: Sequence[OutgoingItem]) -> bytes:
    # The payloads are already JSON: joining strings costs far less than a dumps() per record.
    parts = [f'{{"base_revision":{i.base_revision},"record":{i.payload_json}}}' for i in items]
    return f'{{"batch_id":"{batch_id}","items":[{",".join(parts)}]}}'.encode()


def _within_bytes(items: list[OutgoingItem], limit: int) -> list[OutgoingItem]:
    """The longest head of ``items`` whose batch body stays within ``limit`` bytes (at least
    one item: a record too large for any batch is the server's to reject, by itself)."""
    total = 64
    for count, item in enumerate(items):
        total += len(item.payload_json) + 40
        if total > limit and count > 0:
            return items[:count]
    return items


def _outcome(item: OutgoingItem, result: PushResult) -> ItemOutcome:
    return ItemOutcome(
        item=item,
        outcome=result.outcome,
        original_outcome=result.original_outcome,
        reason=result.reason,
        problems=tuple(result.problems),
    )


def _http_error(response: requests.Response, base: str) -> SyncError:
    try:
        error: Message | None = ErrorBody.model_validate_json(response.content).error
    except ValidationError:
        error = None
    vi = error.message_vi if error else ""
    en = error.message_en if error else ""
    code = error.code if error else None
    if response.status_code == 403 and code == "device_revoked":
        return DeviceRevoked(vi, en)
    if response.status_code == 401:
        return NotEnrolled(
            vi or "Máy chủ không nhận mã truy cập của máy này; hãy đăng ký lại.",
            en or "The server does not accept this laptop's token; enrol it again.",
        )
    if response.status_code >= 500:
        return unreachable(base, f"HTTP {response.status_code}")
    return ServerRefused(
        vi or f"Máy chủ từ chối yêu cầu (HTTP {response.status_code}).",
        en or f"The server refused the request (HTTP {response.status_code}).",
    )


def _not_enrolled() -> NotEnrolled:
    return NotEnrolled(
        "Máy này chưa đăng ký với máy chủ phường. Hãy xin mã đăng ký và chạy "
        "`hotroso enroll --server URL --code MÃ` (hoặc vào Cài đặt).",
        "This laptop is not enrolled with a ward server. Get an enrolment code and run "
        "`hotroso enroll --server URL --code CODE` (or use Settings).",
    )


def _fail(report: SyncReport, status: Status, exc: SyncError) -> None:
    report.status = status
    report.error_code = exc.code
    report.message_vi = exc.message_vi
    report.message_en = exc.message_en


# ---- outside a sync run ----------------------------------------------------------------------


def probe(url: str, *, timeout: float = 2.0, ca_cert: Path | None = None) -> bool:
    """True when the ward server answers its health check (no retries, short timeout)."""
    with make_session(ca_cert=ca_cert, retries=0) as http:
        try:
            response = http.get(url.rstrip("/") + API_PREFIX + "/health", timeout=timeout)
        except requests.RequestException:
            return False
    if response.status_code != 200:
        return False
    try:
        HealthResponse.model_validate_json(response.content)
    except ValidationError:
        return False  # something answers there, but not a ward server
    return True


def read_enrolment_code(text: str) -> tuple[str, str | None]:
    """(code, server URL or None) from what was typed or scanned: a bare code, or the QR
    code's ``hotroso://enroll?code=…&server=…``."""
    text = text.strip()
    if not text.lower().startswith(ENROL_URI):
        return text, None
    query = parse_qs(urlsplit(text).query)
    code = (query.get("code") or [""])[0]
    servers = query.get("server")
    return code, servers[0] if servers else None


def is_loopback_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str, *, allow_insecure: bool) -> None:
    """Refuse an address the laptop must not send residents' data to.

    ``https://`` always; ``http://`` only to this machine (loopback), or when the ward chose
    to allow it at enrolment (``--allow-insecure``, e.g. a closed ward network without a
    certificate): plain HTTP lets anyone on the network read the records and the token.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and (allow_insecure or is_loopback_url(url))):
        return
    if scheme == "http":
        raise SyncError(
            f"Địa chỉ {url} dùng http:// không mã hoá: dữ liệu cư dân và mã truy cập sẽ đi qua "
            "mạng ở dạng ai cũng đọc được. Hãy dùng địa chỉ https:// của phường; chỉ khi cán bộ "
            "phường yêu cầu mới đăng ký với --allow-insecure.",
            f"{url} uses unencrypted http://: residents' data and the access token would "
            "cross the network readable by anyone on it. Use the ward's https:// address; "
            "enrol with --allow-insecure only when the ward staff say so.",
        )
    raise SyncError(
        f"Địa chỉ máy chủ phải bắt đầu bằng https:// (đang là {url!r}).",
        f"The server address must start with https:// (got {url!r}).",
    )


def enroll(
    store: SyncStore,
    tokens: TokenStore,
    server_url: str | None,
    code: str,
    *,
    device_label: str = "",
    ca_cert: Path | None = None,
    clock: Clock = _utc_now,
    allow_insecure: bool = False,
) -> Enrolment:
    """Trade a one-time enrolment code for a device token; remember both (token in keyring).

    The laptop also makes its bundle-signing key pair here and sends the public half; the
    ward answers with its bundle encryption key. The private half is kept like the token.

    ``code`` may be the QR code's text; its server address is used when ``server_url`` is
    not given. ``allow_insecure``: plain ``http://`` to a server beyond this machine is
    allowed (remembered with the enrolment); otherwise only ``https://`` or loopback.
    """
    code, from_qr = read_enrolment_code(code)
    url = (server_url or from_qr or "").strip().rstrip("/")
    check_server_url(url, allow_insecure=allow_insecure)
    signing_private, signing_public = new_signing_key()
    with make_session(ca_cert=ca_cert, retries=2) as http:
        try:
            response = http.post(
                url + API_PREFIX + "/enroll",
                json={
                    "code": code,
                    "device_label": device_label,
                    "signing_public_key": encode_key(signing_public),
                },
                timeout=TIMEOUT,
            )
        except requests.exceptions.SSLError as exc:
            raise _certificate_error(exc) from None
        except requests.RequestException as exc:
            raise unreachable(url, type(exc).__name__) from None
    if response.status_code != 200:
        raise _http_error(response, url)
    try:
        data = EnrolResponse.model_validate_json(response.content)
    except ValidationError:
        raise ServerRefused(
            "Máy chủ trả lời không đúng định dạng.", "The server's answer was malformed."
        ) from None
    bundle_key = data.bundle_public_key
    try:
        bundle_key = encode_key(decode_key(bundle_key)) if bundle_key else None
    except ValueError:
        bundle_key = None  # a server without a usable key: sync works, bundles do not
    enrolment = Enrolment(
        server_url=url,
        device_id=data.device_id,
        ca_cert=str(ca_cert) if ca_cert else None,
        bundle_key=bundle_key,
        allow_insecure=allow_insecure and not is_loopback_url(url) and url.startswith("http:"),
        volunteer_name=data.volunteer_name or None,
        neighbourhood_code=data.neighbourhood_code or None,
    )
    tokens.save(url, enrolment.device_id, data.token)
    tokens.save_signing_key(url, enrolment.device_id, encode_key(signing_private))
    store.save_enrolment(enrolment, at=clock())
    store.adopt_device_id(enrolment.device_id, at=clock())
    return enrolment
