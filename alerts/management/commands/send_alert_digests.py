"""``manage.py send_alert_digests``: email each subscriber whose digest is due what was
published since their last one that matches their choices (``alerts.digests``).

Daily subscribers get at most one digest a London day, weekly ones one every seven days, and
nobody gets one when nothing new matches. Only live pages that anyone may read are named.
Safe to run again at once: nothing is sent twice. A digest the mail server refuses is logged
and goes at the next run; the other addresses are not held up, and the command then fails so
that the scheduler reports it. A scheduled job (``safeguarding_site.scheduler.JOBS``), daily.
"""

from django.core.management.base import BaseCommand, CommandError

from alerts.digests import send_digests


class Command(BaseCommand):
    help = (
        "Email each subscriber whose digest is due what was published since their last one "
        "that matches their choices."
    )

    def handle(self, *args, **options):
        outcome = send_digests()
        self.stdout.write(
            f"Alert digests: {outcome.sent} sent, {outcome.nothing_new} with nothing new, "
            f"{outcome.failed} failed."
        )
        if outcome.failed:
            raise CommandError(
                f"{outcome.failed} digests could not be sent (logged); they go at the next run."
            )
