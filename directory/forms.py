"""The place editor's form.

Programmes, objectives and access modes are many-to-many: the model's clean() cannot see the
editor's new choices before they are saved, so the form checks them against each other.

When a place has a street address and no point, the form geocodes the address on save. A
geocoder failure never blocks saving: the fields stay empty, and the `after_create_page` /
`after_edit_page` hooks tell the editor to set the point on the map.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from directory.validation import (
    access_modes_outside_programmes_errors,
    objectives_outside_programmes_errors,
)


class PlacePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        for message in objectives_outside_programmes_errors(
            cleaned_data.get("programmes") or [], cleaned_data.get("objectives") or []
        ):
            self.add_error("objectives", message)
        for message in access_modes_outside_programmes_errors(
            cleaned_data.get("programmes") or [], cleaned_data.get("access_modes") or []
        ):
            self.add_error("access_modes", message)
        if self._needs_geocoding(cleaned_data):
            self._geocode(cleaned_data)
        return cleaned_data

    def _needs_geocoding(self, cleaned_data: dict) -> bool:
        if self.errors:
            # Ask the geocoder only for a form that can be saved.
            return False
        if not (cleaned_data.get("street_address") or "").strip():
            return False
        # A field that failed validation is missing from cleaned_data: leave it to its error.
        return (
            "latitude" in cleaned_data
            and "longitude" in cleaned_data
            and cleaned_data["latitude"] is None
            and cleaned_data["longitude"] is None
        )

    def _geocode(self, cleaned_data: dict) -> None:
        from gazetteer.geocoding import geocode_place_address

        commune = cleaned_data.get("commune")
        point = geocode_place_address(
            street=cleaned_data["street_address"],
            postcode=cleaned_data.get("postcode") or "",
            commune_name=commune.name_fr if commune is not None else "",
            country=cleaned_data.get("country") or "",
        )
        if point is not None:
            cleaned_data["latitude"], cleaned_data["longitude"] = point
