from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisersConfig(AppConfig):
    name = "organisers"
    verbose_name = _("Organisateurs")

    def ready(self) -> None:
        from directory.merging import MOVE, STAY, declare_place_relations

        # What merging a duplicate place (directory.merging) does with this app's rows.
        declare_place_relations(
            {
                "organisers.Invitation.place": MOVE,
                "organisers.ProblemReport.place": MOVE,
                "organisers.ProblemReport.page": MOVE,
                # Reminders that the merged listing was not checked: its own history.
                "organisers.FreshnessReminder.place": STAY,
            }
        )
