"""When and how the GUI syncs: "Sync now", the periodic reachability probe, sync after a save.

One sync at a time, always on the background-work helper's network worker. A sync asked for
while one runs is remembered and runs once when the current one ends (a burst of saves makes
one more sync, not one each). Progress goes to a bar in the status bar with a Cancel button;
Cancel reaches the sync client's ``CancelToken``, which shuts the socket of the request in
flight, so it stops at once and what the server confirmed before stays recorded.

Automatic sync: every ``probe_interval_ms`` (60 s) a cheap health check runs, only while a
server is configured and this laptop is enrolled (and not revoked). When the server answers
after not answering, or when records are waiting to be sent, a sync starts. After each save,
while the last contact with the server worked, a sync starts a few seconds later.

Signals:
    status_changed(object): a new :class:`SyncStatus` (after start-up, enrolment, each sync).
    sync_started(): a sync run began.
    sync_finished(object): the ``SyncReport`` of a run that ended (any status).
    progressed(int, int): records done and total of the phase in progress.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.app import Done
from desktop.app.sync import SyncOps, SyncStatus
from desktop.app.types import CancelToken, Phase, Status, SyncProgress, SyncReport
from desktop.gui.tasks import TaskContext, TaskHandle, TaskRunner

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 60_000
#: Saves made within this time of each other lead to one sync.
AFTER_SAVE_DELAY_MS = 3_000


class SyncController(QObject):
    status_changed = Signal(object)
    sync_started = Signal()
    sync_finished = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, services: SyncOps, tasks: TaskRunner, *,
                 probe_interval_ms: int = PROBE_INTERVAL_MS,
                 after_save_delay_ms: int = AFTER_SAVE_DELAY_MS) -> None:
        super().__init__()
        self.services = services
        self.tasks = tasks
        self.status: SyncStatus | None = None
        self._running: TaskHandle | None = None
        self._probing = False
        self._again = False
        self._online = False
        self._stopped = False
        self._phase = Phase.PUSH
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(probe_interval_ms)
        self._probe_timer.timeout.connect(self.probe)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(after_save_delay_ms)
        self._save_timer.timeout.connect(lambda: self.sync_now(manual=False))

    # --- state ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running is not None

    @property
    def probing(self) -> bool:
        """A reachability check is on its way (a sync asked for now waits for it)."""
        return self._probing

    @property
    def phase(self) -> Phase:
        return self._phase

    def refresh_status(self, then: Callable[[SyncStatus], None] | None = None) -> None:
        def loaded(status: SyncStatus) -> None:
            self._set_status(status)
            if then is not None:
                then(status)

        self.tasks.run_db(lambda ctx: self.services.status(), on_success=loaded)

    def _set_status(self, status: SyncStatus) -> None:
        self.status = status
        if status.can_sync and not self._stopped:
            if not self._probe_timer.isActive():
                self._probe_timer.start()
        else:
            self._probe_timer.stop()
            self._save_timer.stop()
        self.status_changed.emit(status)

    # --- triggers ---------------------------------------------------------------------------

    def probe(self) -> None:
        """The periodic check: sync when the server came back or records are waiting."""
        if self._stopped or self._probing or self.running or self.status is None \
                or not self.status.can_sync:
            return
        self._probing = True
        was_online = self._online

        def job(ctx: TaskContext) -> tuple[bool, int]:
            if not self.services.reachable():
                return False, 0
            return True, self.services.waiting()

        def done(result: tuple[bool, int]) -> None:
            self._probing = False
            reachable, waiting = result
            self._online = reachable
            if reachable and (not was_online or waiting):
                self.sync_now(manual=False)

        def failed(exc: BaseException) -> None:
            self._probing = False
            log.warning("sync probe failed: %s", exc)

        self.tasks.run_net(job, on_success=done, on_failure=failed, cancellable=False)

    def record_saved(self) -> None:
        """A record was saved: send it soon if the server was reachable last time we looked."""
        if not self._stopped and self.status is not None and self.status.can_sync and self._online:
            self._save_timer.start()

    def sync_now(self, *, manual: bool = True) -> bool:
        """Start a sync; False when one is running already (it will run once more after)."""
        self._save_timer.stop()
        if self._stopped:
            return False
        if self.running:
            self._again = True
            return False
        self._again = False
        self._phase = Phase.PUSH

        def job(ctx: TaskContext) -> Done[SyncReport]:
            token = CancelToken()
            ctx.on_cancel(token.cancel)

            def progress(p: SyncProgress) -> None:
                ctx.update(p.done, p.total, p.phase.value)

            return self.services.run(progress, token)

        def progressed(done: int, total: int, label: str) -> None:
            if label:
                self._phase = Phase(label)
            self.progressed.emit(done, total)

        self._running = self.tasks.run_net(
            job, on_success=self._on_finished, on_failure=self._on_crashed,
            on_progress=progressed, cancellable=True)
        self.sync_started.emit()
        return True

    def cancel(self) -> None:
        if self._running is not None:
            self._running.cancel()

    def next_try_ms(self) -> int | None:
        """Milliseconds until the next automatic try, None when none is planned."""
        if self._stopped or not self._probe_timer.isActive():
            return None
        return max(0, self._probe_timer.remainingTime())

    def stop(self) -> None:
        """The window is closing: no more probes or syncs (answers still on their way are
        only recorded), and a running sync is cancelled."""
        self._stopped = True
        self.cancel()
        self._probe_timer.stop()
        self._save_timer.stop()

    # --- outcome ----------------------------------------------------------------------------

    def _on_finished(self, report: SyncReport) -> None:
        self._running = None
        # Only "cannot reach the server" means offline; a refusal or a cancel came over the net.
        self._online = report.error_code != "unreachable"
        self.sync_finished.emit(report)
        again = self._again and report.status is Status.OK
        self._again = False
        if self._stopped:
            return
        self.refresh_status(then=lambda status: self._maybe_again(again, status))

    def _maybe_again(self, again: bool, status: SyncStatus) -> None:
        if again and status.can_sync:
            self.sync_now(manual=False)

    def _on_crashed(self, exc: BaseException) -> None:
        """A bug in the client (known failures come back as a report): report it, move on."""
        self._running = None
        self._again = False
        from desktop.gui.errors import report_failure

        report_failure(None, exc)  # a bug: its details, to copy for the ward's IT person
        self.sync_finished.emit(None)
        if not self._stopped:
            self.refresh_status()
