"""The secure area's answers to readers who may not open it.

An anonymous visitor is sent to sign in; a signed-in visitor who is not a partnership member
gets a 403 "members only" page (Wagtail would send them to the login page, which sends a
signed-in user straight back: a loop). Every address under a members-only page answers the
same way, whether a page is there or not, so guessing addresses tells nothing about what the
secure area holds.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

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


def page_at_or_above(request):
    """The deepest page of this site whose address starts ``request.path``, live or not."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    if "\x00" in request.path:  # no page's address has one, and PostgreSQL refuses it
        return None
    parts = [part for part in request.path.split("/") if part]
    candidates = [
        root.url_path + "".join(f"{part}/" for part in parts[:n]) for n in range(1, 1 + len(parts))
    ]
    return (
        Page.objects.descendant_of(root, inclusive=True)
        .filter(url_path__in=candidates)
        .order_by("-depth")
        .first()
    )


class SecureAreaNotFoundMiddleware:
    """A "not found" under a members-only page answers as an existing members-only page does.

    Without it an anonymous visitor would get a sign-in redirect for a real address in the
    secure area and a 404 for a made-up one, and so could list the secure area's pages by
    guessing. Works on responses, so it holds with ``DEBUG`` on (``make run``) as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            page = page_at_or_above(request)
            if page is not None and not privacy.may_view_page(request, page):
                answer = refused(request)
                # Outside the view, so Django will not render a template response for us.
                return answer.render() if hasattr(answer, "render") else answer
        return response
