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

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

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
    inline record or rich text, and the members-only page it is an alias of; readers without
    access see the link text alone, or nothing. From a members-only page: every public
    document it links, which anyone with its address can download. Found with Wagtail's
    reference index extraction, which knows every kind of field an editor can choose a page or
    document in (all but ``alias_of``, which the index leaves out, so it is read here).
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
    return sorted(crossings, key=lambda crossing: (crossing.field, crossing.title))


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
