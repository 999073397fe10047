"""The one way the GUI runs work off its thread (in the style of Anki's CollectionOp/QueryOp).

Database jobs run one at a time on a single worker thread, so the local store never sees two
writers from this app and a query always sees the writes queued before it. Network jobs run on
a second worker so a slow server never holds up saving a record. Every outcome (success,
failure, progress) is delivered back on the GUI thread through a queued Qt signal.

The one change signal: a job that returns an application-layer ``Done`` (value + what it
changed) has its ``Change`` emitted as :attr:`TaskRunner.changed` on the GUI thread, just
before its ``on_success`` gets the value. The list, the counters, the form and the dialogs
listen to that signal instead of being refreshed by whoever made the change.

One writer: :meth:`TaskRunner.on_db_worker` is the application layer's ``Writer``. A sync
runs on the network worker and hands each of its store calls to the database worker through
it, so every write to the store happens on the database worker.

A progress dialog appears only when a job is still running after ``progress_delay_ms``
(600 ms by default): quick jobs never flash a dialog. Its Cancel button really cancels: the job
sees it the next time it reports progress (``TaskContext.progress`` raises :class:`Cancelled`)
or polls ``TaskContext.check_cancelled()``.

Signals:
    busy_changed(bool): emitted when the first job starts or the last one ends.
    changed(object): the ``desktop.app.Change`` of a job that changed something.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.app.change import Done
from desktop.gui.errors import report_failure

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Progress updates are forwarded to the GUI at most this often, so a job reporting every row
#: of a 100,000-row import does not flood the event loop.
_PROGRESS_INTERVAL_S = 0.05
_DB_THREAD = "hotroso-db"


def _gone(callback: Callable[..., object] | None) -> bool:
    """True when ``callback`` is a method of a Qt object deleted meanwhile (a dialog closed
    while its job ran): its outcome has nobody left to show it to."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


