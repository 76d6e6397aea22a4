"""A place as HSDS records. Each place is one organisation (its team), offering one service (its
welcome of families) at one location. Every fact of the place is its public record's
(directory.records, in the source language): a discreet place's location is the commune's
point, without address or postcode, and no e-mail appears anywhere. Only the ids HSDS gives
terms, slots and closures, and the taxonomy's terms, are read beside it (opendata.hsds.keys).
Its notices are the service's `alert`, and one that says it is closed today its `status`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.fees import FeeKind
from core.pages import in_source_language
from core.text import plain_text
from directory.live_room import RoomState
from directory.models import PlacePage
from directory.place_record import PlaceRecord
from directory.records import place_records
from opendata.hsds.keys import HsdsKeys, hsds_keys
from opendata.hsds.meetings import eligibility, required_documents, service_areas
from opendata.hsds.taxonomy import objective_term, programme_term
from opendata.hsds.versions import DEFAULT, additional_urls, additional_websites
from opendata.ids import record_id

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class HsdsPlace:
    """A place's public record, and what HSDS reads beside it for its batch."""

    record: PlaceRecord
    keys: HsdsKeys

    @property
    def pk(self) -> int:
        return self.record.id


def public_places() -> QuerySet[PlacePage]:
    """The places HSDS lists: live, public, one per place (the French pages)."""
    return in_source_language(PlacePage.objects.live().public())


def hsds_places(ids: Iterable[int]) -> list[HsdsPlace]:
    """The places `ids` (in that order) as HSDS reads them, in a fixed number of queries."""
    records = place_records(ids, settings.LANGUAGE_CODE)
    keys = hsds_keys(records)
    return [HsdsPlace(record, keys) for record in records]


def _some(record: dict) -> dict:
    """HSDS fields are strings or numbers, never null: what is unknown is left out."""
    return {key: value for key, value in record.items() if value not in (None, "")}


def _modified(place: HsdsPlace) -> str | None:
    published = place.record.last_published_at
    return published.isoformat() if published else None


def organization(place: HsdsPlace, services: bool = False, version: str = DEFAULT) -> dict:
    record = _some(
        {
            "id": record_id("organization", place.pk),
            "name": place.record.name,
            "description": plain_text(place.record.description) or place.record.name,
            "email": place.record.email,
            "website": place.record.website,
            "uri": place.record.full_url,
        }
    )
    if version == "3.1":
        record["additional_websites"] = additional_websites(place.record)
    if services:
        record["services"] = [service(place, nested=False, version=version)]
        record["phones"] = phones(place, "organization_id", record["id"])
        record["contacts"] = contacts(place)
        record["locations"] = [location(place)]
    return record


def phones(place: HsdsPlace, link: str, link_id: str) -> list[dict]:
    phone = place.record.phone
    if not phone:
        return []
    return [{"id": record_id("phone", place.pk), link: link_id, "number": phone, "type": "voice"}]


def contacts(place: HsdsPlace) -> list[dict]:
    contact_id = record_id("contact", place.pk)
    return [
        _some(
            {
                "id": contact_id,
                "organization_id": record_id("organization", place.pk),
                "service_id": record_id("service", place.pk),
                "name": place.record.name,
                "email": place.record.email,
                "phones": phones(place, "contact_id", contact_id),
            }
        )
    ]


def address(place: HsdsPlace) -> list[dict]:
    record = place.record
    if not record.street_address:
        return []
    return [
        {
            "id": record_id("address", place.pk),
            "location_id": record_id("location", place.pk),
            "address_1": record.street_address,
            "city": record.commune.name_fr,
            "state_province": "",
            "postal_code": record.postcode,
            "country": record.country,
            "address_type": "physical",
        }
    ]


def languages(place: HsdsPlace, link: str, link_id: str) -> list[dict]:
    return [
        {
            "id": record_id("language", place.pk, place.keys.vocabulary["languages", term.code]),
            link: link_id,
            "name": term.name_fr,
            "code": term.code,
        }
        for term in place.record.languages
    ]


def location(place: HsdsPlace) -> dict:
    record = place.record
    point = record.location
    location_id = record_id("location", place.pk)
    description = (
        _("Lieu discret : seule la commune est publiée ; le contact passe par le téléphone.")
        if record.discreet
        else ""
    )
    return _some(
        {
            "id": location_id,
            "location_type": "physical",
            "url": record.full_url,
            "organization_id": record_id("organization", place.pk),
            "name": record.name,
            "description": description,
            "latitude": point.latitude,
            "longitude": point.longitude,
            "external_identifier": record.commune.code if point.approximate else "",
            "external_identifier_type": _("code de la commune") if point.approximate else "",
            "addresses": address(place),
            "languages": languages(place, "location_id", location_id),
            "accessibility": [
                {
                    "id": record_id(
                        "accessibility",
                        place.pk,
                        place.keys.vocabulary["accessibility", feature.slug],
                    ),
                    "location_id": location_id,
                    "description": feature.name_fr,
                    "details": _("Accès de plain-pied") if feature.step_free else "",
                }
                for feature in record.accessibility
            ],
            "phones": phones(place, "location_id", location_id),
        }
    )


