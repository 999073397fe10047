"""Every request bounded before it is read (issue 8, acceptance): an anonymous 50 MiB body and
gzip bombs are answered 413 in well under a second, and the server's memory barely moves
(VmRSS and VmHWM of the server process, from /proc). On SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine

from sync.contract.wire import MAX_BODY_BYTES
from tests.sync.api import API, Device, enrol_device, item, memory_kib, push, wire_record
from tests.sync.conftest import SharedWard
from tests.sync.ward import WardServer

MIB = 1024 * 1024
#: Memory growth allowed for one hostile request (the issue's bound).
MAX_GROWTH_KIB = 50 * 1024


def _raw_request(port: int, head: bytes, body_chunks: Callable[[], bytes | None]) -> tuple[
        float, bytes]:
    """Send ``head`` then body chunks (from another thread) until the server answers; returns
    (seconds to the answer's first bytes, the answer). The sender stops when the server has
    answered or closed the connection: nothing here waits for 50 MiB to be written."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    done = threading.Event()

    def send() -> None:
        try:
            while not done.is_set():
                chunk = body_chunks()
                if chunk is None:
                    return
                sock.sendall(chunk)
        except OSError:
            pass  # the server closed the connection: that is the point

    started = time.monotonic()
    sock.sendall(head)
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    answer = b""
    try:
        while b"\r\n\r\n" not in answer:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
        elapsed = time.monotonic() - started
        sock.settimeout(2)
        try:
            while True:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except (TimeoutError, OSError):
            pass
    finally:
        done.set()
        sock.close()
        sender.join(10)
    return elapsed, answer


def _chunks(total: int, size: int = 256 * 1024, *, chunked: bool = False
            ) -> Callable[[], bytes | None]:
    """The body, ``size`` bytes at a time (as HTTP chunks if ``chunked``), then ``None``."""
    state = {"sent": 0, "ended": False}
    block = b"x" * size

    def next_chunk() -> bytes | None:
        if state["sent"] >= total:
            if chunked and not state["ended"]:
                state["ended"] = True
                return b"0\r\n\r\n"
            return None
        state["sent"] += size
        return f"{size:x}\r\n".encode() + block + b"\r\n" if chunked else block

    return next_chunk


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def _error_code(answer: bytes) -> str:
    body = answer.split(b"\r\n\r\n", 1)[1]
    code: str = json.loads(body)["error"]["code"]
    return code


def _assert_small_growth(before: dict[str, int], after: dict[str, int]) -> None:
    grown = {name: after[name] - before[name] for name in ("VmRSS", "VmHWM")}
    print(f"server memory growth: {grown} KiB")  # shown with pytest -s
    assert all(kib < MAX_GROWTH_KIB for kib in grown.values()), f"grew {grown} KiB"


def _pid(ward: WardServer) -> int:
    assert ward.process is not None
    return ward.process.pid


@pytest.mark.parametrize("path", ["auth/login", "enroll", "push"])
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_an_anonymous_50_mib_body_is_refused_at_once(
    shared_ward: SharedWard, path: str, chunked: bool
) -> None:
    ward = shared_ward.server
    before = memory_kib(_pid(ward))
    framing = (b"Transfer-Encoding: chunked\r\n" if chunked
               else f"Content-Length: {50 * MIB}\r\n".encode())
    head = (f"POST {API}/{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/json\r\n").encode() + framing + b"\r\n"

    elapsed, answer = _raw_request(ward.port, head, _chunks(50 * MIB, chunked=chunked))

    after = memory_kib(_pid(ward))
    status = _status(answer)
    # /push checks the device token before it reads a byte: without a Content-Length to
    # refuse up front, the anonymous push is 401 and its body is never read.
    expected = {413} if path != "push" or not chunked else {401}
    assert status in expected, answer[:300]
    assert _error_code(answer) in ("too_large", "unknown_token")
    assert elapsed < 1.0
    assert b"x-content-type-options: nosniff" in answer.lower()
    _assert_small_growth(before, after)
    # The server is still there for everyone else.
    assert requests.get(f"{ward.url}{API}/health", timeout=2).status_code == 200


def _bomb(items: int) -> bytes:
    """gzip of a push of ``items`` empty items, streamed so the test does not hold it all."""
    compressor = gzip.GzipFile(fileobj=(out := _Sink()), mode="wb", compresslevel=9)
    compressor.write(b'{"batch_id":"bomb","items":[{}')
    block = b",{}" * 100_000
    for _ in range(items // 100_000):
        compressor.write(block)
    compressor.write(b"]}")
    compressor.close()
    return out.data


class _Sink:
    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> int:
        self.data += data
        return len(data)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(
    ("items", "code"),
    [
        (14_000_000, "too_large"),  # the bomb: 40 KiB inflating to 42 MB
        (5_000_000, "too_large"),  # 15 MB: under the inflation cap, so the item count stops it
    ],
    ids=["over-the-inflation-cap", "under-the-cap-too-many-items"],
)
def test_a_gzip_bomb_push_is_413_without_the_memory(
    shared_ward: SharedWard, items: int, code: str
) -> None:
    ward = shared_ward.server
    device = enrol_device(shared_ward.engine, ward.url)
    body = _bomb(items)
    assert len(body) < 100 * 1024
    pid = _pid(ward)
    before = memory_kib(pid)
    started = time.monotonic()

    answer = requests.post(
        f"{ward.url}{API}/push", data=body, timeout=30,
        headers={**device.auth, "Content-Encoding": "gzip", "Content-Type": "application/json"},
    )

    elapsed = time.monotonic() - started
    after = memory_kib(pid)
    assert answer.status_code == 413, answer.text
    assert answer.json()["error"]["code"] == code
    assert "Send smaller batches" in answer.json()["error"]["message_en"]
    assert elapsed < 1.0
    _assert_small_growth(before, after)


def test_item_count_and_item_size_are_checked_before_validation(
    shared_ward: SharedWard,
) -> None:
    ward = shared_ward.server
    device = enrol_device(shared_ward.engine, ward.url)
    over = [{}] * 5001
    assert push(ward.url, device, over).status_code == 413
    big = wire_record(device, notes="x" * 100_000)  # past the per-item cap of 96 KiB
    long_notes = wire_record(device, notes="x" * 8001)  # past the notes field's bound
    good = wire_record(device)
    answer = push(ward.url, device, [item(big), item(long_notes), item(good)])
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert results[0]["reason"]["code"] == "item_too_large"
    assert results[0]["id"] == big["id"]
    assert results[1]["outcome"] == "rejected"
    assert results[1]["problems"][0]["field"] == "notes"
    assert "8000" in results[1]["problems"][0]["message_en"]
    assert results[2]["outcome"] == "accepted"


def test_per_route_limits(shared_ward: SharedWard) -> None:
    """Small routes have small limits; the push has the documented one (and the client keeps
    its batches under it)."""
    ward, ward_db = shared_ward.server, shared_ward.engine
    big_login = {"username": "x", "password": "p" * 5000}
    answer = requests.post(f"{ward.url}{API}/auth/login", json=big_login, timeout=5)
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_large"
    answer = requests.post(f"{ward.url}{API}/records/x/review", data=b"{" * 70_000, timeout=5)
    assert answer.status_code == 413
    device = enrol_device(ward_db, ward.url)
    raw = json.dumps({"batch_id": "b", "items": []}).encode() + b" " * MAX_BODY_BYTES
    answer = requests.post(f"{ward.url}{API}/push", data=raw, headers=device.auth, timeout=30)
    assert answer.status_code == 413


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_device_over_its_daily_quota_is_told_its_records_are_safe(
    ward_db: Engine, db_url: str, tmp_path: Path, make_laptop: Callable[..., object]
) -> None:
    server = WardServer(db_url, tmp_path / "server.log",
                        options=("--quota-records-per-day", "5")).start()
    try:
        laptop = make_laptop(server.url)
        laptop.add_records(4)  # type: ignore[attr-defined]
        assert laptop.sync_now().accepted == 4  # type: ignore[attr-defined]
        laptop.add_records(3, seed=2)  # type: ignore[attr-defined]

        report = laptop.sync_now()  # type: ignore[attr-defined]

        assert not report.ok
        assert "safe on this laptop" in report.message_en
        assert "an toàn trên máy" in report.message_vi
        assert laptop.outbox() == {"accepted": 4, "None": 3}  # type: ignore[attr-defined]
        enrolment = laptop.sync.enrolment()  # type: ignore[attr-defined]
        token = laptop.tokens.load(enrolment.server_url, enrolment.device_id)  # type: ignore[attr-defined]
        device = Device(enrolment.device_id, token, "HT01")
        answer = push(server.url, device, [item(wire_record(device)) for _ in range(2)])
        assert answer.status_code == 429
        assert 0 < int(answer.headers["Retry-After"]) <= 24 * 3600
        assert answer.json()["error"]["code"] == "quota_exceeded"
        # Within the quota it still works.
        assert push(server.url, device, [item(wire_record(device))]).status_code == 200
    finally:
        server.stop()
