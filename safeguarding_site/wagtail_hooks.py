"""Admin and serving hooks of the site shell: two-factor pages, the members-only answer."""

from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

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


class PartnershipContentChecker(ContentCheckerItem):
    """Wagtail's content checker with the stricter rules a public-sector site needs.

    Editors see these in the page editor's checks panel while previewing: colour contrast,
    images without alternative text or with a file name or "image" for it, heading order,
    links inside text that are told apart by colour alone, lists and tables built wrongly.
    """

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "color-contrast",
        "image-alt",
        "image-redundant-alt",
        "link-in-text-block",
        "list",
        "listitem",
        "th-has-data-cells",
        "td-headers-attr",
        "page-has-heading-one",
    ]
    axe_custom_checks = [
        {
            "id": "check-image-alt-text",
            "options": {
                "pattern": r"\.(avif|gif|jpg|jpeg|png|svg|webp)$|_|^(image|picture|photo|img)\b"
            },
        },
        *[
            check
            for check in ContentCheckerItem.axe_custom_checks
            if check["id"] != "check-image-alt-text"
        ],
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "color-contrast": {
            "error_name": "Text is hard to read against its background",
            "help_text": "Use darker text or a lighter background (contrast of at least 4.5 to 1)",
        },
        "image-alt": {
            "error_name": "Image has no alternative text",
            "help_text": "Describe the image, or mark it as decorative",
        },
        "link-in-text-block": {
            "error_name": "Link is told apart by colour alone",
            "help_text": "Keep links underlined inside text",
        },
        "page-has-heading-one": {
            "error_name": "Page has no main heading",
            "help_text": "The page title should be the one level-1 heading",
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_partnership_content_checker(request, items, page):
    """Swap Wagtail's content checker for the stricter one, in the editor and the userbar."""
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, PartnershipContentChecker):
            items[position] = PartnershipContentChecker(in_editor=item.in_editor)
