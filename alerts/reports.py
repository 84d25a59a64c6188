"""Figures about email alerts for staff reports (the impact report): never shown in public.

Only confirmed subscribers are stored (an unconfirmed address leaves no record), and an
unsubscribed one is deleted, so these count the people subscribed now.
"""

from datetime import timedelta
from typing import NamedTuple

from django.db.models import Count, Q

from alerts.models import start_of_day
from learning.models import Theme


class ThemeSubscribers(NamedTuple):
    """One row: a theme and how many subscribers chose it."""

    theme: Theme
    subscribers: int


def confirmed_between(start=None, end=None, prefix=""):
    """Subscribers confirmed on or after the day ``start`` and on or before the day ``end``
    (dates, in London; either may be ``None``), as a ``Q`` on the subscriber (``prefix``
    reaches it from another model, e.g. ``"alert_subscribers__"``)."""
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{prefix}confirmed_at__gte": start_of_day(start)})
    if end is not None:
        condition &= Q(**{f"{prefix}confirmed_at__lt": start_of_day(end + timedelta(days=1))})
    return condition


def subscribers_per_theme(start=None, end=None):
    """(theme, count) for every theme, A to Z: how many subscribers chose it, among those who
    confirmed between the days ``start`` and ``end`` (inclusive; ``None``: no limit). One
    query."""
    condition = confirmed_between(start, end, prefix="alert_subscribers__")
    count = Count("alert_subscribers", filter=condition or None, distinct=True)
    themes = Theme.objects.annotate(subscriber_count=count).order_by("name")
    return [ThemeSubscribers(theme, theme.subscriber_count) for theme in themes]
