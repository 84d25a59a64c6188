"""Who may see what: the one rule for pages and documents, asked by every template, block, tag,
rich-text link handler, hook and view.

A reader is a request (its user, its session), or ``None`` for output that anyone may end up
with: a generated PDF, an email, a management command. ``None`` is treated as an anonymous
visitor, so material made without a request never carries anything members-only.

A page is members-only when it or an ancestor carries a view restriction, or when it is an
alias of a members-only page (an alias shows its original's content, wherever it sits); a
document when its collection or an ancestor collection does. Restrictions are few (the secure
area, the members' collection), so each check reads them all in one query per request and
matches by tree path, rather than one query per page or document.

Wagtail's own code (``.public()`` querysets, its sitemap, its serve check) knows restrictions
only, not the alias rule; so the rule is also written into Wagtail's records: an alias of a
members-only page is given a restriction of its own (``keep_aliases_members_only``) as soon as
it is made, moved, or its original becomes members-only. Copies and aliases that would show a
members-only page to readers who may not read it are refused (``copy_widens_readers``), and
page types offer only group restrictions (``PAGE_RESTRICTION_OPTIONS``).

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
from django.core.exceptions import DisallowedHost, FieldDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils.html import escape
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)

from safeguarding_site import typed_addresses

# The only kind of restriction an editor may put on a page: to named groups (the partnership's
# members). A shared password is one leaked password from public; "any signed-in user" lets
# every staff account read. Every page type takes it from ``PartnershipPrivacyMixin``.
PAGE_RESTRICTION_OPTIONS = [PageViewRestriction.GROUPS]
# And on a collection, in the admin's collection privacy form (``collection_privacy``).
COLLECTION_RESTRICTION_OPTIONS = [CollectionViewRestriction.GROUPS]

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


def _alias_chain_paths(page, request=None, originals=None):
    """The tree paths of the pages whose content ``page`` shows: its own, and if it is an alias
    its original's (and that one's, for an alias of an alias). Ordinary pages cost no query."""
    paths = [page_path(page)]
    seen = {page.pk}
    original_id = getattr(page, "alias_of_id", None)
    while original_id is not None and original_id not in seen:
        seen.add(original_id)
        if originals is None:
            originals = _alias_originals(request)
        original = originals.get(original_id)
        if original is None:
            break
        path, original_id = original
        paths.append(path)
    return paths


def _alias_originals(request):
    """{page id: (its path, the page it is an alias of)} for every page that has aliases, read
    once per request (aliases are few)."""
    cached = getattr(request, "_privacy_alias_originals", None) if request is not None else None
    if cached is None:
        originals = Page.objects.filter(aliases__isnull=False).distinct()
        cached = {
            pk: (path, alias_of)
            for pk, path, alias_of in originals.values_list("pk", "path", "alias_of_id")
        }
        if request is not None:
            request._privacy_alias_originals = cached
    return cached


def _page_restrictions(request, page):
    """Every restriction a reader of ``page`` must pass: on it or above it, and on the page it
    is an alias of or above that."""
    restrictions = _restrictions(PageViewRestriction, request, "page")
    applying = []
    for path in _alias_chain_paths(page, request):
        applying.extend(
            restriction
            for restriction in _applying(restrictions, path)
            if restriction not in applying
        )
    return applying


def page_is_members_only(page, request=None):
    """Whether ``page`` carries a view restriction, on itself or above it, or is an alias of a
    page that does."""
    return bool(_page_restrictions(request, page))


def document_restrictions(document, request=None):
    """The view restrictions on ``document``'s collection and the collections above it."""
    restrictions = _restrictions(CollectionViewRestriction, request, "collection")
    return _applying(restrictions, document.collection.path)


def document_is_members_only(document, request=None):
    """Whether ``document``'s collection, or one above it, carries a view restriction."""
    return bool(document_restrictions(document, request))


