"""Small behaviours that several page types share."""

from django.utils.functional import cached_property


class DocumentListMixin:
    """A page with inline document records (a ``documents`` child relation, each record with
    a ``document``), listed in the editor's order with each file's collection fetched at once:
    the documents section asks the privacy rule about each collection."""

    @cached_property
    def document_list(self):
        return list(self.documents.select_related("document__collection"))
