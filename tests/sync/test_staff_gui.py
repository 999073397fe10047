"""Staff mode driven offscreen against the real ward server process: sign in, the review
queue of what a laptop synced, bulk approve and undo, a needs-fixing comment and a
correction reaching the laptop, a conflict resolved field by field reaching both laptops,
the unreachable banner and the idle sign-out."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.gui.staff.queue_model import ReviewQueueModel
from desktop.gui.staff.sign_in import SignInDialog
from desktop.gui.staff.window import StaffWindow
from desktop.gui.tasks import TaskRunner
from desktop.store.models import RecordRow
from desktop.store.records import RecordRepository
from desktop.store.sync_state import server_message_text
from sync.client.staff import (
    NotAllowed,
    RecordSummary,
    SignedOut,
    StaffClient,
    StaffError,
    StaffTokenStore,
)
from sync.contract.reference import load_reference
from sync.server import accounts
from sync.server.models import Record, Role
from tests.keyrings import MemoryKeyring
from tests.sync.conftest import Laptop
from tests.sync.ward import WardServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
PASSWORD = "mật khẩu đủ dài 2026"
REFERENCE = load_reference()


def type_text(widget: QWidget, text: str) -> None:
    """Key presses one character at a time (qtbot.keyClicks aborts on non-ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     ch))


