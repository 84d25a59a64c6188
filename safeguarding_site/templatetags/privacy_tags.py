"""Template tags that keep members-only material off pages its reader may not open.

Each asks ``safeguarding_site.privacy``, the one rule for who may see a page or document.
"""

from django import template

from safeguarding_site import privacy

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
