"""QuerySets the apps' dated pages share: "newest first" has one meaning everywhere.

Reviews, briefings and news items are listed newest first on their listings, the home page,
the theme hubs and the feeds. Same-day items follow by id, newest first, which the reviews'
``(published_date, page_ptr)`` index can read in order.
"""

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


class DatedPageQuerySet(PageQuerySet):
    """Pages with a ``published_date``."""

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)


DatedPageManager = PageManager.from_queryset(DatedPageQuerySet)
