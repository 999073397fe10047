"""The resident-pair screen driven offscreen against the real ward server process: a pair
shown side by side with its score, level and reasons, linked as the same person and unlinked
again, marked as different people (never proposed again), a double entry left out of the
counts and counted again; a team lead reads and decides nothing.

``HOTROSO_SCREENSHOTS=docs/screenshots`` also saves the pair at 1366×768 as
``staff-duplicates.png`` there (how the README's screenshot is made)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.app.residents import ProposalInfo, ProposalPageResponse, ProposalSide
from desktop.gui.i18n import Translations, current_language
from desktop.gui.staff.duplicates import DIFFERS, DuplicatesWindow
from desktop.gui.staff.pairs_model import Deliver, PairsModel
from desktop.gui.staff.window import StaffWindow
from desktop.gui.tasks import TaskRunner
from sync.client.staff import StaffClient, StaffTokenStore
from sync.contract.labels import field_label
from sync.contract.reference import load_reference
from sync.server import accounts
from sync.server.linkage.models import ResidentDecision
from sync.server.linking import link_heads
from sync.server.models import RecordResident, Role
from sync.server.reports.models import RecordFact
from tests.keyrings import MemoryKeyring
from tests.sync.api import enrol_device
from tests.sync.pairs import Pair, make_pair, proposals_of
from tests.sync.ward import WardServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
PASSWORD = "mật khẩu đủ dài 2026"
REFERENCE = load_reference()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only: the screen drives the API, which tests/sync tests on both engines."""
    return f"sqlite:///{tmp_path / 'ward.sqlite3'}"


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=60_000)
    yield runner
    runner.shutdown()


@pytest.fixture
def open_pairs(qtbot, tasks: TaskRunner, ward: WardServer,  # type: ignore[no-untyped-def]
               ward_db: Engine) -> Callable[..., DuplicatesWindow]:
    def make(username: str = "canbo", role: Role = Role.STAFF) -> DuplicatesWindow:
        with Session(ward_db) as session, session.begin():
            accounts.create_user(session, username=username, password=PASSWORD, role=role,
                                 now=datetime.now(UTC), full_name="Lê Văn Cán Bộ",
                                 neighbourhood_code="HT01" if role is Role.TEAM_LEAD else None)
        client = StaffClient(ward.url, tokens=StaffTokenStore(MemoryKeyring()))
        identity = client.sign_in(username, PASSWORD)
        window = StaffWindow(client, identity, tasks, REFERENCE)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not window.model.loading, timeout=10_000)
        pairs = window.open_pairs()
        qtbot.waitUntil(lambda: pairs.model.rowCount() > 0, timeout=10_000)
        return pairs

    return make


def _select(qtbot, window: DuplicatesWindow, pair: Pair) -> None:  # type: ignore[no-untyped-def]
    row = window.model.row_of(pair.proposal_id)
    assert row is not None, "the pair is not listed"
    with qtbot.waitSignal(window.pair_shown, timeout=10_000):
        window.select_row(row)


def _cells(window: DuplicatesWindow) -> dict[str, tuple[str, str, bool]]:
    """field label -> (record A's value, record B's value, highlighted as differing)."""
    table = window.view.table
    out = {}
    for row in range(1, table.rowCount()):
        items = [table.item(row, c) for c in range(3)]
        assert all(i is not None for i in items)
        label, a, b = (i.text() for i in items if i is not None)
        first = items[1]
        assert first is not None
        out[label] = (a, b, first.background().color() == DIFFERS)
    return out


def _residents(engine: Engine, *ids: str) -> dict[str, str]:
    with Session(engine) as session:
        return dict(session.execute(
            select(RecordResident.record_id, RecordResident.resident_id)
            .where(RecordResident.record_id.in_(ids))).all())


