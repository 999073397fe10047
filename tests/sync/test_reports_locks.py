"""Locking a period ("chốt số liệu"): the locked report prints the same, later changes are
kept and flagged, unlocking needs a reason and is recorded (SQLite and PostgreSQL)."""

from __future__ import annotations

import argparse
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from sync.server.reports.breakdowns import Breakdown
from sync.server.reports.command import add_report_commands, run_report_command
from sync.server.reports.facts import set_excluded
from sync.server.reports.figures import compute_figures
from sync.server.reports.locks import (
    LockError,
    changed_record_ids,
    flag_changes_in_locked_periods,
    lock_history,
    lock_period,
    locked_periods,
    unlock_period,
)
from sync.server.reports.models import PeriodLockChange, RecordFact
from sync.server.reports.periods import Period
from sync.server.reports.report import build_report, render
from sync.server.reports.settings import ReportSettings
from tests.sync.reports_data import (
    NOW,
    REFERENCE,
    Scenario,
    build_scenario,
    edit,
    push,
    record,
)

H1 = Period.half(2025, 1)
LOCK_AT = NOW + timedelta(hours=1)
EDIT_AT = NOW + timedelta(hours=2)
SETTINGS = ReportSettings.defaults(REFERENCE)


@pytest.fixture
def scenario(ward_db: Engine) -> Scenario:
    return build_scenario(ward_db)


def _csv(ward_db: Engine, tmp_path: Path, name: str) -> bytes:
    path = tmp_path / name
    run_report_command(ward_db, H1.start, H1.end, "csv", path, SETTINGS, now=lambda: EDIT_AT)
    return path.read_bytes()


def _flags(ward_db: Engine) -> set[str]:
    with ward_db.connect() as conn:
        return set(
            conn.execute(
                select(RecordFact.record_id).where(RecordFact.changed_after_lock.is_(True))
            ).scalars()
        )


def _lock(ward_db: Engine) -> int:
    with ward_db.begin() as conn:
        return lock_period(conn, H1, REFERENCE, by="Đỗ Thị Hương", now=LOCK_AT)


def test_a_locked_report_is_the_same_csv_after_an_edit_which_is_flagged(
    ward_db: Engine, scenario: Scenario, tmp_path: Path
) -> None:
    lock_id = _lock(ward_db)
    locked_csv = _csv(ward_db, tmp_path, "locked.csv")

    # A volunteer edits b (helped in the period): revision 2 changes what it was.
    with ward_db.connect() as conn:
        before_edit = compute_figures(conn, H1, REFERENCE, now=EDIT_AT)
    b = _head(ward_db, scenario.ids["b"])
    assert push(
        ward_db,
        [edit(b, revision=2, category="VNEID_L1", procedure_code=None, online_level=None)],
        now=EDIT_AT,
        base=1,
    ) == ["accepted"]

    assert _csv(ward_db, tmp_path, "again.csv") == locked_csv  # byte for byte
    with ward_db.connect() as conn:
        live = compute_figures(conn, H1, REFERENCE, now=EDIT_AT)
        report = build_report(conn, H1, REFERENCE, now=EDIT_AT)
        assert changed_record_ids(conn, lock_id) == [scenario.ids["b"]]
    assert live.current.total.online_dossiers == before_edit.current.total.online_dossiers - 1
    assert report.figures.current.total.online_dossiers == 3  # the locked figure
    assert report.figures.locked is not None and report.figures.locked.changed_records == 1
    assert report.figures.locked.locked_by == "Đỗ Thị Hương"
    assert _flags(ward_db) == {scenario.ids["b"]}
    # The XLSX and PDF of a locked period are made from the snapshot and say so.
    assert render(report, "csv", SETTINGS) == locked_csv
    pdf = render(report, "pdf", SETTINGS, made_at=EDIT_AT)
    assert pdf.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(render(report, "xlsx", SETTINGS, made_at=EDIT_AT)))
    lines = [str(c.value) for c in book["Tổng hợp"]["A"] if c.value]
    assert any(
        "Số liệu đã chốt lúc 10:00 ngày 02/07/2025, người chốt: Đỗ Thị Hương" in v for v in lines
    )
    assert any("Sau khi chốt có 1 phiếu thay đổi" in v for v in lines)
    online = [r for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0] and "TTHC" in r[0]]
    assert online[0][1] == 3  # the locked figure, not the live 2


