from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campagnes de mise à jour")

    def ready(self) -> None:
        from directory.merging import MOVE, declare_place_relations

        # What merging a duplicate place (directory.merging) does with this app's rows.
        declare_place_relations(
            # A request the kept place has in the same campaign already stays with the merged one.
            {"campaigns.CampaignRequest.place": MOVE}
        )
