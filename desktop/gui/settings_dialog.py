"""Settings (Cài đặt): the volunteer profile after the first run, the ward server, enrolment.

Enrolment trades the one-time code from ward staff for a device token (the sync client keeps
it in the OS keyring, or a file only this user can read). It runs on the network worker; the
dialog stays usable and shows the outcome in place. The current state (enrolled or not,
revoked, the last sync) is shown at the top of the server section.

One server address at a time: once the laptop is enrolled, the enrolled address is the one sync
uses, and a different address typed in the field only takes over through a new enrolment (a
server only accepts a device token it issued itself). Until then the dialog says so beside the
field, offers to put the enrolled address back, and Save refuses to store the other address.

The dialog listens to the one change signal: a sync that ends or an enrolment updates the
state shown, while it is open.

Signals:
    profile_saved(object): the saved ``Profile`` (after Save).
    enrolled(): this laptop was just enrolled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import Change, Done, LaptopApp
from desktop.app.sync import SyncStatus, is_unencrypted_remote
from desktop.app.types import Profile
from desktop.gui.errors import known_message
from desktop.gui.first_run import is_usable_server_url
from desktop.gui.profile_fields import profile_fields
from desktop.gui.sync_widgets import status_text, when_text
from desktop.gui.tasks import TaskRunner
from desktop.gui.window_fit import keep_wrapped_text_whole
from sync.contract.normalize import normalize_name


class SettingsDialog(QDialog):
    """Edits the profile and enrols the laptop.

    Args:
        app: the application layer (profile, sync status, enrolment).
        tasks: the background-work helper.
    """

    profile_saved = Signal(object)
    enrolled = Signal()

    def __init__(self, app: LaptopApp, tasks: TaskRunner, *,
                 today: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setMinimumWidth(520)
        self._app = app
        self._tasks = tasks
        reference = app.reference

        fields = profile_fields(reference, today)
        self.language, self.name = fields.language, fields.name
        self.neighbourhood, self.server = fields.neighbourhood, fields.server
        self.server.textChanged.connect(self._update_address_notice)
        self.address_notice = QLabel()
        self.address_notice.setObjectName("address_notice")
        self.address_notice.setProperty("role", "warning")
        self.address_notice.setWordWrap(True)
        self.keep_address = QPushButton()
        self.keep_address.setObjectName("keep_address")
        self.keep_address.clicked.connect(self._on_keep_address_clicked)
        self.address_change = QWidget()
        notice_line = QHBoxLayout(self.address_change)
        notice_line.setContentsMargins(0, 0, 0, 0)
        notice_line.addWidget(self.address_notice, 1)
        notice_line.addWidget(self.keep_address)
        self.address_change.hide()
        self.ca_cert = QLineEdit()
        self.ca_cert.setObjectName("ca_cert")
        self.ca_browse = QPushButton()
        self.ca_browse.setObjectName("ca_browse")
        self.ca_browse.clicked.connect(self._on_ca_browse_clicked)
        self.state = QLabel()
        self.state.setObjectName("sync_state")
        self.state.setWordWrap(True)
        self.allow_insecure = QCheckBox()
        self.allow_insecure.setObjectName("allow_insecure")
        self.allow_insecure.hide()
        # A check box does not wrap: the short choice, then why, in a label that does.
        self.insecure_note = QLabel()
        self.insecure_note.setObjectName("insecure_note")
        self.insecure_note.setProperty("role", "warning")
        self.insecure_note.setWordWrap(True)
        self.insecure_note.hide()
        self.server.textChanged.connect(self._update_insecure_choice)
        self.code = QLineEdit()
        self.code.setObjectName("enrol_code")
        self.code.setMaxLength(64)
        self.enrol_button = QPushButton()
        self.enrol_button.setObjectName("enrol")
        self.enrol_button.clicked.connect(self._on_enrol_clicked)
        self.enrol_result = QLabel()
        self.enrol_result.setObjectName("enrol_result")
        self.enrol_result.setWordWrap(True)
        self.enrol_result.hide()
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.profile_box = QGroupBox()
        profile_form = QFormLayout(self.profile_box)
        self.language_label, self.name_label = QLabel(), QLabel()
        self.neighbourhood_label = QLabel()
        for label, field in ((self.language_label, self.language), (self.name_label, self.name),
                             (self.neighbourhood_label, self.neighbourhood)):
            label.setBuddy(field)
            profile_form.addRow(label, field)

        self.server_box = QGroupBox()
        server_form = QFormLayout(self.server_box)
        server_form.addRow(self.state)
        self.server_label, self.ca_label, self.code_label = QLabel(), QLabel(), QLabel()
        ca_line = QHBoxLayout()
        ca_line.addWidget(self.ca_cert, 1)
        ca_line.addWidget(self.ca_browse)
        code_line = QHBoxLayout()
        code_line.addWidget(self.code, 1)
        code_line.addWidget(self.enrol_button)
        server_form.addRow(self.server_label, self.server)
        server_form.addRow(self.address_change)
        server_form.addRow(self.allow_insecure)
        server_form.addRow(self.insecure_note)
        server_form.addRow(self.ca_label, ca_line)
        server_form.addRow(self.code_label, code_line)
        server_form.addRow(self.enrol_result)
        for label, field in ((self.server_label, self.server), (self.ca_label, self.ca_cert),
                             (self.code_label, self.code)):
            label.setBuddy(field)

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_settings")
        self.save_button.setDefault(True)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close_settings")
        self.protection_button = QPushButton()
        self.protection_button.setObjectName("data_protection")
        self.protection_button.clicked.connect(self._on_protection_clicked)
        self.buttons.addButton(self.protection_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.profile_box)
        layout.addWidget(self.server_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._status: SyncStatus | None = None
        keep_wrapped_text_whole(self)
        self.retranslate_ui()
        tasks.changed.connect(self._on_changed)
        self._load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.profile_box.setTitle(self.tr("You"))
        self.server_box.setTitle(self.tr("Ward server"))
        self.language_label.setText(self.tr("&Language"))
        self.name_label.setText(self.tr("Your &name"))
        self.neighbourhood_label.setText(self.tr("&Neighbourhood"))
        self.server_label.setText(self.tr("Server &address"))
        self.ca_label.setText(self.tr("Ward &CA certificate (optional)"))
        self.ca_cert.setToolTip(self.tr(
            "Only if the ward's server uses its own certificate: the .pem file the ward gave "
            "you."))
        self.ca_browse.setText(self.tr("Choose…"))
        self.allow_insecure.setText(self.tr("The ward allows unencrypted http:// here"))
        self.insecure_note.setText(self.tr(
            "With http:// anyone on the network can read residents' data and this laptop's "
            "access code. Tick this only on the ward's closed network, when staff ask you to."))
        self.code_label.setText(self.tr("One-time &code"))
        self.code.setToolTip(self.tr("The code ward staff gave you to connect this laptop."))
        self.enrol_button.setText(self.tr("&Enrol this laptop"))
        self.save_button.setText(self.tr("&Save"))
        self.close_button.setText(self.tr("Close"))
        self.protection_button.setText(self.tr("Data &protection…"))
        if self._status is not None:
            self.show_status(self._status)
        self._update_address_notice()
        # Both sections share one label column, so the fields line up down the dialog.
        labels = (self.language_label, self.name_label, self.neighbourhood_label,
                  self.server_label, self.ca_label, self.code_label)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        def loaded(result: tuple[Profile | None, SyncStatus]) -> None:
            profile, status = result
            if profile is not None:
                self.language.setCurrentIndex(max(0, self.language.findData(profile.language)))
                self.name.setText(profile.volunteer_name)
                self.neighbourhood.setCurrentIndex(
                    max(0, self.neighbourhood.findData(profile.neighbourhood_code)))
                self.server.setText(profile.server_url or "")
            if status.enrolment is not None:
                self.ca_cert.setText(status.enrolment.ca_cert or "")
            self.show_status(status)

        self._tasks.run_db(lambda ctx: (self._app.profile.load(), self._app.sync.status()),
                           on_success=loaded)

    def _on_changed(self, change: Change) -> None:
        """The one change signal: sync state (a run ended, an enrolment) shown as it is now."""
        if change.sync_status or change.server:
            self._tasks.run_db(lambda ctx: self._app.sync.status(), on_success=self._refreshed)

    def _refreshed(self, status: SyncStatus) -> None:
        if status.enrolment is not None and self.enrolled_url() != _clean_url(
                status.enrolment.server_url):
            self.server.setText(status.enrolment.server_url)  # enrolled elsewhere just now
        self.show_status(status)

    def show_status(self, status: SyncStatus) -> None:
        """Show the sync state (also called by the main window when a sync ends)."""
        self._status = status
        if status.revoked:
            text = self.tr(
                "The ward has withdrawn this laptop's access. Your records are all still here. "
                "Ask ward staff for a new code and enrol again.")
        elif status.enrolled and status.enrolment is not None:
            text = self.tr("Enrolled with {server} (device {device}).").format(
                server=status.enrolment.server_url, device=status.enrolment.device_id[:8])
        else:
            text = self.tr("Not enrolled: records stay on this laptop until you enter the "
                           "ward's address and a one-time code.")
        last = status.last_run
        if last is not None:
            text += "\n" + self.tr("Last sync: {when}, {result}.").format(
                when=when_text(last.get("started_at")),
                result=status_text(str(last.get("status"))))
        else:
            text += "\n" + self.tr("Last sync: never.")
        self.state.setText(text)
        self._update_address_notice()

    # --- the server address -----------------------------------------------------------------

    def enrolled_url(self) -> str | None:
        """The address sync uses now: the enrolled one (None before any enrolment)."""
        status = self._status
        if status is None or status.enrolment is None:
            return None
        return _clean_url(status.enrolment.server_url)

    def address_changed(self) -> bool:
        """True while the field names another server than the enrolled one."""
        enrolled = self.enrolled_url()
        return enrolled is not None and _clean_url(self.server.text()) != enrolled

    def _update_address_notice(self) -> None:
        enrolled = self.enrolled_url()
        if enrolled is None or not self.address_changed():
            self.address_change.hide()
            return
        self.address_notice.setText(self.tr(
            "A new address needs a new one-time code from the ward: enter it below and press "
            "Enrol. Until then this laptop keeps sending to {server}.").format(server=enrolled))
        self.keep_address.setText(self.tr("&Keep {server}").format(server=enrolled))
        self.address_change.show()

    def _on_keep_address_clicked(self) -> None:
        enrolled = self.enrolled_url()
        if enrolled is not None:
            self.server.setText(enrolled)
        self._show_problem(None)

    # --- enrolment --------------------------------------------------------------------------

    def _on_ca_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Ward CA certificate"), self.ca_cert.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if name:
            self.ca_cert.setText(name)

    def _update_insecure_choice(self) -> None:
        plain = is_unencrypted_remote(self.server.text())
        self.allow_insecure.setVisible(plain)
        self.insecure_note.setVisible(plain)
        if not plain:
            self.allow_insecure.setChecked(False)

    def _server_problem(self) -> str | None:
        url = self.server.text().strip()
        if not url or not is_usable_server_url(url):
            return self.tr("Write the server address like https://hotroso.example.vn.")
        if is_unencrypted_remote(url) and not self.allow_insecure.isChecked():
            return self.tr(
                "{server} uses unencrypted http://: anyone on the network could read residents' "
                "data. Use the ward's https:// address; only if ward staff say so, tick \"The "
                "ward allows unencrypted http:// here\" and enrol again.").format(server=url)
        ca = self.ca_cert.text().strip()
        if ca and not Path(ca).is_file():
            return self.tr("The certificate file {path} does not exist. Choose it again or "
                           "leave the field empty.").format(path=ca)
        return None

    def _on_enrol_clicked(self) -> None:
        problem = self._server_problem()
        if problem is None and not self.code.text().strip():
            problem = self.tr("Enter the one-time code from ward staff.")
            self.code.setFocus()
        self._show_problem(problem)
        if problem is not None:
            return
        url = _clean_url(self.server.text())
        code = self.code.text().strip()
        ca_text = self.ca_cert.text().strip()
        ca = Path(ca_text) if ca_text else None
        label = normalize_name(self.name.text())
        insecure = self.allow_insecure.isChecked() and is_unencrypted_remote(url)
        self.enrol_button.setEnabled(False)
        self.enrol_result.setText(self.tr("Contacting the ward server…"))
        self.enrol_result.setProperty("role", "")
        self.enrol_result.show()

        def done(enrolment: Any) -> None:
            self.enrol_button.setEnabled(True)
            self.code.clear()
            self._show_problem(None)
            self.enrol_result.setText(self.tr("This laptop is now enrolled. Records will be "
                                              "sent to the ward."))
            self.enrolled.emit()

        def failed(exc: BaseException) -> None:
            self.enrol_button.setEnabled(True)
            message = known_message(exc)
            if message is None:
                from desktop.gui.errors import report_failure

                report_failure(self, exc)
                message = self.tr("Enrolment failed.")
            self.enrol_result.setText(message)
            self.enrol_result.setProperty("role", "error")
            self.enrol_result.style().unpolish(self.enrol_result)
            self.enrol_result.style().polish(self.enrol_result)

        self._tasks.run_net(
            lambda ctx: self._app.sync.enroll(url, code, ca_cert=ca, device_label=label,
                                              allow_insecure=insecure),
            on_success=done, on_failure=failed, cancellable=False)

    def _on_protection_clicked(self) -> None:
        from desktop.gui.protection_choice import ProtectionDialog
        from desktop.gui.unlock import is_portable

        dialog = ProtectionDialog(self._app, self._tasks,
                                  portable=is_portable(self._app.data_dir),
                                  parent=self)
        dialog.open()

    # --- saving -----------------------------------------------------------------------------

    def _show_problem(self, problem: str | None) -> None:
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)

    def _on_save_clicked(self) -> None:
        name = normalize_name(self.name.text())
        url = _clean_url(self.server.text())
        problem = None
        if not name:
            problem = self.tr("Enter your full name: it is written on every record you make.")
            self.name.setFocus()
        elif not is_usable_server_url(url):
            problem = self.tr(
                "Write the server address like https://hotroso.example.vn (or leave it empty).")
            self.server.setFocus()
        elif self.address_changed():
            # Saving it would leave the profile naming one server while sync uses another.
            problem = self.tr(
                "The new address is not saved: this laptop is enrolled with {server}. Enter "
                "the ward's one-time code and press Enrol to move to the new address, or keep "
                "{server}.").format(server=self.enrolled_url())
            self.code.setFocus()
        elif self.enrolled_url() is not None and (ca_problem := self._server_problem()):
            problem = ca_problem
            self.ca_cert.setFocus()
        self._show_problem(problem)
        if problem is not None:
            return
        language = str(self.language.currentData())
        code = str(self.neighbourhood.currentData())
        ca_text = self.ca_cert.text().strip()
        # A renewed ward certificate applies to the enrolled server at once: the token stays.
        new_ca = Path(ca_text) if ca_text else None
        enrolled = self.enrolled_url() is not None

        def saved(profile: Any) -> None:
            self.profile_saved.emit(profile)
            self.accept()

        def failed(exc: BaseException) -> None:
            message = known_message(exc)
            if message is None:
                from desktop.gui.errors import report_failure

                report_failure(self, exc)
                return
            self._show_problem(message)

        def save(ctx: Any) -> Any:
            done = self._app.profile.save(volunteer_name=name, neighbourhood_code=code,
                                          language=language, server_url=url)
            if enrolled:
                return Done(done.value, done.change | self._app.sync.set_ca_cert(new_ca).change)
            return done

        self._tasks.run_db(save, on_success=saved, on_failure=failed)


def _clean_url(text: str) -> str:
    return text.strip().rstrip("/")
