"""Who may see what: the one rule for pages and documents, asked by every template, block, tag,
rich-text link handler, hook and view.

A reader is a request (its user, its session), or ``None`` for output that anyone may end up
with: a generated PDF, an email, a management command. ``None`` is treated as an anonymous
visitor, so material made without a request never carries anything members-only.

A page is members-only when it or an ancestor carries a view restriction; a document when its
collection or an ancestor collection does. Restrictions are few (the secure area, the members'
collection), so each check reads them all in one query per request and matches by tree path,
rather than one query per page or document.

Rich text is expanded by Wagtail's link handlers, which are not given the request: the
request being served is kept in a context variable by ``ReaderMiddleware`` and read by the
handlers in ``safeguarding_site.link_handlers``.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex

# The attribute that marks a rich-text link to members-only material. It says nothing about the
# target (no address, no title); the stylesheet adds "(members only)" and the editor's content
# checks flag it on a public page.
MEMBERS_ONLY_ATTRIBUTE = "data-members-only"

_reader = ContextVar("privacy_reader", default=None)


class ReaderMiddleware:
    """Keeps the request being served as the reader of any rich text rendered for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reader.set(request)
        try:
            return self.get_response(request)
        finally:
            _reader.reset(token)


def current_reader():
    """The request being served, or ``None`` outside a request (read as anonymous)."""
    return _reader.get()


@contextmanager
def anonymous_reader():
    """Render as an anonymous visitor would see it, whoever's request this is: for output that
    is stored and given to anyone, such as a briefing's printable PDF."""
    token = _reader.set(None)
    try:
        yield
    finally:
        _reader.reset(token)


def _restrictions(model, request, tree_field):
    """Every view restriction of ``model`` with its path, read once per request."""
    attribute = f"_privacy_{model.__name__}"
    cached = getattr(request, attribute, None) if request is not None else None
    if cached is None:
        cached = [
            (getattr(restriction, tree_field).path, restriction)
            for restriction in model.objects.select_related(tree_field).prefetch_related("groups")
        ]
        if request is not None:
            setattr(request, attribute, cached)
    return cached


def _applying(restrictions, path):
    return [restriction for prefix, restriction in restrictions if path.startswith(prefix)]


def _accepts(request, restrictions):
    """Whether every restriction lets this reader in; an absent reader is anonymous."""
    if not restrictions:
        return True
    if request is None:
        return False
    accepted = request.__dict__.setdefault("_privacy_accepted", {})
    for restriction in restrictions:
        key = (type(restriction).__name__, restriction.pk)
        if key not in accepted:
            accepted[key] = restriction.accept_request(request)
        if not accepted[key]:
            return False
    return True


def page_path(page):
    """The tree path a page's restrictions are matched on (Wagtail gives a page being created
    in the editor a provisional one under its parent, for its preview)."""
    return page.path or ""


def restricted_pages(request=None):
    """The pages that carry a view restriction themselves (the secure area's root, a restricted
    review): everything at or under them is members-only."""
    return [
        restriction.page
        for _path, restriction in _restrictions(PageViewRestriction, request, "page")
    ]


def page_is_members_only(page, request=None):
    """Whether ``page`` carries a view restriction, on itself or above it."""
    return bool(_applying(_restrictions(PageViewRestriction, request, "page"), page_path(page)))


def document_is_members_only(document, request=None):
    """Whether ``document``'s collection, or one above it, carries a view restriction."""
    restrictions = _restrictions(CollectionViewRestriction, request, "collection")
    return bool(_applying(restrictions, document.collection.path))


def may_view_page(request, page):
    """Whether this reader may open ``page``."""
    restrictions = _restrictions(PageViewRestriction, request, "page")
    return _accepts(request, _applying(restrictions, page_path(page)))


def viewable_by_anyone(pages):
    """The pages of ``pages`` that an anonymous reader may open, in order: for output that
    anyone may end up with, such as an email. The restrictions are read once for them all."""
    restrictions = _restrictions(PageViewRestriction, None, "page")
    return [page for page in pages if not _applying(restrictions, page_path(page))]


