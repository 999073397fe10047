"""What the entry form's widgets mean as data: the record they show, and the autosave snapshot.

Kept apart from :mod:`desktop.gui.record_form` so the form module holds the form's behaviour
(layout, language, validation, saving) and this one the field-by-field mapping, which is long
and changes only when the record contract gains or loses a field. It knows the form only as
:class:`FormFields` (the widgets it reads and fills), so neither module imports the other's
module back.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from desktop.gui.date_field import DateField, qdate
from desktop.gui.form_rows import set_combo
from desktop.gui.procedure_picker import ProcedurePicker
from sync.contract.normalize import (
    InvalidPhone,
    digits,
    format_phone,
    normalize_name,
    normalize_phone,
    normalize_text,
)
from sync.contract.record import (
    AssistanceRecord,
    ConsentMethod,
    Gender,
    OnlineLevel,
    Place,
    RecordStatus,
    Result,
)
from sync.contract.reference import ReferenceData


class Volunteer(Protocol):
    @property
    def device_id(self) -> str: ...

    @property
    def volunteer_name(self) -> str: ...

    @property
    def neighbourhood_code(self) -> str: ...


class FormFields(Protocol):
    """The entry form as this module sees it: its widgets, the reference data, the profile."""

    assisted_on: QDateEdit
    neighbourhood: QComboBox
    place: QComboBox
    full_name: QLineEdit
    birth: DateField
    gender: QComboBox
    cccd: QLineEdit
    cmnd: QLineEdit
    phone: QLineEdit
    address: QLineEdit
    category: QComboBox
    category_detail: QLineEdit
    procedure: ProcedurePicker
    online_level: QComboBox
    dossier_code: QLineEdit
    result: QComboBox
    follow_up_date: DateField
    reason: QLineEdit
    notes: QPlainTextEdit
    consent: QCheckBox
    consent_method: QComboBox

    @property
    def reference(self) -> ReferenceData: ...

    @property
    def profile(self) -> Volunteer: ...


def record_from_form(form: FormFields, status: RecordStatus, *,
                     base: AssistanceRecord | None, meeting_id: uuid.UUID | None,
                     now: datetime) -> AssistanceRecord:
    """The record the form shows now (values the form cannot read are left empty).

    ``base`` is the record being edited (its identity, author and consent time are kept).
    """
    code = str(form.neighbourhood.currentData() or form.profile.neighbourhood_code)
    neighbourhood = form.reference.neighbourhood(code)
    ward = form.reference.wards.get(neighbourhood.ward) if neighbourhood else None
    ward = ward or form.reference.ward
    birth = form.birth.parsed()
    phone_text = form.phone.text().strip()
    try:
        phone: str | None = normalize_phone(phone_text) if phone_text else None
    except InvalidPhone:
        phone = phone_text  # kept as typed so validation names the problem
    category = form.category.currentData()
    cat = form.reference.categories.get(category) if category else None
    requires = cat.requires if cat else ()
    result = form.result.currentData()
    consent = form.consent.isChecked()
    consent_at = None
    if consent:
        consent_at = base.consent_at if base is not None and base.consent_at else now
    values: dict[str, Any] = {
        "device_id": base.device_id if base else form.profile.device_id,
        "volunteer_name": base.volunteer_name if base else form.profile.volunteer_name,
        "created_at": base.created_at if base else now,
        "updated_at": now,
        "assisted_on": form.assisted_on.date().toPython(),
        "revision": base.revision if base else 1,
        "status": status,
        "ward_code": ward.code,
        "ward_name": ward.name,
        "neighbourhood_code": code,
        "neighbourhood_name": neighbourhood.name if neighbourhood else
        str(form.neighbourhood.currentText()),
        "full_name": normalize_name(form.full_name.text()),
        "birth_date": birth.day,
        "birth_year": birth.day.year if birth.day else birth.year,
        "gender": form.gender.currentData(),
        "cccd": digits(form.cccd.text()) or None,
        "cmnd": digits(form.cmnd.text()) or None,
        "phone": phone,
        "address": normalize_text(form.address.text()),
        "category": category,
        "category_detail": normalize_text(form.category_detail.text())
        if "detail" in requires else "",
        "procedure_code": (form.procedure.code() or None) if "procedure" in requires
        else None,
        "online_level": form.online_level.currentData() if "procedure" in requires else None,
        "dossier_code": (form.dossier_code.text().strip() or None)
        if "procedure" in requires else None,
        "place": form.place.currentData(),
        "meeting_id": base.meeting_id if base else meeting_id,
        "result": result,
        "follow_up_date": form.follow_up_date.parsed().day
        if result == Result.FOLLOW_UP else None,
        "reason": normalize_text(form.reason.text())
        if result in (Result.NOT_POSSIBLE, Result.DECLINED) else "",
        "notes": form.notes.toPlainText().strip(),
        "consent": consent,
        "consent_at": consent_at,
        # A count whose consent was withdrawn stays one until consent is given anew.
        "consent_method": form.consent_method.currentData() if consent else (
            ConsentMethod.WITHDRAWN if base is not None
            and base.consent_method is ConsentMethod.WITHDRAWN else None),
        "consent_notice_version": (base.consent_notice_version
                                   if base and base.consent and base.consent_notice_version
                                   else form.reference.consent.version) if consent else None,
    }
    if base is not None:
        values["id"] = base.id
    return AssistanceRecord(**values)


def show_record(form: FormFields, record: AssistanceRecord) -> None:
    """Put every field of ``record`` into the form's widgets."""
    form.assisted_on.setDate(qdate(record.assisted_on))
    set_combo(form.neighbourhood, record.neighbourhood_code)
    if form.neighbourhood.currentData() != record.neighbourhood_code:
        # A retired neighbourhood (ward merge): keep it selectable for this record.
        form.neighbourhood.addItem(record.neighbourhood_name, record.neighbourhood_code)
        set_combo(form.neighbourhood, record.neighbourhood_code)
    set_combo(form.place, record.place)
    form.full_name.setText(record.full_name)
    if record.birth_date is not None:
        form.birth.set_date(record.birth_date)
    else:
        form.birth.set_year(record.birth_year)
    set_combo(form.gender, record.gender)
    form.cccd.setText(record.cccd or "")
    form.cmnd.setText(record.cmnd or "")
    form.phone.setText(display_phone(record.phone))
    form.address.setText(record.address)
    set_combo(form.category, record.category)
    form.category_detail.setText(record.category_detail)
    form.procedure.set_code(record.procedure_code)
    set_combo(form.online_level, record.online_level)
    form.dossier_code.setText(record.dossier_code or "")
    set_combo(form.result, record.result)
    form.follow_up_date.set_date(record.follow_up_date)
    form.reason.setText(record.reason)
    form.notes.setPlainText(record.notes)
    form.consent.setChecked(record.consent)
    if record.consent_method is not None:
        set_combo(form.consent_method, record.consent_method)


