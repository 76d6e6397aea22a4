from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationsConfig(AppConfig):
    name = "orientations"
    verbose_name = _("Orientations")

    def ready(self) -> None:
        from directory.merging import MOVE, MOVE_IF_ABSENT, declare_place_relations

        # What merging a duplicate place (directory.merging) does with this app's rows.
        declare_place_relations(
            {
                "orientations.Orientation.place": MOVE,
                "orientations.ProfessionalInvitation.place": MOVE,
                "orientations.PlaceOrientationSettings.place": MOVE_IF_ABSENT,
            }
        )
