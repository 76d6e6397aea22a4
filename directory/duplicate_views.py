"""ONE staff's queue of likely duplicate places (directory/duplicates.py finds them): each pair
side by side, to merge into the place kept (directory/merging.py) or to set aside as two
different places, which are then never proposed again."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin import RestrictedViewMixin
from directory.duplicates import REASONS
from directory.merging import MergeError, merge_places
from directory.models.duplicates import DuplicateCandidate, DuplicateStatus
from directory.models.places import PlacePage

MERGE_PERMISSION = "directory.merge_places"
PAGE_SIZE = 20


def can_merge_places(user) -> bool:
    return user.is_active and user.has_perm(MERGE_PERMISSION)


def open_pairs():
    return (
        DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN)
        .select_related("first__commune", "second__commune")
        .order_by("-score", "found_at", "pk")
    )


class DuplicateQueueView(RestrictedViewMixin, WagtailAdminTemplateMixin, TemplateView):
    allowed = can_merge_places
    template_name = "directory/admin/duplicates.html"
    page_title = gettext_lazy("Doublons possibles")
    header_icon = "duplicate"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(open_pairs(), PAGE_SIZE).get_page(self.request.GET.get("p"))
        for pair in page.object_list:
            pair.reason_labels = [str(REASONS[code]) for code in pair.reasons if code in REASONS]
        context["page_obj"] = page
        return context

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            error = self._decide(request)
        if error:
            messages.error(request, error)
            response = self.render_to_response(self.get_context_data())
            response.status_code = 400
            return response
        return redirect("directory_duplicates")

    def _decide(self, request) -> str | None:
        """The decision asked, done; or what is wrong with the request, naming the field."""
        pair_id = request.POST.get("pair", "")
        pair = (
            DuplicateCandidate.objects.filter(pk=int(pair_id), status=DuplicateStatus.OPEN)
            .select_for_update()
            .first()
            if pair_id.isdigit() and len(pair_id) < 12
            else None
        )
        if pair is None:
            return _("Cette paire de lieux n'est plus à examiner (déjà traitée ?).")
        action = request.POST.get("action", "")
        if action == "dismiss":
            pair.status = DuplicateStatus.DISMISSED
            pair.decided_by, pair.decided_at = request.user, timezone.now()
            pair.save(update_fields=["status", "decided_by", "decided_at"])
            messages.success(request, _("Ces deux lieux ne seront plus proposés comme doublons."))
            return None
        keep = request.POST.get("keep", "")
        if (
            action != "merge"
            or not keep.isdigit()
            or int(keep) not in (pair.first_id, pair.second_id)
        ):
            return _("Choisissez lequel des deux lieux de la paire garder.")
        kept = PlacePage.objects.get(pk=int(keep))
        merged = PlacePage.objects.get(pk=pair.other(kept.pk))
        try:
            merge_places(kept, merged, by=request.user)
        except MergeError:
            return _("L'un des deux lieux a déjà été fusionné dans un autre.")
        messages.success(
            request,
            _("« %(merged)s » est fusionné dans « %(kept)s ».")
            % {"merged": merged.title, "kept": kept.title},
        )
        return None