def test_what_counts_as_a_change_to_a_locked_period(ward_db: Engine, scenario: Scenario) -> None:
    _lock(ward_db)
    ids = scenario.ids
    # Moved out of the period by an edit: it was counted by the lock, so it is flagged.
    i = _head(ward_db, ids["i"])
    push(
        ward_db,
        [
            edit(
                i,
                revision=2,
                assisted_on=date(2025, 7, 3),
                neighbourhood_code="HT01",
                ward_code="HA_TU",
                ward_name="Phường Hà Tu",
            )
        ],
        now=EDIT_AT,
        base=1,
    )
    # A late sync of a record helped in the period: counted now, so flagged.
    late = record(date(2025, 6, 15))
    push(ward_db, [late], now=EDIT_AT)
    # A draft edited inside the period, and a record outside it: neither counts.
    e = _head(ward_db, ids["e"])
    push(ward_db, [edit(e, revision=2, notes="còn thiếu")], now=EDIT_AT, base=1)
    d = _head(ward_db, ids["d"])
    push(ward_db, [edit(d, revision=2, notes="ghi chú")], now=EDIT_AT, base=1)
    # Staff exclude a double entry after the lock: its contribution changed.
    with ward_db.begin() as conn:
        set_excluded(conn, [ids["k"]], True, now=EDIT_AT)
        flag_changes_in_locked_periods(conn, [ids["k"]])
    assert _flags(ward_db) == {ids["i"], str(late.id), ids["k"]}

    # A replay of a push already received changes nothing and flags nothing new.
    with ward_db.begin() as conn:
        conn.execute(PeriodLockChange.__table__.delete())
        conn.execute(RecordFact.__table__.update().values(changed_after_lock=False))
    assert push(ward_db, [record(date(2025, 1, 1), rid=ids["a"])], now=EDIT_AT) == ["already_had"]
    with ward_db.begin() as conn:
        assert flag_changes_in_locked_periods(conn, [ids["a"], ids["m"]]) == 0
    assert _flags(ward_db) == set()


def test_unlocking_needs_a_reason_and_is_recorded(
    ward_db: Engine, scenario: Scenario, tmp_path: Path
) -> None:
    lock_id = _lock(ward_db)
    with ward_db.begin() as conn, pytest.raises(LockError) as twice:
        lock_period(conn, H1, REFERENCE, by="Đỗ Thị Hương", now=LOCK_AT)
    assert "đã được chốt" in twice.value.message_vi
    b = _head(ward_db, scenario.ids["b"])
    push(ward_db, [edit(b, revision=2, deleted=True)], now=EDIT_AT, base=1)
    assert _flags(ward_db) == {scenario.ids["b"]}

    for reason in ("", "   "):
        with ward_db.begin() as conn, pytest.raises(LockError) as no_reason:
            unlock_period(conn, H1, by="Admin", reason=reason, now=EDIT_AT)
        assert "lý do" in no_reason.value.message_vi
    with ward_db.begin() as conn:
        assert (
            unlock_period(
                conn,
                H1,
                by="Trần Văn Bình",
                reason="Khu 2 báo trùng một phiếu",
                now=EDIT_AT + timedelta(minutes=5),
            )
            == lock_id
        )
    with ward_db.begin() as conn, pytest.raises(LockError):
        unlock_period(conn, H1, by="Trần Văn Bình", reason="lần nữa", now=EDIT_AT)
    assert _flags(ward_db) == set()  # no lock in force any more
    with ward_db.connect() as conn:
        history = lock_history(conn, H1)
        report = build_report(conn, H1, REFERENCE, now=EDIT_AT)
    assert [(e.action, e.by, e.reason) for e in history] == [
        ("lock", "Đỗ Thị Hương", ""),
        ("unlock", "Trần Văn Bình", "Khu 2 báo trùng một phiếu"),
    ]
    assert history[1].at == EDIT_AT + timedelta(minutes=5)
    assert report.figures.locked is None
    assert report.figures.current.total.records == 8  # live: b's deletion counts now

    # Locked again: a new snapshot, with the deletion.
    with ward_db.begin() as conn:
        second = lock_period(
            conn, H1, REFERENCE, by="Đỗ Thị Hương", now=EDIT_AT + timedelta(hours=1)
        )
        assert locked_periods(conn) == [H1]
    assert second != lock_id
    assert b",8,4,2\r\n" in _csv(ward_db, tmp_path, "second.csv")


