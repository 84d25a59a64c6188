"""QuerySets the apps' dated pages share: "newest first" has one meaning everywhere.

Reviews, briefings and news items are listed newest first on their listings, the home page,
the theme hubs and the feeds. Same-day items follow by id, newest first, which the reviews'
``(published_date, page_ptr)`` index can read in order.
"""

from wagtail.models import PageManager
from wagtail.query import PageQuerySet

NEWEST_FIRST = ("-published_date", "-pk")
OLDEST_FIRST = ("published_date", "pk")


class DatedPageQuerySet(PageQuerySet):
    """Pages with a ``published_date``."""

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)


DatedPageManager = PageManager.from_queryset(DatedPageQuerySet)
