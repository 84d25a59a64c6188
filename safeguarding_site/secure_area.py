"""The secure area's answers to readers who may not open it.

An anonymous visitor is sent to sign in; a signed-in visitor who is not a partnership member
gets a 403 "members only" page (Wagtail would send them to the login page, which sends a
signed-in user straight back: a loop). Every request to an address under a members-only page answers
the same way, whatever its method and whether a page is there or not, so guessing addresses
tells nothing about what the secure area holds.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from wagtail.documents import get_document_model
from wagtail.models import Site

from safeguarding_site import privacy
from safeguarding_site.cache import never_stored


def members_only(request):
    """403 for a signed-in visitor who is not a partnership member."""
    return never_stored(TemplateResponse(request, "members_only.html", status=403))


def refused(request):
    """What a reader who may not open a members-only address gets."""
    if request.user.is_authenticated:
        return members_only(request)
    login = redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    return never_stored(login)


def restricted_page_covering(request, path):
    """The members-only page (one carrying a view restriction) whose address ``path`` is at
    or under, on the site answering ``request``; ``None`` if there is none.

    Read from the restrictions, which are few and read once per request: no query per page.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    root_path = site.root_page.url_path
    for restricted in privacy.restricted_pages(request):
        if not restricted.url_path.startswith(root_path):
            continue  # another site's
        address = "/" + restricted.url_path[len(root_path) :]
        if path.startswith(address):
            return restricted
    return None


# Addresses the URL map gives to views of their own, never to pages: no need to ask, and the
# health check must answer without reading anything else from the database.
NOT_PAGE_PREFIXES = ("/health/", "/static/", "/admin/", "/documents/", "/media/")


def refuses(request, path):
    """Whether this reader may not open the address ``path``."""
    if path.startswith(NOT_PAGE_PREFIXES):
        return False
    page = restricted_page_covering(request, path)
    return page is not None and not privacy.may_view_page(request, page)


def leads_where_refused(request, path):
    """Whether a redirect to ``path`` would lead this reader to members-only material: a page
    under the secure area, or a members-only document."""
    if refuses(request, path):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.url_name != "document_serve":
        return False
    document = (
        get_document_model()
        .objects.select_related("collection")
        .filter(pk=match.kwargs["document_id"])
        .first()
    )
    return document is not None and not privacy.may_download(request, document)


class SecureAreaMiddleware:
    """Every request to an address under a members-only page, from a reader who may not open
    it, gets the same answer: whatever its method, whether a page is there or not, live or a
    draft. And a redirect to such an address (Wagtail's redirects, made by hand or made when a
    page was renamed or moved into the secure area) gets that answer too, never the new
    address.

    Without it an anonymous visitor could tell real addresses from made-up ones (a sign-in
    redirect against a 404, or OPTIONS answered 200) and so list the secure area by guessing.
    Sits inside the header middleware (so its answers carry the same headers as a page's) and
    outside Wagtail's redirects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if refuses(request, request.path):
            return self.refused(request)
        response = self.get_response(request)
        location = response.get("Location") if 300 <= response.status_code < 400 else None
        if location and leads_where_refused(request, urlsplit(location).path):
            return self.refused(request)
        return response

    @staticmethod
    def refused(request):
        answer = refused(request)
        # Outside the view, so Django will not render a template response for us.
        return answer.render() if hasattr(answer, "render") else answer
