"""A place as HSDS records. Each place is one organisation (its team), offering one service (its
welcome of families) at one location. Discreet places (`core.location`): the location is the
commune's point, without address or postcode, and no e-mail appears anywhere."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.pages import in_source_language
from core.text import plain_text
from directory.models import PlacePage
from directory.place_detail import public_places_in_full
from objectives.models import AccessMode
from opendata.hsds.taxonomy import objective_term, programme_term
from opendata.ids import record_id

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def places_for_records() -> QuerySet[PlacePage]:
    """Live, public places with everything their records read, in their source language."""
    return in_source_language(public_places_in_full())


def _some(record: dict) -> dict:
    """HSDS fields are strings or numbers, never null: what is unknown is left out."""
    return {key: value for key, value in record.items() if value not in (None, "")}


def _modified(place: PlacePage) -> str | None:
    return place.last_published_at.isoformat() if place.last_published_at else None


def organization(place: PlacePage, services: bool = False) -> dict:
    record = _some(
        {
            "id": record_id("organization", place.pk),
            "name": place.title,
            "description": plain_text(place.description) or place.title,
            "email": place.public_email,
            "website": place.website,
            "uri": place.full_url,
        }
    )
    if services:
        record["services"] = [service(place, nested=False)]
        record["phones"] = phones(place, "organization_id", record["id"])
        record["contacts"] = contacts(place)
        record["locations"] = [location(place)]
    return record


def phones(place: PlacePage, link: str, link_id: str) -> list[dict]:
    if not place.phone:
        return []
    return [
        {"id": record_id("phone", place.pk), link: link_id, "number": place.phone, "type": "voice"}
    ]


def contacts(place: PlacePage) -> list[dict]:
    contact_id = record_id("contact", place.pk)
    return [
        _some(
            {
                "id": contact_id,
                "organization_id": record_id("organization", place.pk),
                "service_id": record_id("service", place.pk),
                "name": place.title,
                "email": place.public_email,
                "phones": phones(place, "contact_id", contact_id),
            }
        )
    ]


def address(place: PlacePage) -> list[dict]:
    if not place.public_location.shows_address or not place.public_street_address:
        return []
    return [
        {
            "id": record_id("address", place.pk),
            "location_id": record_id("location", place.pk),
            "address_1": place.public_street_address,
            "city": place.commune.name_fr,
            "state_province": "",
            "postal_code": place.public_postcode,
            "country": place.country,
            "address_type": "physical",
        }
    ]


def languages(place: PlacePage, link: str, link_id: str) -> list[dict]:
    return [
        {
            "id": record_id("language", place.pk, language.pk),
            link: link_id,
            "name": language.name_fr,
            "code": language.code,
        }
        for language in place.languages.all()
    ]


def location(place: PlacePage) -> dict:
    point = place.public_location
    location_id = record_id("location", place.pk)
    description = (
        _("Lieu discret : seule la commune est publiée ; le contact passe par le téléphone.")
        if place.is_discreet
        else ""
    )
    return _some(
        {
            "id": location_id,
            "location_type": "physical",
            "url": place.full_url,
            "organization_id": record_id("organization", place.pk),
            "name": place.title,
            "description": description,
            "latitude": point.latitude,
            "longitude": point.longitude,
            "external_identifier": place.commune.code if point.approximate else "",
            "external_identifier_type": _("code de la commune") if point.approximate else "",
            "addresses": address(place),
            "languages": languages(place, "location_id", location_id),
            "accessibility": [
                {
                    "id": record_id("accessibility", place.pk, feature.pk),
                    "location_id": location_id,
                    "description": feature.name_fr,
                    "details": _("Accès de plain-pied") if feature.step_free else "",
                }
                for feature in place.accessibility.all()
            ],
            "phones": phones(place, "location_id", location_id),
        }
    )


def schedules(place: PlacePage, link: str, link_id: str) -> list[dict]:
    """The opening slots as weekly recurrences, then the closures to come as periods."""
    found = [
        {
            "id": record_id("schedule", slot.pk),
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
        for slot in place.opening_hours.all()
    ]
    found += [
        {
            "id": record_id("closure", closure.pk),
            link: link_id,
            "valid_from": closure.start_date.isoformat(),
            "valid_to": closure.end_date.isoformat(),
            "description": closure.label,
            "notes": _("Fermé du %(start)s au %(end)s inclus.")
            % {"start": _day(closure.start_date), "end": _day(closure.end_date)},
        }
        for closure in place.closures.all()
    ]
    return found


def _day(day: date) -> str:
    return day.isoformat()


def cost_options(place: PlacePage) -> list[dict]:
    return [
        _some(
            {
                "id": record_id("cost_option", place.pk),
                "service_id": record_id("service", place.pk),
                "option": str(place.get_fee_kind_display()),
                "currency": "EUR",
                "amount": 0
                if place.fee_kind == "free"
                else place.fee_amount and float(place.fee_amount),
                "amount_description": place.fee_text,
            }
        )
    ]


def attributes(place: PlacePage) -> list[dict]:
    """The place's programmes and objectives, as terms of their taxonomies."""
    service_id = record_id("service", place.pk)
    found = []
    for kind, items, as_term in (
        ("programme_attribute", place.programmes.all(), programme_term),
        ("objective_attribute", place.objectives.all(), objective_term),
    ):
        for item in items:
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


def service(place: PlacePage, nested: bool = True) -> dict:
    """The service's own fields (a list item); with its related records when `nested`."""
    service_id = record_id("service", place.pk)
    access = AccessMode(place.access_mode)
    ages = _("Enfants %(ages)s.") % {"ages": place.ages_text}
    record = _some(
        {
            "id": service_id,
            "organization_id": record_id("organization", place.pk),
            "name": place.title,
            "description": plain_text(place.description),
            "url": place.full_url,
            "email": place.public_email,
            "status": "active",
            "application_process": " ".join(
                filter(None, [str(access.label), place.access_details])
            ),
            "fees_description": place.fee_text,
            "eligibility_description": ages,
            "minimum_age": round(place.age_min_months / 12, 2),
            "maximum_age": round(place.age_max_months / 12, 2),
            "last_modified": _modified(place),
        }
    )
    if nested:
        record.update(
            organization=organization(place),
            phones=phones(place, "service_id", service_id),
            schedules=schedules(place, "service_id", service_id),
            service_at_locations=[service_at_location(place, with_service=False)],
            languages=languages(place, "service_id", service_id),
            cost_options=cost_options(place),
            contacts=contacts(place),
            attributes=attributes(place),
        )
    return record


def service_at_location(place: PlacePage, with_service: bool = True, full: bool = True) -> dict:
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
        record["service"] = service(place, nested=full)
    return record
