"""The fixed lists of email alerts, apart from the models so forms and emails can offer them."""

from django.db import models


class Frequency(models.TextChoices):
    """How often a subscriber hears of new learning: at most once a day, or once a week."""

    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
