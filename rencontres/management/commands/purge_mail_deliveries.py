"""Daily: what the e-mails' queue keeps, kept no longer than needed (core.mail.purge_deliveries):
the failed messages' content cleared after 30 days, old delivery rows deleted, and the task
queue's finished rows (each holds its message, recipients included) deleted after two days."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import purge_deliveries

FINISHED_TASKS_KEPT = timedelta(days=2)


class Command(BaseCommand):
    help = (
        "Clear the content of e-mails failed more than 30 days ago, delete old delivery rows "
        "and the finished tasks older than two days. Run it daily."
    )

    def handle(self, *args, **options):
        cleared, deleted = purge_deliveries()
        tasks, _by_model = (
            DBTaskResult.objects.finished()
            .filter(finished_at__lt=timezone.now() - FINISHED_TASKS_KEPT)
            .delete()
        )
        # Only counts: the command's output may be kept in logs.
        self.stdout.write(
            self.style.SUCCESS(
                f"{cleared} messages effacés, {deleted} envois et {tasks} tâches supprimés."
            )
        )
