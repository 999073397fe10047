"""Acceptance (issue 11): on the labelled data set, the certain + likely proposals reach
precision >= 0.95 and recall >= 0.90, through the real tables on SQLite and PostgreSQL.

Run with ``-s`` to see the figures and the data set's make-up.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Engine, select

from desktop.testdata.residents import generate_residents
from sync.server.linkage.models import ResidentProposal
from tests.sync.linkage.helpers import push_and_propose


def test_precision_and_recall_on_the_labelled_set(ward_db: Engine) -> None:
    data = generate_residents(400, seed=11)
    push_and_propose(ward_db, data.records, batch=100)
    with ward_db.connect() as conn:
        rows = conn.execute(
            select(ResidentProposal.record_a, ResidentProposal.record_b, ResidentProposal.level)
        ).all()
    truth = data.true_pairs()
    proposed = {(r.record_a, r.record_b): r.level for r in rows}
    confident = {pair for pair, level in proposed.items() if level in ("certain", "likely")}
    hits = confident & truth
    precision = len(hits) / len(confident)
    recall = len(hits) / len(truth)
    levels = Counter(proposed.values())
    wrong = {why: len(confident & pairs) for why, pairs in data.hard_negatives.items()}

    print(f"\nlabelled set ({ward_db.dialect.name}):")
    for name, count in data.makeup.items():
        print(f"  {name:48} {count:6}")
    print(f"  true same-person pairs                           {len(truth):6}")
    print(f"  proposals by level: {dict(levels)}")
    print(f"  certain + likely: {len(confident)} proposed, {len(hits)} right: "
          f"precision {precision:.3f}, recall {recall:.3f}")
    with_possible = set(proposed) & truth
    print(f"  with possible too: recall {len(with_possible) / len(truth):.3f}")
    print(f"  hard negatives proposed as certain/likely: {wrong}")

    assert precision >= 0.95, (precision, recall)
    assert recall >= 0.90, (precision, recall)
    # every certain proposal is right (a valid CCCD that agrees)
    assert all(pair in truth for pair, level in proposed.items() if level == "certain")


def test_the_labelled_set_is_deterministic_valid_and_as_described() -> None:
    from sync.contract.normalize import normalize_phone
    from sync.contract.record import AssistanceRecord

    first = generate_residents(120, seed=5, namesakes=12, households=12)
    again = generate_residents(120, seed=5, namesakes=12, households=12)
    assert first.records == again.records
    assert generate_residents(120, seed=6).records != first.records
    for record in first.records:
        AssistanceRecord.model_validate(record)
    makeup = first.makeup
    repeated = makeup["people recorded twice"] + makeup["people recorded three times"]
    assert abs(repeated / makeup["people"] - 1 / 3) < 0.05
    # devices differ between the records of one person
    by_person: dict[int, list[dict[str, object]]] = {}
    for record in first.records:
        by_person.setdefault(first.person_of[str(record["id"])], []).append(record)
    for records in by_person.values():
        devices = [r["device_id"] for r in records]
        assert len(set(devices)) == len(devices)
    people = {p.pid: p for p in first.people}
    for a, b in first.hard_negatives["namesake"]:
        x, y = people[first.person_of[a]], people[first.person_of[b]]
        assert x.pid != y.pid and x.name == y.name and x.birth.year == y.birth.year
    for a, b in first.hard_negatives["household"]:
        x, y = people[first.person_of[a]], people[first.person_of[b]]
        assert x.pid != y.pid and x.phone == y.phone and x.address == y.address
        assert x.name.split()[-1] != y.name.split()[-1]  # a family never repeats a name
    phones = {normalize_phone(str(r["phone"])) for r in first.records if r["phone"]}
    assert phones  # spelled many ways, every one a valid number
