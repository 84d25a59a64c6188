"""Admin and serving hooks of the site shell: two-factor pages, the members-only answer."""

from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail import hooks

from safeguarding_site import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("", include(two_factor.urlpatterns))]


def members_only(request):
    """403 for a signed-in visitor who is not a partnership member.

    Wagtail would send them to the login page, which sends a signed-in user straight back:
    a loop. Anonymous visitors still go to the login page.
    """
    response = TemplateResponse(request, "members_only.html", status=403)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def refuses(restrictions, request):
    return request.user.is_authenticated and any(
        not restriction.accept_request(request) for restriction in restrictions
    )


@hooks.register("before_serve_page", order=-1)
def members_only_page(page, request, serve_args, serve_kwargs):
    if refuses(page.get_view_restrictions(), request):
        return members_only(request)
    return None


@hooks.register("before_serve_document", order=-1)
def members_only_document(document, request):
    if refuses(document.collection.get_view_restrictions(), request):
        return members_only(request)
    return None
