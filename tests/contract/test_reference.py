"""Reference data loads, and a broken file names the file, the entry and the problem."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

import resources
from sync.contract.reference import FILES, ReferenceData, ReferenceDataError, load_reference


def test_shipped_reference_data(tmp_path: Path) -> None:
    ref = load_reference()
    assert ref.ward.name == "Phường Hà Tu"
    assert len(ref.current_neighbourhoods(date(2026, 11, 25))) == 10
    assert len(ref.categories) == 16 and "DVC_SUBMIT" in ref.categories
    assert ref.categories["DVC_SUBMIT"].requires == ("procedure",)
    assert "1.001193" in ref.procedures
    assert len(ref.provinces) == 63
    assert ref.consent.text("vi") and ref.consent.text("en")


def test_a_ward_merge_maps_old_neighbourhoods() -> None:
    ref = load_reference()
    old = ref.neighbourhood("HP03")
    assert old is not None and not old.valid_on(date(2026, 1, 1))
    assert old.valid_on(date(2022, 5, 19))
    successor = ref.successor("HP03")
    assert successor is not None and successor.code == "HT03"
    assert [n.code for n in ref.current_neighbourhoods(date(2022, 5, 19))] == []


def test_documents_round_trip() -> None:
    ref = load_reference()
    again = ReferenceData.from_documents(ref.to_documents())
    assert again.version == ref.version and again.categories == ref.categories


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(resources.path("reference"), folder)
    target = folder / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "entry", "problem"),
    [
        (
            "categories.toml",
            'code = "VNEID_L1"',
            'code = "VNEID_INSTALL"',
            "category #2",
            "used twice",
        ),
        ("categories.toml", 'name_en = "Pay fees online"', "", "category #8", "name_en"),
        ("ward.toml", 'replaced_by = "HT05"', 'replaced_by = "HT99"', "neighbourhood HP05", "HT99"),
        ("ward.toml", 'active_ward = "HA_TU"', 'active_ward = "NOWHERE"', "active_ward", "NOWHERE"),
        (
            "procedures.toml",
            'online_levels = ["full", "partial"]',
            'online_levels = ["all"]',
            "procedure #1",
            "online_levels",
        ),
        ("provinces.toml", 'version = "2021.1"', 'version = ""', "version", "version"),
        ("consent.toml", "[text]", "[texts]", "[text]", "vi"),
        (
            "ward.toml",
            "valid_from = 2025-07-01\n",
            'valid_from = "soon"\n',
            "ward #2",
            "valid_from",
        ),
    ],
)
def test_a_broken_file_is_named_with_its_entry_and_problem(
    tmp_path: Path, file: str, old: str, new: str, entry: str, problem: str
) -> None:
    folder = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(folder)
    assert file in caught.value.file
    assert entry in caught.value.entry
    assert problem in caught.value.problem


def test_syntax_errors_and_missing_files(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, "ward.toml", "[[ward]]", "[[ward")
    with pytest.raises(ReferenceDataError, match=r"ward\.toml: \(syntax\)"):
        load_reference(folder)
    (folder / "ward.toml").unlink()
    with pytest.raises(ReferenceDataError, match="missing"):
        load_reference(folder)
    assert set(FILES) == {p.stem for p in resources.path("reference").glob("*.toml")}
