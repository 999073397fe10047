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
