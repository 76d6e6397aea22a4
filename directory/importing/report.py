"""What became of each row of an import (or, in a dry run, what would), and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

Action = Literal["create", "update", "unchanged", "reject"]


@dataclass
class RowReport:
    """What happened (or, in a dry run, would happen) to one row, and why."""

    line: int  # as a spreadsheet numbers it: the header is line 1
    external_id: str
    name: str
    action: Action
    reasons: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    page_id: int | None = None

    @property
    def action_label(self) -> str:
        return action_labels()[self.action]


def action_labels() -> dict[str, str]:
    return {
        "create": _("création"),
        "update": _("mise à jour"),
        "unchanged": _("inchangé"),
        "reject": _("rejet"),
    }


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {
            action: self.count(action) for action in ("create", "update", "unchanged", "reject")
        }