def may_view_page(request, page):
    """Whether this reader may open ``page`` (for an alias: and the page it shows)."""
    return _accepts(request, _page_restrictions(request, page))


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
    inline record or rich text, and the members-only page it is an alias of; readers without
    access see the link text alone, or nothing. From a members-only page: every public
    document it links, which anyone with its address can download. Found with Wagtail's
    reference index extraction, which knows every kind of field an editor can choose a page or
    document in (all but ``alias_of``, which the index leaves out, so it is read here), and
    among the addresses typed into URL fields, URL blocks and rich-text links
    (``safeguarding_site.typed_addresses``).
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
        if type_id in wanted and str(object_id).isdigit():
            wanted[type_id].setdefault(int(object_id), model_path)
    crossings = []
    # Where the page stands, without the alias rule: an alias in a public place is public
    # until its original's restriction is copied to it.
    restrictions = _restrictions(PageViewRestriction, None, "page")
    page_is_public = not _applying(restrictions, page_path(page))
    if page_is_public and getattr(page, "alias_of_id", None):
        wanted[page_type.pk].setdefault(page.alias_of_id, "alias_of")
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


# Restrictions compared: whether one set of restrictions lets in no reader that another keeps
# out. Superusers pass every group restriction, so a group restriction naming no group (made in
# code, between creating a restriction and choosing its groups) lets in no one else.


@dataclass(frozen=True)
class RestrictionRule:
    """What a view restriction asks of a reader: its kind, and its groups or password."""

    kind: str
    groups: frozenset = frozenset()
    password: str = ""

    @classmethod
    def of(cls, restriction):
        if restriction.restriction_type == BaseViewRestriction.GROUPS:
            return cls(
                BaseViewRestriction.GROUPS, frozenset(g.pk for g in restriction.groups.all())
            )
        if restriction.restriction_type == BaseViewRestriction.PASSWORD:
            return cls(BaseViewRestriction.PASSWORD, password=restriction.password)
        return cls(restriction.restriction_type)

    def admits_no_more_than(self, other):
        """Whether every reader this rule lets in, ``other`` lets in too."""
        if other.kind == BaseViewRestriction.NONE:
            return True
        if self.kind == BaseViewRestriction.GROUPS and not self.groups:
            return True  # superusers only
        if other.kind == BaseViewRestriction.LOGIN:
            return self.kind in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)
        if other.kind == BaseViewRestriction.GROUPS:
            return self.kind == BaseViewRestriction.GROUPS and self.groups <= other.groups
        return self.kind == other.kind and self.password == other.password

    @classmethod
    def strictest(cls, rules):
        """One rule that admits no more than any of ``rules``: all of them at once."""
        kinds = {rule.kind for rule in rules} - {BaseViewRestriction.NONE}
        if kinds <= {BaseViewRestriction.LOGIN}:
            return cls(BaseViewRestriction.LOGIN)
        passwords = {rule.password for rule in rules if rule.kind == BaseViewRestriction.PASSWORD}
        if kinds == {BaseViewRestriction.PASSWORD} and len(passwords) == 1:
            return cls(BaseViewRestriction.PASSWORD, password=passwords.pop())
        groups = None
        for rule in rules:
            if rule.kind == BaseViewRestriction.GROUPS:
                groups = rule.groups if groups is None else groups & rule.groups
            elif rule.kind == BaseViewRestriction.PASSWORD:
                groups = frozenset()  # a password and groups together: nobody but superusers
        return cls(BaseViewRestriction.GROUPS, groups or frozenset())


def covers(rules, required):
    """Whether readers who pass every rule of ``rules`` pass every rule of ``required``."""
    return all(any(rule.admits_no_more_than(need) for rule in rules) for need in required)


# Copies and aliases.


class CopyWouldShowMembersOnlyPages(PermissionDenied):
    """A copy or alias that would show members-only pages to readers who may not read them."""


