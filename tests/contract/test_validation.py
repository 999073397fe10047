"""Each validation rule: the problem names the right fields and says how to fix it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from sync.contract.record import (
    AssistanceRecord,
    ConsentMethod,
    Gender,
    Place,
    RecordStatus,
    Result,
)
from sync.contract.reference import ReferenceData, load_reference
from sync.contract.validation import Problem, check_cccd, validate

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def make(**changes: Any) -> AssistanceRecord:
    """A valid final record, with some fields changed."""
    base: dict[str, Any] = {
        "id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
        "device_id": "dev-1",
        "volunteer_name": "Trần Văn An",
        "created_at": datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
        "assisted_on": TODAY,
        "status": RecordStatus.FINAL,
        "ward_code": "HA_TU",
        "ward_name": "Phường Hà Tu",
        "neighbourhood_code": "HT03",
        "neighbourhood_name": "Khu 3",
        "full_name": "Nguyễn Thị Hoà",
        "birth_year": 1985,
        "gender": Gender.FEMALE,
        "cccd": "022185012345",
        "phone": "+84912345678",
        "category": "VNEID_L1",
        "place": Place.MEETING,
        "result": Result.COMPLETED,
        "consent": True,
        "consent_at": datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
        "consent_method": ConsentMethod.VERBAL,
        "consent_notice_version": "2026-01",
    }
    base.update(changes)
    return AssistanceRecord(**base)


def codes(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems}


def test_the_base_record_is_valid(ref: ReferenceData) -> None:
    assert validate(make(), ref, today=TODAY) == []


def test_cccd_birth_year_mismatch_names_both_fields(ref: ReferenceData) -> None:
    [problem] = validate(make(birth_year=1958), ref, today=TODAY)
    assert problem.message_vi.startswith(
        "Số CCCD cho biết sinh năm 1985, nhưng năm sinh đã nhập là 1958"
    )
    assert "born in 1985" in problem.message_en and "1958" in problem.message_en
    assert {"cccd", "birth_year"} <= set(problem.all_fields)


def test_cccd_gender_mismatch_names_gender(ref: ReferenceData) -> None:
    [problem] = validate(make(gender=Gender.MALE), ref, today=TODAY)
    assert problem.code == "cccd.gender" and "gender" in problem.all_fields
    assert "nữ" in problem.message_vi and "nam" in problem.message_vi


def test_cccd_century_digit_is_checked(ref: ReferenceData) -> None:
    # Digit 2 means a man born in the 2000s: 2085 is not 1985.
    problems = check_cccd("022285012345", gender=Gender.MALE, birth_year=1985, ref=ref)
    assert codes(problems) == {("cccd", "cccd.birth_year")}
    assert check_cccd("022205012345", gender=Gender.MALE, birth_year=2005, ref=ref) == []


@pytest.mark.parametrize(
    ("cccd", "code"),
    [
        ("02218501234", "cccd.length"),
        ("02218501234X", "cccd.not_digits"),
        ("999185012345", "cccd.province"),
        ("022185012", "cccd.length"),
    ],
)
def test_cccd_structure(ref: ReferenceData, cccd: str, code: str) -> None:
    assert ("cccd", code) in codes(validate(make(cccd=cccd), ref, today=TODAY))


def test_cccd_from_any_province_is_accepted(ref: ReferenceData) -> None:
    assert validate(make(cccd="079185012345"), ref, today=TODAY) == []
    assert validate(make(cccd="022 185 012 345"), ref, today=TODAY) == []


def test_nine_digits_in_cccd_suggests_cmnd(ref: ReferenceData) -> None:
    [problem] = validate(make(cccd="123456789"), ref, today=TODAY)
    assert "CMND" in problem.message_vi and "CMND" in problem.message_en


def test_cmnd_and_phone(ref: ReferenceData) -> None:
    assert validate(make(cmnd="123456789"), ref, today=TODAY) == []
    assert ("cmnd", "cmnd.format") in codes(validate(make(cmnd="12345"), ref, today=TODAY))
    assert ("phone", "phone.invalid") in codes(validate(make(phone="0123456789"), ref, today=TODAY))


def test_no_future_dates(ref: ReferenceData) -> None:
    problems = validate(
        make(
            assisted_on=date(2026, 11, 26), birth_date=date(2030, 1, 1), birth_year=None, cccd=None
        ),
        ref,
        today=TODAY,
    )
    assert {("assisted_on", "date.future"), ("birth_date", "date.future")} <= codes(problems)


@pytest.mark.parametrize("year", [1850, 1899, 2027])
def test_implausible_birth_year(ref: ReferenceData, year: int) -> None:
    problems = validate(make(birth_year=year, cccd=None), ref, today=TODAY)
    assert ("birth_year", "birth.implausible") in codes(problems)


def test_birth_date_and_year_must_agree(ref: ReferenceData) -> None:
    problems = validate(make(birth_date=date(1986, 3, 1), cccd=None), ref, today=TODAY)
    assert ("birth_year", "birth.mismatch") in codes(problems)


def test_final_needs_consent_but_draft_does_not(ref: ReferenceData) -> None:
    assert ("consent", "consent.missing") in codes(validate(make(consent=False), ref, today=TODAY))
    assert validate(make(consent=False, status=RecordStatus.DRAFT), ref, today=TODAY) == []


def test_declined_without_consent_keeps_no_personal_data(ref: ReferenceData) -> None:
    problems = validate(make(consent=False, result=Result.DECLINED), ref, today=TODAY)
    assert {p.field for p in problems} == {"full_name", "cccd", "phone"}
    anonymous = make(consent=False, result=Result.DECLINED, full_name="", cccd=None, phone=None)
    assert validate(anonymous, ref, today=TODAY) == []


def test_a_withdrawn_consent_leaves_a_count_with_nothing_that_could_name_the_resident(
        ref: ReferenceData) -> None:
    withdrawn: dict[str, Any] = {"consent": False, "consent_at": None,
                                 "consent_notice_version": None,
                                 "consent_method": ConsentMethod.WITHDRAWN}
    problems = validate(make(**withdrawn, notes="gọi 0912345678", dossier_code="H01.2"),
                        ref, today=TODAY)
    assert {p.field for p in problems} == {
        "full_name", "cccd", "phone", "birth_year", "gender", "notes", "dossier_code"}
    assert {p.code for p in problems} == {"consent.withdrawn_personal"}
    erased: dict[str, Any] = {**withdrawn, "full_name": "", "cccd": None, "phone": None,
                              "birth_year": None, "gender": None}
    assert validate(make(**erased), ref, today=TODAY) == []
    # Its reason was erased too: a "not possible" count needs none.
    assert validate(make(**erased, result=Result.NOT_POSSIBLE), ref, today=TODAY) == []
    # "Withdrawn" is not a way of giving consent.
    assert ("consent_method", "consent.method_withdrawn") in codes(validate(
        make(consent_method=ConsentMethod.WITHDRAWN), ref, today=TODAY))


def test_category_dependent_fields(ref: ReferenceData) -> None:
    assert ("procedure_code", "required") in codes(
        validate(make(category="DVC_SUBMIT"), ref, today=TODAY)
    )
    assert validate(make(category="DVC_SUBMIT", procedure_code="1.001193"), ref, today=TODAY) == []
    assert ("procedure_code", "procedure.unknown") in codes(
        validate(make(category="DVC_SUBMIT", procedure_code="9.999"), ref, today=TODAY)
    )
    assert ("category_detail", "required") in codes(
        validate(make(category="OTHER"), ref, today=TODAY)
    )


def test_result_dependent_fields(ref: ReferenceData) -> None:
    assert ("reason", "required") in codes(
        validate(make(result=Result.NOT_POSSIBLE), ref, today=TODAY)
    )
    assert ("follow_up_date", "required") in codes(
        validate(make(result=Result.FOLLOW_UP), ref, today=TODAY)
    )
    assert (
        validate(make(result=Result.FOLLOW_UP, follow_up_date=date(2026, 12, 5)), ref, today=TODAY)
        == []
    )
    assert ("follow_up_date", "follow_up.before") in codes(
        validate(make(result=Result.FOLLOW_UP, follow_up_date=date(2026, 11, 1)), ref, today=TODAY)
    )


def test_drafts_may_be_incomplete_but_not_malformed(ref: ReferenceData) -> None:
    draft = make(
        status=RecordStatus.DRAFT,
        full_name="",
        category=None,
        place=None,
        result=None,
        consent=False,
        cccd=None,
        birth_year=None,
        gender=None,
    )
    assert validate(draft, ref, today=TODAY) == []
    malformed = draft.model_copy(update={"phone": "12345"})
    assert codes(validate(malformed, ref, today=TODAY)) == {("phone", "phone.invalid")}


def test_unknown_neighbourhood_and_category(ref: ReferenceData) -> None:
    problems = validate(make(neighbourhood_code="X9", category="NOPE"), ref, today=TODAY)
    assert {
        ("neighbourhood_code", "neighbourhood.unknown"),
        ("category", "category.unknown"),
    } <= codes(problems)


def test_names_without_digits(ref: ReferenceData) -> None:
    assert ("full_name", "name.digits") in codes(
        validate(make(full_name="Nguyễn Văn 2"), ref, today=TODAY)
    )


def test_every_problem_is_bilingual_and_distinct(ref: ReferenceData) -> None:
    bad = make(
        full_name="",
        cccd="1",
        phone="x",
        consent=False,
        category="DVC_SUBMIT",
        result=Result.FOLLOW_UP,
        place=None,
        assisted_on=date(2027, 1, 1),
    )
    problems = validate(bad, ref, today=TODAY)
    assert len(problems) >= 6
    for problem in problems:
        assert problem.message_vi and problem.message_en
        assert problem.message_vi != problem.message_en


def test_the_contract_has_no_sensitive_fields() -> None:
    forbidden = ("password", "otp", "photo", "image", "mat_khau", "health")
    fields = " ".join(AssistanceRecord.model_fields)
    assert not any(word in fields for word in forbidden)
