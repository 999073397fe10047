"""The matcher through the real ward tables (SQLite and PostgreSQL): indexing, proposing,
re-indexing, and every decision with its undo."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from sync.contract.cccd import encode
from sync.contract.record import Gender
from sync.server.linkage import (
    LinkageError,
    Page,
    ProposalFilter,
    exclude_double,
    include_again,
    index_records,
    link,
    link_records,
    list_proposals,
    mark_different,
    propose_for,
    reopen,
    resident_of,
    unlink,
    write_proposals_csv,
)
from sync.server.linkage.models import (
    RecordExclusion,
    ResidentKey,
    ResidentNameCount,
    ResidentProfile,
    ResidentProposal,
)
from sync.server.models import RecordResident
from tests.sync.linkage.helpers import NOW, head_payloads, push, push_and_propose, wire

LAN = {"full_name": "Nguyễn Thị Lan", "birth_date": "1980-05-12", "birth_year": 1980,
       "phone": "+84912345678"}


def _pair(engine: Engine, *records: dict[str, object]) -> int:
    proposals = push_and_propose(engine, list(records))
    assert len(proposals) == 1, proposals
    return proposals[0].id


def _assignments(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(select(RecordResident.record_id, RecordResident.resident_id))
        return {row.record_id: row.resident_id for row in rows}


def test_variants_across_devices_are_proposed_once_with_reasons(ward_db: Engine) -> None:
    a = wire(**LAN, device_id="laptop-1")
    b = wire(**{**LAN, "full_name": "NGUYEN THI LAN", "birth_date": None,
                "phone": "0912 345 678"}, device_id="laptop-2", assisted_on="2025-08-25")
    stranger = wire(full_name="Trần Văn Hùng", gender="male", birth_year=1990, phone=None)
    proposals = push_and_propose(ward_db, [a, b, stranger], batch=1)
    assert len(proposals) == 1
    proposal = proposals[0]
    assert {proposal.record_a, proposal.record_b} == {a["id"], b["id"]}
    assert proposal.level in ("likely", "certain") and proposal.kind == "same_person"
    texts = [r.vi for r in proposal.reasons]
    assert "Cùng số điện thoại" in texts
    assert any(t.startswith("Cùng năm sinh (1980") for t in texts)
    # proposing again refreshes the one proposal (the name shares moved with the stranger)
    with ward_db.begin() as conn:
        again = propose_for(conn, [str(a["id"]), str(b["id"])], NOW)
        assert [p.id for p in again] in ([], [proposal.id])
        assert conn.execute(select(func.count()).select_from(ResidentProposal)).scalar() == 1
        assert propose_for(conn, [str(a["id"]), str(b["id"])], NOW) == []  # nothing changed


def test_records_in_one_batch_are_paired_with_each_other(ward_db: Engine) -> None:
    a = wire(**LAN, cccd=encode("022", 1980, Gender.FEMALE, "111111"))
    b = wire(**LAN, cccd=encode("022", 1980, Gender.FEMALE, "111111"), device_id="other")
    proposals = push_and_propose(ward_db, [a, b], batch=10)
    assert [(p.level, p.score) for p in proposals] == [("certain", 100)]


def test_a_new_revision_is_re_indexed_and_a_stale_proposal_dropped(ward_db: Engine) -> None:
    a = wire(**LAN)
    b = wire(**LAN, device_id="other")
    _pair(ward_db, a, b)
    with ward_db.begin() as conn:
        keys_before = set(conn.execute(select(ResidentKey.key).where(
            ResidentKey.record_id == b["id"])).scalars())
        # The volunteer corrects record b: it is about someone else after all.
        fixed = {**b, "revision": 2, "full_name": "Phạm Văn Đức", "gender": "male",
                 "birth_date": "1955-01-01", "birth_year": 1955, "phone": "+84987654321"}
        heads = push(conn, [fixed], base=1)
        done = index_records(conn, heads, now=NOW)
        assert propose_for(conn, done.indexed, NOW) == []
        assert conn.execute(select(func.count()).select_from(ResidentProposal)).scalar() == 0
        keys_after = set(conn.execute(select(ResidentKey.key).where(
            ResidentKey.record_id == b["id"])).scalars())
        assert keys_before.isdisjoint(keys_after)
        assert "p:+84987654321" in keys_after
        counts = {row.value: row.records for row in conn.execute(
            select(ResidentNameCount.value, ResidentNameCount.records)
            .where(ResidentNameCount.part == "given"))}
        assert counts["lan"] == 1 and counts["duc"] == 1


def test_a_deleted_or_erased_record_leaves_the_index(ward_db: Engine) -> None:
    a = wire(**LAN)
    b = wire(**LAN, device_id="other")
    c = wire(**LAN, device_id="third", assisted_on="2025-07-01")
    _pair(ward_db, a, b)
    proposals = push_and_propose(ward_db, [c])
    with ward_db.begin() as conn:
        decided = next(p for p in proposals if c["id"] in (p.record_a, p.record_b)
                       and a["id"] in (p.record_a, p.record_b))
        mark_different(conn, decided.id, by=None, now=NOW)
        erased_c = {**c, "full_name": "", "phone": None, "birth_date": None, "birth_year": None}
        index_records(conn, [(str(c["id"]), erased_c)], now=NOW)
        kept = conn.execute(select(ResidentProposal.reasons).where(
            ResidentProposal.id == decided.id)).scalar_one()
        assert "1980" not in kept and "12/05" not in kept and "Lan" not in kept
        assert "Cùng năm sinh" in kept or "Cùng ngày sinh" in kept
    with ward_db.begin() as conn:
        done = index_records(conn, [(str(b["id"]), {**b, "deleted": True})], now=NOW)
        assert done.removed == [b["id"]]
        for model in (ResidentKey, ResidentProfile):
            assert conn.execute(select(func.count()).select_from(model).where(
                model.record_id == b["id"])).scalar() == 0
        assert list_proposals(conn).items == []  # the decided a-c pair stays, as history
        # erasure (consent withdrawn): personal fields gone, nothing identifying is left
        erased = {**a, "full_name": "", "phone": None, "birth_date": None, "birth_year": None}
        assert index_records(conn, [(str(a["id"]), erased)], now=NOW).removed == [a["id"]]
        total = conn.execute(select(ResidentNameCount.records).where(
            ResidentNameCount.part == "*")).scalar()
        assert total == 0
        assert conn.execute(select(func.count()).select_from(ResidentProfile)).scalar() == 0


def test_heads_read_back_from_record_versions_index_the_same(ward_db: Engine) -> None:
    a, b = wire(**LAN), wire(**LAN, device_id="other")
    with ward_db.begin() as conn:
        push(conn, [a, b])
        done = index_records(conn, head_payloads(conn, [str(a["id"]), str(b["id"])]), now=NOW)
        assert len(propose_for(conn, done.indexed, NOW)) == 1


def test_link_and_unlink_restore_the_previous_residents_exactly(ward_db: Engine) -> None:
    a, b, c = wire(**LAN), wire(**LAN, device_id="x"), wire(**LAN, device_id="y")
    push_and_propose(ward_db, [a, b, c], batch=1)
    with ward_db.begin() as conn:
        pairs = {(p.record_a, p.record_b): p.id for p in list_proposals(conn).items}
        assert len(pairs) == 3
        ab = pairs[tuple(sorted((str(a["id"]), str(b["id"]))))]
        first = link(conn, ab, by=None, now=NOW)
    after_first = _assignments(ward_db)
    assert set(after_first) == {a["id"], b["id"]} and len(set(after_first.values())) == 1
    with ward_db.begin() as conn:
        # linking a and b settles the pairs that are now inside one resident
        left_open = list_proposals(conn).items
        assert len(left_open) == 2
        bc = pairs[tuple(sorted((str(b["id"]), str(c["id"]))))]
        second = link(conn, bc, by=None, now=NOW + timedelta(minutes=1))
        assert list_proposals(conn).items == []  # a-c is implied by the two links
        residents = resident_of(conn, [str(a["id"]), str(b["id"]), str(c["id"])])
        assert len(set(residents.values())) == 1
        with pytest.raises(LinkageError) as refused:
            unlink(conn, first.id, by=None, now=NOW)
        assert str(second.id) in refused.value.message_vi
        unlink(conn, second.id, by=None, now=NOW)
    assert _assignments(ward_db) == after_first
    with ward_db.begin() as conn:
        unlink(conn, first.id, by=None, now=NOW)
        assert len(list_proposals(conn).items) == 3  # every pair is open again
        with pytest.raises(LinkageError):
            unlink(conn, first.id, by=None, now=NOW)  # already undone
    assert _assignments(ward_db) == {}


def test_unlink_restores_a_resident_assignment_that_existed_before(ward_db: Engine) -> None:
    a, b = wire(**LAN), wire(**LAN, device_id="x")
    other = wire(full_name="Lê Văn Tám", gender="male", birth_year=1950, phone=None)
    proposal = _pair(ward_db, a, b)
    push_and_propose(ward_db, [other])
    with ward_db.begin() as conn:
        # staff had linked b with another record by hand earlier
        link_records(conn, str(b["id"]), str(other["id"]), by=None, now=NOW)
    before = _assignments(ward_db)
    with ward_db.begin() as conn:
        done = link(conn, proposal, by=None, now=NOW)
    with ward_db.begin() as conn:
        unlink(conn, done.id, by=None, now=NOW)
    assert _assignments(ward_db) == before


def test_different_people_are_never_proposed_again(ward_db: Engine) -> None:
    a, b = wire(**LAN), wire(**LAN, device_id="x")
    proposal = _pair(ward_db, a, b)
    with ward_db.begin() as conn:
        mark_different(conn, proposal, by=None, now=NOW)
        with pytest.raises(LinkageError):
            link(conn, proposal, by=None, now=NOW)
    # a new revision of either record does not bring the pair back
    with ward_db.begin() as conn:
        heads = push(conn, [{**b, "revision": 2, "notes": "gọi lại"}], base=1)
        done = index_records(conn, heads, now=NOW)
        assert propose_for(conn, done.indexed, NOW) == []
        assert list_proposals(conn).items == []
        assert [p.state for p in list_proposals(conn, ProposalFilter(states=())).items] == [
            "different"]
        # nor can they be linked by hand through another record
        with pytest.raises(LinkageError):
            link_records(conn, str(a["id"]), str(b["id"]), by=None, now=NOW)
        reopen(conn, proposal, by=None, now=NOW)
        assert [p.id for p in list_proposals(conn).items] == [proposal]


def test_a_double_entry_is_excluded_from_counts_and_included_again(ward_db: Engine) -> None:
    a = wire(**LAN)
    b = wire(**LAN, device_id="x")  # same category, same day
    proposals = push_and_propose(ward_db, [a, b])
    assert [p.kind for p in proposals] == ["double_entry"]
    proposal = proposals[0].id
    with ward_db.begin() as conn:
        with pytest.raises(LinkageError):
            exclude_double(conn, proposal, "00000000-0000-4000-8000-999999999999", by=None,
                           now=NOW)
        exclude_double(conn, proposal, str(b["id"]), by=None, now=NOW, reason="ghi hai lần")
        assert conn.execute(select(RecordExclusion.record_id)).scalars().all() == [b["id"]]
        assert list_proposals(conn).items == []
        include_again(conn, str(b["id"]), by=None, now=NOW)
        assert conn.execute(select(func.count()).select_from(RecordExclusion)).scalar() == 0
        assert [p.state for p in list_proposals(conn).items] == ["open"]
        with pytest.raises(LinkageError):
            include_again(conn, str(b["id"]), by=None, now=NOW)


def test_a_same_person_proposal_cannot_be_excluded(ward_db: Engine) -> None:
    proposal = _pair(ward_db, wire(**LAN), wire(**LAN, device_id="x", assisted_on="2025-08-01"))
    with ward_db.begin() as conn, pytest.raises(LinkageError):
        exclude_double(conn, proposal, "x", by=None, now=NOW)


def test_a_key_shared_by_too_many_records_finds_no_one(ward_db: Engine) -> None:
    # A neighbourhood head's phone given for every resident: it must not pair them all.
    from sync.server.linkage.parameters import parameters

    cap = parameters().blocking.max_records_per_key
    shared = "+84912000111"
    crowd = [wire(full_name=f"Người Số {i}", gender="male", birth_year=1950 + i % 40,
                  phone=shared) for i in range(cap + 5)]
    push_and_propose(ward_db, crowd, batch=len(crowd))
    newcomer = wire(full_name="Đào Duy Từ", gender="male", birth_year=1960, phone=shared)
    assert push_and_propose(ward_db, [newcomer]) == []


def test_list_pages_and_the_duplicates_csv(ward_db: Engine) -> None:
    people = []
    for i, name in enumerate(("Nguyễn Thị Lan", "Trần Văn Hải", "Lê Thị Hồng", "Phạm Văn Sơn")):
        gender = "female" if "Thị" in name else "male"
        record = {"full_name": name, "gender": gender, "birth_year": 1970 + i,
                  "phone": f"+8491234{i:04d}"}
        people += [wire(**record), wire(**record, device_id="x", assisted_on="2025-08-01")]
    push_and_propose(ward_db, people)
    with ward_db.connect() as conn:
        first = list_proposals(conn, page=Page(limit=3))
        assert len(first.items) == 3 and first.next_after is not None
        rest = list_proposals(conn, page=Page(limit=3, after=first.next_after))
        assert len(rest.items) == 1 and rest.next_after is None
        every = {p.id for p in first.items} | {p.id for p in rest.items}
        assert len(every) == 4
        only = list_proposals(conn, ProposalFilter(record_id=str(people[0]["id"])))
        assert [(p.record_a, p.record_b) for p in only.items] == [
            tuple(sorted((str(people[0]["id"]), str(people[1]["id"]))))]
        out = io.StringIO()
        assert write_proposals_csv(conn, out) == 4
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["record_id_a", "record_id_b", "score", "level", "reasons"]
    assert all(row[3] in ("likely", "certain") and "Cùng số điện thoại" in row[4]
               for row in rows[1:])
