"""The one configured ``requests.Session`` of the sync client, and a cancel token that really
stops it.

- versioned User-Agent; a ``(connect, read)`` timeout on every request (:data:`TIMEOUT`);
- retries with exponential backoff on dropped connections, 429 and 5xx — for *every* method,
  because every call of the sync protocol is idempotent (a replayed push is answered
  ``already_had``); but none when no connection can be made at all (refused, no route, the
  connect timeout): the server is simply not there, which the volunteer is told within
  seconds instead of after a ladder of retries (the app tries again a minute later);
- optional ward CA certificate (``verify=path``) for a server with its own certificate;
- :class:`CancelToken`: ``cancel()`` from any thread shuts down the sockets of the requests in
  flight (the blocked ``send``/``recv`` fails at once), stops any retry and any backoff sleep.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

from sync.client.errors import SyncCancelled
from sync.contract.wire import PROTOCOL_HEADER, PROTOCOL_VERSION

#: (connect, read) seconds. Reading allows for the server applying a 2,000-record batch on a
#: slow ward PC; connecting should be quick on any network that is usable at all, and an
#: unreachable server must be known within 3 seconds.
CONNECT_TIMEOUT = 2.5
TIMEOUT = (CONNECT_TIMEOUT, 60.0)
RETRY_STATUSES = (429, 500, 502, 503, 504)
#: A ``Retry-After`` longer than this is not waited for: the answer goes to the caller, who
#: tells the volunteer (the ward's daily quota says "after midnight", hours away).
MAX_RETRY_AFTER = 30.0


class CancelToken:
    """Set once by ``cancel()`` (from the GUI thread); checked between batches and by retries."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._hooks: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            hooks = list(self._hooks)
        for hook in hooks:
            hook()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise SyncCancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True (at once) if cancelled meanwhile."""
        return self._event.wait(seconds)

    def on_cancel(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Run ``hook`` when cancelled (at once if already); returns an unregister function."""
        with self._lock:
            self._hooks.append(hook)
        if self._event.is_set():
            hook()

        def unregister() -> None:
            with self._lock:
                if hook in self._hooks:
                    self._hooks.remove(hook)

        return unregister


class CancellableRetry(Retry):
    """urllib3 Retry that gives up at once when its token is cancelled, even mid-backoff."""

    def __init__(self, *args: Any, cancel: CancelToken | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cancel = cancel

    def new(self, **kw: Any) -> CancellableRetry:
        kw.setdefault("cancel", self.cancel)
        return super().new(**kw)  # type: ignore[return-value]

    def increment(self, *args: Any, **kwargs: Any) -> CancellableRetry:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        response = kwargs.get("response")
        if response is not None and self.respect_retry_after_header:
            wait = self.get_retry_after(response)
            if wait is not None and wait > MAX_RETRY_AFTER:
                # With raise_on_status=False urllib3 hands this answer to the caller.
                raise MaxRetryError(
                    kwargs.get("_pool"),  # type: ignore[arg-type]
                    str(kwargs.get("url") or ""),
                    ResponseError(f"Retry-After {wait:.0f} s is longer than we wait"),
                )
        return super().increment(*args, **kwargs)  # type: ignore[return-value]

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        seconds: float | None = None
        if self.respect_retry_after_header and response is not None:
            seconds = self.get_retry_after(response)
        if seconds is None:
            seconds = self.get_backoff_time()
        if seconds <= 0:
            return
        if self.cancel is None:
            threading.Event().wait(seconds)
        elif self.cancel.wait(seconds):
            raise SyncCancelled()


class AbortableAdapter(HTTPAdapter):
    """An HTTPAdapter that remembers its connections so that ``abort()`` can shut them down."""

    def __init__(self, *, retries: Retry, cancel: CancelToken | None) -> None:
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()
        self._cancel = cancel
        super().__init__(max_retries=retries, pool_connections=2, pool_maxsize=4)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _tracking_pool(HTTPConnectionPool, self._connections, self._cancel),
            "https": _tracking_pool(HTTPSConnectionPool, self._connections, self._cancel),
        }

    def abort(self) -> None:
        """Shut down every socket of this adapter (called from another thread)."""
        for conn in list(self._connections):
            sock = getattr(conn, "sock", None)
            if sock is not None:
                # An OSError means it is closed already: nothing in flight on it.
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _tracking_pool(
    base: type[HTTPConnectionPool], registry: weakref.WeakSet[Any], cancel: CancelToken | None
) -> type[HTTPConnectionPool]:
    class TrackingPool(base):  # type: ignore[valid-type,misc]
        def _new_conn(self) -> Any:
            if cancel is not None:
                cancel.raise_if_cancelled()  # a retry after cancel must not reconnect
            conn = super()._new_conn()
            registry.add(conn)
            return conn

    return TrackingPool


class WardSession(requests.Session):
    """A Session whose chosen CA certificate wins over ``REQUESTS_CA_BUNDLE`` & co.

    requests lets those environment variables override ``Session.verify``; a laptop set up
    to trust the ward's own CA must keep trusting it whatever the environment says.
    """

    ward_ca: str | None = None

    def merge_environment_settings(  # type: ignore[override]
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> Any:
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if self.ward_ca is not None and verify is None:
            settings["verify"] = self.ward_ca
        return settings


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("hotroso")
    except PackageNotFoundError:
        ours = "0.0.0+unknown"
    return (
        f"hotroso/{ours} (sync protocol {PROTOCOL_VERSION}) python-requests/{requests.__version__}"
    )


def make_session(
    *,
    ca_cert: Path | None = None,
    cancel: CancelToken | None = None,
    retries: int = 4,
    backoff: float = 0.5,
) -> requests.Session:
    """A Session for one sync run (or one probe), cancelled by ``cancel``."""
    retry = CancellableRetry(
        total=retries,
        connect=0,  # no connection at all: not there (see module docstring)
        read=retries,
        status=retries,
        other=retries,
        backoff_factor=backoff,
        backoff_max=10.0,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=None,  # every method: the protocol is idempotent by design
        respect_retry_after_header=True,
        raise_on_status=False,  # hand the last 5xx to the caller, who explains it
        cancel=cancel,
    )
    adapter = AbortableAdapter(retries=retry, cancel=cancel)
    session = WardSession()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = user_agent()
    session.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
    if ca_cert is not None:
        session.verify = session.ward_ca = str(ca_cert)
    if cancel is not None:
        cancel.on_cancel(adapter.abort)
    return session
