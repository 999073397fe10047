"""The report screen's charts (QtCharts): bars per neighbourhood for this period beside the
previous one, and the trend per week or month (helps and online dossiers)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from desktop.app.staff_reports import FigureRowOut
from desktop.gui.i18n import current_language

translate = QCoreApplication.translate
CURRENT = QColor("#1f5fa8")
PREVIOUS = QColor("#a9c4e4")
ONLINE = QColor("#e69138")
RENDER_HINT = QPainter.RenderHint.Antialiasing


def _short(name: str) -> str:
    """Axis labels stay short: "Khu 3" of "Khu 3 (Hà Tu)"."""
    return name.split(" (", 1)[0][:18]


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def nice_step(top: int, *, most: int = 6) -> int:
    """The tick step for counts up to ``top``: 1, 2, 5, 10, 20, 50 … with at most ``most``
    steps."""
    step, factors = 1, (2, 2.5, 2)
    index = 0
    while top > step * most:
        step = int(step * factors[index % 3])
        index += 1
    return step


def _axes(chart: QChart, series: QBarSeries, labels: Sequence[str], top: int) -> None:
    x = QBarCategoryAxis()
    x.append(list(labels))
    # Whole-number ticks (counts): Qt's "nice numbers" put ticks at 0.5, which "%d" prints
    # as a second 0.
    step = nice_step(top)
    ticks = max(1, -(-top // step))
    y = QValueAxis()
    y.setLabelFormat("%d")
    y.setRange(0, ticks * step)
    y.setTickCount(ticks + 1)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)


def neighbourhood_chart(rows: Sequence[FigureRowOut], previous: Sequence[FigureRowOut]
                        ) -> QChart:
    """Records per neighbourhood, this period and the previous one side by side."""
    vi = current_language() == "vi"
    chart = _chart(translate("ReportCharts", "Records per neighbourhood"))
    before = {r.code: r.records for r in previous}
    now_set = QBarSet(translate("ReportCharts", "This period"))
    now_set.setColor(CURRENT)
    old_set = QBarSet(translate("ReportCharts", "Previous period"))
    old_set.setColor(PREVIOUS)
    labels = []
    for row in rows:
        labels.append(_short(row.name_vi if vi else row.name_en))
        now_set.append(row.records)
        old_set.append(before.get(row.code, 0))
    series = QBarSeries()
    series.append(now_set)
    series.append(old_set)
    series.setLabelsVisible(len(rows) <= 12)
    chart.addSeries(series)
    top = max([r.records for r in rows] + list(before.values()) + [1])
    _axes(chart, series, labels, top)
    return chart


def trend_chart(labels: Sequence[str], records: Sequence[int], online: Sequence[int], *,
                weekly: bool) -> QChart:
    """Helps and online dossiers per week or month of the period."""
    title = (translate("ReportCharts", "Trend per week") if weekly
             else translate("ReportCharts", "Trend per month"))
    chart = _chart(title)
    helps = QBarSet(translate("ReportCharts", "Records"))
    helps.setColor(CURRENT)
    helps.append(list(records))
    dossiers = QBarSet(translate("ReportCharts", "Online dossiers"))
    dossiers.setColor(ONLINE)
    dossiers.append(list(online))
    series = QBarSeries()
    series.append(helps)
    series.append(dossiers)
    chart.addSeries(series)
    _axes(chart, series, labels, max([*records, 1]))
    return chart