def may_download(request, document):
    """Whether this reader may download ``document`` (and so see its title, address and size).

    A public page may name a members-only document; anonymous readers, non-members and the page
    cache must not see even its title.
    """
    if document is None:
        return False
    restrictions = _restrictions(CollectionViewRestriction, request, "collection")
    return _accepts(request, _applying(restrictions, document.collection.path))


def viewable_pages(request, pages):
    """The pages of ``pages`` this reader may open, in order."""
    return [page for page in pages if may_view_page(request, page)]


def downloadable(request, items):
    """The items of ``items`` (documents, or records with a ``document``) this reader may
    download, in order."""
    return [item for item in items if may_download(request, getattr(item, "document", item))]


def members_only_link(href):
    """The opening tag of a rich-text link to members-only material, for the current reader:
    the link itself for a reader who may follow it, its text alone for anyone else."""
    if href is None:
        return f"<a {MEMBERS_ONLY_ATTRIBUTE}>"
    return f'<a href="{escape(href)}" {MEMBERS_ONLY_ATTRIBUTE}>'


@dataclass(frozen=True)
class Crossing:
    """A link from a page to material on the other side of the members-only boundary."""

    kind: str  # "page" or "document"
    title: str
    field: str  # where on the page: the field's label
    members_only: bool  # whether the target is members-only (else the page is, and it is public)


def boundary_crossings(page):
    """Links from ``page`` (the object given: a draft too) across the members-only boundary.

    From a public page: every members-only page or document it links, in any field, block,
    inline record or rich text; readers without access see the link text alone, or nothing.
    From a members-only page: every public document it links, which anyone with its address
    can download. Found with Wagtail's reference index extraction, which knows every kind of
    field an editor can choose a page or document in.
    """
    page_type = ContentType.objects.get_for_model(Page)
    document_model = get_document_model()
    document_type = ContentType.objects.get_for_model(document_model)
    wanted = {page_type.pk: {}, document_type.pk: {}}
    for (
        type_id,
        object_id,
        model_path,
        _content_path,
    ) in ReferenceIndex._extract_references_from_object(page):
        if type_id in wanted and str(object_id).isdigit() and model_path not in IGNORED_PATHS:
            wanted[type_id].setdefault(int(object_id), model_path)
    crossings = []
    page_is_public = not page_is_members_only(page)
    targets = Page.objects.filter(pk__in=wanted[page_type.pk]).exclude(pk=page.pk)
    for target in targets:
        if page_is_public and page_is_members_only(target):
            field = field_label(page, wanted[page_type.pk][target.pk])
            crossings.append(Crossing("page", target.title, field, members_only=True))
    documents = document_model.objects.filter(pk__in=wanted[document_type.pk])
    for document in documents.select_related("collection"):
        members_only = document_is_members_only(document)
        if members_only == page_is_public:
            field = field_label(page, wanted[document_type.pk][document.pk])
            crossings.append(Crossing("document", document.title, field, members_only))
    return sorted(crossings, key=lambda crossing: (crossing.field, crossing.title))


# Where a page refers to another page by structure, not by an editor's link.
IGNORED_PATHS = {"alias_of"}


def field_label(page, model_path):
    """The editor's name for the field a reference was found in, e.g. "Documents"."""
    name = model_path.split(".", 1)[0]
    try:
        field = page._meta.get_field(name)
    except FieldDoesNotExist:
        return name.replace("_", " ").capitalize()
    label = getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural
    return str(label).capitalize()


def members_collection_for(page):
    """The private collection for documents of a members-only ``page``: the collection whose
    restriction names the same groups as the page's, else any restricted collection; ``None``
    for a public page, or when no collection is restricted."""
    if page is None:
        return None
    page_groups = [
        {group.pk for group in restriction.groups.all()}
        for restriction in _applying(
            _restrictions(PageViewRestriction, None, "page"), page_path(page)
        )
    ]
    if not page_groups:
        return None
    collections = _restrictions(CollectionViewRestriction, None, "collection")
    for _path, restriction in collections:
        if {group.pk for group in restriction.groups.all()} in page_groups:
            return restriction.collection
    return collections[0][1].collection if collections else None
