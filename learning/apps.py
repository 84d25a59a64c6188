from django.apps import AppConfig


class LearningConfig(AppConfig):
    """7-minute briefings, external resources, themes and news."""

    name = "learning"
    verbose_name = "Learning"

    def ready(self):
        from wagtail.signals import page_published

        from learning.models import BriefingPage
        from learning.printable import make_printable_on_publish

        page_published.connect(
            make_printable_on_publish, sender=BriefingPage, dispatch_uid="briefing_printable"
        )
