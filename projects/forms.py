"""The project editor's form: a project is carried by at least one ONE consultation.

The rule is checked here rather than with the inline panel's `min_num`: the multiple chooser
adds one row per consultation chosen, and a `min_num` row would sit empty beside them.
"""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class ProjectForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        consultations = self.formsets.get("consultation_links")
        if consultations is not None and consultations.is_valid():
            chosen = [
                form
                for form in consultations.forms
                if form.cleaned_data.get("consultation") and not form.cleaned_data.get("DELETE")
            ]
            if not chosen:
                self.add_error(
                    None, _("Choisissez au moins une consultation ONE qui porte le projet.")
                )
        return cleaned_data
