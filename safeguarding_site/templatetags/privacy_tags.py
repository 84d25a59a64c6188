"""Template tags that keep members-only material off pages its reader may not open.

Each asks ``safeguarding_site.privacy``, the one rule for who may see a page or document.
"""

from django import template
from django.utils.safestring import mark_safe

from safeguarding_site import link_handlers, privacy

register = template.Library()


@register.simple_tag(takes_context=True)
def can_download(context, document):
    """Whether this reader may download ``document`` (and so see its title, address and size)."""
    return privacy.may_download(context.get("request"), document)


@register.simple_tag(takes_context=True)
def downloadable(context, items):
    """The items (documents, or records with a ``document``) this reader may download."""
    return privacy.downloadable(context.get("request"), items)


@register.simple_tag(takes_context=True)
def viewable(context, pages):
    """The pages of ``pages`` this reader may open, in order."""
    return privacy.viewable_pages(context.get("request"), pages)


@register.simple_tag(takes_context=True)
def reader_address(context, href):
    """An address an editor typed into a URL field or block, as this reader may get it
    (``privacy.ReaderAddress``): its ``href`` is empty when it names members-only material the
    reader may not open, and the template then shows the link's text alone."""
    return privacy.address_for_reader(context.get("request"), href)


@register.filter
def typed_links(html):
    """Rendered rich text (``html``, safe) with its links by address seen as the current reader
    may see them (``link_handlers.rewrite_typed_links``). The site's
    ``wagtailcore/shared/richtext.html`` applies it to every rendering of rich text."""
    return mark_safe(link_handlers.rewrite_typed_links(str(html)))  # noqa: S308 - rendered rich text
