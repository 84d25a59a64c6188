"""Template tags that keep members-only material off pages its reader may not open."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def can_download(context, document):
    """Whether this reader may download ``document``: its collection's restrictions accept them.

    A public page may link a document from the members' collection; anonymous readers (and
    so the page cache) must not see even its title.
    """
    request = context.get("request")
    restrictions = document.collection.get_view_restrictions()
    if request is None:
        return not restrictions.exists()
    return all(restriction.accept_request(request) for restriction in restrictions)


@register.simple_tag(takes_context=True)
def downloadable(context, items):
    """The items (each with a ``document``) this reader may download, in order."""
    return [item for item in items if can_download(context, item.document)]
