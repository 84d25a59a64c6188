"""``manage.py run_scheduler``: run the site's scheduled jobs at their times, until stopped."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from safeguarding_site.scheduler import JOBS, Scheduler

# Just after the minute turns, so that a job due at 09:00 sees 09:00:01, never 08:59:59.
PAST_THE_MINUTE = 1.0


class Command(BaseCommand):
    """Run the jobs of ``safeguarding_site.scheduler.JOBS`` as each comes due, in this process.

    ``make run`` runs it beside the web server (Procfile). Production runs each job from cron
    or a systemd timer instead (README, "Scheduled jobs"); ``--once`` runs the jobs due this
    minute and stops, failing if one failed.
    """

    help = "Run the site's scheduled jobs at their times (Ctrl-C stops), or once with --once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs due this minute, then stop."
        )

    def handle(self, *args, once=False, **options):
        scheduler = Scheduler(JOBS, stdout=self.stdout, stderr=self.stderr)
        if once:
            failed = scheduler.run_due(timezone.now())
            if failed:
                raise CommandError(f"Failed: {', '.join(job.command for job in failed)}")
            return
        for job in JOBS:
            self.stdout.write(f"Scheduled: {job.command}, {job.schedule}: {job.purpose}")
        # Stopped by honcho (SIGTERM) or Ctrl-C alike: say so and end, mid-wait or mid-job.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            while True:
                scheduler.run_due(timezone.now())
                time.sleep(60 - time.time() % 60 + PAST_THE_MINUTE)
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")
