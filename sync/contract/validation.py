"""Whether a record is acceptable, with a bilingual message for every failure.

Every :class:`Problem` names the field (and any other field it conflicts with) and says how
to fix it, in Vietnamese and English. Format rules (a 12-digit CCCD, a Vietnamese phone, no
future dates…) apply to every record; completeness rules only to *final* records, since a
volunteer may save a draft at any moment. Callers decide the policy: the import rejects a row
with any problem, the form stores a draft regardless and shows the problems beside the fields.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sync.contract import cccd as cccd_rules
from sync.contract.labels import Lang, label
from sync.contract.normalize import (
    InvalidPhone,
    digits,
    normalize_name,
    normalize_phone,
    normalize_text,
)
from sync.contract.record import AssistanceRecord, ConsentMethod, Gender, RecordStatus, Result
from sync.contract.reference import ReferenceData

MIN_BIRTH_YEAR = 1900
MAX_AGE = 120
MAX_LENGTHS = {
    "full_name": 100,
    "address": 250,
    "notes": 2000,
    "reason": 500,
    "category_detail": 250,
    "dossier_code": 40,
}
#: Personal fields erased when there is no consent (the anonymous count stays).
PERSONAL_FIELDS = ("full_name", "birth_date", "cccd", "cmnd", "phone", "address")
#: The fields an erasure clears (:mod:`sync.contract.erasure`): the identifying ones (as
#: without consent) and the free texts and dossier numbers that may name or identify the
#: resident. A record whose consent was withdrawn before it reached the ward holds none.
ERASED_FIELDS: tuple[str, ...] = (
    *PERSONAL_FIELDS,
    "birth_year",
    "gender",
    "dossier_code",
    "notes",
    "reason",
)

# Letters (no digits or underscore), combining marks, spaces and . ' -
_NAME = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f .'\-])*")
_DOSSIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-_/]*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record."""

    field: str
    code: str
    message_vi: str
    message_en: str
    fields: tuple[str, ...] = ()
    severity: Literal["error", "warning"] = "error"

    def message(self, lang: Lang = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en

    @property
    def all_fields(self) -> tuple[str, ...]:
        """This field first, then the others it conflicts with."""
        return (self.field, *(f for f in self.fields if f != self.field))


class ValidationError(Exception):
    """A record that had to be valid was not."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message_en for p in problems))


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)

    def add(self, field_name: str, code: str, vi: str, en: str, *others: str) -> None:
        self.problems.append(Problem(field_name, code, vi, en, (field_name, *others)))


def check_cccd(
    number: str | None,
    *,
    gender: Gender | None,
    birth_year: int | None,
    ref: ReferenceData,
) -> list[Problem]:
    """The CCCD's structure and its agreement with the entered gender and birth year.

    Usable on its own, so the form can show the check as soon as it can be known.
    """
    out = _Collector()
    if not number:
        return out.problems
    value = digits(number)
    if not (value.isascii() and value.isdigit()):
        out.add(
            "cccd",
            "cccd.not_digits",
            "Số CCCD chỉ gồm chữ số. Hãy xoá chữ cái và ký tự khác.",
            "A CCCD number has digits only. Remove letters and other characters.",
        )
        return out.problems
    if len(value) != 12:
        hint_vi = " Số 9 chữ số là CMND cũ: hãy nhập vào ô CMND." if len(value) == 9 else ""
        hint_en = (
            " A 9-digit number is an old CMND: enter it in the CMND field."
            if len(value) == 9
            else ""
        )
        out.add(
            "cccd",
            "cccd.length",
            f"Số CCCD phải có đúng 12 chữ số (đang có {len(value)}).{hint_vi}",
            f"A CCCD number has exactly 12 digits ({len(value)} entered).{hint_en}",
        )
        return out.problems
    info = cccd_rules.decode(value)
    if info.province_code not in ref.provinces:
        out.add(
            "cccd",
            "cccd.province",
            f"Ba số đầu của CCCD ({info.province_code}) không phải mã tỉnh nào. "
            "Hãy kiểm tra lại số trên thẻ.",
            f"The first three digits ({info.province_code}) are not a province code. "
            "Check the number on the card.",
        )
    if birth_year is not None and info.birth_year != birth_year:
        out.add(
            "cccd",
            "cccd.birth_year",
            f"Số CCCD cho biết sinh năm {info.birth_year}, nhưng năm sinh đã nhập là "
            f"{birth_year}. Hãy sửa số CCCD hoặc năm sinh.",
            f"The CCCD number says born in {info.birth_year}, but the birth year entered "
            f"is {birth_year}. Correct the CCCD number or the birth year.",
            "birth_year",
            "birth_date",
        )
    if gender is not None and info.gender is not gender:
        out.add(
            "cccd",
            "cccd.gender",
            f"Số CCCD là của người {label(info.gender, 'vi').lower()}, nhưng giới tính đã "
            f"chọn là {label(gender, 'vi').lower()}. Hãy sửa số CCCD hoặc giới tính.",
            f"The CCCD number belongs to a {label(info.gender, 'en').lower()}, but the "
            f"gender chosen is {label(gender, 'en').lower()}. Correct the CCCD number or "
            "the gender.",
            "gender",
        )
    return out.problems


def check_phone(text: str | None) -> list[Problem]:
    """Whether the text is a Vietnamese mobile or landline number."""
    if not text:
        return []
    try:
        normalize_phone(text)
    except InvalidPhone:
        return [
            Problem(
                "phone",
                "phone.invalid",
                f"“{text}” không phải số điện thoại Việt Nam. Nhập 10 chữ số bắt đầu "
                "bằng 0 (ví dụ 0912 345 678) hoặc +84 và 9 chữ số.",
                f"“{text}” is not a Vietnamese phone number. Enter 10 digits starting "
                "with 0 (e.g. 0912 345 678) or +84 and 9 digits.",
                ("phone",),
            )
        ]
    return []


def check_name(text: str) -> list[Problem]:
    """A person's name: letters, spaces and a few marks; no digits."""
    out = _Collector()
    if _NAME.fullmatch(text):
        return out.problems  # the common case, in one regex pass
    if any(ch.isdigit() for ch in text):
        out.add(
            "full_name",
            "name.digits",
            "Họ và tên không được có chữ số. Hãy nhập số CCCD hoặc số điện thoại vào ô riêng.",
            "A name has no digits. Enter ID or phone numbers in their own fields.",
        )
    elif any(not (ch.isalpha() or ch in " .'-" or unicodedata.combining(ch)) for ch in text):
        out.add(
            "full_name",
            "name.characters",
            "Họ và tên chỉ gồm chữ cái và dấu cách. Hãy xoá các ký tự khác.",
            "A name has only letters and spaces. Remove the other characters.",
        )
    return out.problems


def validate(record: AssistanceRecord, ref: ReferenceData, *, today: date) -> list[Problem]:
    """Every problem with the record; an empty list means it is acceptable as it is.

    Args:
        today: the validator's local date (the ward's time zone), injected for testability.
    """
    out = _Collector()
    _check_lengths(record, out)
    _check_identity(record, ref, today, out)
    _check_dates(record, today, out)
    _check_work(record, ref, out)
    if record.status is RecordStatus.FINAL:
        _check_complete(record, ref, out)
    return out.problems


def _check_lengths(record: AssistanceRecord, out: _Collector) -> None:
    for name, limit in MAX_LENGTHS.items():
        value = getattr(record, name) or ""
        if len(value) > limit:
            out.add(
                name,
                "length",
                f"Tối đa {limit} ký tự (đang có {len(value)}). Hãy rút gọn.",
                f"At most {limit} characters ({len(value)} entered). Shorten it.",
            )


def _check_identity(
    record: AssistanceRecord, ref: ReferenceData, today: date, out: _Collector
) -> None:
    if record.full_name:
        out.problems.extend(check_name(record.full_name))
    year = record.effective_birth_year()
    if (
        record.birth_date is not None
        and record.birth_year is not None
        and (record.birth_date.year != record.birth_year)
    ):
        out.add(
            "birth_year",
            "birth.mismatch",
            f"Ngày sinh là năm {record.birth_date.year} nhưng năm sinh ghi "
            f"{record.birth_year}. Hãy sửa một trong hai.",
            f"The date of birth is in {record.birth_date.year} but the year of birth says "
            f"{record.birth_year}. Correct one of them.",
            "birth_date",
        )
    if year is not None and not (max(MIN_BIRTH_YEAR, today.year - MAX_AGE) <= year <= today.year):
        out.add(
            "birth_year",
            "birth.implausible",
            f"Năm sinh {year} không hợp lý. Hãy nhập năm từ "
            f"{max(MIN_BIRTH_YEAR, today.year - MAX_AGE)} đến {today.year}.",
            f"The birth year {year} is not plausible. Enter a year from "
            f"{max(MIN_BIRTH_YEAR, today.year - MAX_AGE)} to {today.year}.",
            "birth_date",
        )
    out.problems.extend(check_cccd(record.cccd, gender=record.gender, birth_year=year, ref=ref))
    if record.cmnd:
        value = digits(record.cmnd)
        if not (value.isascii() and value.isdigit() and len(value) == 9):
            hint_vi = " Số 12 chữ số là CCCD: hãy nhập vào ô CCCD." if len(value) == 12 else ""
            hint_en = (
                " A 12-digit number is a CCCD: enter it in the CCCD field."
                if len(value) == 12
                else ""
            )
            out.add(
                "cmnd",
                "cmnd.format",
                f"Số CMND cũ gồm đúng 9 chữ số.{hint_vi}",
                f"An old CMND number has exactly 9 digits.{hint_en}",
            )
    out.problems.extend(check_phone(record.phone))


def _check_dates(record: AssistanceRecord, today: date, out: _Collector) -> None:
    future = [
        ("assisted_on", record.assisted_on),
        ("birth_date", record.birth_date),
        ("consent_at", record.consent_at.date() if record.consent_at else None),
    ]
    for name, value in future:
        if value is not None and value > today:
            out.add(
                name,
                "date.future",
                f"Ngày {value:%d/%m/%Y} ở tương lai. Hãy nhập ngày từ hôm nay trở về trước.",
                f"{value:%d/%m/%Y} is in the future. Enter today or an earlier date.",
            )
    if record.follow_up_date is not None and record.follow_up_date < record.assisted_on:
        out.add(
            "follow_up_date",
            "follow_up.before",
            "Ngày hẹn theo dõi phải sau ngày hỗ trợ. Hãy chọn ngày muộn hơn.",
            "The follow-up date must be after the date of help. Pick a later date.",
            "assisted_on",
        )


def _check_work(record: AssistanceRecord, ref: ReferenceData, out: _Collector) -> None:
    if ref.neighbourhood(record.neighbourhood_code) is None:
        out.add(
            "neighbourhood_code",
            "neighbourhood.unknown",
            f"Không có khu phố mã “{record.neighbourhood_code}”. Hãy chọn khu phố trong danh sách.",
            f"There is no neighbourhood with the code “{record.neighbourhood_code}”. "
            "Pick one from the list.",
        )
    if record.category is not None and record.category not in ref.categories:
        out.add(
            "category",
            "category.unknown",
            f"Không có nội dung hỗ trợ mã “{record.category}”. Hãy chọn trong danh sách.",
            f"There is no assistance category “{record.category}”. Pick one from the list.",
        )
    if record.procedure_code is not None:
        procedure = ref.procedures.get(record.procedure_code)
        if procedure is None:
            out.add(
                "procedure_code",
                "procedure.unknown",
                f"Không có thủ tục mã “{record.procedure_code}” trong danh mục. Hãy chọn "
                "thủ tục trong danh sách.",
                f"The procedure “{record.procedure_code}” is not in the catalogue. Pick "
                "one from the list.",
            )
        elif record.online_level is not None and (
            record.online_level.value not in procedure.online_levels
        ):
            out.add(
                "online_level",
                "online_level.unavailable",
                f"Thủ tục này không có mức “{label(record.online_level, 'vi')}”.",
                f"This procedure is not offered “{label(record.online_level, 'en')}”.",
                "procedure_code",
            )
    if record.dossier_code and not _DOSSIER.match(record.dossier_code):
        out.add(
            "dossier_code",
            "dossier.format",
            "Mã hồ sơ chỉ gồm chữ cái không dấu, chữ số và các dấu . - _ /. Hãy chép đúng "
            "mã do Cổng dịch vụ công cấp.",
            "A dossier code has only unaccented letters, digits and . - _ /. Copy the code "
            "the portal gave exactly.",
        )


def _check_complete(record: AssistanceRecord, ref: ReferenceData, out: _Collector) -> None:
    withdrawn = record.consent_method is ConsentMethod.WITHDRAWN
    anonymous = record.result is Result.DECLINED and not record.consent
    if withdrawn and record.consent:
        out.add(
            "consent_method",
            "consent.method_withdrawn",
            "Người dân đã rút lại sự đồng ý thì không thể đánh dấu là đồng ý. Hãy chọn hình "
            "thức đồng ý mới: bằng lời hoặc có chữ ký.",
            "Consent that was withdrawn cannot be ticked as given. Choose how the new "
            "consent was given: verbal or signed.",
            "consent",
        )
    elif withdrawn:
        # Consent withdrawn before the ward had the record: only the count may leave the
        # laptop, so nothing that could name the resident may be in it.
        for name in ERASED_FIELDS:
            if getattr(record, name) not in (None, ""):
                out.add(
                    name,
                    "consent.withdrawn_personal",
                    "Người dân đã rút lại sự đồng ý nên không được giữ thông tin này. Hãy xoá "
                    "ô này (lượt hỗ trợ vẫn được đếm).",
                    "The resident withdrew consent, so this may not be kept. Clear this "
                    "field (the help is still counted).",
                    "consent",
                )
    elif anonymous:
        # A resident who declined and gave no consent may only be counted, never identified.
        for name in PERSONAL_FIELDS:
            if getattr(record, name):
                out.add(
                    name,
                    "consent.personal_without_consent",
                    "Người dân không đồng ý nên không được lưu thông tin cá nhân. Hãy xoá "
                    "ô này (lượt hỗ trợ vẫn được đếm).",
                    "The resident gave no consent, so no personal data may be kept. Clear "
                    "this field (the help is still counted).",
                    "consent",
                )
    else:
        if not record.consent:
            out.add(
                "consent",
                "consent.missing",
                "Cần người dân đồng ý trước khi hoàn tất phiếu. Hãy đọc thông báo và đánh "
                "dấu ô đồng ý, hoặc lưu nháp.",
                "The resident must consent before the record is final. Read the notice "
                "and tick the consent box, or save a draft.",
            )
        elif record.consent_method is None:
            out.add(
                "consent_method",
                "consent.method_missing",
                "Hãy chọn hình thức đồng ý: bằng lời hoặc có chữ ký.",
                "Choose how consent was given: verbal or signed.",
                "consent",
            )
        if not record.full_name:
            out.add(
                "full_name",
                "required",
                "Hãy nhập họ và tên người được hỗ trợ.",
                "Enter the full name of the person helped.",
            )
    if record.category is None:
        out.add("category", "required", "Hãy chọn nội dung hỗ trợ.", "Choose what help was given.")
    else:
        category = ref.categories.get(record.category)
        requires = category.requires if category else ()
        if "procedure" in requires and not record.procedure_code:
            out.add(
                "procedure_code",
                "required",
                "Nộp hồ sơ trực tuyến cần chọn thủ tục hành chính.",
                "An online dossier needs a procedure: pick one.",
                "category",
            )
        if "detail" in requires and not record.category_detail:
            out.add(
                "category_detail",
                "required",
                "Hãy ghi rõ nội dung hỗ trợ “Khác” là gì.",
                "Describe what the “Other” help was.",
                "category",
            )
    if record.place is None:
        out.add("place", "required", "Hãy chọn nơi hỗ trợ.", "Choose where the help was given.")
    if record.result is None:
        out.add("result", "required", "Hãy chọn kết quả.", "Choose the result.")
    elif record.result is Result.FOLLOW_UP and record.follow_up_date is None:
        out.add(
            "follow_up_date",
            "required",
            "Cần theo dõi tiếp thì phải có ngày hẹn. Hãy chọn ngày.",
            "A follow-up needs a due date. Pick one.",
            "result",
        )
    elif record.result is Result.NOT_POSSIBLE and not record.reason.strip() and not withdrawn:
        out.add(
            "reason",
            "required",
            "Hãy ghi lý do không thực hiện được.",
            "Give the reason it was not possible.",
            "result",
        )


def clean(record: AssistanceRecord) -> AssistanceRecord:
    """The record with its values in the canonical form the entry form stores: names and
    texts NFC with whitespace collapsed, a valid phone number in E.164 (``0987 654 320`` →
    ``+84987654320``; an invalid one is kept as typed so that :func:`validate` names it),
    identity numbers as their digits, codes trimmed. Search and duplicate matching rely on it.
    """
    changes: dict[str, object] = {
        "full_name": normalize_name(record.full_name),
        "address": normalize_text(record.address),
        "category_detail": normalize_text(record.category_detail),
        "reason": normalize_text(record.reason),
        "notes": record.notes.strip(),
        "cccd": digits(record.cccd) or None if record.cccd else None,
        "cmnd": digits(record.cmnd) or None if record.cmnd else None,
        "dossier_code": (record.dossier_code or "").strip() or None,
    }
    if record.phone:
        try:
            changes["phone"] = normalize_phone(record.phone)
        except InvalidPhone:
            changes["phone"] = record.phone.strip()
    else:
        changes["phone"] = None
    return record.model_copy(update=changes)
