"""A small TCP proxy on loopback that breaks the connection at chosen points of a push.

Faults (armed for the next push request only, then the proxy passes traffic through):

- ``before_request``: the client's request never reaches the server;
- ``after_commit``: the server answered (so it committed) but the answer is thrown away;
- ``mid_response``: half of the answer's first chunk reaches the client, then the line drops;
- ``stall``: the answer is held back for as long as the client waits;
- ``kill_server``: once the whole request is forwarded, ``on_request_forwarded`` runs (the test
  kills the server there), and the client's connection is dropped.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

PUSH = b"POST /api/v1/push"


class FaultProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._armed: str | None = None
        self._persistent = False
        self._skip = 0
        self.faults_fired = 0
        self.on_request_forwarded: Callable[[], None] | None = None
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._closed = False
        accept = threading.Thread(target=self._accept_loop, daemon=True)
        accept.start()
        self._threads.append(accept)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def arm(self, fault: str | None, *, persistent: bool = False, skip: int = 0) -> None:
        """Break the next push request (after letting ``skip`` of them through)."""
        with self._lock:
            self._armed = fault
            self._persistent = persistent
            self._skip = skip

    def _take_fault(self) -> str | None:
        with self._lock:
            if self._skip > 0:
                self._skip -= 1
                return None
            fault = self._armed
            if fault is not None:
                self.faults_fired += 1
                if not self._persistent:
                    self._armed = None
            return fault

    def close(self) -> None:
        self._closed = True
        _close(self._listener)  # shutdown() wakes the thread blocked in accept()
        for sock in list(self._sockets):
            _close(sock)
        for thread in self._threads:
            thread.join(5)

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, client: socket.socket) -> None:
        self._sockets.add(client)
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
        except OSError:
            _close(client)
            return
        self._sockets.add(upstream)
        state: dict[str, object] = {"fault": None, "remaining": None}
        back = threading.Thread(target=self._pump_back, args=(upstream, client, state), daemon=True)
        back.start()
        self._threads.append(back)
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                if PUSH in data:
                    fault = self._take_fault()
                    state["fault"] = fault
                    if fault == "before_request":
                        break
                    if fault == "kill_server":
                        state["remaining"] = _body_length(data) - _body_so_far(data)
                upstream.sendall(data)
                if state["fault"] == "kill_server" and state["remaining"] is not None:
                    if PUSH not in data:
                        state["remaining"] = int(state["remaining"]) - len(data)  # type: ignore[call-overload]
                    if int(state["remaining"]) <= 0:  # type: ignore[call-overload]
                        if self.on_request_forwarded is not None:
                            self.on_request_forwarded()
                        break
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)

    def _pump_back(
        self, upstream: socket.socket, client: socket.socket, state: dict[str, object]
    ) -> None:
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                fault = state.get("fault")
                if fault == "after_commit":
                    break
                if fault == "stall":
                    continue  # the answer never comes (until the client gives up)
                if fault == "mid_response":
                    client.sendall(data[: max(1, len(data) // 2)])
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)


def _body_length(data: bytes) -> int:
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    for line in head.split("\r\n"):
        if line.startswith("content-length:"):
            return int(line.split(":", 1)[1])
    return 0


def _body_so_far(data: bytes) -> int:
    parts = data.split(b"\r\n\r\n", 1)
    return len(parts[1]) if len(parts) == 2 else 0


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
