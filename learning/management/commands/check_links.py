"""Check the address of every external resource and record what was found."""

import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from learning import link_checks
from learning.choices import LinkStatus
from learning.models import ExternalResource
from safeguarding_site.cache import purge_all

# How each line of the summary names a link, by what its check came to.
KINDS = {
    "working": "working",
    "moved": "moved (works, but the address should be changed)",
    "failing": "failing (broken if the next check fails too)",
    "broken": "broken (hidden from the public)",
    "skipped": "not checked (not a web address)",
}


def kind_of(fields, resource):
    """Which line of the summary a checked link belongs to."""
    if "last_checked" not in fields:
        return "skipped"
    status = fields.get("link_status", resource.link_status)
    if status == LinkStatus.BROKEN:
        return "broken"
    if fields.get("failing_since"):
        return "failing"
    return "moved" if status == LinkStatus.MOVED else "working"


class Command(BaseCommand):
    """``manage.py check_links``: check every external resource's address (HEAD, then GET;
    redirects followed; a few at once, one at a time per host; bounded time-outs) and record
    the date, the HTTP status, where it moved and its state. The rules are in
    ``learning/link_checks.py``; the scheduler runs this nightly (README, "Link checks").

    Broken links are data, not a failure of the command: it exits 0 whatever it finds, and
    prints a summary. Anything that changes what the public sees (a link becoming broken, or
    working again) empties the page cache once, at the end.
    """

    help = (
        "Check every external resource's address; record the date, the HTTP status and the "
        "state (working, moved, broken). Broken links are hidden from the public."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only-unchecked",
            action="store_true",
            help="Check only links not confirmed yet (new, or their address changed).",
        )
        parser.add_argument(
            "--resource",
            type=int,
            action="append",
            dest="resource_ids",
            metavar="ID",
            help="Check only this resource (by id); may be given more than once.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=4,
            help="How many addresses to check at once (never two on one host). Default 4.",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=link_checks.READ_TIMEOUT,
            help="Seconds to wait for an answer (connecting: at most "
            f"{link_checks.CONNECT_TIMEOUT:g}). Default {link_checks.READ_TIMEOUT:g}.",
        )
        parser.add_argument(
            "--pause",
            type=float,
            default=1.0,
            help="Seconds between two requests to the same host. Default 1.",
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            default=900.0,
            help="Stop after this many seconds; links not reached keep what they had. "
            "Default 900 (15 minutes).",
        )

    def handle(self, *args, **options):
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1.")
        if options["timeout"] <= 0 or options["time_limit"] <= 0 or options["pause"] < 0:
            raise CommandError("--timeout and --time-limit must be positive, --pause not less.")

        resources = ExternalResource.objects.order_by("pk")
        if options["only_unchecked"]:
            resources = resources.filter(link_status=LinkStatus.UNCHECKED)
        if options["resource_ids"]:
            resources = resources.filter(pk__in=options["resource_ids"])
        by_pk = {resource.pk: resource for resource in resources}

        checker = link_checks.Checker.from_settings(read_timeout=options["timeout"])
        today = timezone.localdate()
        started = time.monotonic()
        tally = Counter()
        problems = []
        public_view_changed = False
        findings = link_checks.check_all(
            [(pk, resource.url) for pk, resource in by_pk.items()],
            checker,
            workers=options["workers"],
            time_limit=options["time_limit"],
            pause=options["pause"],
        )
        for pk, finding in findings:
            resource = by_pk[pk]
            fields = link_checks.findings_fields(resource, finding, today)
            # Only if the address is still the one checked: an editor may have changed it
            # meanwhile, and the new address starts with no findings (ExternalResource.save).
            written = ExternalResource.objects.filter(pk=pk, url=resource.url).update(**fields)
            if not written:
                continue
            was_broken = resource.link_status == LinkStatus.BROKEN
            is_broken = fields.get("link_status", resource.link_status) == LinkStatus.BROKEN
            public_view_changed = public_view_changed or was_broken != is_broken
            kind = kind_of(fields, resource)
            tally[kind] += 1
            if kind != "working":
                problems.append((kind, resource, finding))

        if public_view_changed:
            purge_all()
        self.report(by_pk, tally, problems, time.monotonic() - started)

    def report(self, by_pk, tally, problems, seconds):
        checked = sum(tally.values())
        self.stdout.write(f"Checked {checked} of {len(by_pk)} links in {seconds:.1f} s.")
        for kind, words in KINDS.items():
            if tally[kind]:
                self.stdout.write(f"  {tally[kind]} {words}")
        if checked < len(by_pk):
            self.stdout.write(
                f"  {len(by_pk) - checked} not reached within the time limit (unchanged)"
            )
        for kind, resource, finding in sorted(problems, key=lambda item: item[0]):
            detail = f"moved to {finding.moved_to}" if kind == "moved" else finding.note
            self.stdout.write(f"{kind.capitalize()}: {resource.title} <{resource.url}>: {detail}")
