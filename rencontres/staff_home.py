"""ONE staff's home in the admin: the panels the apps register (`core.staff_home`), above
Wagtail's own, for a member of the ONE staff group (or a superuser). An organiser's home is
organisers/home.py's."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.ui.components import Component

from core.staff_home import STAFF_HOME_PANELS, StaffPanel
from rencontres.roles import ONE_STAFF_GROUP


def is_one_staff(user) -> bool:
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ONE_STAFF_GROUP).exists()


def staff_panels(request) -> list[StaffPanel]:
    panels = [panel for fn in hooks.get_hooks(STAFF_HOME_PANELS) if (panel := fn(request))]
    return sorted(panels, key=lambda panel: (panel.order, panel.key))


class StaffHomePanel(Component):
    template_name = "rencontres/panels/staff_panel.html"

    def __init__(self, panel: StaffPanel):
        self.panel = panel
        self.name = f"staff_{panel.key}"
        # Before Wagtail's own panels (whose orders start at 100).
        self.order = panel.order

    def get_context_data(self, parent_context):
        return {"panel": self.panel}


def staff_home_panels(request, panels) -> None:
    if is_one_staff(request.user):
        panels[:0] = [StaffHomePanel(panel) for panel in staff_panels(request)]
