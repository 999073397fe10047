"""The report's charts, drawn as vectors (reportlab graphics): they print sharp on A4.

Every label is at least 11 pt, like the text around it, so the whole page reads on paper.
The two colours also differ in lightness, so a black-and-white copy still tells them apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from sync.server.reports import fonts
from sync.server.reports.formatting import vn_int

LABEL_PT = 11
CURRENT = colors.HexColor("#1F4E79")
PREVIOUS = colors.HexColor("#A9C4E0")


def bar_chart(
    width: float,
    height: float,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    caption: str,
) -> Drawing:
    """Grouped vertical bars, one group per label, one bar per series, values on top."""
    fonts.register()
    drawing = Drawing(width, height)
    # Else the drawing starts in a non-embedded Helvetica the PDF then lists as used.
    drawing.initialFontName = fonts.REGULAR
    drawing.initialFontSize = LABEL_PT
    legend_h = 18 if len(series) > 1 else 0
    rotate = _needs_rotation(labels, width)
    bottom = 44 if rotate else 26
    chart = VerticalBarChart()
    chart.x, chart.y = 34, bottom
    chart.width = width - chart.x - 6
    chart.height = height - bottom - 22 - legend_h
    chart.data = [list(values) for _, values in series]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_PT
    if rotate:
        chart.categoryAxis.labels.angle = 35
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dy = -2
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = LABEL_PT
    chart.valueAxis.valueMin = 0
    top = max((max(values, default=0) for _, values in series), default=0)
    chart.valueAxis.valueMax = max(4, int(top * 1.22) + 1)
    chart.valueAxis.labelTextFormat = lambda v: vn_int(int(v))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D0D0D0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barSpacing = 1
    chart.groupSpacing = 6 if len(labels) > 8 else 10
    for index, fill in enumerate((CURRENT, PREVIOUS)[: len(series)]):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    chart.barLabelFormat = lambda v: vn_int(int(v)) if v else ""
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = LABEL_PT
    chart.barLabels.nudge = 7
    if len(series) > 1 and _crowded(labels, series, chart.width, chart.groupSpacing):
        # Two numbers per group do not fit side by side: label the period reported on only.
        for index in range(1, len(series)):
            for position in range(len(labels)):
                chart.barLabels[(index, position)].visible = False
    drawing.add(chart)
    drawing.add(
        String(
            width / 2,
            height - 14,
            caption,
            fontName=fonts.BOLD,
            fontSize=LABEL_PT + 1,
            textAnchor="middle",
        )
    )
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = chart.x + 4, height - 22
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 140
        legend.fontName = fonts.REGULAR
        legend.fontSize = LABEL_PT
        legend.boxAnchor = "nw"
        legend.colorNamePairs = [
            (fill, name) for fill, (name, _) in zip((CURRENT, PREVIOUS), series, strict=False)
        ]
        drawing.add(legend)
    return drawing


def _crowded(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    width: float,
    group_spacing: float,
) -> bool:
    """Whether two neighbouring bars' numbers would touch (they need a few points between)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    bar = (width / max(1, len(labels)) - group_spacing) / len(series) - 4
    widest = max(
        (stringWidth(vn_int(v), fonts.REGULAR, LABEL_PT) for _, values in series for v in values),
        default=0,
    )
    return bool(widest > bar)


def _needs_rotation(labels: Sequence[str], width: float) -> bool:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not labels:
        return False
    slot = (width - 40) / len(labels)
    widest: float = max(stringWidth(label, fonts.REGULAR, LABEL_PT) for label in labels)
    return widest > slot - 4
