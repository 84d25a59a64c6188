"""The site's own frame, read from the page tree: the main menu, the sections a template links
to (by page type, so renaming a slug breaks nothing), and every page's meta description."""

from dataclasses import dataclass

from django import template
from django.apps import apps
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from wagtail.models import Page, Site

from safeguarding_site import privacy
from safeguarding_site.cache import kept_this_generation
from safeguarding_site.models import PartnershipSettings

register = template.Library()

DESCRIPTION_LENGTH = 160
SITE_DESCRIPTION = (
    "{name}: learning from reviews of serious harm to children, with 7-minute briefings for "
    "practitioners."
)


@dataclass(frozen=True)
class MenuItem:
    """One entry of the main menu."""

    title: str
    url: str
    current: bool  # the reader is on this page or under it
    members_only: bool


def top_level_pages(request):
    """The live pages directly under this site's home page, in tree order (the menu and the
    section links share them).

    Read once a generation in each process (``kept_this_generation``): publishing,
    unpublishing, moving, deleting or restricting a page each start a new one.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []

    def read():
        return tuple(site.root_page.get_children().live().order_by("path").specific())

    return kept_this_generation(request, ("top_level_pages", site.pk), read)


def secure_area_entrance_id(request):
    """The id of the page the partnership settings name as the way in to the secure area."""
    if request is None:
        return None
    return PartnershipSettings.for_request(request).secure_area_entrance_id


def menu_item(candidate, request, current_path=""):
    """``candidate`` as an entry of the menu or footer."""
    url = candidate.get_url(request=request)
    if current_path:
        current = current_path.startswith(candidate.path)
    else:  # a view outside the page tree, such as a theme hub or the sign-in page
        current = request is not None and url is not None and request.path.startswith(url)
    return MenuItem(
        title=getattr(candidate, "menu_label", candidate.title),
        url=url,
        current=current,
        members_only=privacy.page_is_members_only(candidate, request),
    )


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's live children that editors marked "Show in menus", in tree order.

    A members-only page is listed only to a reader who may open it (its title would tell of
    it), except the secure area's entrance (``PartnershipSettings.secure_area_entrance``):
    shown to everyone as the way in, leading readers who are not signed in to sign in.
    Nothing under it is listed. Answers to signed-in readers are never cached
    (``safeguarding_site.cache``), so a member's menu never reaches anyone else.
    """
    request = context.get("request")
    current_path = getattr(context.get("page"), "path", "")
    entrance_id = secure_area_entrance_id(request)
    return [
        menu_item(candidate, request, current_path)
        for candidate in top_level_pages(request)
        if candidate.show_in_menus
        and (candidate.pk == entrance_id or privacy.may_view_page(request, candidate))
    ]


@register.simple_tag(takes_context=True)
def secure_area_entrance(context):
    """The secure area's entrance as a menu entry, for the footer; ``None`` if none is chosen
    or it is not live."""
    request = context.get("request")
    entrance_id = secure_area_entrance_id(request)
    if entrance_id is None:
        return None
    # Usually a section of the site, already read for the menu: no query then.
    page = next((page for page in top_level_pages(request) if page.pk == entrance_id), None)
    if page is None:
        page = Page.objects.live().filter(pk=entrance_id).specific().first()
    if page is None:
        return None
    return menu_item(page, request, getattr(context.get("page"), "path", ""))


@register.simple_tag(takes_context=True)
def section(context, page_type):
    """The live top-level page of ``page_type`` ("app_label.ModelName"), or ``None``: the
    review listing, the briefings, the resources, the news, wherever editors have put them."""
    model = apps.get_model(page_type)
    for candidate in top_level_pages(context.get("request")):
        if isinstance(candidate, model):
            return candidate
    return None


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's description for search engines and link previews: its search description,
    else its summary, else its introduction; for a view with no page, or a page with none of
    these, what the site as a whole publishes."""
    page = context.get("page")
    text = ""
    for name in ("search_description", "summary", "intro"):
        value = getattr(page, name, "") if page is not None else ""
        text = " ".join(strip_tags(str(value)).split()) if value else ""
        if text:
            break
    if not text:
        partnership = PartnershipSettings.for_request(context["request"])
        text = SITE_DESCRIPTION.format(name=partnership.partnership_name)
    return Truncator(text).chars(DESCRIPTION_LENGTH)


@register.simple_tag(takes_context=True)
def section_link(context, page_type, text):
    """A link reading ``text`` to the top-level page of ``page_type``; the text alone if the
    site has no such page."""
    page = section(context, page_type)
    if page is None:
        return text
    return format_html('<a href="{}">{}</a>', page.get_url(request=context.get("request")), text)