class TaskContext:
    """What a job gets as its only argument: progress reporting and cancellation."""

    def __init__(self, emit_progress: Callable[[int, int, str], None]) -> None:
        self._cancel = threading.Event()
        self._emit_progress = emit_progress
        self._last_emit = 0.0
        self._hooks: list[Callable[[], None]] = []
        self._hooks_lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()
        with self._hooks_lock:
            hooks, self._hooks = self._hooks, []
        for hook in hooks:
            hook()

    def on_cancel(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` (on the cancelling thread) when the job is cancelled, at once if it
        already is: how a blocking call such as an HTTP request learns of Cancel without
        polling (the sync client's ``CancelToken.cancel`` shuts its sockets)."""
        with self._hooks_lock:
            if not self._cancel.is_set():
                self._hooks.append(hook)
                return
        hook()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int = 0, label: str = "") -> None:
        """Report progress (total 0 = unknown); raises :class:`Cancelled` after Cancel."""
        self.check_cancelled()
        self.update(done, total, label)

    def update(self, done: int, total: int = 0, label: str = "") -> None:
        """Report progress without checking for Cancel.

        For work that polls :attr:`cancelled` itself and stops at a safe point (the importer
        finishes the chunk it is writing), where an exception in the middle would be wrong.
        """
        now = time.monotonic()
        if now - self._last_emit >= _PROGRESS_INTERVAL_S or (total and done >= total):
            self._last_emit = now
            self._emit_progress(done, total, label)


@dataclass(eq=False)  # identity-hashed: jobs live in a set
class _Job(Generic[T]):
    fn: Callable[[TaskContext], T]
    on_success: Callable[[T], None] | None
    on_failure: Callable[[BaseException], object] | None
    on_cancelled: Callable[[], None] | None
    label: str
    cancellable: bool
    parent: QWidget | None
    ctx: TaskContext
    on_progress: Callable[[int, int, str], None] | None = None
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    last_progress: tuple[int, int, str] = (0, 0, "")
    done: bool = False


class TaskHandle:
    """Returned by :meth:`TaskRunner.run_db` / :meth:`TaskRunner.run_net`."""

    def __init__(self, job: _Job[Any]) -> None:
        self._job = job

    def cancel(self) -> None:
        self._job.ctx.cancel()

    @property
    def done(self) -> bool:
        return self._job.done


class _Bridge(QObject):
    """Lives on the GUI thread; worker threads emit, Qt queues the call to the GUI thread."""

    finished = Signal(object, object, object)  # job, result, exception
    progressed = Signal(object, int, int, str)  # job, done, total, label


class TaskRunner(QObject):
    """Runs database and network jobs off the GUI thread.

    Args:
        failure_parent: the window used as parent of error and progress dialogs.
        progress_delay_ms: how long a job may run before a progress dialog appears.
    """

    busy_changed = Signal(bool)
    changed = Signal(object)

    def __init__(self, failure_parent: QWidget | None = None, *,
                 progress_delay_ms: int = 600) -> None:
        super().__init__()
        self._failure_parent = failure_parent
        self._delay_ms = progress_delay_ms
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix=_DB_THREAD)
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hotroso-net")
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._on_bridge_finished, Qt.ConnectionType.QueuedConnection)
        self._bridge.progressed.connect(self._on_bridge_progressed,
                                        Qt.ConnectionType.QueuedConnection)
        self._running: set[_Job[Any]] = set()
        self._closed = False

    def set_failure_parent(self, parent: QWidget | None) -> None:
        self._failure_parent = parent

    # --- submitting -------------------------------------------------------------------------

    @overload
    def run_db(self, fn: Callable[[TaskContext], Done[T]], *,
               on_success: Callable[[T], None] | None = None,
               on_failure: Callable[[BaseException], object] | None = None,
               on_cancelled: Callable[[], None] | None = None,
               label: str = "", cancellable: bool = False,
               parent: QWidget | None = None) -> TaskHandle: ...

    @overload
    def run_db(self, fn: Callable[[TaskContext], T], *,
               on_success: Callable[[T], None] | None = None,
               on_failure: Callable[[BaseException], object] | None = None,
               on_cancelled: Callable[[], None] | None = None,
               label: str = "", cancellable: bool = False,
               parent: QWidget | None = None) -> TaskHandle: ...

    def run_db(self, fn: Callable[[TaskContext], Any], *,
               on_success: Callable[[Any], None] | None = None,
               on_failure: Callable[[BaseException], object] | None = None,
               on_cancelled: Callable[[], None] | None = None,
               label: str = "", cancellable: bool = False,
               parent: QWidget | None = None) -> TaskHandle:
        """Queue ``fn(ctx)`` on the database worker (jobs run in submission order).

        A ``Done`` result has its change emitted (``changed``); ``on_success`` gets its value.
        """
        return self._submit(self._db, fn, on_success, on_failure, on_cancelled, label,
                            cancellable, parent)

    @overload
    def run_net(self, fn: Callable[[TaskContext], Done[T]], *,
                on_success: Callable[[T], None] | None = None,
                on_failure: Callable[[BaseException], object] | None = None,
                on_cancelled: Callable[[], None] | None = None,
                on_progress: Callable[[int, int, str], None] | None = None,
                label: str = "", cancellable: bool = True,
                parent: QWidget | None = None) -> TaskHandle: ...

    @overload
    def run_net(self, fn: Callable[[TaskContext], T], *,
                on_success: Callable[[T], None] | None = None,
                on_failure: Callable[[BaseException], object] | None = None,
                on_cancelled: Callable[[], None] | None = None,
                on_progress: Callable[[int, int, str], None] | None = None,
                label: str = "", cancellable: bool = True,
                parent: QWidget | None = None) -> TaskHandle: ...

    def run_net(self, fn: Callable[[TaskContext], Any], *,
                on_success: Callable[[Any], None] | None = None,
                on_failure: Callable[[BaseException], object] | None = None,
                on_cancelled: Callable[[], None] | None = None,
                on_progress: Callable[[int, int, str], None] | None = None,
                label: str = "", cancellable: bool = True,
                parent: QWidget | None = None) -> TaskHandle:
        """Queue ``fn(ctx)`` on the network worker (a ``Done`` result as for :meth:`run_db`).

        ``on_progress(done, total, label)`` is called on the GUI thread for the job's progress
        reports, for callers that show progress themselves (the sync bar in the status bar)
        instead of the dialog a ``label`` brings.
        """
        handle = self._submit(self._net, fn, on_success, on_failure, on_cancelled, label,
                              cancellable, parent)
        handle._job.on_progress = on_progress
        return handle

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[[TaskContext], T],
                on_success: Callable[[T], None] | None,
                on_failure: Callable[[BaseException], object] | None,
                on_cancelled: Callable[[], None] | None,
                label: str, cancellable: bool, parent: QWidget | None) -> TaskHandle:
        if self._closed:
            raise RuntimeError("TaskRunner is shut down")
        job: _Job[T] = _Job(fn, on_success, on_failure, on_cancelled, label, cancellable,
                            parent, ctx=TaskContext(lambda d, t, lab: None))
        job.ctx = TaskContext(lambda d, t, lab: self._bridge.progressed.emit(job, d, t, lab))
        was_idle = not self._running
        self._running.add(job)
        if label:
            # Only labelled jobs are long enough to deserve a dialog; lookups stay silent.
            job.timer = QTimer(self)
            job.timer.setSingleShot(True)
            job.timer.timeout.connect(lambda: self._show_dialog(job))
            job.timer.start(self._delay_ms)
        future = pool.submit(fn, job.ctx)
        future.add_done_callback(lambda f: self._on_future_done(job, f))
        if was_idle:
            self.busy_changed.emit(True)
        return TaskHandle(job)

    # --- worker thread side -----------------------------------------------------------------

    def _on_future_done(self, job: _Job[Any], future: Future[Any]) -> None:
        exc = future.exception()
        self._bridge.finished.emit(job, None if exc else future.result(), exc)

    # --- GUI thread side --------------------------------------------------------------------

    def _show_dialog(self, job: _Job[Any]) -> None:
        if job.done:
            return
        parent = job.parent or self._failure_parent
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setLabelText(job.label)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if job.cancellable:
            dialog.setCancelButtonText(self.tr("Cancel"))
            dialog.canceled.connect(job.ctx.cancel)
            dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("Cancelling…")))
        else:
            dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        job.dialog = dialog
        self._apply_progress(job)
        dialog.show()

    def _on_bridge_progressed(self, job: _Job[Any], done: int, total: int, label: str) -> None:
        job.last_progress = (done, total, label)
        if job.on_progress is not None and not job.done:
            job.on_progress(done, total, label)
        if job.dialog is not None:
            self._apply_progress(job)

    def _apply_progress(self, job: _Job[Any]) -> None:
        assert job.dialog is not None
        done, total, label = job.last_progress
        if job.ctx.cancelled:
            return
        if total > 0:
            job.dialog.setMaximum(total)
            job.dialog.setValue(min(done, total))
        else:
            job.dialog.setMaximum(0)  # busy indicator when the size is unknown
        if label:
            job.dialog.setLabelText(f"{job.label}\n{label}")

    def _on_bridge_finished(self, job: _Job[Any], result: Any, exc: BaseException | None) -> None:
        job.done = True
        self._running.discard(job)
        if job.timer is not None:
            job.timer.stop()
            job.timer.deleteLater()
        if job.dialog is not None:
            job.dialog.hide()
            job.dialog.deleteLater()
            job.dialog = None
        try:
            if isinstance(exc, Cancelled):
                if job.on_cancelled is not None and not _gone(job.on_cancelled):
                    job.on_cancelled()
            elif exc is not None:
                if job.on_failure is not None:
                    if not _gone(job.on_failure):
                        job.on_failure(exc)
                else:
                    report_failure(job.parent or self._failure_parent, exc)
            else:
                if isinstance(result, Done):
                    if result.change:
                        self.changed.emit(result.change)
                    result = result.value
                if job.on_success is not None and not _gone(job.on_success):
                    job.on_success(result)
        finally:
            if not self._running:
                self.busy_changed.emit(False)

    # --- lifecycle --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def closed(self) -> bool:
        """True after :meth:`shutdown`: outcomes may still arrive, new jobs are refused."""
        return self._closed

    def shutdown(self) -> None:
        """Cancel what can be cancelled, wait for the workers, and refuse new jobs."""
        self._closed = True
        for job in list(self._running):
            job.ctx.cancel()
        self._net.shutdown(wait=True, cancel_futures=True)
        self._db.shutdown(wait=True)
        # Deliver the outcomes already queued so callbacks (e.g. a final save) are not lost.
        for job in list(self._running):
            if job.timer is not None:
                job.timer.stop()
        self._running.clear()

    def on_db_worker(self, fn: Callable[[], T], /) -> T:
        """Run ``fn`` on the database worker and wait for it (the application's ``Writer``).

        For worker threads (a sync on the network worker hands its store calls over here),
        and for start-up and shutdown, when there is no window to keep responsive yet. Called
        on the database worker itself, ``fn`` runs at once (waiting would deadlock).
        """
        if threading.current_thread().name.startswith(_DB_THREAD):
            return fn()
        return self._db.submit(fn).result()

    call_in_db_thread_blocking = on_db_worker
