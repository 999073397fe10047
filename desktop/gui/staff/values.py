"""Record values as people read them (dates as dd/mm/yyyy, enum labels, category names), and
which fields differ between two versions. No Qt here: the widgets only lay the words out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from sync.contract.labels import Lang, field_label, label
from sync.contract.normalize import format_phone
from sync.contract.record import ConsentMethod, Gender, OnlineLevel, Place, RecordStatus, Result
from sync.contract.reference import ReferenceData

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
_ENUMS: dict[str, type[Enum]] = {
    "gender": Gender, "place": Place, "result": Result, "online_level": OnlineLevel,
    "consent_method": ConsentMethod, "status": RecordStatus,
}
#: Fields every version has different by nature: not worth a row in a diff.
BOOKKEEPING = frozenset({"revision", "updated_at"})
#: The order fields are shown in, the resident first.
SHOWN_FIELDS: tuple[str, ...] = (
    "assisted_on", "full_name", "birth_date", "birth_year", "gender", "cccd", "cmnd", "phone",
    "address", "neighbourhood_name", "category", "category_detail", "procedure_code",
    "online_level", "dossier_code", "place", "result", "follow_up_date", "reason", "notes",
    "consent", "consent_method", "status", "deleted", "volunteer_name",
)


def show_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


def show_value(name: str, value: Any, reference: ReferenceData, lang: Lang = "vi") -> str:
    """``value`` of field ``name`` (wire form) in words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ("Có" if value else "Không") if lang == "vi" else ("Yes" if value else "No")
    if name in _ENUMS:
        try:
            return label(_ENUMS[name](value), lang)
        except (ValueError, KeyError):
            return str(value)
    if name == "category":
        category = reference.categories.get(str(value))
        return category.name(lang) if category else str(value)
    if name == "procedure_code":
        procedure = reference.procedures.get(str(value))
        return procedure.name(lang) if procedure else str(value)
    if name == "neighbourhood_code":
        hood = reference.neighbourhoods.get(str(value))
        return hood.name if hood else str(value)
    if name == "phone":
        try:
            return format_phone(str(value))
        except Exception:  # a number the contract would reject still reads as typed
            return str(value)
    if name in {"assisted_on", "birth_date", "follow_up_date"}:
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if name.endswith("_at"):
        try:
            return show_time(datetime.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def differing_fields(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """The fields (in :data:`SHOWN_FIELDS` order, then any others) where ``a`` and ``b``
    differ, leaving out bookkeeping."""
    names = [n for n in SHOWN_FIELDS if n in a or n in b]
    names += sorted((set(a) | set(b)) - set(names) - BOOKKEEPING - {"id", "device_id"})
    return [n for n in names if n not in BOOKKEEPING and a.get(n) != b.get(n)]


def describe_changes(before: Mapping[str, Any], after: Mapping[str, Any],
                     reference: ReferenceData, lang: Lang = "vi") -> list[str]:
    """One line per changed field: "Địa chỉ: Tổ 4 → Tổ 5"."""
    return [f"{field_label(n, lang)}: {show_value(n, before.get(n), reference, lang)} → "
            f"{show_value(n, after.get(n), reference, lang)}"
            for n in differing_fields(before, after)]


#: Fields a staff correction form offers (the rest are the record's provenance or consent,
#: which the ward does not rewrite).
EDITABLE_FIELDS: tuple[str, ...] = (
    "full_name", "birth_year", "phone", "cccd", "address", "category", "result",
    "follow_up_date", "reason", "dossier_code", "notes",
)
CHOICE_FIELDS = frozenset({"category", "result", "gender", "place", "online_level"})


def edit_text(name: str, value: Any) -> str:
    """The text an edit box starts with for ``value`` (wire form)."""
    if value is None:
        return ""
    if name == "phone":
        try:
            return format_phone(str(value))
        except Exception:
            return str(value)
    if name in {"assisted_on", "birth_date", "follow_up_date"}:
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    return str(value)


def parse_input(name: str, text: str) -> Any:
    """What a typed ``text`` means as the wire value of field ``name``. Text that cannot be
    read is passed on as typed, so that the contract's validation names the problem."""
    from sync.contract.normalize import InvalidPhone, digits, normalize_phone, normalize_text

    text = normalize_text(text)
    optional = {"birth_year", "phone", "cccd", "cmnd", "dossier_code", "follow_up_date",
                "birth_date", "category", "result", "procedure_code", "gender", "place",
                "online_level"}
    if not text:
        return None if name in optional else ""
    if name == "birth_year":
        return int(text) if text.isdigit() else text
    if name == "phone":
        try:
            return normalize_phone(text)
        except InvalidPhone:
            return text
    if name in {"cccd", "cmnd"}:
        return digits(text)
    if name in {"assisted_on", "birth_date", "follow_up_date"}:
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
        return text
    return text


#: The server keeps at most this much of a staff comment.
MAX_COMMENT = 4000


def correction_note(comment: str, before: Mapping[str, Any], changes: Mapping[str, Any],
                    reference: ReferenceData) -> str:
    """The comment sent with a correction: the staff member's words, then "Địa chỉ: A → B"
    for each changed field, so the volunteer sees on the laptop what the ward changed. In
    Vietnamese, the volunteers' language (the laptop shows the comment as it is)."""
    lines = describe_changes(before, {**before, **changes}, reference, "vi")
    text = "\n".join([comment.strip(), *(f"• {line}" for line in lines)]).strip()
    return text if len(text) <= MAX_COMMENT else text[: MAX_COMMENT - 1] + "…"
