"""Document downloads: Wagtail's checked view, with caching headers that respect privacy."""

from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from safeguarding_site.cache import never_stored
from safeguarding_site.privacy import document_is_members_only


def serve_document(request, document_id, document_filename):
    """Serve a document through Wagtail's privacy checks.

    A document in a restricted collection is answered with ``Cache-Control: private,
    no-store`` so that no proxy or shared browser keeps a copy; a public one must be
    revalidated (ETag) so that making it private later takes effect at once.
    """
    response = serve(request, document_id, document_filename)
    if response.status_code in (200, 304):
        document = get_document_model().objects.select_related("collection").get(pk=document_id)
        if document_is_members_only(document, request):
            never_stored(response)
        else:
            patch_cache_control(response, no_cache=True)
    return response
