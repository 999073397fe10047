"""The GUI side of encryption at rest: the passphrase asked at start-up (a wrong one changes
nothing), a new passphrase where there is no keyring or on a USB stick, the choice in the
first run, Settings → Data protection, and the warning before a CSV/XLSX export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import null
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.gui.i18n import Translations
from desktop.gui.passphrase_dialog import CREATE, ENTER, PassphraseDialog
from desktop.gui.tasks import TaskRunner
from desktop.gui.unlock import open_app_store
from desktop.store import keys
from desktop.store.keys import OsKeyring, new_passphrase
from desktop.store.protection import Mode, inspect, open_store
from tests.gui.conftest import type_text

PASSPHRASE = "Tổ công nghệ số khu 7"


class Typist:
    """A dialog factory that types the next answer into each passphrase dialog it makes
    (a tuple: several tries in the same dialog; None: Cancel)."""

    def __init__(self, *answers: str | tuple[str, ...] | None) -> None:
        self.answers = list(answers)
        self.seen: list[PassphraseDialog] = []

    def __call__(self, mode: str = ENTER, **kwargs: Any) -> PassphraseDialog:
        typist = self

        class Answered(PassphraseDialog):
            def exec(self) -> int:
                typist.seen.append(self)
                answer = typist.answers.pop(0)
                if answer is None:
                    return QDialog.DialogCode.Rejected.value
                for attempt in (answer,) if isinstance(answer, str) else answer:
                    self.passphrase.clear()
                    self.again.clear()
                    type_text(self.passphrase, attempt)
                    if self.mode == CREATE:
                        type_text(self.again, attempt)
                    self._on_ok()
                return self.result()

        return Answered(mode, **kwargs)


@pytest.fixture
def tasks(qapp: Any) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=600)
    yield runner
    runner.shutdown()


def test_a_wrong_passphrase_at_start_up_asks_again_and_changes_nothing(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    open_store(data, passphrase=new_passphrase(PASSPHRASE)).close()
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    typist = Typist("tổ công nghệ số khu 7", None)

    assert open_app_store(tasks, data, dialog_factory=typist) is None  # cancelled the 2nd

    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    first, second = typist.seen
    assert first.mode == ENTER and not first.problem.isVisible()
    assert "Sai mật khẩu" in second.problem.text()

    typist = Typist("wrong one", PASSPHRASE)
    store = open_app_store(tasks, data, dialog_factory=typist)
    assert store is not None and len(typist.seen) == 2
    store.close()


def test_without_a_keyring_a_new_passphrase_is_chosen_and_checked(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keys, "default_keystore", lambda: OsKeyring(null.Keyring()))
    data = tmp_path / "data"
    typist = Typist(("ngắn", PASSPHRASE))
    store = open_app_store(tasks, data, dialog_factory=typist)
    assert store is not None
    store.close()
    [dialog] = typist.seen
    assert dialog.mode == CREATE and "kho khoá" in dialog.reason.text()
    assert "8 ký tự" in dialog.problem.text()  # the short one was refused in the dialog
    assert inspect(data).mode is Mode.PASSPHRASE
    assert open_app_store(tasks, data, dialog_factory=Typist(PASSPHRASE)) is not None


def test_a_usb_stick_asks_for_a_passphrase_even_with_a_keyring(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    typist = Typist(PASSPHRASE)
    store = open_app_store(tasks, tmp_path / "stick", portable=True, dialog_factory=typist)
    assert store is not None
    store.close()
    assert "USB" in typist.seen[0].reason.text()
    assert inspect(tmp_path / "stick").mode is Mode.PASSPHRASE


