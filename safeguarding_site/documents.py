"""Document downloads: Wagtail's checked view, with caching headers that respect privacy."""

from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from safeguarding_site.cache import never_stored
from safeguarding_site.privacy import document_is_members_only, may_download
from safeguarding_site.secure_area import refused


def serve_document(request, document_id, document_filename):
    """Serve a document through Wagtail's privacy checks.

    Who may download is asked before the file name is compared: a reader who may not download
    a members-only document gets the same answer (sign in, or "members only") whatever file
    name the address gives, so guessing names tells nothing. (Wagtail's view compares the name
    first: a 404 for a wrong name against a sign-in for the right one.) Only a reader who may
    download it is told that a name is wrong.

    A document in a restricted collection is answered with ``Cache-Control: private,
    no-store`` so that no proxy or shared browser keeps a copy; a public one must be
    revalidated (ETag) so that making it private later takes effect at once.
    """
    document = (
        get_document_model().objects.select_related("collection").filter(pk=document_id).first()
    )
    if document is not None and not may_download(request, document):
        return refused(request)
    response = serve(request, document_id, document_filename)
    if response.status_code in (200, 304):
        if document_is_members_only(document, request):
            never_stored(response)
        else:
            patch_cache_control(response, no_cache=True)
    return response
