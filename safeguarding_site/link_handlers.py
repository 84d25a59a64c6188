"""Rich-text link handlers that ask the privacy rule (``safeguarding_site.privacy``).

They replace Wagtail's own page and document link handlers (registered in ``wagtail_hooks``):
for a reader who may not open the target, a link to a members-only page or document is its
text alone - no address, no slug, no file name. Members still get the link.
"""

from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from safeguarding_site.privacy import (
    current_reader,
    document_is_members_only,
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
        ids = [attrs.get("id") for attrs in attrs_list]
        documents = (
            cls.get_model()
            .objects.select_related("collection")
            .in_bulk([pk for pk in ids if str(pk).isdigit()])
        )
        by_id = {str(pk): document for pk, document in documents.items()}
        return [by_id.get(str(pk)) for pk in ids]

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
