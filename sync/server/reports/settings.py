"""Who issues and signs a report: the settings of the PDF's administrative header.

Stored in the server's ``report_settings`` table (one row, JSON), not in the reference data:
the reference data travels to every volunteer's laptop and describes what is recorded; the
signer's name and the document number concern the ward office alone and change with its
staff. Until staff save their own, the defaults come from the ward in force in the reference
data ("Phường Hà Tu" -> issuing body "ỦY BAN NHÂN DÂN / PHƯỜNG HÀ TU").

The command line fills a :class:`ReportSettings` from the stored row and its options; the
staff screen will edit and save the same object.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from sync.contract.errors import KnownError
from sync.contract.reference import ReferenceData
from sync.server.reports.models import ReportSettingsRow

_SETTINGS_ROW_ID = 1
_MAX_LINE = 120
_MAX_LINES = 4


class SettingsError(KnownError):
    """A report setting that cannot be used (too long, empty where required …)."""


@dataclass(frozen=True)
class ReportSettings:
    """The administrative header and signature of the PDF report (Nghị định 30/2020)."""

    #: The superior body, printed above the issuing body; empty for a ward People's Committee.
    parent_body: str = ""
    #: The issuing body, one entry per printed line (bold, upper case).
    issuing_body: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ TU")
    #: The document number; empty leaves room for the number the clerk writes at registration.
    number: str = ""
    #: The document symbol after the number: "BC" (báo cáo) and the issuing body's initials.
    symbol: str = "BC-UBND"
    #: The place in the date line: "Phường Hà Tu, ngày … tháng … năm …".
    place_name: str = "Phường Hà Tu"
    #: The signature block, one entry per printed line ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH").
    signer_titles: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer_name: str = ""
    #: "Nơi nhận" (recipients), one per line.
    recipients: tuple[str, ...] = ("UBND tỉnh (b/c);", "Lưu: VT.")
    #: The report's title under "BÁO CÁO"; the period's name is added after it.
    subject: str = "Kết quả hỗ trợ người dân của các Tổ công nghệ số cộng đồng"
    extra: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def defaults(cls, reference: ReferenceData) -> ReportSettings:
        """The settings a ward starts with, from its name in the reference data."""
        ward = reference.ward.name  # "Phường Hà Tu"
        return cls(issuing_body=("ỦY BAN NHÂN DÂN", ward.upper()), place_name=ward)

    def document_number(self) -> str:
        """ "Số: 12/BC-UBND", or "Số:      /BC-UBND" with room to write the number by hand."""
        number = self.number.strip() or "\u00a0" * 6
        return f"Số: {number}/{self.symbol}"

    def validate(self) -> ReportSettings:
        """The settings, checked; raises :class:`SettingsError` naming the field."""
        for name, lines in (
            ("issuing_body", self.issuing_body),
            ("signer_titles", self.signer_titles),
        ):
            if not lines or not any(line.strip() for line in lines):
                raise SettingsError(
                    f"Thiếu {_LABELS[name][0]}.", f"The {_LABELS[name][1]} is missing."
                )
        for name in ("issuing_body", "signer_titles", "recipients"):
            lines = getattr(self, name)
            if len(lines) > _MAX_LINES * 2:
                raise SettingsError(
                    f"{_LABELS[name][0].capitalize()}: tối đa {_MAX_LINES * 2} dòng.",
                    f"The {_LABELS[name][1]}: at most {_MAX_LINES * 2} lines.",
                )
            for line in lines:
                self._check_line(name, line)
        for name in ("parent_body", "number", "symbol", "place_name", "signer_name", "subject"):
            self._check_line(name, getattr(self, name))
        if not self.symbol.strip():
            raise SettingsError(
                "Thiếu ký hiệu văn bản (ví dụ BC-UBND).",
                "The document symbol (e.g. BC-UBND) is missing.",
            )
        if not self.place_name.strip():
            raise SettingsError(
                "Thiếu địa danh (ví dụ Phường Hà Tu).",
                "The place name (e.g. Phường Hà Tu) is missing.",
            )
        return self

    @staticmethod
    def _check_line(name: str, line: str) -> None:
        limit = _MAX_LINE * 2 if name == "subject" else _MAX_LINE
        if len(line) > limit:
            raise SettingsError(
                f"{_LABELS[name][0].capitalize()} dài quá {limit} ký tự: “{line[:30]}…”.",
                f"The {_LABELS[name][1]} is longer than {limit} characters: “{line[:30]}…”.",
            )
        if any(ord(ch) < 32 for ch in line):
            raise SettingsError(
                f"{_LABELS[name][0].capitalize()} có ký tự điều khiển; mỗi dòng ghi riêng.",
                f"The {_LABELS[name][1]} contains control characters; give each line apart.",
            )

    def to_json(self) -> str:
        data = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str, base: ReportSettings | None = None) -> ReportSettings:
        """Settings from stored JSON; unknown keys are kept aside, missing ones defaulted."""
        data: dict[str, Any] = json.loads(raw)
        known = {f.name for f in fields(cls)} - {"extra"}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in known:
                values[key] = tuple(str(v) for v in value) if isinstance(value, list) else value
        extra = {k: str(v) for k, v in data.items() if k not in known}
        return replace(base or cls(), **values, extra=extra)


_LABELS: dict[str, tuple[str, str]] = {
    "parent_body": ("cơ quan chủ quản", "superior body"),
    "issuing_body": ("tên cơ quan ban hành", "issuing body"),
    "number": ("số văn bản", "document number"),
    "symbol": ("ký hiệu văn bản", "document symbol"),
    "place_name": ("địa danh", "place name"),
    "signer_titles": ("chức vụ người ký", "signer's title"),
    "signer_name": ("họ tên người ký", "signer's name"),
    "recipients": ("nơi nhận", "recipients"),
    "subject": ("trích yếu", "subject"),
}


def load_settings(conn: Connection, reference: ReferenceData) -> ReportSettings:
    """The stored settings, else the defaults for the ward in force."""
    raw = conn.execute(
        select(ReportSettingsRow.settings).where(ReportSettingsRow.id == _SETTINGS_ROW_ID)
    ).scalar()
    defaults = ReportSettings.defaults(reference)
    return defaults if raw is None else ReportSettings.from_json(raw, defaults)


def save_settings(conn: Connection, settings: ReportSettings, *, by: str, now: datetime) -> None:
    """Check and store the settings (one row, replaced)."""
    payload = settings.validate().to_json()
    row = conn.execute(
        select(ReportSettingsRow.id).where(ReportSettingsRow.id == _SETTINGS_ROW_ID)
    ).scalar()
    if row is None:
        conn.execute(
            insert(ReportSettingsRow).values(
                id=_SETTINGS_ROW_ID, settings=payload, updated_at=now, updated_by=by
            )
        )
    else:
        conn.execute(
            update(ReportSettingsRow)
            .where(ReportSettingsRow.id == _SETTINGS_ROW_ID)
            .values(settings=payload, updated_at=now, updated_by=by)
        )