def _user(engine: Engine, username: str = "canbo", role: Role = Role.STAFF) -> None:
    with Session(engine) as session, session.begin():
        accounts.create_user(session, username=username, password=PASSWORD, role=role,
                             now=datetime.now(UTC), full_name="Lê Văn Cán Bộ",
                             neighbourhood_code="HT01" if role is Role.TEAM_LEAD else None)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only: the screens drive the API, which tests/sync tests on both engines."""
    return f"sqlite:///{tmp_path / 'ward.sqlite3'}"


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=60_000)
    yield runner
    runner.shutdown()


@pytest.fixture
def open_window(qtbot, tasks: TaskRunner, ward: WardServer,  # type: ignore[no-untyped-def]
                ward_db: Engine) -> Callable[..., StaffWindow]:
    def make(username: str = "canbo", role: Role = Role.STAFF) -> StaffWindow:
        _user(ward_db, username, role)
        client = StaffClient(ward.url, tokens=StaffTokenStore(MemoryKeyring()))
        identity = client.sign_in(username, PASSWORD)
        window = StaffWindow(client, identity, tasks, REFERENCE)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.model.loading_changed, timeout=10_000):
            pass
        return window

    return make


def _row(laptop: Laptop, record_id: uuid.UUID) -> RecordRow:
    with laptop.store.session() as session:
        row = session.get(RecordRow, record_id)
        assert row is not None
        session.expunge(row)
        return row


def _states(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return {i: s for i, s in conn.execute(select(Record.id, Record.review_state))}


def _select(qtbot, window: StaffWindow, record_id: str) -> None:  # type: ignore[no-untyped-def]
    row = window.model.row_of(record_id)
    assert row is not None
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.table.selectRow(window.proxy.mapFromSource(window.model.index(row, 0)).row())


# --- sign-in ---------------------------------------------------------------------------------


def test_sign_in_refuses_a_wrong_password_keeping_what_was_typed_then_signs_in(
    qtbot, tasks: TaskRunner, ward: WardServer, ward_db: Engine,  # type: ignore[no-untyped-def]
) -> None:
    _user(ward_db)
    ring = MemoryKeyring()
    dialog = SignInDialog(tasks, lambda url: StaffClient(url, tokens=StaffTokenStore(ring)),
                          server_url=ward.url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "canbo")
    type_text(dialog.password, "sai mật khẩu")
    with qtbot.waitSignal(dialog.failed, timeout=10_000):
        dialog.submit()

    assert "không đúng" in dialog.error.text() or "not right" in dialog.error.text()
    assert (dialog.server.text(), dialog.username.text()) == (ward.url, "canbo")
    assert dialog.password.text() == "sai mật khẩu"  # selected, not cleared
    assert dialog.result() == 0 and ring.entries == {}

    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    assert dialog.identity is not None and dialog.identity.username == "canbo"
    assert dialog.client is not None and dialog.client.signed_in
    # The token is in the (test) keyring under the staff service, not the device token's.
    assert [service for service, _ in ring.entries] == ["hotroso-staff"]
    dialog.client.sign_out()
    assert ring.entries == {}


def test_unknown_server_is_a_plain_message(qtbot, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(tasks, lambda url: StaffClient(url, tokens=StaffTokenStore()),
                          server_url="http://127.0.0.1:9", username="canbo")
    qtbot.addWidget(dialog)
    dialog.password.setText("whatever password")
    with qtbot.waitSignal(dialog.failed, timeout=20_000):
        dialog.submit()
    assert "Không kết nối được máy chủ phường" in dialog.error.text()
    assert dialog.password.text() == "whatever password"


# --- the queue ---------------------------------------------------------------------------------


def test_queue_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    pages = {0: [_summary(i) for i in range(3)], 3: [_summary(i) for i in range(3, 5)]}
    model = ReviewQueueModel(REFERENCE, lambda offset, _limit, deliver: deliver(
        pages.get(offset, [])), page_size=3)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)  # it fetches the next page itself
    assert model.rowCount() == 5 and not model.canFetchMore()
    assert model.data(model.index(0, 1)) == "Nguyễn Văn 0"
    assert model.data(model.index(0, 5)) == "Mới nhận" or model.data(
        model.index(0, 5)) == "Received"


def _summary(i: int) -> RecordSummary:
    return RecordSummary(id=f"id-{i}", head_revision=1, neighbourhood_code="HT01",
                         flagged=i == 2, review_state="received", review_comment="",
                         record={"full_name": f"Nguyễn Văn {i}", "assisted_on": "2025-08-30",
                                 "category": "VNEID_INSTALL", "result": "completed",
                                 "neighbourhood_code": "HT01"})


def test_queue_lists_synced_records_and_bulk_approval_is_undone(
    qtbot, open_window: Callable[..., StaffWindow], ward: WardServer,  # type: ignore[no-untyped-def]
    ward_db: Engine, make_laptop: Callable[..., Laptop],
) -> None:
    laptop = make_laptop(ward.url)
    records = laptop.add_records(4)
    assert laptop.sync_now().accepted == 4
    window = open_window()

    assert window.model.rowCount() == 4
    assert {window.model.summary(r).id for r in range(4)} == {str(r.id) for r in records}
    name = records[0].full_name
    # The search box folds accents and case like the laptop's.
    from sync.contract.normalize import search_key

    window.search.setText(search_key(name).upper())
    assert window.proxy.rowCount() >= 1
    assert any(window.model.summary(window.proxy.mapToSource(window.proxy.index(r, 0)).row())
               .id == str(records[0].id) for r in range(window.proxy.rowCount()))
    window.search.clear()

    # One record was sent back before: the undo must restore it, comment included.
    first = str(records[0].id)
    window.table.selectRow(window.model.row_of(first) or 0)
    with qtbot.waitSignal(window.reviewed, timeout=10_000):
        window.send_back(window.selected_summaries(), "Thiếu số điện thoại")
    assert window.undo_button.isEnabled()  # a send-back is undoable; the bulk replaces it
    window.select_all()
    with qtbot.waitSignal(window.reviewed, timeout=10_000) as approved:
        window.approve_button.click()
    assert len(approved.args[0]) == 4
    assert set(_states(ward_db).values()) == {"approved"}
    assert window.model.data(window.model.index(0, 5)) in {"Đã duyệt", "Approved"}
    assert window.undo_button.isEnabled()

    with qtbot.waitSignal(window.undone, timeout=10_000):
        window.undo_button.click()
    states = _states(ward_db)
    assert states.pop(first) == "has_issues"
    assert set(states.values()) == {"received"}
    with ward_db.connect() as conn:
        comment = conn.execute(select(Record.review_comment).where(Record.id == first)).scalar()
    assert comment == "Thiếu số điện thoại"
    assert not window.undo_button.isEnabled()

    # A rejection is undone the same way.
    window.table.selectRow(window.model.row_of(str(records[1].id)) or 0)
    with qtbot.waitSignal(window.reviewed, timeout=10_000):
        window.reject_records(window.selected_summaries(), "Trùng với bản ghi khác")
    assert _states(ward_db)[str(records[1].id)] == "rejected"
    with qtbot.waitSignal(window.undone, timeout=10_000):
        window.undo_button.click()
    assert _states(ward_db)[str(records[1].id)] == "received"

    # The review-state filter asks the server.
    window.state_filter.setCurrentIndex(window.state_filter.findData("has_issues"))
    with qtbot.waitSignal(window.model.loading_changed, timeout=10_000):
        pass
    assert [window.model.summary(r).id for r in range(window.model.rowCount())] == [first]


def _people(engine: Engine, *ids: str) -> dict[str, str | None]:
    from sync.server.reports.models import RecordFact

    with engine.connect() as conn:
        return dict(conn.execute(select(RecordFact.record_id, RecordFact.person_id)
                                 .where(RecordFact.record_id.in_(ids))).all())


def test_two_records_staff_know_are_one_resident_are_linked_from_the_queue_and_undone(
    qtbot, open_window: Callable[..., StaffWindow], ward: WardServer,  # type: ignore[no-untyped-def]
    ward_db: Engine, make_laptop: Callable[..., Laptop],
) -> None:
    laptop = make_laptop(ward.url)
    records = laptop.add_records(3)
    assert laptop.sync_now().accepted == 3
    window = open_window()
    first, second = str(records[0].id), str(records[1].id)
    assert window.link_button.isVisible() and not window.link_button.isEnabled()
    hint = window.minimumSizeHint()  # the new button keeps the queue within small laptops
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    # A review before the link: Undo takes back the link first, then the review.
    window.table.selectRow(window.model.row_of(str(records[2].id)) or 0)
    with qtbot.waitSignal(window.reviewed, timeout=10_000):
        window.approve_button.click()

    window.table.clearSelection()
    for record_id in (first, second):
        index = window.proxy.mapFromSource(window.model.index(window.model.row_of(record_id)
                                                              or 0, 0))
        window.table.selectionModel().select(
            index, window.table.selectionModel().SelectionFlag.Select
            | window.table.selectionModel().SelectionFlag.Rows)
    assert window.link_button.isEnabled()
    window.link_button.click()
    box = window.found_link.confirmation
    assert box is not None and box.isVisible()
    for record in records[:2]:
        assert record.full_name in box.text()
    with qtbot.waitSignal(window.found_link.linked, timeout=10_000):
        box.defaultButton().click()  # "Link as one resident"
    people = _people(ward_db, first, second)
    assert people[first] == people[second] is not None
    assert records[0].full_name in window.feedback.text()
    assert window.undo_button.isEnabled()
    assert any(word in window.undo_button.text() for word in ("liên kết", "link"))

    with qtbot.waitSignal(window.found_link.link_undone, timeout=10_000):
        window.undo_button.click()
    assert _people(ward_db, first, second) == {first: None, second: None}
    assert "(1)" in window.undo_button.text()  # the review is next
    with qtbot.waitSignal(window.undone, timeout=10_000):
        window.undo_button.click()
    assert _states(ward_db)[str(records[2].id)] == "received"


def test_needs_fixing_and_a_correction_reach_the_volunteer_laptop(
    qtbot, open_window: Callable[..., StaffWindow], ward: WardServer,  # type: ignore[no-untyped-def]
    make_laptop: Callable[..., Laptop],
) -> None:
    laptop = make_laptop(ward.url)
    first, second = laptop.add_records(2)
    laptop.sync_now()
    window = open_window()

    _select(qtbot, window, str(first.id))
    with qtbot.waitSignal(window.reviewed, timeout=10_000):
        window.send_back(window.selected_summaries(), "Thiếu mã hồ sơ, bổ sung giúp")

    _select(qtbot, window, str(second.id))
    window.tabs.setCurrentIndex(1)
    form = window.correction
    address = form.editors["address"]
    phone = form.editors["phone"]
    assert isinstance(address, QLineEdit) and isinstance(phone, QLineEdit)
    address.clear()
    type_text(address, "Số 12, Tổ 5, Khu phố 1")
    phone.setText("12345")
    form.comment.setPlainText("Địa chỉ theo CCCD")
    form.send_button.click()  # refused here, before anything is sent
    assert form.problem_labels["phone"].isVisible()
    assert address.text() == "Số 12, Tổ 5, Khu phố 1"  # nothing typed lost
    phone.setText("0912 345 678")
    with qtbot.waitSignal(window.corrected, timeout=10_000):
        form.send_button.click()
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        pass
    assert window.versions.table.columnCount() == 2  # the laptop's version, then the ward's
    assert "phường" in window.versions.table.horizontalHeaderItem(1).text()
    assert "Số 12, Tổ 5, Khu phố 1" in window.versions.changes.toPlainText()

    report = laptop.sync_now()

    assert (report.reviews, report.corrections) == (1, 1)
    sent_back = _row(laptop, first.id)
    assert sent_back.review_state == "has_issues"
    assert "Thiếu mã hồ sơ, bổ sung giúp" in server_message_text(sent_back.server_message)
    corrected = _row(laptop, second.id)
    assert (corrected.address, corrected.phone) == ("Số 12, Tổ 5, Khu phố 1", "+84912345678")
    # The volunteer reads what the ward changed, from what to what, not just that it did.
    note = server_message_text(corrected.server_message)
    assert "Địa chỉ theo CCCD" in note
    assert f"Địa chỉ: {second.address or '—'} → Số 12, Tổ 5, Khu phố 1" in note
    history = RecordRepository(laptop.store).history(second.id)
    assert {h.field for h in history if h.actor.startswith("ward:")} >= {"address", "phone"}

    # The volunteer's fix comes back as a new revision: "fixed, re-check" for the ward.
    RecordRepository(laptop.store).save(first.model_copy(update={"notes": "Đã bổ sung"}), "Lan")
    assert laptop.sync_now().accepted == 1
    window.state_filter.setCurrentIndex(window.state_filter.findData("fixed"))
    qtbot.waitUntil(lambda: not window.model.loading, timeout=10_000)
    row = window.model.row_of(str(first.id))
    assert row is not None and window.model.summary(row).review_state == "fixed"
    assert window.model.summary(row).review_comment == "Thiếu mã hồ sơ, bổ sung giúp"


def test_a_conflict_resolved_field_by_field_reaches_the_owner_and_an_outage_keeps_the_form(
    qtbot, open_window: Callable[..., StaffWindow], ward: WardServer,  # type: ignore[no-untyped-def]
    make_laptop: Callable[..., Laptop],
) -> None:
    lan = make_laptop(ward.url, name="lan")
    (record,) = lan.add_records(1)
    lan.sync_now()
    minh = make_laptop.clone(lan, "minh")  # type: ignore[attr-defined]
    RecordRepository(lan.store).save(record.model_copy(update={
        "notes": "Lan ghi", "address": "Tổ 1 (Lan)"}), "Lan")
    RecordRepository(minh.store).save(record.model_copy(update={
        "notes": "Minh ghi", "address": "Tổ 2 (Minh)"}), "Minh")
    lan.sync_now()
    # Only the owner's edits are stored: the ward hands the record to Minh's laptop, whose
    # edit (made on the old base) then arrives as a conflict.
    window = open_window()
    minh_device = minh.sync.enrolment().device_id  # type: ignore[union-attr]
    window.client.hand_over(str(record.id), minh_device, "Minh tiếp nhận")
    assert minh.sync_now().conflicts >= 1
    window.flag_filter.setCurrentIndex(window.flag_filter.findData(True))
    with qtbot.waitSignal(window.model.loading_changed, timeout=10_000):
        pass
    assert window.model.rowCount() == 1

    _select(qtbot, window, str(record.id))
    assert window.tabs.isTabVisible(2)
    view = window.conflict
    assert set(view.picks()) == {"address", "notes"}  # only the fields that differ
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(2)]
    assert all("Trần Thị Lan" in h for h in headers)
    assert not any(len(word) >= 16 and all(ch in "0123456789abcdef" for ch in word)
                   for h in headers for word in h.split())  # no hashes shown
    view.pick("notes", 1)  # Minh's notes with Lan's address (the head's)
    view.pick("address", 0)
    view.comment.setPlainText("Gộp hai bản")
    with qtbot.waitSignal(window.resolved, timeout=10_000):
        view.keep_button.click()

    # The result reaches the laptop that owns the record now.
    minh.sync_now()
    row = _row(minh, record.id)
    assert (row.notes, row.address) == ("Minh ghi", "Tổ 1 (Lan)")
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        pass
    assert not window.model.summary(window.model.row_of(str(record.id)) or 0).flagged

    # The server goes away while a correction is being typed: a banner, nothing lost.
    notes = window.correction.editors["notes"]
    assert isinstance(notes, QLineEdit)
    notes.setText("Ghi chú đang gõ")
    window.correction.comment.setPlainText("lý do")
    ward.stop()
    with qtbot.waitSignal(window.action_failed, timeout=20_000) as failed:
        window.correction.send_button.click()
    assert failed.args == ["unreachable"]
    assert window.banner_row.isVisibleTo(window)
    assert "Không kết nối được máy chủ phường" in window.banner.text()
    assert notes.text() == "Ghi chú đang gõ"
    assert window.correction.comment.toPlainText() == "lý do"


# --- the session ---------------------------------------------------------------------------


def test_session_roles_errors_resume_and_idle_sign_out(
    qtbot, tasks: TaskRunner, ward: WardServer, ward_db: Engine,  # type: ignore[no-untyped-def]
) -> None:
    _user(ward_db)
    _user(ward_db, "totruong", Role.TEAM_LEAD)
    clock = [1000.0]
    wall = [datetime.now(UTC)]
    ring = MemoryKeyring()

    def client() -> StaffClient:
        return StaffClient(ward.url, tokens=StaffTokenStore(ring), idle_minutes=15,
                           monotonic=lambda: clock[0], wall_clock=lambda: wall[0])

    # The server's error body becomes a bilingual error with its per-field problems.
    staff = client()
    identity = staff.sign_in("canbo", PASSWORD)
    with pytest.raises(StaffError) as missing:
        staff.get_record(str(uuid.uuid4()))
    assert missing.value.status == 404 and missing.value.message_vi == "Không tìm thấy."
    with pytest.raises(StaffError) as invalid:
        staff._send("POST", f"/records/{uuid.uuid4()}/correct", json={"changes": "x"})
    assert invalid.value.status == 422
    assert [p.field for p in invalid.value.problems] == ["changes"]

    # Reopening the app within the idle time carries on the session kept in the keyring…
    assert client().resume() is not None
    # …not after it, and then the kept token is forgotten.
    wall[0] += timedelta(minutes=16)
    assert client().resume() is None and ring.entries == {}
    wall[0] -= timedelta(minutes=16)
    # A volunteer's account has no staff screens: refused, and no session is kept.
    _user(ward_db, "tnv", Role.VOLUNTEER)
    with pytest.raises(NotAllowed):
        client().sign_in("tnv", PASSWORD)
    assert ring.entries == {}

    staff = client()
    identity = staff.sign_in("canbo", PASSWORD)

    # Idle: the window signs out and asks for the password again, keeping what was typed.
    window = StaffWindow(staff, identity, tasks, REFERENCE, idle_check_ms=60_000)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.model.loading_changed, timeout=10_000):
        pass
    window.search.setText("dang go")
    clock[0] += 16 * 60
    with qtbot.waitSignal(window.signed_out, timeout=5_000):
        window.check_idle()
    assert not staff.signed_in and ring.entries == {}
    assert window._reauth is not None and window._reauth.isVisible()
    assert window._reauth.username.text() == "canbo"
    assert window.search.text() == "dang go"
    with pytest.raises(SignedOut):
        staff.list_records()
    window._reauth.password.setText(PASSWORD)
    with qtbot.waitSignal(window._reauth.accepted, timeout=10_000):
        window._reauth.submit()
    assert staff.signed_in and not window._closing

    # A team lead: without /auth/me the role shows at the first refused correction, and the
    # window then offers reading and commenting only.
    lead = client()
    lead_identity = lead.sign_in("totruong", PASSWORD)
    assert lead_identity.role in {"team_lead", "reviewer"}
    lead_window = StaffWindow(lead, lead_identity, tasks, REFERENCE)
    qtbot.addWidget(lead_window)
    with qtbot.waitSignal(lead_window.model.loading_changed, timeout=10_000):
        pass
    if lead_identity.role == "reviewer":
        with pytest.raises(NotAllowed):
            lead.correct(str(uuid.uuid4()), {"notes": "x"}, "y")
        lead_window.identity = lead.identity or lead_identity
        lead_window.apply_role()
    assert lead_window.fix_button.isVisibleTo(lead_window)
    assert not lead_window.approve_button.isVisibleTo(lead_window)
    assert not lead_window.tabs.isTabVisible(1)
