"""Problems families report on a place's or an activity's page: who sees them (the place's
organisers, ONE staff), closing one (the reporter, if they left an address, is told in their
language, then the address is deleted), and the retention rule for closed reports."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.mail import queue_email, render_email
from core.recipients import may_send
from directory.models import PlacePage
from organisers.access import organised_place_ids
from organisers.models import ProblemReport, ReportStatus

STAFF_PERMISSION = "organisers.change_problemreport"


def sees_every_report(user) -> bool:
    return user.is_active and user.has_perm(STAFF_PERMISSION)


def visible_reports(user) -> QuerySet[ProblemReport]:
    """ONE staff's: every report; an organiser's: their places' only."""
    reports = ProblemReport.objects.all()
    if sees_every_report(user):
        return reports
    return reports.filter(place_id__in=organised_place_ids(user))


def can_see_reports(user) -> bool:
    return sees_every_report(user) or bool(organised_place_ids(user))


def can_handle(user, report: ProblemReport) -> bool:
    return sees_every_report(user) or report.place_id in organised_place_ids(user)


def open_count(place_ids) -> int:
    return ProblemReport.objects.filter(place_id__in=place_ids, status=ReportStatus.NEW).count()


def submit(
    *, place: PlacePage, page, kind: str, message: str, email: str, language: str
) -> ProblemReport | None:
    """The report, kept; None when it leaves an address that reports were left with a moment
    ago (`core.recipients`, kind "report": each report is an e-mail to that address when it is
    closed, and anyone can type a stranger's address): nothing is kept, the page says it was
    already sent."""
    if email and not may_send("report", email):
        return None
    return ProblemReport.objects.create(
        place=place, page=page, kind=kind, message=message, email=email, language=language
    )


def close(report: ProblemReport, *, status: str, note: str, by) -> bool:
    """Mark the report handled or rejected with the note; e-mail the reporter if they left an
    address, then forget it. True when an e-mail leaves."""
    message = None
    if report.email:
        message = render_email(
            "problem_report_closed",
            to=report.email,
            subject_template="organisers/emails/problem_report_closed_subject.txt",
            body_template="organisers/emails/problem_report_closed.txt",
            context={
                "place": report.place.title,
                "handled": status == ReportStatus.HANDLED,
                "note": note,
            },
            language=report.language,
        )
    report.status = status
    report.note = note
    report.closed_at = timezone.now()
    report.closed_by = by
    report.email = ""
    report.save()
    if message is not None:
        transaction.on_commit(lambda: queue_email(message))
    return message is not None


def purge(days: int | None = None) -> tuple[int, int]:
    """The retention rule: closed reports keep no address (one left behind by a report closed
    before this rule, or by hand, is cleared), and are deleted `days` after closing
    (RENCONTRES_PROBLEM_REPORT_RETENTION_DAYS). Returns (addresses cleared, reports deleted)."""
    days = settings.ORGANISERS["report_retention_days"] if days is None else days
    closed = ProblemReport.objects.exclude(status=ReportStatus.NEW)
    cleared = closed.exclude(email="").update(email="")
    deleted, _by_model = closed.filter(closed_at__lt=timezone.now() - timedelta(days=days)).delete()
    return cleared, deleted