def test_the_command_line_locks_reports_and_unlocks(
    ward_db: Engine, scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="hotroso-server")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db")
    add_report_commands(parser.add_subparsers(dest="command", required=True), common)

    def run(*argv: str) -> int:
        args = parser.parse_args(list(argv))
        result: int = args.run(args, ward_db, lambda: EDIT_AT)
        return result

    dates = ("--from", "2025-01-01", "--to", "2025-06-30")
    assert run("lock-period", *dates, "--by", "Đỗ Thị Hương") == 0
    out = tmp_path / "bc.pdf"
    assert (
        run(
            "report",
            *dates,
            "--number",
            "7",
            "--signer-name",
            "Nguyễn Văn Hùng",
            "--save-settings",
            str(out),
        )
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    printed = capsys.readouterr().out
    assert "6 tháng đầu năm 2025" in printed and "số liệu đã chốt" in printed
    assert "9 lượt hỗ trợ" in printed
    # The saved settings serve the next report.
    from sync.server.reports.settings import load_settings

    with ward_db.connect() as conn:
        saved = load_settings(conn, REFERENCE)
    assert (saved.number, saved.signer_name) == ("7", "Nguyễn Văn Hùng")
    assert run("unlock-period", *dates, "--by", "Admin", "--reason", "sửa số liệu") == 0
    from sync.server.reports.command import ReportCommandError

    with pytest.raises(ReportCommandError):
        run("report", "--from", "2025-13-01", "--to", "2025-06-30", str(tmp_path / "x.csv"))
    with pytest.raises(ReportCommandError):
        run("report", *dates, str(tmp_path / "x.txt"))


def _head(ward_db: Engine, record_id: str):  # type: ignore[no-untyped-def]
    from sync.contract.record import AssistanceRecord
    from sync.server.models import Record, RecordVersion

    with ward_db.connect() as conn:
        payload = conn.execute(
            select(RecordVersion.payload)
            .join(Record, Record.id == RecordVersion.record_id)
            .where(
                Record.id == record_id,
                RecordVersion.revision == Record.head_revision,
                RecordVersion.content_hash == Record.head_hash,
            )
        ).scalar_one()
    return AssistanceRecord.model_validate_json(payload)


def test_a_staff_correction_of_a_locked_record_is_counted_live_and_flagged(
    ward_db: Engine, scenario: Scenario, tmp_path: Path
) -> None:
    from sqlalchemy.orm import Session

    from sync.server import accounts, ward
    from sync.server.models import Role
    from sync.server.reports.facts import refresh_facts

    _lock(ward_db)
    locked_csv = _csv(ward_db, tmp_path, "locked.csv")
    with Session(ward_db) as session, session.begin():
        staff = accounts.create_user(
            session,
            username="can_bo",
            password="mật-khẩu-đủ-dài-12",
            role=Role.STAFF,
            now=NOW,
            full_name="Đỗ Thị Hương",
        )
        ward.correct(
            session,
            staff,
            scenario.ids["m"],
            {"category": "VNEID_L2_ACTIVATE"},
            "Nhầm nội dung",
            now=EDIT_AT,
            reference=REFERENCE,
        )
        conn = session.connection()
        refresh_facts(conn, [scenario.ids["m"]])
        flag_changes_in_locked_periods(conn, [scenario.ids["m"]])
    assert _flags(ward_db) == {scenario.ids["m"]}
    assert _csv(ward_db, tmp_path, "again.csv") == locked_csv
    with ward_db.connect() as conn:
        live = compute_figures(conn, H1, REFERENCE, now=EDIT_AT).current
        fact = conn.execute(
            select(RecordFact).where(RecordFact.record_id == scenario.ids["m"])
        ).one()
    assert (fact.revision, fact.category) == (2, "VNEID_L2_ACTIVATE")
    assert live.row(Breakdown.CATEGORY, "VNEID_L2_ACTIVATE").records == 1  # type: ignore[union-attr]
    assert live.row(Breakdown.CATEGORY, "VNEID_L1").records == 0  # type: ignore[union-attr]