def copy_widens_readers(page, destination, *, recursive=False):
    """The pages of ``page`` (and with ``recursive`` its subtree) whose copy or alias under
    ``destination`` could be read by someone who may not read the page itself: ``[]`` when
    the copy is safe.

    Wagtail copies the page's own restriction to the copy when nothing above the destination
    is restricted (so a directly restricted review copied beside itself stays restricted),
    but never a restriction inherited from above: a page of the secure area copied to a public
    place is public. Only the copied page's own restriction is counted for its whole subtree
    (Wagtail's copies of subpages' own restrictions differ between copies and aliases): where
    that is not enough, the copy is refused, never wrongly allowed. A destination restricted
    to the same or fewer groups keeps the copy as private as the original.
    """
    restrictions = _restrictions(PageViewRestriction, None, "page")
    at_destination = [RestrictionRule.of(r) for r in _applying(restrictions, destination.path)]
    own = [RestrictionRule.of(r) for prefix, r in restrictions if prefix == page.path]
    present = at_destination or own
    pages = [page, *page.get_descendants().order_by("path")] if recursive else [page]
    return [
        item
        for item in pages
        if not covers(present, [RestrictionRule.of(r) for r in _page_restrictions(None, item)])
    ]


def refuse_copy_that_widens_readers(page, destination, *, recursive=False):
    """Raise ``CopyWouldShowMembersOnlyPages`` if copying or aliasing ``page`` under
    ``destination`` would show members-only pages to readers who may not read them."""
    widened = copy_widens_readers(page, destination, recursive=recursive)
    if widened:
        raise CopyWouldShowMembersOnlyPages(copy_refusal(widened))


def copy_refusal(widened):
    """Why a copy or alias is refused, for the editor."""
    return (
        f"‘{widened[0].title}’ is for partnership members only"
        + (f" (and {len(widened) - 1} more of these pages)" if len(widened) > 1 else "")
        + ": a copy or alias here could be read by people who may not read it. Choose a "
        "place restricted to the same members, such as a page in the secure area."
    )


def keep_aliases_members_only(**kwargs):
    """Give every alias of a members-only page a restriction of its own that admits no one its
    original would not (signal receiver: takes and ignores any signal's arguments).

    Run when an alias is made or moved and when a restriction is set, changed or removed,
    so an alias made before its original was restricted, or moved out of the secure area,
    is never served, listed, searched, mapped or fed to a reader who may not read its
    original. An alias whose place already keeps those readers out is left alone; otherwise
    its own restriction is narrowed in place (never widened, never deleted: Wagtail may still
    be setting a restriction's groups). A group restriction with no groups yet is a
    restriction being made: it is filled in rather than trusted.
    """
    if _sweeping.get():
        return
    token = _sweeping.set(True)
    try:
        restrictions = _restrictions(PageViewRestriction, None, "page")
        originals = _alias_originals(None)
        aliases = Page.objects.filter(alias_of__isnull=False).only("pk", "path", "alias_of_id")
        for alias in aliases:
            _narrow_alias(alias, restrictions, originals)
    finally:
        _sweeping.reset(token)


_sweeping = ContextVar("privacy_sweeping_aliases", default=False)


def restrict_new_alias(sender, instance, created, **kwargs):
    """``post_save`` of any model: a new alias page is given its original's restriction at
    once, however it was made (``keep_aliases_members_only``)."""
    if created and isinstance(instance, Page) and instance.alias_of_id is not None:
        keep_aliases_members_only()


def _being_made(restriction):
    """Whether ``restriction`` is a group restriction whose groups are not chosen yet."""
    return restriction.restriction_type == PageViewRestriction.GROUPS and not list(
        restriction.groups.all()
    )


def _narrow_alias(alias, restrictions, originals):
    """Narrow ``alias``'s own restriction so it admits no one its original would not."""
    required = []
    for path in _alias_chain_paths(alias, originals=originals)[1:]:
        required.extend(RestrictionRule.of(r) for r in _applying(restrictions, path))
    if not required:
        return
    own = [r for prefix, r in restrictions if prefix == alias.path]
    present = [
        RestrictionRule.of(r)
        for r in _applying(restrictions, alias.path)
        if not (r in own and _being_made(r))
    ]
    if covers(present, required):
        return
    kept = [RestrictionRule.of(r) for r in own if not _being_made(r)]
    rule = RestrictionRule.strictest([*required, *kept])
    restriction = own[0] if own else PageViewRestriction(page=alias)
    restriction.restriction_type = rule.kind
    restriction.password = rule.password
    restriction.save()
    restriction.groups.set(rule.groups)