def snapshot_of(form: FormFields, editing: uuid.UUID | None) -> dict[str, Any]:
    """Everything typed, as plain JSON-able values (for the autosave file)."""
    return {
        "editing": str(editing) if editing else None,
        "assisted_on": form.assisted_on.date().toString("yyyy-MM-dd"),
        "neighbourhood_code": form.neighbourhood.currentData(),
        "place": _plain(form.place.currentData()),
        "full_name": form.full_name.text(),
        "birth": form.birth.text(),
        "gender": _plain(form.gender.currentData()),
        "cccd": form.cccd.text(),
        "cmnd": form.cmnd.text(),
        "phone": form.phone.text(),
        "address": form.address.text(),
        "category": form.category.currentData(),
        "category_detail": form.category_detail.text(),
        "procedure_code": form.procedure.code(),
        "online_level": _plain(form.online_level.currentData()),
        "dossier_code": form.dossier_code.text(),
        "result": _plain(form.result.currentData()),
        "follow_up_date": form.follow_up_date.text(),
        "reason": form.reason.text(),
        "notes": form.notes.toPlainText(),
        "consent": form.consent.isChecked(),
        "consent_method": _plain(form.consent_method.currentData()),
    }


def apply_snapshot(form: FormFields, snap: dict[str, Any]) -> None:
    """Put an autosave snapshot's texts and choices back into the form's widgets."""
    day = QDate.fromString(str(snap.get("assisted_on", "")), "yyyy-MM-dd")
    if day.isValid():
        form.assisted_on.setDate(day)
    set_combo(form.neighbourhood, snap.get("neighbourhood_code"))
    set_combo(form.place, _enum(Place, snap.get("place")))
    form.full_name.setText(str(snap.get("full_name", "")))
    form.birth.setText(str(snap.get("birth", "")))
    set_combo(form.gender, _enum(Gender, snap.get("gender")))
    form.cccd.setText(str(snap.get("cccd", "")))
    form.cmnd.setText(str(snap.get("cmnd", "")))
    form.phone.setText(str(snap.get("phone", "")))
    form.address.setText(str(snap.get("address", "")))
    set_combo(form.category, snap.get("category"))
    form.category_detail.setText(str(snap.get("category_detail", "")))
    form.procedure.set_code(str(snap.get("procedure_code") or "") or None)
    set_combo(form.online_level, _enum(OnlineLevel, snap.get("online_level")))
    form.dossier_code.setText(str(snap.get("dossier_code", "")))
    set_combo(form.result, _enum(Result, snap.get("result")))
    form.follow_up_date.setText(str(snap.get("follow_up_date", "")))
    form.reason.setText(str(snap.get("reason", "")))
    form.notes.setPlainText(str(snap.get("notes", "")))
    form.consent.setChecked(bool(snap.get("consent", False)))
    set_combo(form.consent_method, _enum(ConsentMethod, snap.get("consent_method")))


def _plain(member: object) -> object:
    return member.value if isinstance(member, Enum) else member


def _enum(enum_cls: type[Enum], value: object) -> object:
    try:
        return enum_cls(value) if value is not None else None
    except ValueError:
        return None


def display_phone(canonical: str | None) -> str:
    """A stored phone number as the volunteer reads it (0912 345 678)."""
    if not canonical:
        return ""
    try:
        return format_phone(canonical)
    except Exception:  # a draft may hold a number as typed; show it unchanged
        return canonical