def test_pairs_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    side = ProposalSide(record_id="a" * 36, neighbourhood_code="HT01", full_name="Lê Văn A",
                        birth_year=1980, resident_id="a" * 36)
    items = [ProposalInfo(id=i, kind="same_person", level="likely", score=90 - i, reasons=[],
                          state="open", a=side, b=side.model_copy(update={"record_id": "b"}))
             for i in range(1, 4)]

    def loader(after: tuple[int, int] | None, limit: int, deliver: Deliver) -> None:
        deliver(ProposalPageResponse(items=items if after is None else [], next_after=None))

    model = PairsModel(loader)
    model.fetchMore()
    assert model.rowCount() == 3 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_a_pair_is_linked_unlinked_and_marked_different_and_a_double_entry_excluded(
    qtbot, open_pairs, ward: WardServer, ward_db: Engine,  # type: ignore[no-untyped-def]
) -> None:
    first, second = enrol_device(ward_db, ward.url, "HT01"), enrol_device(ward_db, ward.url,
                                                                          "HT02")
    pair = make_pair(ward_db, ward.url, first, other_device=second)
    double = make_pair(ward_db, ward.url, first, double_entry=True)
    shots = os.environ.get("HOTROSO_SCREENSHOTS")
    translations = Translations()
    if shots:
        translations.set_language("vi")  # the README's screenshots are in Vietnamese
    window = open_pairs()
    assert window.model.rowCount() == 2

    _select(qtbot, window, pair)
    title = window.view.title.text()
    assert "100" in title and ("Chắc chắn" in title or "Certain" in title)
    assert "CCCD" in window.view.reasons.text()
    cells = _cells(window)
    lang = "vi" if current_language() == "vi" else "en"
    name, day = field_label("full_name", lang), field_label("assisted_on", lang)
    full_name = pair.records[0]["full_name"]
    assert cells[name] == (full_name, full_name, False)
    shown = tuple(datetime.fromisoformat(r["assisted_on"]).strftime("%d/%m/%Y")
                  for r in pair.records)  # record A's day, then record B's
    assert cells[day][2] and cells[day][:2] == shown
    assert sorted(shown) == ["01/09/2025", "03/09/2025"]
    assert not window.double_button.isEnabled()  # not one help recorded twice
    if shots:
        window.resize(1366, 768)
        qtbot.wait(200)
        shot = window.grab()
        assert (shot.width(), shot.height()) == (1366, 768)
        shot.save(str(Path(shots) / "staff-duplicates.png"))

    # Same person: one resident, in the database the reports read.
    with qtbot.waitSignal(window.decided, timeout=10_000) as decided:
        window.same_button.click()
    assert decided.args == [pair.proposal_id, "linked"]
    linked = _residents(ward_db, pair.record_a, pair.record_b)
    assert set(linked) == {pair.record_a, pair.record_b} and len(set(linked.values())) == 1
    qtbot.waitUntil(lambda: window.undo_button.isEnabled(), timeout=10_000)
    assert window.feedback.text()  # says what was saved and how to undo it
    assert not window.same_button.isEnabled()

    # Undo: each record is its own resident again, the pair is to decide again.
    with qtbot.waitSignal(window.undone, timeout=10_000) as undone:
        window.undo_button.click()
    assert undone.args == [pair.proposal_id, "open"]
    assert _residents(ward_db, pair.record_a, pair.record_b) == {}
    qtbot.waitUntil(lambda: window.different_button.isEnabled(), timeout=10_000)

    # Different people: recorded, and the pair is never proposed again.
    with qtbot.waitSignal(window.decided, timeout=10_000) as decided:
        window.different_button.click()
    assert decided.args == [pair.proposal_id, "different"]
    with Session(ward_db) as session:
        assert session.get(ResidentDecision, (pair.record_a, pair.record_b)) is not None
    with ward_db.begin() as conn:
        link_heads(conn, [pair.record_a, pair.record_b], now=datetime.now(UTC))
    assert proposals_of(ward_db, pair.record_a) == [pair.proposal_id]
    with qtbot.waitSignal(window.model.modelReset, timeout=10_000):
        window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert window.model.row_of(pair.proposal_id) is None  # decided: off the open list

    # A double entry: the later record leaves the counts, and counts again on undo.
    _select(qtbot, window, double)
    assert window.double_button.isEnabled()
    left_out = window.exclude_which.currentData()
    assert left_out in (double.record_a, double.record_b)
    with qtbot.waitSignal(window.decided, timeout=10_000) as decided:
        window.double_button.click()
    assert decided.args == [double.proposal_id, "excluded"]
    with Session(ward_db) as session:
        fact = session.get(RecordFact, left_out)
        assert fact is not None and fact.excluded
    qtbot.waitUntil(lambda: window.undo_button.isEnabled(), timeout=10_000)
    assert window.view.detail is not None and window.view.detail.proposal.b.excluded == (
        left_out == double.record_b)
    with qtbot.waitSignal(window.undone, timeout=10_000):
        window.undo_button.click()
    with Session(ward_db) as session:
        fact = session.get(RecordFact, left_out)
        assert fact is not None and not fact.excluded


def test_a_team_lead_reads_the_pairs_of_their_area_and_decides_nothing(
    qtbot, open_pairs, ward: WardServer, ward_db: Engine,  # type: ignore[no-untyped-def]
) -> None:
    mine = make_pair(ward_db, ward.url, enrol_device(ward_db, ward.url, "HT01"))
    make_pair(ward_db, ward.url, enrol_device(ward_db, ward.url, "HT02"))
    window = open_pairs("totruong", Role.TEAM_LEAD)
    assert window.model.rowCount() == 1 and window.model.row_of(mine.proposal_id) == 0
    _select(qtbot, window, mine)
    for button in (window.same_button, window.different_button, window.double_button,
                   window.undo_button):
        assert not button.isVisible()
