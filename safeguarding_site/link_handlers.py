"""Rich-text link handlers that ask the privacy rule (``safeguarding_site.privacy``).

They replace Wagtail's own page and document link handlers (registered in ``wagtail_hooks``):
for a reader who may not open the target, a link to a members-only page or document is its
text alone - no address, no slug, no file name. Members still get the link.

An editor can also link by address: paste ``https://<this site>/secure-area/minutes/`` or type
``/documents/23/minutes.pdf`` as an external link. Wagtail hands links by full address to the
"external" link handler, which this module provides too; links by path alone it leaves as they
are, so ``PathLinkRewriter`` is applied where rich text is rendered (the site's
``wagtailcore/shared/richtext.html``, through the ``typed_links`` filter), which every
rendering of rich text on the site goes through.
"""

from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text import LinkHandler
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.rich_text.rewriters import LinkRewriter

from safeguarding_site.privacy import (
    addresses_for_reader,
    current_reader,
    document_is_members_only,
    documents_by_id,
    may_download,
    may_view_page,
    members_only_link,
    page_is_members_only,
)


class MembersAwarePageLinkHandler(PageLinkHandler):
    """Rich-text links to pages: a link to a members-only page is its text alone for a reader
    who may not open it (no address, no slug)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        request = current_reader()
        tags = []
        for page in cls.get_many(attrs_list):
            if page is None:
                tags.append("<a>")
            elif not page_is_members_only(page, request):
                tags.append(f'<a href="{escape(page.localized.url)}">')
            elif may_view_page(request, page):
                tags.append(members_only_link(page.localized.url))
            else:
                tags.append(members_only_link(None))
        return tags


class MembersAwareDocumentLinkHandler(DocumentLinkHandler):
    """Rich-text links to documents: a link to a members-only document is its text alone for a
    reader who may not download it (no address, no file name)."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        documents = documents_by_id(current_reader(), [pk for pk in ids if pk.isdigit()])
        return [documents.get(int(pk)) if pk.isdigit() else None for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        request = current_reader()
        tags = []
        for document in cls.get_many(attrs_list):
            if document is None:
                tags.append("<a>")
            elif not document_is_members_only(document, request):
                tags.append(f'<a href="{escape(document.url)}">')
            elif may_download(request, document):
                tags.append(members_only_link(document.url))
            else:
                tags.append(members_only_link(None))
        return tags


def opening_tag(attrs):
    """An ``<a>`` tag with the attributes ``attrs``, as rich text stored it."""
    return "<a" + "".join(f' {name}="{escape(value)}"' for name, value in attrs.items()) + ">"


def typed_link_tags(attrs_list):
    """The opening tags of rich-text links made by address (``attrs_list``: each link's
    attributes), for the current reader: as stored, unless the address names members-only
    material, which is then marked, and is its text alone for a reader who may not open it."""
    hrefs = [attrs.get("href", "") for attrs in attrs_list]
    tags = []
    for attrs, address in zip(
        attrs_list, addresses_for_reader(current_reader(), hrefs), strict=True
    ):
        tags.append(members_only_link(address.href) if address.members_only else opening_tag(attrs))
    return tags


class MembersAwareExternalLinkHandler(LinkHandler):
    """Rich-text links by full address (``https://...``): one to a members-only page or
    document of this site is its text alone for a reader who may not open it."""

    identifier = "external"

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return typed_link_tags(attrs_list)


class PathLinkRewriter(LinkRewriter):
    """Rewrites rendered rich text's links by address as ``typed_link_tags`` does: above all
    links by path (``/secure-area/minutes/``) and with a scheme in capitals, which Wagtail's
    own rewriter leaves alone. A link the handlers above made comes out as it went in."""

    def __init__(self):
        super().__init__(bulk_rules={"address": typed_link_tags})

    def get_tag_type_from_attrs(self, attrs):
        return "address" if attrs.get("href") else None


rewrite_typed_links = PathLinkRewriter()
