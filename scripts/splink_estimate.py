"""Offline check of the matcher's parameters with splink (not a dependency of the app).

    python -m venv /tmp/splink && /tmp/splink/bin/pip install splink
    PYTHONPATH=. /tmp/splink/bin/python scripts/splink_estimate.py [--seed 11]

(the project itself must be importable: run from the repository root with its dependencies
installed in that environment, or ``pip install -e .`` there too).

On the labelled set of desktop/testdata/residents.py it lets splink (DuckDB) estimate u by
random sampling and m by expectation maximisation, prints them next to the shipped
parameters (data/parameters.toml), and scores the set with splink's own predictions for
comparison with ours. The fields are normalised by our own code first (folded names, surname
variant groups, canonical phones): splink has no Vietnamese-aware comparison of its own.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.testdata.residents import generate_residents
from sync.server.linkage.parameters import parameters
from sync.server.linkage.profile import profile_from_payload


def rows(seed: int) -> tuple[list[dict[str, Any]], set[tuple[str, str]]]:
    data = generate_residents(400, seed=seed)
    out: list[dict[str, Any]] = []
    for record in data.records:
        rid = str(record["id"])
        profile = profile_from_payload(rid, record)
        if profile is None or profile.parsed is None:
            continue
        name = profile.parsed
        out.append({
            "unique_id": rid,
            "surname": name.surname_group or None,
            "middle": name.middle_f or None,
            "given": name.given_f or None,
            "birth_year": profile.birth_year,
            "birth_date": profile.birth_date.isoformat() if profile.birth_date else None,
            "gender": profile.gender,
            "phone": profile.phone,
            "address": f"{profile.neighbourhood} {profile.address}" if profile.address else None,
            "person": str(data.person_of[rid]),
        })
    return out, data.true_pairs()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.backends.duckdb import DuckDBAPI

    records, truth = rows(args.seed)

    def name_part(column: str) -> Any:
        return cl.CustomComparison(
            comparison_levels=[
                cll.NullLevel(column),
                cll.ExactMatchLevel(column, term_frequency_adjustments=True),
                cll.DamerauLevenshteinLevel(column, 1),
                cll.ElseLevel(),
            ],
            output_column_name=column,
        )

    birth = cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.And(cll.ExactMatchLevel("birth_date"), cll.ExactMatchLevel("birth_year")),
            cll.ExactMatchLevel("birth_year"),
            cll.AbsoluteDifferenceLevel("birth_year", 1),
            cll.ElseLevel(),
        ],
        output_column_name="birth",
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            name_part("surname"),
            name_part("middle"),
            name_part("given"),
            birth,
            cl.ExactMatch("gender"),
            cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
            cl.ExactMatch("address"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("phone"),
            block_on("surname", "given", "birth_year"),
            block_on("middle", "given", "birth_year"),
            block_on("surname", "middle", "birth_year"),
        ],
    )
    db_api = DuckDBAPI()
    import duckdb

    connection = db_api.duckdb_con
    connection.execute(
        "CREATE TABLE residents (unique_id VARCHAR, surname VARCHAR, middle VARCHAR, "
        "given VARCHAR, birth_year INTEGER, birth_date VARCHAR, gender VARCHAR, "
        "phone VARCHAR, address VARCHAR, person VARCHAR)"
    )
    connection.executemany(
        "INSERT INTO residents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [tuple(r.values()) for r in records],
    )
    del duckdb
    # Unsupervised EM is what a ward without labels would have; try it on its own linker
    # (a failed session leaves its linker's model incomplete).
    em = Linker(db_api.register("residents"), settings, log_level=40)
    em.training.estimate_u_using_random_sampling(max_pairs=2e6)
    try:
        em.training.estimate_parameters_using_expectation_maximisation(
            block_on("phone"), estimate_without_term_frequencies=True
        )
        em.training.estimate_parameters_using_expectation_maximisation(
            block_on("surname", "given", "birth_year"), estimate_without_term_frequencies=True
        )
        print("splink EM (no labels): converged")
    except ValueError as exc:
        print(f"splink EM (no labels) failed on this set: {str(exc)[:90]}…")
    # m from the labels (what EM is after), u by random sampling.
    linker = Linker(db_api.register("residents"), settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("phone", "birth_year")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_m_from_label_column("person")
    model = linker.misc.save_model_to_json()

    ours = parameters()
    print(f"{'comparison':10} {'level':44} {'splink m':>9} {'splink u':>9} {'bits':>6}")
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m = level.get("m_probability")
            u = level.get("u_probability")
            bits = math.log2(m / u) if m and u else float("nan")
            label = str(level.get("label_for_charts", level["sql_condition"]))[:44]
            name = comparison.get("output_column_name") or comparison.get("comparison_description")
            print(f"{str(name)[:10]:10} {label:44} {m or 0:9.4f} "
                  f"{u or 0:9.5f} {bits:6.1f}")
    print("\nshipped (data/parameters.toml), bits per level:")
    for name in ("surname", "middle", "given", "birth", "gender", "phone", "address"):
        levels = getattr(ours, name)
        shown = ", ".join(
            f"{level}={math.log2(odds.m / odds.u):.1f}" if odds.u else f"{level}=tf"
            for level, odds in levels.items()
        )
        print(f"  {name:8} {shown}")

    predictions = linker.inference.predict(threshold_match_probability=0.5)
    found = predictions.as_record_list()
    print()
    for threshold in (0.5, 0.9, 0.99):
        chosen = {
            (min(r["unique_id_l"], r["unique_id_r"]), max(r["unique_id_l"], r["unique_id_r"]))
            for r in found
            if r["match_probability"] >= threshold
        }
        hits = len(chosen & truth)
        print(f"splink, match probability >= {threshold}: {len(chosen)} pairs, "
              f"precision {hits / max(len(chosen), 1):.3f}, recall {hits / len(truth):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
