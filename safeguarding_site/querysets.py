"""QuerySets the apps' dated pages share: "newest first" has one meaning everywhere.

Reviews, briefings and news items are listed newest first on their listings, the home page,
the theme hubs and the feeds. Same-day items follow by id, newest first, which the reviews'
``(published_date, page_ptr)`` index can read in order.
"""

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

NEWEST_FIRST = ("-published_date", "-pk")
OLDEST_FIRST = ("published_date", "pk")


def newest_first_through(relation):
    """``NEWEST_FIRST`` for items ordered by the page they belong to through ``relation``
    (a review's recommendations by their review: ``newest_first_through("review")``)."""
    return tuple(
        f"-{relation}__{name[1:]}" if name.startswith("-") else f"{relation}__{name}"
        for name in NEWEST_FIRST
    )


def through(condition, relation):
    """``condition``, a ``Q`` on pages, as a condition on the page that ``relation`` leads to
    (``through(live_q, "review")`` for a review's recommendations).

    A join, where ``relation__in=<pages>`` would be a subquery: the database can then walk the
    pages in an index's order and stop at the page of results, not sort every item.
    """
    translated = Q()
    translated.connector = condition.connector
    translated.negated = condition.negated
    translated.children = [
        through(child, relation) if isinstance(child, Q) else (f"{relation}__{child[0]}", child[1])
        for child in condition.children
    ]
    return translated


class DatedPageQuerySet(PageQuerySet):
    """Pages with a ``published_date``."""

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)


DatedPageManager = PageManager.from_queryset(DatedPageQuerySet)