def schedules(place: HsdsPlace, link: str, link_id: str) -> list[dict]:
    """The opening slots as weekly recurrences, then the closures to come as periods."""
    found = [
        {
            "id": record_id("schedule", slot_id),
            link: link_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "interval": 1,
            "byday": DAYS[slot.weekday],
            "opens_at": slot.opens.strftime("%H:%M"),
            "closes_at": slot.closes.strftime("%H:%M"),
            "attending_type": "in_person",
            "description": _("Ouvert"),
        }
        for slot, slot_id in place.keys.numbered(place.pk, place.record.opening_hours)
    ]
    found += [
        {
            "id": record_id("closure", closure_id),
            link: link_id,
            "valid_from": closure.start_date.isoformat(),
            "valid_to": closure.end_date.isoformat(),
            "description": closure.label,
            "notes": _("Fermé du %(start)s au %(end)s inclus.")
            % {"start": _day(closure.start_date), "end": _day(closure.end_date)},
        }
        for closure, closure_id in place.keys.numbered(place.pk, place.record.closures)
    ]
    return found


def _day(day: date) -> str:
    return day.isoformat()


def cost_options(place: HsdsPlace) -> list[dict]:
    record = place.record
    return [
        _some(
            {
                "id": record_id("cost_option", place.pk),
                "service_id": record_id("service", place.pk),
                "option": str(FeeKind(record.fee_kind).label),
                "currency": "EUR",
                "amount": 0 if record.free else record.fee_amount and float(record.fee_amount),
                "amount_description": record.fee_text,
            }
        )
    ]


def attributes(place: HsdsPlace) -> list[dict]:
    """The place's programmes and objectives, as terms of their taxonomies."""
    service_id = record_id("service", place.pk)
    found = []
    for kind, terms, taxonomy, as_term in (
        ("programme_attribute", place.record.programmes, place.keys.programmes, programme_term),
        ("objective_attribute", place.record.objectives, place.keys.objectives, objective_term),
    ):
        for item in (taxonomy[term.slug] for term in terms):
            term = as_term(item, nested=False)
            found.append(
                {
                    "id": record_id(kind, place.pk, item.pk),
                    "link_id": service_id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": term["id"],
                    "value": item.slug,
                    "taxonomy_term": term,
                }
            )
    return found


# The unit a live room's places are counted in: a family's place in the room, this site's own.
PLACE_UNIT_KEY = 1


def capacities(place: HsdsPlace) -> list[dict]:
    """HSDS 3.1's `service_capacity` (the 3.0 answer carries it as the service's
    `capacities`): each session under way or ahead today whose team said a number of places
    left (or « complet », none), while the session lasts; `updated` is when they said it."""
    service_id = record_id("service", place.pk)
    found = []
    for room in place.record.rooms_now:
        available = 0 if room.state == RoomState.FULL else room.places_left
        if available is None:
            continue
        found.append(
            {
                "id": record_id("service_capacity", room.session_id),
                "service_id": service_id,
                "unit": {
                    "id": record_id("unit", PLACE_UNIT_KEY),
                    "name": _("Places (familles accueillies)"),
                },
                "available": available,
                "description": room.text,
                "updated": room.reported_at.isoformat(),
            }
        )
    return found


def service(place: HsdsPlace, nested: bool = True, version: str = DEFAULT) -> dict:
    """The service's own fields (a list item); with its related records when `nested`."""
    service_id = record_id("service", place.pk)
    record = place.record
    ages = _("Enfants %(ages)s.") % {"ages": record.ages_text}
    record = _some(
        {
            "id": service_id,
            "organization_id": record_id("organization", place.pk),
            "name": record.name,
            "description": plain_text(record.description),
            # The language of the texts (French, the source), as HSDS's taxonomy terms say it;
            # the translations' languages are on the place's page and the detail API.
            "language": record.text.language,
            "url": record.full_url,
            "email": record.email,
            # A notice or a closure says it is closed today.
            "status": "temporarily closed" if record.temporarily_closed else "active",
            # What the place tells families for a while: its notices announced today.
            "alert": " ".join(notice.text for notice in record.announced_notices),
            "application_process": record.access_text,
            "fees_description": record.fee_text,
            "eligibility_description": " ".join(filter(None, (ages, eligibility(record.meetings)))),
            "minimum_age": round(record.age_min_months / 12, 2),
            "maximum_age": round(record.age_max_months / 12, 2),
            "last_modified": _modified(place),
            "capacities": capacities(place) or None,
        }
    )
    if version == "3.1":
        record["additional_urls"] = additional_urls(place.record)
    if nested:
        record.update(
            organization=organization(place, version=version),
            phones=phones(place, "service_id", service_id),
            schedules=schedules(place, "service_id", service_id),
            service_at_locations=[service_at_location(place, with_service=False, version=version)],
            languages=languages(place, "service_id", service_id),
            cost_options=cost_options(place),
            contacts=contacts(place),
            attributes=attributes(place),
            required_documents=required_documents(place.pk, place.record.meetings),
            service_areas=service_areas(place.pk, place.record.meetings),
        )
    return record


def service_at_location(
    place: HsdsPlace, with_service: bool = True, full: bool = True, version: str = DEFAULT
) -> dict:
    link_id = record_id("service_at_location", place.pk)
    record = {
        "id": link_id,
        "service_id": record_id("service", place.pk),
        "location_id": record_id("location", place.pk),
        "location": location(place),
    }
    if full:
        record.update(
            contacts=contacts(place),
            phones=phones(place, "service_at_location_id", link_id),
            schedules=schedules(place, "service_at_location_id", link_id),
        )
    if with_service:
        record["service"] = service(place, nested=full, version=version)
    return record
