"""The background-work helper: results on the GUI thread, calm progress, real cancel, errors."""

from __future__ import annotations

import errno
import threading
import time

from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.gui.errors import FailureDialog, known_message
from desktop.gui.tasks import TaskContext, TaskRunner


def test_results_arrive_on_the_gui_thread_in_order(qtbot: QtBot, tasks: TaskRunner) -> None:
    seen: list[tuple[int, bool]] = []
    gui = threading.current_thread()
    for n in range(5):
        tasks.run_db(lambda ctx, n=n: (n, threading.current_thread() is not gui),
                     on_success=lambda r: seen.append((r[0], r[1])))
    qtbot.waitUntil(lambda: len(seen) == 5, timeout=3000)
    assert seen == [(n, True) for n in range(5)]  # off the GUI thread, delivered in order


def test_progress_dialog_only_after_the_delay_and_cancel_really_cancels(
        qtbot: QtBot, tasks: TaskRunner) -> None:
    quick: list[int] = []
    tasks.run_db(lambda ctx: 1, on_success=quick.append, label="quick")
    qtbot.waitUntil(lambda: quick == [1], timeout=2000)
    assert not any(d.isVisible() for d in QApplication.topLevelWidgets()
                   if isinstance(d, QProgressDialog))
    steps: list[int] = []
    cancelled: list[bool] = []

    def slow(ctx: TaskContext) -> None:
        for i in range(1000):
            ctx.progress(i, 1000)
            steps.append(i)
            time.sleep(0.005)

    tasks.run_db(slow, label="slow", cancellable=True, on_cancelled=lambda: cancelled.append(True))
    qtbot.wait(300)
    assert not any(isinstance(d, QProgressDialog) and d.isVisible()
                   for d in QApplication.topLevelWidgets())
    qtbot.waitUntil(lambda: any(isinstance(d, QProgressDialog) and d.isVisible()
                                for d in QApplication.topLevelWidgets()), timeout=2000)
    dialog = next(d for d in QApplication.topLevelWidgets()
                  if isinstance(d, QProgressDialog) and d.isVisible())
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None
    cancel_button.click()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=2000)
    assert len(steps) < 1000
    assert not tasks.busy


def test_known_problems_get_plain_words_and_bugs_get_details(
        qtbot: QtBot, tasks: TaskRunner, translations: object) -> None:
    assert "đầy" in (known_message(OSError(errno.ENOSPC, "No space left on device")) or "")
    assert "chương trình khác" in (known_message(RuntimeError("database is locked")) or "")
    assert known_message(ZeroDivisionError("x")) is None

    def disk_full(ctx: TaskContext) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    tasks.run_db(disk_full)
    qtbot.waitUntil(lambda: any(isinstance(w, FailureDialog) for w in
                                QApplication.topLevelWidgets() if w.isVisible()), timeout=2000)
    known = next(w for w in QApplication.topLevelWidgets()
                 if isinstance(w, FailureDialog) and w.isVisible())
    assert known.details is None and "Ổ đĩa đã đầy" in known.message_label.text()
    known.close()

    def bug(ctx: TaskContext) -> None:
        raise ZeroDivisionError("division by zero")

    tasks.run_db(bug)
    qtbot.waitUntil(lambda: any(isinstance(w, FailureDialog) and w.details
                                for w in QApplication.topLevelWidgets() if w.isVisible()),
                    timeout=2000)
    shown = next(w for w in QApplication.topLevelWidgets()
                 if isinstance(w, FailureDialog) and w.isVisible() and w.details)
    shown.copy_button.click()
    assert "ZeroDivisionError" in QApplication.clipboard().text()
    shown.close()


def test_cancel_wakes_a_blocked_network_job_and_progress_reaches_the_caller(
        qtbot: QtBot, tasks: TaskRunner) -> None:
    """A job blocked in a call (as the sync client in a request) learns of Cancel through
    ``ctx.on_cancel``, without polling; ``on_progress`` gets its reports on the GUI thread."""
    woken = threading.Event()
    progress: list[tuple[int, int, str]] = []
    outcome: list[str] = []

    def blocked(ctx: TaskContext) -> str:
        ctx.on_cancel(woken.set)
        ctx.update(3, 10, "push")
        return "woken" if woken.wait(5) else "timed out"

    handle = tasks.run_net(blocked, on_success=outcome.append, on_progress=lambda *p:
                           progress.append(p))
    qtbot.waitUntil(lambda: progress == [(3, 10, "push")], timeout=2000)
    started = time.monotonic()
    handle.cancel()
    qtbot.waitUntil(lambda: outcome == ["woken"], timeout=2000)
    assert time.monotonic() - started < 1
    late: list[bool] = []
    ctx = TaskContext(lambda *a: None)
    ctx.cancel()
    ctx.on_cancel(lambda: late.append(True))  # already cancelled: called at once
    assert late == [True]
