"""The report as CSV: one row per figure, the columns the issue fixes.

``breakdown, code, name, records, residents, online_dossiers``; ``breakdown`` is ``total``,
``neighbourhood``, ``category``, ``procedure``, ``volunteer`` or ``result``, in that order, and
each breakdown's rows in report order (:mod:`.breakdowns`). Names are Vietnamese. The bytes are
a pure function of the figures: UTF-8 with a BOM (Excel then shows Vietnamese correctly), CRLF
line ends (RFC 4180), no timestamp — so a locked period's CSV is the same file every time.
Cells that a spreadsheet would run as a formula get an apostrophe, as in the records export.
"""

from __future__ import annotations

import csv
import io

from sync.contract.tabular import neutralise
from sync.server.reports.breakdowns import CSV_BREAKDOWNS
from sync.server.reports.figures import PeriodFigures, ReportFigures

HEADER = ("breakdown", "code", "name", "records", "residents", "online_dossiers")


def to_csv(figures: ReportFigures | PeriodFigures) -> bytes:
    """The CSV bytes of a report's current period."""
    period = figures.current if isinstance(figures, ReportFigures) else figures
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for breakdown in CSV_BREAKDOWNS:
        for row in period.rows(breakdown):
            writer.writerow(
                (
                    breakdown.value,
                    neutralise(row.code),
                    neutralise(row.name_vi),
                    row.records,
                    row.residents,
                    row.online_dossiers,
                )
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
