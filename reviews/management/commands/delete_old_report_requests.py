"""``manage.py delete_old_report_requests``: delete requests for full reports past their time."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize
from django.utils import timezone

from reviews.report_requests import FullReportRequest


class Command(BaseCommand):
    """Delete the full-report requests made more than ``FULL_REPORT_REQUEST_RETENTION_DAYS``
    days ago: the form tells requesters their details are kept no longer. Run nightly by the
    scheduler (safeguarding_site/scheduler.py); says nothing unless it deleted some, so that
    cron mails only news."""

    help = "Delete requests for full reports older than FULL_REPORT_REQUEST_RETENTION_DAYS."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.FULL_REPORT_REQUEST_RETENTION_DAYS)
        deleted, _ = FullReportRequest.objects.filter(created_at__lt=cutoff).delete()
        if deleted or options["verbosity"] > 1:
            self.stdout.write(
                f"Deleted {deleted} full report request{pluralize(deleted)} "
                f"made before {timezone.localtime(cutoff):%-d %B %Y %H:%M}."
            )
