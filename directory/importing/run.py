"""The run: every row validated and planned, then (unless a dry run) written in its own
transaction. A rejected row never stops the others."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Locale

from directory.duplicates import found_by
from directory.extensions import PLACE_ORGANISERS_IMPORTED
from directory.importing.apply import changed_fields, create, keeps_point, update
from directory.importing.formats import ImportFileError
from directory.importing.report import ImportReport, RowReport
from directory.importing.rows import RELATED_FIELDS, Vocabulary, validate_row
from directory.map_page import PlaceIndexPage
from directory.models.duplicates import DuplicateSource
from directory.models.places import PlacePage


def import_places(
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    dry_run: bool,
    user=None,
    progress: Callable[[RowReport], None] | None = None,
) -> ImportReport:
    """Validate and plan every row and, unless `dry_run`, write each valid one in its own
    transaction. `progress` is called after each row with its report."""
    parent = PlaceIndexPage.objects.filter(locale=Locale.get_default()).first()
    if parent is None:
        raise ImportFileError(_("Aucun annuaire des lieux : lancez d'abord `manage.py migrate`."))
    vocabulary = Vocabulary(locale_id=parent.locale_id)
    report = ImportReport(dry_run=dry_run)
    seen: dict[str, int] = {}
    # Each place written is published, which looks for its likely duplicates (directory
    # signals): those are marked as found by the import.
    with found_by(DuplicateSource.IMPORT):
        for line, values in rows:
            row = _run_row(line, values, vocabulary, seen, parent, dry_run, user)
            report.rows.append(row)
            if progress is not None:
                progress(row)
    return report


def _run_row(line, values, vocabulary, seen, parent, dry_run, user) -> RowReport:
    external_id, name = values.get("external_id", ""), values.get("name", "")
    row = RowReport(line=line, external_id=external_id, name=name, action="reject")
    if external_id and external_id in seen:
        row.reasons.append(
            _("identifiant externe déjà vu ligne %(line)s") % {"line": seen[external_id]}
        )
        return row
    if external_id:
        seen[external_id] = line
    data = validate_row(values, vocabulary)
    if isinstance(data, list):
        row.reasons = data
        return row

    page = (
        PlacePage.objects.filter(external_id=data.external_id)
        .select_related("commune")
        .prefetch_related(*RELATED_FIELDS, "opening_hours")
        .first()
    )
    if page is None:
        row.action = "create"
    else:
        row.page_id = page.pk
        row.changes = changed_fields(page, data)
        row.action = "update" if row.changes else "unchanged"
    if row.action == "unchanged":
        _invite_organisers(row, page.pk, data, dry_run, user)
        return row
    if not data.has_point and data.street_address and not keeps_point(page, data):
        row.notes.append(_("adresse à géolocaliser"))
    if not dry_run:
        row.page_id = (create(parent, data, user) if page is None else update(page, data, user)).pk
    _invite_organisers(row, row.page_id, data, dry_run, user)
    return row


def _invite_organisers(row: RowReport, place_id, data, dry_run: bool, user) -> None:
    """The row's `organiser_emails`, handed to the apps that invite organisers (a hook: the
    invitations are a higher layer's), once the place is written. Counts only in the report:
    it may be printed where logs are kept."""
    if not data.organiser_emails:
        return
    if dry_run:
        count = len(data.organiser_emails)
        row.notes.append(
            ngettext("%(count)s organisateur à inviter", "%(count)s organisateurs à inviter", count)
            % {"count": count}
        )
        return
    for invite in hooks.get_hooks(PLACE_ORGANISERS_IMPORTED):
        row.notes += invite(place_id, data.organiser_emails, user)
