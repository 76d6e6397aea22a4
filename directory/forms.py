"""The place editor's form.

Programmes and objectives are many-to-many: the model's clean() cannot see the editor's new
choices before they are saved, so the form checks them against each other.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from directory.validation import objectives_outside_programmes_errors


class PlacePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        for message in objectives_outside_programmes_errors(
            cleaned_data.get("programmes") or [], cleaned_data.get("objectives") or []
        ):
            self.add_error("objectives", message)
        return cleaned_data
