"""The search index holds what an anonymous visitor sees on a page: when a document changes
side of the members-only boundary, the pages that use it are indexed again.

A document link's label is indexed only while anyone may download the document
(``blocks.DocumentLinkBlock.get_searchable_content``); a page is indexed when it is saved, so a
document that becomes members-only later (saved into the members' collection, moved there by
the admin's bulk "Add to collection", or its collection restricted or moved under a restricted
one) would leave its label in the index of every page using it. ``safeguarding_site.apps``
connects each of those changes to the receivers here.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.search import index


def reindex_pages_using(document_ids):
    """Index again every page that uses one of the documents ``document_ids``."""
    document_ids = [str(pk) for pk in document_ids]
    if not document_ids:
        return
    page_ids = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id__in=document_ids,
    ).values_list("object_id", flat=True)
    for page in Page.objects.filter(pk__in={int(pk) for pk in page_ids}).specific():
        index.insert_or_update_object(page)


def documents_under(collection_path):
    """The ids of the documents in the collection at ``collection_path`` and below it."""
    return (
        get_document_model()
        .objects.filter(collection__path__startswith=collection_path)
        .values_list("pk", flat=True)
    )


def document_saved(instance, **kwargs):
    """``post_save`` of a document: it may be in another collection now."""
    reindex_pages_using([instance.pk])


def restriction_changed(instance, **kwargs):
    """``post_save``/``post_delete`` of a collection's view restriction."""
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        reindex_pages_using(documents_under(collection.path))


def collection_moved(new_path, **kwargs):
    """treebeard's ``path_updated`` for collections: a subtree moved, maybe under a restriction."""
    reindex_pages_using(documents_under(new_path))


def after_bulk_action(request, action_type, objects, action):
    """Wagtail's ``after_bulk_action`` hook: "Add to collection" moves documents with
    ``QuerySet.update()``, which sends no save signal."""
    document_model = get_document_model()
    reindex_pages_using([item.pk for item in objects if isinstance(item, document_model)])
