"""Starting the GUI: ``run(argv)`` for the ``hotroso`` command, ``create_main_window`` for tests.

Start-up order: the log, QApplication, the store opened and migrated on the database worker
(as the application layer's ``LaptopApp``), the UI language from its one place (the
profile), the first-run setup if there is no volunteer profile yet (with the choice of the
OS keyring or a passphrase for the store's key), then the main window. A
store that cannot be opened is a known problem and gets a plain message (in both languages:
which one the volunteer reads is in the store that could not be opened).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

import resources
from desktop.app import LaptopApp
from desktop.app.protection import Store, StoreKey
from desktop.app.types import DEFAULT_BATCH, system_clock
from desktop.gui.collation import vietnamese_name_order
from desktop.gui.errors import FailureDialog, known_message, report_failure
from desktop.gui.first_run import FirstRunDialog, SetupChoices
from desktop.gui.i18n import Translations
from desktop.gui.icons import app_icon
from desktop.gui.log_setup import configure_logging
from desktop.gui.main_window import MainWindow
from desktop.gui.protection_choice import ProtectionChoiceBox
from desktop.gui.settings import UiSettings
from desktop.gui.tasks import TaskRunner
from desktop.gui.unlock import is_portable, open_app_store
from desktop.paths import data_dir as resolve_data_dir
from sync.contract.errors import KnownError

log = logging.getLogger(__name__)


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (created once), with the app's names and stylesheet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or ["hotroso"]))
    assert isinstance(app, QApplication)
    app.setApplicationName("Hỗ trợ số")
    app.setOrganizationName("hotroso")
    app.setWindowIcon(app_icon())
    app.setStyleSheet(resources.path("style.qss").read_text(encoding="utf-8"))
    return app


def laptop_on(store: Store, tasks: TaskRunner, *,
              batch_size: int = DEFAULT_BATCH) -> LaptopApp:
    """The application layer on an open store, its writes handed to the database worker."""
    laptop = LaptopApp(store, writer=tasks.on_db_worker, name_order=vietnamese_name_order,
                       batch_size=batch_size)
    tasks.on_db_worker(laptop.profile.load)
    return laptop


def open_laptop(directory: Path, tasks: TaskRunner, *,
                clock: Callable[[], datetime] = system_clock,
                batch_size: int = DEFAULT_BATCH,
                passphrase: StoreKey | None = None) -> LaptopApp:
    """The application layer on the store in ``directory``, opened on the database worker,
    its sync writes handed to that worker (the one writer). ``passphrase``: the store's key
    when it is not in the OS keyring."""
    laptop = tasks.on_db_worker(lambda: LaptopApp.open(
        directory, clock=clock, writer=tasks.on_db_worker, name_order=vietnamese_name_order,
        batch_size=batch_size, passphrase=passphrase))
    tasks.on_db_worker(laptop.profile.load)
    return laptop


def create_main_window(app: LaptopApp, tasks: TaskRunner, translations: Translations,
                       settings: UiSettings, *, now: Callable[[], datetime] = system_clock,
                       probe_interval_ms: int | None = None) -> MainWindow:
    """The main window for an open store that has a profile (tests and ``--self-test``)."""
    if app.profile.current is None:
        raise RuntimeError("create_main_window needs a volunteer profile; run the setup first")
    translations.set_language(app.profile.language)
    return MainWindow(app, tasks, translations, settings, now=now,
                      probe_interval_ms=probe_interval_ms)


def apply_setup(app: LaptopApp, choices: SetupChoices) -> None:
    app.profile.save(volunteer_name=choices.volunteer_name,
                     neighbourhood_code=choices.neighbourhood_code,
                     language=choices.language, server_url=choices.server_url)


def apply_protection_choice(app: LaptopApp, tasks: TaskRunner,
                            protection: ProtectionChoiceBox) -> None:
    """Re-encrypt a new store as chosen in the first run (instant: it is still empty)."""
    change = protection.chosen()
    if change is None:
        return
    try:
        tasks.on_db_worker(lambda: app.protection.change(*change))
    except Exception as exc:  # the store keeps its current protection; the app goes on
        if known_message(exc) is None:
            log.exception("the protection chosen in the first run could not be applied")
        report_failure(None, exc).exec()


def run(argv: Sequence[str] | None = None, *, data_dir: Path | None = None,
        staff: bool = False) -> int:
    """Open the GUI (``staff``: staff mode alone); returns the process exit code."""
    configure_logging()
    qt_app = application(argv if argv is not None else sys.argv)
    directory = resolve_data_dir(data_dir)
    settings = UiSettings(directory)
    translations = Translations()
    translations.set_language("vi")
    tasks = TaskRunner()
    try:
        # Unlocked first: a passphrase asked for when the store has one, or chosen where
        # there is no keyring (or on a USB stick); a plain database is encrypted once.
        store = open_app_store(tasks, directory)
        if store is None:  # the volunteer cancelled the passphrase dialog
            tasks.shutdown()
            return 0
        laptop = laptop_on(store, tasks)
    except Exception as exc:  # shown to the volunteer, then the app ends
        if known_message(exc) is None:
            log.exception("the store could not be opened")
        failure = (FailureDialog(None, f"{exc.message_vi}\n\n{exc.message_en}", None)
                   if isinstance(exc, KnownError) else report_failure(None, exc))
        failure.exec()
        tasks.shutdown()
        return 2
    if staff:  # the server address (and its CA) from this laptop's enrolment, if any
        from desktop.gui.staff.entry import run_staff

        enrolment = tasks.on_db_worker(laptop.sync.status).enrolment
        code = run_staff(qt_app, tasks, server_url=enrolment.server_url if enrolment else "",
                         ca_cert=enrolment.ca_cert if enrolment else None)
        tasks.shutdown()
        laptop.close()
        return code
    if laptop.profile.current is None:
        protection = ProtectionChoiceBox(
            laptop.protection.mode(), keyring_available=laptop.protection.keyring_available(),
            portable=is_portable(directory))
        dialog = FirstRunDialog(laptop.reference, translations, today=laptop.today(),
                                protection=protection)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            tasks.shutdown()
            laptop.close()
            return 0
        choices = dialog.choices()
        tasks.on_db_worker(lambda: apply_setup(laptop, choices))
        apply_protection_choice(laptop, tasks, protection)
    window = create_main_window(laptop, tasks, translations, settings)
    window.show_first()
    window.start()
    code = qt_app.exec()
    tasks.shutdown()
    laptop.close()
    return int(code)
