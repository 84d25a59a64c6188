"""The base of the site's RSS feeds: live, public pages with their themes as categories.

This module imports nothing from the site's apps, so any app may use it.
"""

import copy
import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone

from safeguarding_site.addresses import public_page_url, public_url
from safeguarding_site.cache import declare_query
from safeguarding_site.listing import bad_filter_response, listing_page_for

FEED_LENGTH = 20


class PageFeed(Feed):
    """An RSS feed of pages that have ``summary``, ``published_date`` and ``themes``.

    Subclasses give ``listing_page_model`` (the page type the feed follows), ``filter_form``
    (the request's filter, bound) and ``get_pages`` (a live, public queryset under the page).
    A filter value that is not valid is answered 400, as on every listing route. Its links name
    the site's public address (``SITE_URL``): feed readers keep and pass on what they fetched.
    """

    listing_page_model = None

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request (it is the URL's view), and the methods below need
        # the request: each request gets its own copy to hold it, so threads never share one.
        feed = copy.copy(self)
        feed.request = request
        feed.form = feed.filter_form(request)
        if not feed.form.is_valid():
            return bad_filter_response(feed.form)
        declare_query(request, feed.form.canonical_values(), names=feed.form.fields)
        return Feed.__call__(feed, request, *args, **kwargs)

    def filter_form(self, request):
        raise NotImplementedError

    def get_pages(self, index):
        raise NotImplementedError

    def get_object(self, request):
        return listing_page_for(request, self.listing_page_model), self.form

    def title(self, obj):
        index, form = obj
        theme = form.selected_theme_name
        return f"{index.title}: {theme}" if theme else index.title

    def link(self, obj):
        return public_page_url(obj[0], request=self.request)

    def feed_url(self, obj):
        return public_url(self.request.get_full_path())

    def description(self, obj):
        return f"The latest {obj[0].title.lower()} published by the partnership."

    def items(self, obj):
        index, form = obj
        pages = form.filtered(self.get_pages(index)).defer_streamfields()
        return pages.newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return public_page_url(item, request=self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.published_date, datetime.time()))

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
