"""The sign-in dialog of staff mode: "Đăng nhập cán bộ phường".

The server address comes prefilled from the laptop's enrolment when there is one. The sign-in
request runs on the network worker; a failure is told in plain words under the fields and
nothing typed is cleared (only the password is selected, ready to be typed again).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.staff import Identity, StaffClient, StaffError
from desktop.gui.errors import known_message
from desktop.gui.i18n import pick
from desktop.gui.tasks import TaskContext, TaskRunner

ClientFactory = Callable[[str], StaffClient]


class SignInDialog(QDialog):
    """Signals: failed(str): a sign-in attempt failed, with the message shown."""

    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, make_client: ClientFactory, *,
                 server_url: str = "", username: str = "", message: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_sign_in")
        self._tasks = tasks
        self._make_client = make_client
        self.client: StaffClient | None = None
        self.identity: Identity | None = None
        self.server = QLineEdit(server_url)
        self.server.setObjectName("staff_server")
        self.username = QLineEdit(username)
        self.username.setObjectName("staff_username")
        self.password = QLineEdit()
        self.password.setObjectName("staff_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.info = QLabel(message)
        self.info.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("staff_sign_in_error")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("staff_sign_in_button")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self._form = QFormLayout()
        self._labels = [QLabel(), QLabel(), QLabel()]
        for lab, field in zip(self._labels, (self.server, self.username, self.password),
                              strict=True):
            lab.setBuddy(field)
            self._form.addRow(lab, field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(self._form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.info.setVisible(bool(message))
        self.setMinimumWidth(460)
        self.retranslate_ui()
        (self.password if server_url and username else
         self.username if server_url else self.server).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ward staff sign-in"))
        texts = (self.tr("Ward &server address:"), self.tr("&User name:"),
                 self.tr("&Password:"))
        for lab, text in zip(self._labels, texts, strict=True):
            lab.setText(text)
        self.server.setPlaceholderText("https://may-chu-phuong:8443")
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def submit(self) -> None:
        url = self.server.text().strip()
        username = self.username.text().strip()
        password = self.password.text()
        if not url:
            self.show_error(self.tr("Enter the ward server's address (ask the ward for it)."))
            self.server.setFocus()
            return
        if not url.startswith(("https://", "http://")):
            self.show_error(self.tr("The address must start with https:// (for example "
                                    "https://may-chu-phuong:8443)."))
            self.server.setFocus()
            return
        if not username or not password:
            self.show_error(self.tr("Enter your user name and password."))
            (self.username if not username else self.password).setFocus()
            return
        client = self._make_client(url)
        self._set_busy(True)

        def work(_ctx: TaskContext) -> Identity:
            return client.sign_in(username, password)

        def done(identity: Identity) -> None:
            self._set_busy(False)
            self.client, self.identity = client, identity
            self.accept()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if isinstance(exc, StaffError) and exc.status == 401:
                text = self.tr("The user name or the password is not right. Check them "
                               "(Caps Lock?) and try again.")
            else:
                text = known_message(exc) or pick(
                    "Không đăng nhập được do lỗi của ứng dụng.", "Signing in failed (a bug).")
            self.show_error(text)
            self.password.setFocus()
            self.password.selectAll()
            self.failed.emit(text)

        self._tasks.run_net(work, on_success=done, on_failure=failed, parent=self)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("&Sign in"))
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
