from django.apps import AppConfig


class LearningConfig(AppConfig):
    """7-minute briefings, external resources, themes and news."""

    name = "learning"
    verbose_name = "Learning"
