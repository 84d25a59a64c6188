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

import posixpath
import re
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import DisallowedHost, FieldDoesNotExist
from django.db.models import Q
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils.html import escape
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)

from safeguarding_site import typed_addresses

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


# Addresses typed or pasted by an editor (a URL field, a link block, a rich-text link made by
# address rather than with the page or document chooser) can name members-only material too.

# Read as a browser reads an address: tabs and line breaks inside it are dropped, and a
# backslash is a slash in an http(s) address.
ADDRESS_NOISE = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})
# The URL names of the document download view: the site's, and Wagtail's under it.
DOCUMENT_VIEWS = {"document_serve", "wagtaildocs_serve"}


def _site_root_paths(request):
    """Wagtail's site root paths, kept on the request as Wagtail's own page URLs keep them."""
    if request is None:
        return Site.get_site_root_paths()
    paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if paths is None:
        paths = request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return paths


def is_this_site(host, request=None):
    """Whether ``host`` names this site: a Wagtail site's host name, the public address's
    (``SITE_URL``), an allowed host (but not "*", which allows any), the request's own."""
    names = {urlsplit(root.root_url).hostname for root in _site_root_paths(request)}
    names.add(urlsplit(settings.SITE_URL).hostname)
    names.update(pattern for pattern in settings.ALLOWED_HOSTS if pattern != "*")
    if request is not None:
        with suppress(DisallowedHost):
            names.add(split_domain_port(request.get_host())[0])
    return validate_host(host.lower(), [name.lower() for name in names if name])


def site_path(href, request=None):
    """The path on this site that ``href`` leads to, or ``None`` if it leads elsewhere
    (another host, an email or phone link, an anchor on the same page).

    Relative addresses are read from the site's root: from any public page, that reaches at
    least the pages the address could reach (``..`` stops at the root).
    """
    href = str(href or "").strip().translate(ADDRESS_NOISE)
    try:
        parts = urlsplit(href)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    if parts.netloc and not (host and is_this_site(host, request)):
        return None
    path = re.sub("/+", "/", unquote(parts.path))
    if not path:
        return None
    normal = posixpath.normpath("/" + path.lstrip("/"))
    return normal + "/" if path.endswith("/") and normal != "/" else normal


def _restricted_page_at(path, request):
    """The page carrying a view restriction at or above the address ``path``, on any site,
    or ``None``. Slugs are compared without case: a near miss is not worth telling apart."""
    wanted = path.casefold().rstrip("/") + "/"
    roots = _site_root_paths(request)
    for restricted in restricted_pages(request):
        for root in roots:
            if restricted.url_path.startswith(root.root_path):
                address = "/" + restricted.url_path[len(root.root_path) :]
                if wanted.startswith(address.casefold()):
                    return restricted
    return None


def documents_by_id(request, ids):
    """{id: document, with its collection} for the documents ``ids`` that exist, read once per
    request (rich text is rendered one field at a time: its links ask again)."""
    known = request.__dict__.setdefault("_privacy_documents", {}) if request is not None else {}
    wanted = {int(pk) for pk in ids}
    missing = wanted - known.keys()
    if missing:
        found = get_document_model().objects.select_related("collection").in_bulk(missing)
        known.update({pk: found.get(pk) for pk in missing})
    return {pk: known[pk] for pk in wanted if known[pk] is not None}


def _documents_at(paths, request):
    """{path: document} for each of ``paths`` that is a document's download address."""
    ids = {}
    for path in paths:
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.url_name in DOCUMENT_VIEWS:
            ids[path] = int(match.kwargs.get("document_id") or match.args[0])
    if not ids:
        return {}
    documents = documents_by_id(request, ids.values())
    return {path: documents[pk] for path, pk in ids.items() if pk in documents}


def _members_only_by_path(path, documents, request):
    """The members-only page at or above ``path``, or the members-only document it downloads
    (from ``documents``, as ``_documents_at`` reads them), else ``None``."""
    page = _restricted_page_at(path, request)
    if page is not None:
        return page
    document = documents.get(path)
    if document is not None and document_is_members_only(document, request):
        return document
    return None


