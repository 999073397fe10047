"""A row's fingerprint ignores how it was spelled, and nothing else."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop.io.importer import fingerprint
from sync.contract.reference import load_reference
from sync.contract.tabular import RowReader

READER = RowReader(load_reference())
NAMES = st.sampled_from(["Nguyễn Văn An", "Đặng Thị Hương", "Lê Ngọc Ánh", "Phạm Quỳnh"])
NATIONAL = st.sampled_from(["0912345678", "0987654321", "0388888888"])


def _phone_spellings(national: str) -> list[str]:
    return [
        national,
        f"{national[:4]} {national[4:7]} {national[7:]}",
        f"{national[:4]}.{national[4:7]}.{national[7:]}",
        "+84" + national[1:],
        "+84 " + national[1:],
        "84" + national[1:],
    ]


@given(NAMES, NATIONAL, st.data())
def test_spelling_does_not_change_the_fingerprint(
    name: str, national: str, data: st.DataObject
) -> None:
    base = READER.parse({"full_name": name, "phone": national, "gender": "female"})
    spelled = READER.parse(
        {
            "full_name": data.draw(
                st.sampled_from([unicodedata.normalize("NFD", name), f"  {name} ", name])
            ),
            "phone": data.draw(st.sampled_from(_phone_spellings(national))),
            "gender": data.draw(st.sampled_from(["female", "Nữ", "nu", "FEMALE"])),
        }
    )
    assert fingerprint(dict(spelled.values)) == fingerprint(dict(base.values))


@given(NAMES, NAMES)
def test_a_different_value_gives_a_different_fingerprint(first: str, second: str) -> None:
    a = fingerprint(dict(READER.parse({"full_name": first}).values))
    b = fingerprint(dict(READER.parse({"full_name": second}).values))
    assert (a == b) == (first == second)
