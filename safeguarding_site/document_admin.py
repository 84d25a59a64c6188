"""The admin's documents list and document chooser, with who may download each document.

A document is protected only in a members' collection. Staff choosing a document for a page,
or looking through the documents, see at once which are members-only and which anyone can
download. Wagtail's own views, with one more column, mounted at Wagtail's own addresses ahead
of Wagtail's (``wagtail_hooks.register_document_views_with_access``).
"""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.documents import get_document_model_string
from wagtail.documents.views import chooser, documents
from wagtail.models import CollectionViewRestriction

from safeguarding_site import privacy

MEMBERS_ONLY = "Members only"
SIGNED_IN_USERS = "Signed-in users"
SHARED_SECRET_HOLDERS = "Anyone with the password"  # noqa: S105 - a label, not a password
ANYONE = "Public"
# Who the strictest kind of restriction on a document's collection lets download it. Only
# group restrictions can be set now (``collection_privacy``); collections restricted before
# may still carry the others, and are named for what they are.
AUDIENCE_LABELS = {
    CollectionViewRestriction.GROUPS: MEMBERS_ONLY,
    CollectionViewRestriction.PASSWORD: SHARED_SECRET_HOLDERS,
    CollectionViewRestriction.LOGIN: SIGNED_IN_USERS,
}


def who_can_download(document, request=None):
    """The label of who may download ``document``: members, signed-in users, anyone with a
    password, or the public."""
    kinds = {r.restriction_type for r in privacy.document_restrictions(document, request)}
    for kind, label in AUDIENCE_LABELS.items():
        if kind in kinds:
            return label
    return ANYONE


def access_column(request):
    """A status tag per document: who may download it (highlighted unless anyone may)."""
    return StatusTagColumn(
        "access",
        label="Who can download",
        accessor=lambda document: who_can_download(document, request),
        primary=lambda document: privacy.document_is_members_only(document, request),
    )


class DocumentIndexView(documents.IndexView):
    """Documents > the list, with who can download each."""

    @cached_property
    def columns(self):
        return [*super().columns, access_column(self.request)]


class DocumentChooseView(chooser.DocumentChooseView):
    """The document chooser, with who can download each."""

    @property
    def columns(self):
        return [*super().columns, access_column(self.request)]


class DocumentChooseResultsView(chooser.DocumentChooseResultsView):
    """The document chooser's search and filter results, with who can download each."""

    @property
    def columns(self):
        return [*super().columns, access_column(self.request)]


class DocumentChooserViewSet(chooser.DocumentChooserViewSet):
    """Wagtail's document chooser with the access column; named as Wagtail's, so every
    address the chooser builds is Wagtail's own."""

    choose_view_class = DocumentChooseView
    choose_results_view_class = DocumentChooseResultsView


chooser_views = DocumentChooserViewSet(
    "wagtaildocs_chooser", model=get_document_model_string(), url_prefix="documents/chooser"
)

urlpatterns = [
    path("documents/", DocumentIndexView.as_view(), name="documents_index_with_access"),
    path(
        "documents/results/",
        DocumentIndexView.as_view(results_only=True),
        name="documents_index_results_with_access",
    ),
    path("documents/chooser/", chooser_views.choose_view, name="document_choose_with_access"),
    path(
        "documents/chooser/results/",
        chooser_views.choose_results_view,
        name="document_choose_results_with_access",
    ),
]
