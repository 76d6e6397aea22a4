"""Yearly activity figures for ONE: the head-counts organisers record (`organisers.HeadCount`),
added up per place, objective, programme and province, and month by month for the chart.

Each table is a coverage `Table`, so the dashboard shows it and its CSV/XLSX exports write the
same rows. A session counts in the year of its date. Every table costs one query (two with its
total), whatever the number of places or sessions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext as _

from activities.models import Occurrence
from organisers.models import HeadCount
from projects.coverage import Table

# What each table groups by: (key, column title, the head-count's path to the label).
DIMENSIONS = [
    ("places", "Lieu", "occurrence__place__title"),
    ("objectives", "Objectif", "occurrence__activity__objectives__name_fr"),
    ("programmes", "Programme", "occurrence__place__programmes__name_fr"),
    ("provinces", "Province", "occurrence__place__commune__province"),
]
SUMS = {
    "sessions": Count("pk", distinct=True),
    "children": Sum("children"),
    "adults": Sum("adults"),
    "first_visits": Sum("first_visits"),
}


def _column_titles() -> dict[str, str]:
    return {
        "Lieu": _("Lieu"),
        "Objectif": _("Objectif"),
        "Programme": _("Programme"),
        "Province": _("Province"),
    }


def year_counts(year: int):
    return HeadCount.objects.filter(occurrence__date__year=year).order_by()


def _row(values: dict) -> list:
    return [
        values["sessions"],
        values["children"] or 0,
        values["adults"] or 0,
        (values["children"] or 0) + (values["adults"] or 0),
        values["first_visits"] or 0,
    ]


def figures_table(year: int, key: str) -> Table:
    _key, column, path = next(d for d in DIMENSIONS if d[0] == key)
    title = _column_titles()[column]
    table = Table(
        key=f"figures-{key}",
        title=_("Fréquentation %(year)s par %(dimension)s")
        % {"year": year, "dimension": title.lower()},
        header=[
            title,
            _("Séances comptées"),
            _("Enfants"),
            _("Adultes"),
            _("Personnes"),
            _("Premières visites"),
        ],
        note=(
            _("Une séance dont l'activité poursuit plusieurs objectifs compte pour chacun.")
            if key == "objectives"
            else _("Un lieu de plusieurs programmes compte pour chacun.")
            if key == "programmes"
            else ""
        ),
    )
    counts = year_counts(year)
    for values in counts.values(path).annotate(**SUMS).order_by(path):
        table.rows.append([values[path] or _("Non précisé"), *_row(values)])
    if table.rows:
        # The total counts each session once, whatever the rows above counted twice.
        table.footer_from = len(table.rows)
        table.rows.append([_("Total"), *_row(counts.aggregate(**SUMS))])
    return table


@dataclass(frozen=True)
class Month:
    number: int
    label: str
    held: int
    counted: int
    people: int


def monthly(year: int) -> list[Month]:
    """Month by month: sessions held (past, not cancelled), those counted, people who came."""
    held = dict(
        Occurrence.objects.filter(date__year=year, is_cancelled=False, start__lte=timezone.now())
        .order_by()
        .values_list("date__month")
        .annotate(n=Count("pk"))
    )
    counted = {
        row["occurrence__date__month"]: row
        for row in year_counts(year)
        .values("occurrence__date__month")
        .annotate(n=Count("pk"), people=Sum("children") + Sum("adults"))
    }
    return [
        Month(
            number=month,
            label=_month_label(month),
            held=held.get(month, 0),
            counted=counted.get(month, {}).get("n", 0),
            people=counted.get(month, {}).get("people") or 0,
        )
        for month in range(1, 13)
    ]


def _month_label(month: int) -> str:
    return str(MONTHS_AP[month]).capitalize()


def monthly_table(year: int, months: list[Month]) -> Table:
    table = Table(
        key="figures-months",
        title=_("Séances et fréquentation %(year)s, mois par mois") % {"year": year},
        header=[_("Mois"), _("Séances tenues"), _("Séances comptées"), _("Personnes venues")],
    )
    table.rows = [[m.label, m.held, m.counted, m.people] for m in months]
    table.footer_from = 12
    table.rows.append(
        [
            _("Total"),
            sum(m.held for m in months),
            sum(m.counted for m in months),
            sum(m.people for m in months),
        ]
    )
    return table


# The chart's drawing, in SVG user units: 12 groups of two bars.
CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM, CHART_LEFT = 720, 240, 20, 200, 10
GROUP = (CHART_WIDTH - CHART_LEFT) / 12
BAR = GROUP * 0.36


def chart(months: list[Month]) -> dict:
    """Bars for the template to draw (server-side SVG: no script, nothing from elsewhere). Each
    series has its own scale, its highest month reaching the top; the numbers are written on
    the bars and given in the table beside."""
    top_held = max((m.held for m in months), default=0) or 1
    top_people = max((m.people for m in months), default=0) or 1
    span = CHART_BOTTOM - CHART_TOP
    bars = []
    for index, month in enumerate(months):
        x = CHART_LEFT + index * GROUP + GROUP * 0.1
        for offset, value, top, series in (
            (0, month.held, top_held, "sessions"),
            (BAR, month.people, top_people, "people"),
        ):
            height = span * value / top
            bars.append(
                {
                    "series": series,
                    "x": round(x + offset, 1),
                    "y": round(CHART_BOTTOM - height, 1),
                    "width": round(BAR, 1),
                    "height": round(height, 1),
                    "value": value,
                    "text_x": round(x + offset + BAR / 2, 1),
                    "text_y": round(CHART_BOTTOM - height - 4, 1),
                }
            )
    labels = [
        {"x": round(CHART_LEFT + i * GROUP + GROUP / 2, 1), "text": m.label}
        for i, m in enumerate(months)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_BOTTOM,
        "label_y": CHART_BOTTOM + 20,
        "bars": bars,
        "labels": labels,
    }
