"""``manage.py alerts_subscriber --export ADDRESS`` prints, as JSON, everything the site keeps
about one email alerts subscriber (for a subject access request); ``--erase ADDRESS`` deletes
it (for an erasure request; the same as the subscriber's own "Unsubscribe").

The address is matched as stored, in lower case. An address with nothing stored exports as
``null`` and erases nothing; both say so on stderr.
"""

import json

from django.core.management.base import BaseCommand

from alerts import subscriptions


class Command(BaseCommand):
    help = "Export (JSON on stdout) or erase what is stored about one email alerts subscriber."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", metavar="ADDRESS", help="print the subscriber's data")
        action.add_argument("--erase", metavar="ADDRESS", help="delete the subscriber's data")

    def handle(self, *args, **options):
        if options["export"] is not None:
            data = subscriptions.export(options["export"])
            if data is None:
                self.stderr.write("Nothing is stored about that address.")
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        if subscriptions.erase(options["erase"]):
            self.stdout.write("Erased: the subscriber and their choices are deleted.")
        else:
            self.stderr.write("Nothing is stored about that address: nothing to erase.")
