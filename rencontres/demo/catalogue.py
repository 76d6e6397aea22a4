"""What the demo generator draws from: the real rows demo places point at, loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from core.countries import Country
from directory.models import AccessibilityFeature, Language
from gazetteer.models import Commune, PostalCode, Section, SectionKind
from objectives.models import Programme
from rencontres.demo.meetings import MeetingCatalogue
from rencontres.demo.styles import Style, style_of

# How the places are shared out between the demo's styles (rencontres.demo.styles); each style's
# share is split evenly between its programmes. A programme without modes gets a small share.
MODE_SHARES = {Style.DROP_IN: 0.60, Style.APPOINTMENT: 0.20, Style.REFERRAL: 0.20}
OTHER_MODE_SHARE = 0.05
# ONE works in the Fédération Wallonie-Bruxelles: its places sit in Brussels and Wallonia far more
# often than in Flanders.
FLANDERS_WEIGHT = 0.05
# The sections a place can be shown at: Belgian former communes and the Paris, Lyon and
# Marseille arrondissements (not the communes déléguées, too small to show it).
SECTION_LEVEL_KINDS = [SectionKind.SECTION, SectionKind.ARRONDISSEMENT]


class CommuneInfo(NamedTuple):
    pk: int
    name: str
    code: str
    country: str
    latitude: float
    longitude: float
    population: int = 0
    region: str = ""


class SectionInfo(NamedTuple):
    """A part of a commune families know by its own name (Jambes in Namur, Paris 11e)."""

    name: str
    latitude: float
    longitude: float
    postcode: str


@dataclass
class RegionShares:
    """France's regions, each with its communes and their cumulative populations: the demo's
    French places are spread over the regions in proportion to population."""

    names: list[str]
    cum_population: list[float]
    communes: dict[str, list[CommuneInfo]]
    commune_cum_weights: dict[str, list[float]]

    @classmethod
    def of(cls, communes: list[CommuneInfo]) -> RegionShares | None:
        by_region: dict[str, list[CommuneInfo]] = {}
        for commune in communes:
            by_region.setdefault(commune.region, []).append(commune)
        names = sorted(by_region)
        totals = [sum(c.population for c in by_region[name]) for name in names]
        if not sum(totals):
            return None
        return cls(
            names=names,
            cum_population=list(accumulate(totals)),
            communes=by_region,
            commune_cum_weights={
                name: list(accumulate(max(c.population, 1) for c in rows))
                for name, rows in by_region.items()
            },
        )


class ObjectiveInfo(NamedTuple):
    pk: int
    slug: str
    name: str


class ProgrammeInfo(NamedTuple):
    pk: int
    slug: str
    country: str
    # The demo's kind of place (rencontres.demo.styles), from the programme's access modes.
    style: str
    objectives: tuple[ObjectiveInfo, ...]
    # Its access modes' ids, in order: the first is every place's, the others some places'.
    access_mode_ids: tuple[int, ...] = ()


@dataclass
class Catalogue:
    """The real rows the demo places point at, loaded once, in a stable order."""

    programmes: list[ProgrammeInfo]
    programme_weights: list[float]
    communes: dict[str, list[CommuneInfo]]
    commune_cum_weights: dict[str, list[float]]
    postcodes: dict[int, list[str]]
    languages: dict[str, tuple[int, str]]  # ISO code -> (pk, French name)
    features: list[tuple[int, str]]  # (pk, slug)
    skipped_programmes: list[str] = field(default_factory=list)
    sections: dict[int, list[SectionInfo]] = field(default_factory=dict)  # by commune pk
    french_regions: RegionShares | None = None
    # The espaces de rencontre's vocabularies and courts (rencontres.demo.meetings).
    meetings: MeetingCatalogue = field(default_factory=MeetingCatalogue)

    @classmethod
    def load(cls) -> Catalogue:
        communes: dict[str, list[CommuneInfo]] = {}
        for row in (
            Commune.objects.filter(retired=False)
            .order_by("country", "code", "pk")
            .values_list(
                "pk", "name_fr", "code", "country", "latitude", "longitude", "population", "region"
            )
        ):
            info = CommuneInfo(
                row[0], row[1], row[2], row[3], float(row[4]), float(row[5]), row[6] or 0, row[7]
            )
            communes.setdefault(info.country, []).append(info)
        sections: dict[int, list[SectionInfo]] = {}
        for commune_id, name, latitude, longitude, postcode in (
            Section.objects.filter(retired=False, kind__in=SECTION_LEVEL_KINDS)
            .order_by("commune_id", "key")
            .values_list("commune_id", "name_fr", "latitude", "longitude", "postal_codes__code")
        ):
            known = sections.setdefault(commune_id, [])
            if not any(section.name == name for section in known):
                known.append(SectionInfo(name, float(latitude), float(longitude), postcode or ""))
        commune_cum_weights = {
            country: list(accumulate(commune_weight(c) for c in rows))
            for country, rows in communes.items()
        }
        postcodes: dict[int, list[str]] = {}
        for commune_id, code in (
            PostalCode.objects.filter(commune__isnull=False)
            .order_by("commune_id", "code", "locality")
            .values_list("commune_id", "code")
        ):
            codes = postcodes.setdefault(commune_id, [])
            if code not in codes:
                codes.append(code)

        programmes, skipped = [], []
        for programme in Programme.objects.prefetch_related("objectives", "access_modes").order_by(
            "sort_order", "slug"
        ):
            if programme.country not in communes:
                skipped.append(programme.slug)
                continue
            objectives = tuple(
                ObjectiveInfo(o.pk, o.slug, o.name_fr)
                for o in sorted(programme.objectives.all(), key=lambda o: (o.sort_order, o.slug))
            )
            modes = list(programme.access_modes.all())
            programmes.append(
                ProgrammeInfo(
                    programme.pk,
                    programme.slug,
                    programme.country,
                    style_of([mode.reached_by for mode in modes]),
                    objectives,
                    tuple(mode.pk for mode in modes),
                )
            )
        per_mode: dict[str, int] = {}
        for programme in programmes:
            per_mode[programme.style] = per_mode.get(programme.style, 0) + 1
        weights = [
            MODE_SHARES.get(p.style, OTHER_MODE_SHARE) / per_mode[p.style]
            if p.access_mode_ids
            else OTHER_MODE_SHARE
            for p in programmes
        ]
        return cls(
            programmes=programmes,
            programme_weights=weights,
            communes=communes,
            commune_cum_weights=commune_cum_weights,
            postcodes=postcodes,
            languages={
                code: (pk, name)
                for pk, code, name in Language.objects.order_by("code").values_list(
                    "pk", "code", "name_fr"
                )
            },
            features=list(AccessibilityFeature.objects.order_by("slug").values_list("pk", "slug")),
            skipped_programmes=skipped,
            sections=sections,
            french_regions=RegionShares.of(communes.get(Country.FRANCE, [])),
            meetings=MeetingCatalogue.load(),
        )


def in_wallonia_brussels(commune: CommuneInfo) -> bool:
    """Brussels and Wallonia, from the Belgian NIS code (its first digits name the province)."""
    code = commune.code
    if not code.isdigit() or len(code) != 5:
        return True
    return code[:2] in {"21", "25"} or code[0] in {"5", "6", "8", "9"}


def commune_weight(commune: CommuneInfo) -> float:
    if commune.country == Country.BELGIUM and not in_wallonia_brussels(commune):
        return FLANDERS_WEIGHT
    return 1.0
