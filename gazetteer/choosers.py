"""The communes' chooser for the admin's forms (a place's commune).

A <select> of every Belgian and French commune made each place editor 4.5 MB: the chooser
opens a modal that asks for communes page by page, as the organiser types. Communes are public
reference data, so any admin user may search them; nothing is created or edited from here.

Communes are not in a search index: a name, a postcode or an official code is matched with the
gazetteer's own normalised names and tables, the way the public suggestions match them, and
whatever `lookup.resolve_commune` (the search's and the import's reading) makes of the text is
offered too: a key such as ``BE-62063``, ``4020 Jupille-sur-Meuse``.
"""

import re

from django import forms
from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from core.countries import Country
from gazetteer.lookup import MAX_QUERY_LENGTH, resolve_commune
from gazetteer.models import Commune, PlaceName, PostalCode
from gazetteer.names import normalize
from gazetteer.points import area_label, commune_label

# A postcode or an official code: digits, or Corsica's "2A"/"2B" département codes.
_CODE = re.compile(r"\d+|2[AB]\d*")
ORDERING = ["name_fr", "country", "code"]


def matching_communes(communes: QuerySet, text: str) -> QuerySet:
    """The communes whose name (French or Dutch, or one of their sections') `text` is part
    of, or, for a code, whose postcode or INS/INSEE code starts with it ("2A" is Corsica's)."""
    text = text.strip()
    code = text.replace(" ", "").upper()
    if _CODE.fullmatch(code):
        postcodes = PostalCode.objects.filter(code__startswith=code, retired=False)
        return communes.filter(Q(code__startswith=code) | Q(pk__in=postcodes.values("commune_id")))
    wanted = normalize(text)
    if not wanted:
        return communes
    # A section or a locality ("Jambes") names the commune it belongs to.
    named = PlaceName.objects.filter(name__startswith=wanted).values("commune_id")
    matches = Q(search_names__contains=wanted) | Q(pk__in=named)
    # And whatever the search and the import read as a commune: a key ("BE-62063"), a
    # postcode with its locality ("4020 Jupille-sur-Meuse"), a postcode's locality.
    if (resolved := resolve_commune(text)) is not None:
        matches |= Q(pk=resolved.pk)
    found = communes.filter(matches)
    return found.annotate(rank=_name_rank(wanted)).order_by("rank", *ORDERING)


def _name_rank(wanted: str) -> Case:
    """0 for a commune of that very name, 1 for one of its names starting with it, 2 for a word
    of one: "ham" puts Ham before Hamme, and both before Champagne, alphabetically first."""
    # `search_names` holds a commune's names joined by "|".
    exact = (
        Q(search_names=wanted)
        | Q(search_names__startswith=f"{wanted}|")
        | Q(search_names__endswith=f"|{wanted}")
        | Q(search_names__contains=f"|{wanted}|")
    )
    starts = Q(search_names__startswith=wanted) | Q(search_names__contains=f"|{wanted}")
    return Case(
        When(exact, then=Value(0)),
        When(starts, then=Value(1)),
        When(search_names__contains=f" {wanted}", then=Value(2)),
        default=Value(3),
    )


class CommuneSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Nom, code postal ou code INS/INSEE"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Liège, 4020, 62063…")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = matching_communes(objects, query)
        return objects


def _postcodes(commune: Commune) -> str:
    return ", ".join(dict.fromkeys(row.code for row in commune.postal_codes.all()))


class CommuneListing:
    filter_form_class = CommuneSearchForm
    ordering = ORDERING

    def get_object_list(self):
        postcodes = PostalCode.objects.filter(retired=False).order_by("code")
        # Retired communes keep the places that point at them, but none is placed there anew.
        return Commune.objects.filter(retired=False).prefetch_related(
            Prefetch("postal_codes", queryset=postcodes)
        )

    @property
    def title_column(self):
        column = super().title_column
        column.label = _("Commune")
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column(
                "province",
                label=_("Province ou département"),
                accessor=lambda commune: area_label(commune.province),
            ),
            Column(
                "country",
                label=_("Pays"),
                accessor=lambda commune: Country(commune.country).label,
            ),
            Column("code", label=_("Code INS/INSEE"), accessor="code"),
            Column("postcodes", label=_("Codes postaux"), accessor=_postcodes),
        ]


class ChooseCommuneView(CommuneListing, ChooseView):
    pass


class ChooseCommuneResultsView(CommuneListing, ChooseResultsView):
    pass


class ChosenCommuneView(ChosenView):
    def get_display_title(self, instance):
        return commune_label(instance)


class CommuneChooser(BaseChooser):
    # Homonyms (a Lille in Belgium and one in France) are told apart by their province.
    def get_display_title(self, instance):
        return commune_label(instance)


class CommuneChooserViewSet(ChooserViewSet):
    model = Commune
    icon = "site"
    choose_one_text = _("Choisir une commune")
    choose_another_text = _("Choisir une autre commune")
    base_widget_class = CommuneChooser
    choose_view_class = ChooseCommuneView
    choose_results_view_class = ChooseCommuneResultsView
    chosen_view_class = ChosenCommuneView


commune_chooser_viewset = CommuneChooserViewSet("commune_chooser")