def _redirects_to_members_only(request):
    """{old path: members-only page or document} for every redirect that leads to one, read
    once per request. Wagtail keeps the old address of a page renamed or moved (into the
    secure area, say) as a redirect: the old address then names what is now members-only."""
    cached = getattr(request, "_privacy_redirects", None) if request is not None else None
    if cached is not None:
        return cached
    leads_to_restricted = Q(redirect_page__isnull=True)  # to an address: read below
    for page in restricted_pages(request):
        leads_to_restricted |= Q(redirect_page__path__startswith=page.path)
    cached, onward = {}, {}
    for redirect in Redirect.objects.filter(leads_to_restricted).select_related("redirect_page"):
        if redirect.redirect_page is not None:
            cached[redirect.old_path] = redirect.redirect_page
        elif path := site_path(redirect.redirect_link, request):
            onward[redirect.old_path] = path
    documents = _documents_at(onward.values(), request)
    for old_path, path in onward.items():
        target = _members_only_by_path(path, documents, request)
        if target is not None:
            cached[old_path] = target
    if request is not None:
        request._privacy_redirects = cached
    return cached


def members_only_targets(hrefs, request=None):
    """For each address of ``hrefs``, the members-only page or document it names on this site,
    else ``None``: an address at or under a members-only page (``/secure-area/minutes/``), the
    download address of a members-only document (``/documents/23/minutes.pdf``), or an old
    address that redirects to either; as a path, or in full with one of the site's hosts.

    The documents named are read once per request, and the redirects.
    """
    paths = [site_path(href, request) for href in hrefs]
    on_site = [path for path in paths if path]
    if not on_site:
        return [None] * len(paths)
    documents = _documents_at(on_site, request)
    redirects = _redirects_to_members_only(request)
    return [
        path
        and (
            _members_only_by_path(path, documents, request)
            or redirects.get(Redirect.normalise_path(path))
        )
        or None
        for path in paths
    ]


def members_only_target(href, request=None):
    """The members-only page or document that the address ``href`` names on this site, else
    ``None`` (``members_only_targets`` for one address)."""
    return members_only_targets([href], request)[0]


def document_at_address(href, request=None):
    """The document whose download address ``href`` is, on this site, or ``None``."""
    path = site_path(href, request)
    return _documents_at([path], request).get(path) if path else None


def may_open(request, target):
    """Whether this reader may open ``target``, a page or a document."""
    if isinstance(target, Page):
        return may_view_page(request, target)
    return may_download(request, target)


@dataclass(frozen=True)
class ReaderAddress:
    """An address an editor typed, as one reader gets it: ``href`` is ``None`` when it names
    members-only material this reader may not open (the link is then its text alone);
    ``members_only`` marks a link to members-only material, for readers who may follow it too
    (the stylesheet and the editor's content checks read it)."""

    href: str | None
    members_only: bool


def addresses_for_reader(request, hrefs):
    """Each address of ``hrefs``, typed by an editor, as this reader may get it."""
    addresses = []
    for href, target in zip(hrefs, members_only_targets(hrefs, request), strict=True):
        if target is None:
            addresses.append(ReaderAddress(href, members_only=False))
        else:
            allowed = may_open(request, target)
            addresses.append(ReaderAddress(href if allowed else None, members_only=True))
    return addresses


def address_for_reader(request, href):
    """``href``, an address typed by an editor, as this reader may get it."""
    return addresses_for_reader(request, [href])[0]


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
    field an editor can choose a page or document in, and among the addresses typed into URL
    fields, URL blocks and rich-text links (``safeguarding_site.typed_addresses``).
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
    crossings.extend(typed_crossings(page, page_is_public))
    return sorted(set(crossings), key=lambda crossing: (crossing.field, crossing.title))


def typed_crossings(page, page_is_public):
    """The crossings of addresses typed into ``page``'s URL fields, URL blocks and rich-text
    links, as ``boundary_crossings`` finds chosen ones."""
    crossings = []
    for address in typed_addresses.addresses_in(page):
        field = field_label(page, address.field)
        if page_is_public:
            target = members_only_target(address.href)
            if target is not None:
                kind = "page" if isinstance(target, Page) else "document"
                crossings.append(Crossing(kind, target.title, field, members_only=True))
        else:
            document = document_at_address(address.href)
            if document is not None and not document_is_members_only(document):
                crossings.append(Crossing("document", document.title, field, False))
    return crossings


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
