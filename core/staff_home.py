"""ONE staff's home in the admin: panels that any app adds, through a Wagtail hook, so that an
app of any layer registers one without importing the app that draws them (`rencontres`, which
knows who ONE staff are: rencontres/staff_home.py).

    @hooks.register(STAFF_HOME_PANELS)
    def stale_listings(request) -> StaffPanel | None:
        return StaffPanel(key="stale", title="Fiches à vérifier", order=10, count=12, …)

Each function runs once per home page and answers None when the user may not see what it
shows. It costs a fixed number of queries, whatever the number of rows behind its count: the
panel shows a count, the first few rows (`ROWS_SHOWN`) and a link to the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STAFF_HOME_PANELS = "staff_home_panels"
ROWS_SHOWN = 5


@dataclass(frozen=True)
class StaffRow:
    label: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class StaffPanel:
    key: str
    title: str
    order: int
    count: int
    # What the count means ("12 fiches non vérifiées depuis 6 mois"), and what to say at 0.
    summary: str
    empty: str
    url: str
    url_label: str
    rows: list[StaffRow] = field(default_factory=list)
