"""The report of a period, in the format asked for.

A locked period's report is its lock's snapshot (figures and CSV bytes as locked); any other
period's is computed now. The rendering functions only ever see figures, so the XLSX and the
PDF of a locked period show exactly the locked numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Connection

from sync.contract.errors import KnownError
from sync.contract.reference import ReferenceData
from sync.server.reports.csv_export import to_csv
from sync.server.reports.figures import ReportFigures, compute_figures
from sync.server.reports.locks import locked_report
from sync.server.reports.periods import Period
from sync.server.reports.settings import ReportSettings

Format = Literal["csv", "xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "pdf")


class ReportFormatError(KnownError):
    pass


@dataclass(frozen=True, slots=True)
class Report:
    figures: ReportFigures
    #: The stored CSV of a locked period (returned as is), else ``None``.
    locked_csv: bytes | None = None

    @property
    def locked(self) -> bool:
        return self.figures.locked is not None


def build_report(
    conn: Connection,
    period: Period,
    reference: ReferenceData,
    *,
    now: datetime,
    neighbourhood: str | None = None,
) -> Report:
    """The period's report: the locked snapshot when the period is locked, else live.

    Locks are ward-wide: a report limited to one ``neighbourhood`` is always live.
    """
    locked = locked_report(conn, period) if neighbourhood is None else None
    if locked is not None:
        return Report(locked.figures, locked.csv)
    return Report(compute_figures(conn, period, reference, now=now, neighbourhood=neighbourhood))


def parse_format(value: str) -> Format:
    lowered = value.strip().lower().lstrip(".")
    for known in FORMATS:
        if lowered == known:
            return known
    raise ReportFormatError(
        f"Định dạng “{value}” không có; chọn csv, xlsx hoặc pdf.",
        f"There is no format “{value}”: choose csv, xlsx or pdf.",
    )


def render(
    report: Report | ReportFigures,
    fmt: Format,
    settings: ReportSettings,
    *,
    made_at: datetime | None = None,
) -> bytes:
    """The report's bytes in ``fmt``; ``made_at`` is printed on XLSX and PDF."""
    if isinstance(report, ReportFigures):
        report = Report(report)
    when = made_at or report.figures.computed_at
    if fmt == "csv":
        return report.locked_csv if report.locked_csv is not None else to_csv(report.figures)
    if fmt == "xlsx":
        from sync.server.reports.xlsx_export import to_xlsx

        return to_xlsx(report.figures, settings, made_at=when)
    if fmt == "pdf":
        from sync.server.reports.pdf_export import to_pdf

        return to_pdf(report.figures, settings, made_at=when)
    raise ReportFormatError(f"Định dạng “{fmt}” không có.", f"There is no format “{fmt}”.")
