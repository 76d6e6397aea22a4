"""POST data for the Wagtail page editor, built the way Wagtail's own tests build it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

MULTIPLE_CHOICE_FIELDS = ("programmes", "objectives", "access_modes", "languages", "accessibility")


def place_form_data(place=None, **overrides) -> dict:
    """The editor's form for a place, pre-filled from `place` when given."""
    data = {
        "title": "Nouveau lieu",
        "slug": "nouveau-lieu",
        "description": rich_text("<p>Un espace de jeu.</p>"),
        "street_address": "",
        "postcode": "4000",
        "commune": "",
        "country": "BE",
        "latitude": "",
        "longitude": "",
        "phone": "",
        "email": "",
        "website": "",
        "age_min_months": "0",
        "age_max_months": "36",
        "fee_kind": "free",
        "fee_amount": "",
        "price": "Gratuit",
        "access_details": "",
        "programmes": [],
        "objectives": [],
        "access_modes": [],
        "languages": [],
        "accessibility": [],
        "opening_hours": inline_formset([]),
        "photos": inline_formset([]),
        "closures": inline_formset([]),
    }
    if place is not None:
        data.update(
            title=place.title,
            slug=place.slug,
            description=rich_text(place.description),
            street_address=place.street_address,
            postcode=place.postcode,
            commune=str(place.commune_id),
            latitude="" if place.latitude is None else str(place.latitude),
            longitude="" if place.longitude is None else str(place.longitude),
            programmes=[str(programme.pk) for programme in place.programmes.all()],
            objectives=[str(objective.pk) for objective in place.objectives.all()],
            access_modes=[str(mode.pk) for mode in place.access_modes.all()],
        )
    data.update(overrides)
    # Multi-select values go to the test client as lists; nested_form_data would flatten them.
    multiple = {key: data.pop(key) for key in MULTIPLE_CHOICE_FIELDS}
    return {**nested_form_data(data), **multiple}


def activity_form_data(**overrides) -> dict:
    """The editor's form for a new weekly activity (Mondays at 09:30 from 1 March 2027)."""
    data = {
        "title": "Matinée passerelle",
        "slug": "matinee-passerelle",
        "description": rich_text("<p>Avant l'entrée à l'école.</p>"),
        "age_min_months": "24",
        "age_max_months": "36",
        "fee_kind": "free",
        "fee_amount": "",
        "price": "Gratuit",
        "capacity": "10",
        "capacity_unit": "children",
        "offer_hours": "24",
        "registration_required": "on",
        "start_date": "2027-03-01",
        "start_time": "09:30",
        "duration_minutes": "90",
        "repeat": "weekly",
        "interval": "1",
        "weekdays": ["0"],
        "month_week": "",
        "month_weekday": "",
        "ends": "never",
        "until": "",
        "count": "",
        "objectives": [],
        "languages": [],
        "excluded_dates": inline_formset([]),
        "added_dates": inline_formset([]),
    }
    data.update(overrides)
    if not data["registration_required"]:
        del data["registration_required"]
    multiple = {key: data.pop(key) for key in ("objectives", "languages", "weekdays")}
    return {**nested_form_data(data), **multiple}
