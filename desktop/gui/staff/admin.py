"""The administrators' screens (administrators only; the server refuses anyone else):
accounts (create, disable/enable, reset a password, role and neighbourhood), devices (enrol a
laptop with a one-time code and its QR code on screen, the list with each laptop's last sync,
revoke, hand a record over to another laptop), the reference data in force with what each
laptop has received, and the server's audit log (filter, export as CSV).

Every request runs on the network worker of the one background helper; each tab reloads
after a change it made.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.staff import Identity, StaffClient
from desktop.app.staff_reports import (
    DeviceSummary,
    EnrolmentIssued,
    EnrolmentRequest,
    ReferenceOverview,
    ReferencePublished,
    Role,
    UserCreate,
    UserSummary,
    UserUpdate,
    ward_admin,
)
from desktop.gui.staff.admin_models import AuditDeliver, AuditModel, RowsModel, when
from desktop.gui.staff.failures import show_failure
from desktop.gui.staff.reports import write_atomically
from desktop.gui.staff.values import VIETNAM
from desktop.gui.tasks import TaskContext, TaskRunner
from desktop.gui.wheel_guard import guard_wheel
from desktop.gui.window_fit import fit_screen
from sync.contract.reference import ReferenceData, ReferenceDataError, load_reference

ROLES = ("staff", "team_lead", "admin")


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class _Texts:
    """Texts made with ``tr()`` that follow a language switch: each is set through
    :meth:`text` and set again by :meth:`retranslate_ui`."""

    _texts: list[tuple[Callable[[str], object], Callable[[], str]]]

    def text(self, setter: Callable[[str], object], make: Callable[[], str]) -> None:
        if not hasattr(self, "_texts"):
            self._texts = []
        self._texts.append((setter, make))
        setter(make())

    def button(self, make: Callable[[], str]) -> QPushButton:
        button = QPushButton()
        self.text(button.setText, make)
        return button

    def label(self, make: Callable[[], str]) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        self.text(label.setText, make)
        return label

    def group(self, make: Callable[[], str]) -> QGroupBox:
        box = QGroupBox()
        self.text(box.setTitle, make)
        return box

    def retranslate_texts(self) -> None:
        for setter, make in getattr(self, "_texts", []):
            setter(make())


class AdminWindow(QWidget):
    """Signals:
        loaded(str): a tab's data arrived ("users", "devices", "reference", "audit").
        done(str): a change was stored ("user.create", "device.enrol", "device.revoke" …).
        failed(str): a request failed (the error's code); its message is on screen.
    """

    loaded = Signal(str)
    done = Signal(str)
    failed = Signal(str)

    def __init__(self, client: StaffClient, identity: Identity, tasks: TaskRunner,
                 reference: ReferenceData, *, today: date, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("admin_window")
        self.client = client
        self.identity = identity
        self.tasks = tasks
        self.reference = reference
        self.today = today
        self.tabs = QTabWidget()
        self.tabs.setObjectName("admin_tabs")
        self.users = UsersTab(self)
        self.devices = DevicesTab(self)
        self.reference_tab = ReferenceTab(self)
        self.audit = AuditTab(self)
        for tab in (self.users, self.devices, self.reference_tab, self.audit):
            self.tabs.addTab(tab, "")
        self.feedback = QLabel()
        self.feedback.setObjectName("admin_feedback")
        self.feedback.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.feedback)
        self.retranslate_ui()
        fit_screen(self)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.users.refresh()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Hỗ trợ số — administration"))
        for index, name in enumerate((self.tr("&Accounts"), self.tr("&Devices"),
                                      self.tr("&Reference data"), self.tr("Audit &log"))):
            self.tabs.setTabText(index, name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            for tab in (self.users, self.devices, self.reference_tab, self.audit):
                tab.retranslate_texts()
                for view in tab.findChildren(QTableView):
                    # Headings and cells are made when asked: ask again.
                    model = view.model()
                    model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                                 max(0, model.columnCount() - 1))
                    view.viewport().update()
        super().changeEvent(event)

    def _on_tabs_current_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, UsersTab | DevicesTab | ReferenceTab | AuditTab) and not tab.loaded:
            tab.refresh()

    def run(self, work: Callable[[], Any], done: Callable[[Any], None], *,
            label: str = "") -> None:
        """``work`` on the network worker, ``done(result)`` back on the GUI thread."""
        self.feedback.clear()
        self.tasks.run_net(lambda _ctx: work(), on_success=done, on_failure=self.on_failure,
                           label=label, parent=self)

    def on_failure(self, exc: BaseException) -> bool:
        return show_failure(self, exc, self.feedback, self.failed)

    def neighbourhood_combo(self, *, with_none: bool) -> QComboBox:
        combo = QComboBox()
        if with_none:
            combo.addItem(self.tr("(none)"), None)
        for unit in self.reference.current_neighbourhoods(self.today):
            combo.addItem(f"{unit.name} ({unit.code})", unit.code)
        guard_wheel([combo])
        return combo


# --- accounts ----------------------------------------------------------------------------------


class UsersTab(_Texts, QWidget):
    def __init__(self, admin: AdminWindow) -> None:
        super().__init__()
        self.admin = admin
        self.loaded = False
        self.model: RowsModel[UserSummary] = RowsModel([
            (lambda: self.tr("User name"), lambda u: u.username),
            (lambda: self.tr("Full name"), lambda u: u.full_name),
            (lambda: self.tr("Role"), lambda u: self._role(u.role.value)),
            (lambda: self.tr("Neighbourhood"), lambda u: u.neighbourhood_code or "—"),
            (lambda: self.tr("State"), lambda u: self.tr("active") if u.active
             else self.tr("disabled")),
            (lambda: self.tr("Created"), lambda u: when(u.created_at)),
        ], dim=lambda u: not u.active)
        self.table = _table("admin_users")
        self.table.setModel(self.model)
        for column in range(self.model.columnCount() - 1):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QHBoxLayout()
        self.new_button = self.button(lambda: self.tr("&New account…"))
        self.new_button.clicked.connect(self.ask_create)
        self.change_button = self.button(lambda: self.tr("Role and &neighbourhood…"))
        self.change_button.clicked.connect(self.ask_change)
        self.active_button = self.button(lambda: self.tr("Disable / &enable"))
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button = self.button(lambda: self.tr("Reset &password…"))
        self.password_button.clicked.connect(self.ask_password)
        for button in (self.new_button, self.change_button, self.active_button,
                       self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def _role(self, role: str) -> str:
        names = {"admin": self.tr("administrator"), "staff": self.tr("ward staff"),
                 "team_lead": self.tr("team lead"), "volunteer": self.tr("volunteer")}
        return names.get(role, role)

    def refresh(self) -> None:
        def done(users: list[UserSummary]) -> None:
            self.loaded = True
            self.model.set_rows(users)
            self.admin.loaded.emit("users")

        self.admin.run(lambda: ward_admin.list_users(self.admin.client), done)

    def selected(self) -> UserSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _changed(self, action: str) -> Callable[[Any], None]:
        def done(_result: Any) -> None:
            self.admin.feedback.setText(self.tr("Saved."))
            self.admin.done.emit(action)
            self.refresh()

        return done

    def create_user(self, user: UserCreate) -> None:
        self.admin.run(lambda: ward_admin.create_user(self.admin.client, user),
                       self._changed("user.create"))

    def update_user(self, username: str, change: UserUpdate) -> None:
        self.admin.run(lambda: ward_admin.update_user(self.admin.client, username, change),
                       self._changed("user.update"))

    def set_active(self, username: str, active: bool) -> None:
        self.admin.run(lambda: ward_admin.set_active(self.admin.client, username, active),
                       self._changed("user.enable" if active else "user.disable"))

    def reset_password(self, username: str, password: str) -> None:
        self.admin.run(lambda: ward_admin.reset_password(self.admin.client, username,
                                                         password),
                       self._changed("user.reset_password"))

    def ask_create(self) -> None:
        dialog = UserDialog(self.admin, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_user(dialog.create_request())

    def ask_change(self) -> None:
        user = self.selected()
        if user is None:
            self.admin.feedback.setText(self.tr("Choose an account in the list first."))
            return
        dialog = UserDialog(self.admin, user, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.update_user(user.username, dialog.update_request())

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            self.admin.feedback.setText(self.tr("Choose an account in the list first."))
            return
        if user.active:
            answer = QMessageBox.question(self, self.tr("Disable the account"), self.tr(
                "Disable %1? They can no longer sign in; their sessions end now.").replace(
                "%1", user.username))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.set_active(user.username, not user.active)

    def ask_password(self) -> None:
        user = self.selected()
        if user is None:
            self.admin.feedback.setText(self.tr("Choose an account in the list first."))
            return
        password, ok = QInputDialog.getText(
            self, self.tr("Reset the password"),
            self.tr("New password for %1 (at least 10 characters; tell it to them in "
                    "person):").replace("%1", user.username), QLineEdit.EchoMode.Password)
        if ok and password:
            self.reset_password(user.username, password)


class UserDialog(QDialog):
    """A new account, or another role / neighbourhood / name for ``user``."""

    def __init__(self, admin: AdminWindow, user: UserSummary | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New account") if user is None
                            else self.tr("Account %1").replace("%1", user.username))
        self.username = QLineEdit()
        self.username.setObjectName("admin_user_name")
        self.full_name = QLineEdit(user.full_name if user else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        names = {"admin": self.tr("administrator"), "staff": self.tr("ward staff"),
                 "team_lead": self.tr("team lead")}
        for role in ROLES:
            self.role.addItem(names[role], role)
        self.neighbourhood = admin.neighbourhood_combo(with_none=True)
        guard_wheel([self.role])
        if user is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(user.role.value)))
            self.neighbourhood.setCurrentIndex(
                max(0, self.neighbourhood.findData(user.neighbourhood_code)))
        form = QFormLayout(self)
        if user is None:
            form.addRow(self.tr("User name:"), self.username)
            form.addRow(self.tr("Password (at least 10 characters):"), self.password)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Neighbourhood (team leads):"), self.neighbourhood)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def create_request(self) -> UserCreate:
        return UserCreate.model_construct(
            username=self.username.text().strip(), password=self.password.text(),
            role=Role(self.role.currentData()), full_name=self.full_name.text().strip(),
            neighbourhood_code=self.neighbourhood.currentData())

    def update_request(self) -> UserUpdate:
        return UserUpdate(role=Role(self.role.currentData()),
                          neighbourhood_code=self.neighbourhood.currentData(),
                          full_name=self.full_name.text().strip())


# --- devices -----------------------------------------------------------------------------------


class DevicesTab(_Texts, QWidget):
    def __init__(self, admin: AdminWindow) -> None:
        super().__init__()
        self.admin = admin
        self.loaded = False
        self.issued: EnrolmentIssued | None = None
        self.model: RowsModel[DeviceSummary] = RowsModel([
            (lambda: self.tr("Volunteer"), lambda d: d.volunteer_name),
            (lambda: self.tr("Neighbourhood"), lambda d: d.neighbourhood_code),
            (lambda: self.tr("State"), lambda d: self._state(d.state)),
            (lambda: self.tr("Last sync"), lambda d: when(d.last_seen_at)),
            (lambda: self.tr("Records made / held"),
             lambda d: f"{d.records_made} / {d.records_owned}"),
            (lambda: self.tr("Reference data"), lambda d: self._reference_state(d)),
            (lambda: self.tr("Device id"), lambda d: d.id[:8]),
        ], dim=lambda d: d.state in ("revoked", "expired"))
        self.table = _table("admin_devices")
        self.table.setModel(self.model)
        # Tens of rows: the columns fit their headings and contents.
        for column in range(self.model.columnCount() - 1):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.refresh_button = self.button(lambda: self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.revoke_button = self.button(lambda: self.tr("Re&voke…"))
        self.revoke_button.setObjectName("admin_revoke")
        self.revoke_button.clicked.connect(self.ask_revoke)
        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.revoke_button)
        top.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 1)

        enrol = self.group(lambda: self.tr("Enrol a laptop"))
        self.enrol_neighbourhood = admin.neighbourhood_combo(with_none=False)
        self.enrol_neighbourhood.setObjectName("admin_enrol_neighbourhood")
        self.enrol_volunteer = QLineEdit()
        self.enrol_volunteer.setObjectName("admin_enrol_volunteer")
        self.enrol_minutes = QSpinBox()
        self.enrol_minutes.setRange(5, 7 * 24 * 60)
        self.enrol_minutes.setValue(60)
        self.text(self.enrol_minutes.setSuffix, lambda: self.tr(" min"))
        guard_wheel([self.enrol_minutes])
        self.enrol_button = self.button(lambda: self.tr("&Issue a code"))
        self.enrol_button.setObjectName("admin_enrol")
        self.enrol_button.clicked.connect(self.enrol_from_form)
        self.code = QLabel()
        self.code.setObjectName("admin_enrol_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.code.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.code.setFont(font)
        self.qr = QLabel()
        self.qr.setObjectName("admin_enrol_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(170, 170)
        self.code_note = QLabel()
        self.code_note.setWordWrap(True)
        form = QFormLayout(enrol)
        form.addRow(self.label(lambda: self.tr("Neighbourhood:")), self.enrol_neighbourhood)
        form.addRow(self.label(lambda: self.tr("Volunteer:")), self.enrol_volunteer)
        form.addRow(self.label(lambda: self.tr("Code valid for:")), self.enrol_minutes)
        form.addRow(self.enrol_button)
        form.addRow(self.code)
        form.addRow(self.qr)
        form.addRow(self.code_note)

        hand = self.group(lambda: self.tr("Hand a record over to another laptop"))
        self.record_id = QLineEdit()
        self.record_id.setObjectName("admin_hand_record")
        self.text(self.record_id.setPlaceholderText,
                  lambda: self.tr("record id (from the review queue)"))
        self.target = QComboBox()
        self.target.setObjectName("admin_hand_target")
        guard_wheel([self.target])
        self.hand_button = self.button(lambda: self.tr("&Hand over"))
        self.hand_button.setObjectName("admin_hand_over")
        self.hand_button.clicked.connect(self.hand_over_from_form)
        hand_form = QFormLayout(hand)
        hand_form.addRow(self.label(lambda: self.tr("Record:")), self.record_id)
        hand_form.addRow(self.label(lambda: self.tr("To laptop:")), self.target)
        hand_form.addRow(self.hand_button)

        right = QVBoxLayout()
        right.addWidget(enrol)
        right.addWidget(hand)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 1)

    def _state(self, state: str) -> str:
        names = {"waiting": self.tr("waiting for the laptop"), "expired": self.tr("code expired"),
                 "enrolled": self.tr("enrolled"), "revoked": self.tr("revoked")}
        return names.get(state, state)

    def _reference_state(self, device: DeviceSummary) -> str:
        if device.state != "enrolled":
            return "—"
        if device.reference_version is None:
            return self.tr("not yet")
        current = self.admin.reference_tab.version
        if current is not None and device.reference_version != current:
            return self.tr("older version")
        return self.tr("received")

    def refresh(self) -> None:
        def done(devices: list[DeviceSummary]) -> None:
            self.loaded = True
            self.model.set_rows(devices)
            self.target.clear()
            for d in devices:
                if d.state == "enrolled":
                    self.target.addItem(f"{d.volunteer_name} — {d.neighbourhood_code} "
                                        f"({d.id[:8]})", d.id)
            self.admin.loaded.emit("devices")

        self.admin.run(lambda: ward_admin.list_devices(self.admin.client), done)

    def enrol_from_form(self) -> None:
        volunteer = self.enrol_volunteer.text().strip()
        if not volunteer:
            self.admin.feedback.setText(self.tr("Volunteer: write the name of the volunteer "
                                                "who will use the laptop."))
            self.enrol_volunteer.setFocus()
            return
        self.enrol(EnrolmentRequest(neighbourhood_code=self.enrol_neighbourhood.currentData(),
                                    volunteer_name=volunteer,
                                    valid_minutes=self.enrol_minutes.value(),
                                    server_url=self.admin.client.server_url))

    def enrol(self, request: EnrolmentRequest) -> None:
        def done(issued: EnrolmentIssued) -> None:
            self.show_code(issued)
            self.admin.done.emit("device.enrol")
            self.refresh()

        self.admin.run(lambda: ward_admin.enrol_device(self.admin.client, request), done)

    def show_code(self, issued: EnrolmentIssued) -> None:
        self.issued = issued
        self.code.setText(issued.code)
        pixmap = QPixmap()
        pixmap.loadFromData(base64.b64decode(issued.qr_png), "PNG")
        self.qr.setPixmap(pixmap.scaled(170, 170, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.FastTransformation))
        self.code_note.setText(self.tr(
            "On the laptop: Settings → Enrol, then type this code or scan the QR code. "
            "Valid once, until %1.").replace("%1", when(issued.expires_at)))

    def selected(self) -> DeviceSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def ask_revoke(self) -> None:
        device = self.selected()
        if device is None:
            self.admin.feedback.setText(self.tr("Choose a device in the list first."))
            return
        answer = QMessageBox.question(self, self.tr("Revoke the laptop"), self.tr(
            "Revoke the laptop of %1? It can no longer sync; its records stay on it and "
            "here.").replace("%1", device.volunteer_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(device.id)

    def revoke(self, device_id: str) -> None:
        def done(_device: DeviceSummary) -> None:
            self.admin.feedback.setText(self.tr("The laptop is revoked."))
            self.admin.done.emit("device.revoke")
            self.refresh()

        self.admin.run(lambda: ward_admin.revoke_device(self.admin.client, device_id), done)

    def hand_over_from_form(self) -> None:
        record_id = self.record_id.text().strip()
        target = self.target.currentData()
        if not record_id or not target:
            self.admin.feedback.setText(self.tr("Record: paste the record's id, then choose "
                                                "the laptop that takes it over."))
            return
        self.hand_over(record_id, str(target))

    def hand_over(self, record_id: str, device_id: str) -> None:
        def done(_owner: str) -> None:
            self.admin.feedback.setText(self.tr("The record now belongs to the chosen laptop."))
            self.admin.done.emit("record.hand_over")
            self.refresh()

        self.admin.run(lambda: self.admin.client.hand_over(record_id, device_id), done)


# --- reference data ----------------------------------------------------------------------------


class ReferenceTab(_Texts, QWidget):
    def __init__(self, admin: AdminWindow) -> None:
        super().__init__()
        self.admin = admin
        self.loaded = False
        self.version: str | None = None
        self.title = QLabel()
        self.title.setObjectName("admin_reference_version")
        self.title.setWordWrap(True)
        entry_columns = [
            (lambda: self.tr("Code"), lambda e: e.code),
            (lambda: self.tr("Name"), lambda e: e.name_vi),
            (lambda: self.tr("Detail"), lambda e: e.detail or e.name_en),
        ]
        self.models: dict[str, RowsModel[Any]] = {
            name: RowsModel(entry_columns)
            for name in ("neighbourhoods", "categories", "procedures")}
        self.lists = QTabWidget()
        names: tuple[tuple[str, Callable[[], str]], ...] = (
            ("neighbourhoods", lambda: self.tr("Neighbourhoods")),
            ("categories", lambda: self.tr("Kinds of help")),
            ("procedures", lambda: self.tr("Procedures")))
        for index, (name, make) in enumerate(names):
            view = _table(f"admin_reference_{name}")
            view.setModel(self.models[name])
            view.setColumnWidth(0, 110)
            view.setColumnWidth(1, 300)
            self.lists.addTab(view, "")
            self.text(partial(self.lists.setTabText, index), make)
        self.devices: RowsModel[Any] = RowsModel([
            (lambda: self.tr("Volunteer"), lambda d: d.volunteer_name),
            (lambda: self.tr("Neighbourhood"), lambda d: d.neighbourhood_code),
            (lambda: self.tr("Has received"), lambda d: self.tr("yes") if d.up_to_date
             else (self.tr("no (older version)") if d.reference_version
                   else self.tr("not yet"))),
            (lambda: self.tr("Last sync"), lambda d: when(d.last_seen_at)),
        ], dim=lambda d: not d.up_to_date)
        self.device_view = _table("admin_reference_devices")
        self.device_view.setModel(self.devices)
        self.device_view.setColumnWidth(0, 170)
        refresh = self.button(lambda: self.tr("&Refresh"))
        refresh.clicked.connect(self.refresh)
        self.publish_button = self.button(lambda: self.tr("&Publish new data…"))
        self.publish_button.setObjectName("admin_reference_publish")
        self.publish_button.clicked.connect(self.ask_publish)
        note = self.label(lambda: self.tr(
            "Laptops receive the published reference data at their next sync. To publish new "
            "data, choose the folder of its five files (ward, categories, procedures, "
            "provinces, consent .toml, as “hotroso-server publish-reference” reads them); "
            "raise the version of each file you changed."))
        body = QHBoxLayout()
        body.addWidget(self.lists, 3)
        side = QVBoxLayout()
        side.addWidget(self.label(lambda: self.tr("What each laptop has received:")))
        side.addWidget(self.device_view, 1)
        body.addLayout(side, 2)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.publish_button)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(note)

    def refresh(self) -> None:
        def done(overview: ReferenceOverview) -> None:
            self.loaded = True
            self.version = overview.version
            self.title.setText(self.tr("In force: %1 (published %2)").replace(
                "%1", overview.version).replace("%2", when(overview.published_at)
                                                if overview.published_at
                                                else self.tr("shipped with the server")))
            self.models["neighbourhoods"].set_rows(overview.neighbourhoods)
            self.models["categories"].set_rows(overview.categories)
            self.models["procedures"].set_rows(overview.procedures)
            self.devices.set_rows(overview.devices)
            self.admin.loaded.emit("reference")

        self.admin.run(lambda: ward_admin.reference_overview(self.admin.client), done)

    def ask_publish(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("The folder of the reference data files"))
        if folder:
            self.publish_from(Path(folder))

    def publish_from(self, folder: Path) -> None:
        """Read and check the folder's files here, say what they hold and ask, then publish
        (the server checks them again and refuses the version in force)."""
        def read() -> ReferenceData | str:
            try:
                return load_reference(folder)
            except ReferenceDataError as exc:
                return f"{exc.file}, {exc.entry}: {exc.problem}"

        def checked(result: ReferenceData | str) -> None:
            if isinstance(result, str):
                self.admin.feedback.setText(self.tr(
                    "Nothing was published: the files have a problem — %1. Fix the file and "
                    "try again.").replace("%1", result))
                self.admin.failed.emit("invalid_reference")
                return
            if result.version == self.version:
                self.admin.feedback.setText(self.tr(
                    "Nothing was published: these files are the version in force (%1). Raise "
                    "the version of each file you changed.").replace("%1", result.version))
                self.admin.failed.emit("same_reference_version")
                return
            if self.confirm_publish(result):
                self.admin.run(lambda: ward_admin.publish_reference(self.admin.client, result),
                               published, label=self.tr("Publishing the reference data…"))

        def published(answer: ReferencePublished) -> None:
            self.refresh()  # (it clears the feedback line first)
            self.admin.feedback.setText(self.tr(
                "Published %1: laptops receive it at their next sync.").replace(
                "%1", answer.version))
            self.admin.done.emit("reference.publish")

        self.admin.run(read, checked)

    def confirm_publish(self, reference: ReferenceData) -> bool:
        today = self.admin.today
        answer = QMessageBox.question(self, self.tr("Publish reference data"), self.tr(
            "Publish version %1 to every laptop? %2 neighbourhoods in force, %3 kinds of help, "
            "%4 procedures. Laptops receive it at their next sync.").replace(
            "%1", reference.version).replace(
            "%2", str(len(reference.current_neighbourhoods(today)))).replace(
            "%3", str(len(reference.categories))).replace(
            "%4", str(len(reference.procedures))))
        return answer == QMessageBox.StandardButton.Yes


# --- the audit log -----------------------------------------------------------------------------


class AuditTab(_Texts, QWidget):
    def __init__(self, admin: AdminWindow) -> None:
        super().__init__()
        self.admin = admin
        self.loaded = False
        self.actor = QLineEdit()
        self.actor.setObjectName("admin_audit_actor")
        self.action = QLineEdit()
        self.action.setObjectName("admin_audit_action")
        self.target = QLineEdit()
        self.text(self.actor.setPlaceholderText, lambda: self.tr("who (user:canbo, device:…)"))
        self.text(self.action.setPlaceholderText,
                  lambda: self.tr("what (user., device., period.lock …)"))
        self.text(self.target.setPlaceholderText, lambda: self.tr("on what"))
        # Days in the ward's time; the first day of the range means "no limit".
        self.since = QDateEdit()
        self.since.setObjectName("admin_audit_since")
        self.until = QDateEdit()
        self.until.setObjectName("admin_audit_until")
        for day in (self.since, self.until):
            day.setCalendarPopup(True)
            day.setDisplayFormat("dd/MM/yyyy")
            day.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31))
            day.setDate(day.minimumDate())
            self.text(day.setSpecialValueText, lambda: self.tr("any day"))
        guard_wheel([self.since, self.until])
        self.filter_button = self.button(lambda: self.tr("&Filter"))
        self.filter_button.setObjectName("admin_audit_filter")
        self.filter_button.clicked.connect(self.refresh)
        for edit in (self.actor, self.action, self.target):
            edit.returnPressed.connect(self.refresh)
        self.export_button = self.button(lambda: self.tr("E&xport CSV…"))
        self.export_button.clicked.connect(self.ask_export)
        self.model = AuditModel([
            (lambda: self.tr("When"), lambda e: when(e.at)),
            (lambda: self.tr("Who"), lambda e: e.actor),
            (lambda: self.tr("What"), lambda e: e.action),
            (lambda: self.tr("On what"), lambda e: e.target),
            (lambda: self.tr("Details"), lambda e: ", ".join(
                f"{k}={v}" for k, v in e.details.items())),
        ])
        self.table = _table("admin_audit")
        self.table.setModel(self.model)
        for column, width in enumerate((120, 220, 150, 260)):
            self.table.setColumnWidth(column, width)
        filters = QHBoxLayout()
        for edit in (self.actor, self.action, self.target):
            filters.addWidget(edit, 1)
        filters.addWidget(self.label(lambda: self.tr("from")))
        filters.addWidget(self.since)
        filters.addWidget(self.label(lambda: self.tr("to")))
        filters.addWidget(self.until)
        filters.addWidget(self.filter_button)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def _filters(self) -> dict[str, Any]:
        """The filters as the client takes them (dates: whole days in the ward's time)."""
        def moment(edit: QDateEdit, *, end: bool) -> datetime | None:
            if edit.date() == edit.minimumDate():
                return None
            day = edit.date().addDays(1 if end else 0)
            return datetime(day.year(), day.month(), day.day(), tzinfo=VIETNAM)

        return {"actor": self.actor.text(), "action": self.action.text(),
                "target": self.target.text(), "since": moment(self.since, end=False),
                "until": moment(self.until, end=True)}

    def refresh(self) -> None:
        filters = self._filters()
        first = [True]

        def loader(offset: int, limit: int, deliver: AuditDeliver) -> None:
            def done(page: Any) -> None:
                deliver(list(page.items), page.has_more)
                if first[0]:
                    first[0] = False
                    self.loaded = True
                    self.admin.loaded.emit("audit")

            def failed(exc: BaseException) -> None:
                deliver(None, False)
                self.admin.on_failure(exc)

            def work(_ctx: TaskContext) -> Any:
                return ward_admin.audit_page(self.admin.client, **filters, limit=limit,
                                             offset=offset)

            self.admin.tasks.run_net(work, on_success=done, on_failure=failed,
                                     parent=self.admin)

        self.model.reset(loader)
        self.model.fetchMore()

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the audit log"), str(Path.home() / "nhat-ky.csv"),
            "CSV (*.csv)")
        if path:
            self.export_to(Path(path if path.lower().endswith(".csv") else path + ".csv"))

    def export_to(self, path: Path) -> None:
        filters = self._filters()

        def work() -> str:
            write_atomically(path, ward_admin.audit_export(self.admin.client, **filters))
            return str(path)

        def done(written: str) -> None:
            self.admin.feedback.setText(self.tr("Saved %1").replace("%1", written))
            self.admin.done.emit("audit.export")

        self.admin.run(work, done, label=self.tr("Exporting the audit log…"))
