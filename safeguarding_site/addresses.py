"""Full addresses on the site's public address (``SITE_URL``), for links read away from the site.

Emails, feeds, exports and the printable briefings are read somewhere else, later, or are made
with no request at all (a scheduled job, a PDF made once for every reader), so their links
cannot take their host from a request, nor from Wagtail's Site record (``localhost`` until an
administrator changes it, and unable to say https on any port but 443). They name the one
address that production configures, ``DJANGO_SITE_URL``.

This module imports nothing from the site's apps, so any app may use it.
"""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(location):
    """``location``, an address on this site such as ``/reviews/child-q/``, as a full URL at the
    site's public address. A full URL (a page of another Wagtail site) is returned as it is."""
    if urlsplit(location).scheme:
        return location
    return settings.SITE_URL + "/" + location.lstrip("/")


def public_page_url(page, request=None):
    """The full public URL of ``page``, or ``None`` for a page no site routes to."""
    location = page.get_url(request=request)
    return public_url(location) if location is not None else None
