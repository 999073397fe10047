"""Starting the GUI: ``run(argv)`` for the ``hotroso`` command, ``create_main_window`` for tests.

Start-up order: QApplication, the saved UI language, the store opened and migrated on the
database worker, the first-run setup if there is no volunteer profile yet, then the main
window. A store that cannot be opened is a known problem and gets a plain message.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

import resources
from desktop.gui.errors import known_message
from desktop.gui.first_run import FirstRunDialog, SetupChoices
from desktop.gui.i18n import Translations
from desktop.gui.icons import app_icon
from desktop.gui.log_setup import configure_logging
from desktop.gui.main_window import MainWindow
from desktop.gui.record_form import FormProfile
from desktop.gui.services import StoreServices
from desktop.gui.settings import UiSettings
from desktop.gui.sync_service import SyncServices
from desktop.gui.tasks import TaskRunner
from desktop.paths import data_dir as resolve_data_dir
from desktop.store import Store
from desktop.store.clock import system_clock

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


def create_main_window(services: StoreServices, tasks: TaskRunner,
                       translations: Translations, settings: UiSettings, *,
                       now: Callable[[], datetime] = system_clock,
                       sync_services: SyncServices | None = None,
                       probe_interval_ms: int | None = None) -> MainWindow:
    """The main window for an open store that has a profile (tests and ``--self-test``)."""
    profile = services.profile()
    if profile is None:
        raise RuntimeError("create_main_window needs a volunteer profile; run the setup first")
    window = MainWindow(
        services, tasks, translations, settings,
        FormProfile(device_id=str(profile.device_id), volunteer_name=profile.volunteer_name,
                    neighbourhood_code=profile.neighbourhood_code),
        now=now, data_dir=services.store.data_dir, sync_services=sync_services,
        probe_interval_ms=probe_interval_ms)
    return window


def apply_setup(services: StoreServices, choices: SetupChoices) -> None:
    services.save_profile(volunteer_name=choices.volunteer_name,
                          neighbourhood_code=choices.neighbourhood_code,
                          language=choices.language, server_url=choices.server_url)


def run(argv: Sequence[str] | None = None, *, data_dir: Path | None = None,
        staff: bool = False) -> int:
    """Open the GUI (``staff``: staff mode alone); returns the process exit code."""
    configure_logging()
    app = application(argv if argv is not None else sys.argv)
    directory = resolve_data_dir(data_dir)
    settings = UiSettings(directory)
    translations = Translations()
    translations.set_language(settings.language)
    tasks = TaskRunner()
    try:
        store = tasks.call_in_db_thread_blocking(lambda: Store.open(directory))
    except Exception as exc:  # shown to the volunteer, then the app ends
        from desktop.gui.errors import report_failure

        if known_message(exc) is None:
            log.exception("the store could not be opened")
        dialog = report_failure(None, exc)
        dialog.exec()
        tasks.shutdown()
        return 2
    services = StoreServices(store)
    if staff:  # the server address (and its CA) from this laptop's enrolment, if any
        from desktop.gui.staff.entry import run_staff

        enrolment = tasks.call_in_db_thread_blocking(SyncServices(store).status).enrolment
        code = run_staff(app, tasks, server_url=enrolment.server_url if enrolment else "",
                         ca_cert=enrolment.ca_cert if enrolment else None)
        tasks.shutdown()
        services.close()
        return code
    profile = tasks.call_in_db_thread_blocking(services.profile)
    if profile is None:
        dialog = FirstRunDialog(store.reference, translations, today=store.today())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            tasks.shutdown()
            services.close()
            return 0
        choices = dialog.choices()
        settings.language = choices.language
        tasks.call_in_db_thread_blocking(lambda: apply_setup(services, choices))
    elif profile.language != settings.language:
        settings.language = profile.language
        translations.set_language(profile.language)
    window = create_main_window(services, tasks, translations, settings)
    window.show()
    window.start()
    code = app.exec()
    tasks.shutdown()
    services.close()
    return int(code)

