"""The admin upload of a place list: a dry run shown row by row, then the real run on confirm.

The uploaded file waits in the user's session between the two steps (so the confirmed run
imports exactly the file that was previewed, and nobody else can confirm it).
"""

from __future__ import annotations

import base64
import hashlib

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin import RestrictedViewMixin
from directory.importing import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportFileError,
    import_places,
    read_rows,
)

IMPORT_PERMISSION = "directory.import_places"
SESSION_KEY = "directory_place_import"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def can_import_places(user) -> bool:
    return user.is_active and user.has_perm(IMPORT_PERMISSION)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV ou XLSX"),
        help_text=gettext_lazy("5 Mo au plus. Rien n'est écrit avant votre confirmation."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo : utilisez la commande."))
        return upload


class ImportPlacesView(RestrictedViewMixin, WagtailAdminTemplateMixin, TemplateView):
    allowed = can_import_places
    template_name = "directory/admin/import_places.html"
    page_title = gettext_lazy("Importer des lieux")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context["required_columns"] = REQUIRED_COLUMNS
        context["optional_columns"] = OPTIONAL_COLUMNS
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self._confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            report = import_places(read_rows(content, upload.name), dry_run=True)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        digest = hashlib.sha256(content).hexdigest()
        request.session[SESSION_KEY] = {
            "name": upload.name,
            "content": base64.b64encode(content).decode("ascii"),
            "sha256": digest,
        }
        return self.render_to_response(
            self.get_context_data(report=report, filename=upload.name, digest=digest)
        )

    def _confirm(self, request):
        stored = request.session.get(SESSION_KEY)
        if not stored or stored["sha256"] != request.POST.get("digest"):
            return self.render_to_response(
                self.get_context_data(
                    error=_("Ce fichier n'est plus en attente : envoyez-le à nouveau.")
                )
            )
        content = base64.b64decode(stored["content"])
        try:
            report = import_places(
                read_rows(content, stored["name"]), dry_run=False, user=request.user
            )
        except ImportFileError as error:
            return self.render_to_response(self.get_context_data(error=str(error)))
        del request.session[SESSION_KEY]
        return self.render_to_response(
            self.get_context_data(report=report, filename=stored["name"], done=True)
        )
