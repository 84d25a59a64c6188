"""Admin and serving hooks of the site shell: two-factor pages, the members-only answer, the
dashboard's panels."""

from django.contrib import messages
from django.urls import include, path
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from safeguarding_site import (
    dashboard,
    date_inputs,
    document_admin,
    link_handlers,
    privacy,
    staff,
    two_factor,
)
from safeguarding_site.secure_area import members_only

date_inputs.use_typed_date_inputs()
hooks.register("construct_homepage_panels", dashboard.add_scheduled_pages_panel)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("", include(two_factor.urlpatterns))]


@hooks.register("register_admin_urls")
def register_editors_guide_url():
    return [path("guide/", staff.editors_guide_view, name="partnership_editors_guide")]


@hooks.register("register_help_menu_item")
def register_editors_guide_menu_item():
    return staff.editors_guide_menu_item()


@hooks.register("construct_homepage_panels")
def add_awaiting_approval_panel(request, panels):
    if staff.may_edit_pages(request.user):
        panels.append(staff.AwaitingApprovalPanel())


@hooks.register("register_admin_urls", order=-1)
def register_document_views_with_access():
    """The documents list and chooser with who may download each document, at Wagtail's own
    addresses: before Wagtail's documents app's, so these answer them."""
    return document_admin.urlpatterns


@hooks.register("register_rich_text_features", order=100)
def members_aware_rich_text_links(features):
    """Rich-text links to pages and documents, and by full address, that ask the privacy rule:
    for a reader who may not open the target, a link to members-only material is its text
    alone. Registered after Wagtail's own handlers (order 0), which these replace."""
    features.register_link_type(link_handlers.MembersAwarePageLinkHandler)
    features.register_link_type(link_handlers.MembersAwareDocumentLinkHandler)
    features.register_link_type(link_handlers.MembersAwareExternalLinkHandler)


@hooks.register("before_edit_page")
def warn_of_links_across_the_members_only_boundary(request, page):
    """When the editor opens a page (after each save too), list what its draft links across
    the members-only boundary: members-only material from a public page, public documents from
    a members-only page. A warning, not a block: a public page may point members onwards."""
    if request.method != "GET":
        return None
    crossings = privacy.boundary_crossings(page.get_latest_revision_as_object())
    if not crossings:
        return None
    if privacy.page_is_members_only(page):
        intro = (
            "This members-only page links public documents. Anyone with a public document's "
            "address can download it: if it is for members only, move it to the members' "
            "collection."
        )
    else:
        intro = (
            "This public page links members-only material. Readers who are not partnership "
            "members see the link text only, or nothing: check that the page still makes sense."
        )
    items = format_html_join(
        "",
        "<li>{} ‘{}’, in {}</li>",
        ((crossing.kind.capitalize(), crossing.title, crossing.field) for crossing in crossings),
    )
    messages.warning(request, format_html("{}<ul>{}</ul>", intro, items))
    return None


@hooks.register("before_serve_page", order=-1)
def members_only_page(page, request, serve_args, serve_kwargs):
    if request.user.is_authenticated and not privacy.may_view_page(request, page):
        return members_only(request)
    return None


@hooks.register("before_serve_document", order=-1)
def members_only_document(document, request):
    if request.user.is_authenticated and not privacy.may_download(request, document):
        return members_only(request)
    return None


class PartnershipContentChecker(ContentCheckerItem):
    """Wagtail's content checker with the stricter rules a public-sector site needs.

    Editors see these in the page editor's checks panel while previewing: colour contrast,
    images without alternative text or with a file name or "image" for it, heading order,
    links inside text that are told apart by colour alone, lists and tables built wrongly, and
    on a public page, links to members-only material (marked by the rich-text link handlers).
    """

    def __init__(self, in_editor=False, *, public_page=True):
        super().__init__(in_editor=in_editor)
        self.public_page = public_page

    members_only_link_rule = {
        "id": "members-only-link",
        "impact": "serious",
        "selector": f"[{privacy.MEMBERS_ONLY_ATTRIBUTE}]",
        "tags": ["partnership"],
        # Listed under "none", a check that passes is reported: every such link has visible
        # text (its own link text), so every one is reported. (axe's "exists" check would only
        # make the result "incomplete", which the checks panel does not show.)
        "none": ["has-visible-text"],
        "enabled": True,
    }

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
        "members-only-link": {
            "error_name": "Link to members-only material on a public page",
            "help_text": "Readers who are not members see this link's text only",
        },
    }

    def get_axe_run_only(self, request):
        if self.public_page:
            return [*self.axe_run_only, self.members_only_link_rule["id"]]
        return self.axe_run_only

    def get_axe_custom_rules(self, request):
        if self.public_page:
            return [*self.axe_custom_rules, self.members_only_link_rule]
        return self.axe_custom_rules


@hooks.register("construct_wagtail_userbar")
def use_partnership_content_checker(request, items, page):
    """Swap Wagtail's content checker for the stricter one, in the editor and the userbar."""
    public_page = page is None or not privacy.page_is_members_only(page, request)
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, PartnershipContentChecker):
            items[position] = PartnershipContentChecker(
                in_editor=item.in_editor, public_page=public_page
            )
