"""The one listing helper: every page that lists other pages builds its results here.

A listing is: a validated filter form -> the page's live, public queryset -> search -> the
form's filters -> sort -> a paginator that answers 404 for a page that does not exist. No raw
``request.GET`` value reaches the ORM: the page number is checked by the paginator and every
filter value by the form (an invalid value is reported on the form and ignored).

An unsearched listing filters, sorts and pages in SQL, and counts its filter options from its
option table (``safeguarding_site.option_counts``), kept between changes: it groups nothing per
request. A searched listing asks the full-text index (SQLite FTS5 or PostgreSQL, through
Wagtail's database backend) only for the ids that match, then counts, filters and orders them
in memory from the listing's kept items and reads just the page's items: no query over the
matches, however many there are. Feeds and exports search in SQL (``filter_queryset``). This
module imports nothing from the site's apps, so any app may use it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection
from django.db.models import CharField, F, IntegerField
from django.db.models.functions import Cast, Substr
from django.http import Http404, HttpResponseBadRequest
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Site
from wagtail.search import models as search_models
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_NONE, And, Phrase, PlainText

from safeguarding_site.cache import declare_query
from safeguarding_site.option_counts import Facet, as_facets, kept_items, kept_option_table

__all__ = ["Facet"]  # forms declare their facets with it

PER_PAGE = 12
# A filter value that is not valid is the client's error on every route: listing pages, feeds
# and exports all answer 400 (never 404, which would say the listing is not there, and never
# 200, which crawlers would index and caches keep). A listing page still shows its results
# without that filter, with the error beside it.
BAD_FILTER_STATUS = 400
QUERY_MAX_LENGTH = 100
# Wagtail's full-text table on SQLite (it defines none on other databases).
SQLiteFTSIndexEntry = getattr(search_models, "SQLiteFTSIndexEntry", None)


def year_of(date_field):
    """A date's year as text, by SQL string functions on both SQLite and PostgreSQL.

    ``values("published_date__year")`` would call a Python function per row on SQLite.
    """
    return Substr(Cast(date_field, output_field=CharField()), 1, 4)


def search_query(text):
    """The reader's words as a Wagtail search query that every word must match.

    Words in double quotes are a phrase. Quote marks are never passed on as text, so nothing
    typed can break the database's full-text syntax (SQLite FTS5 fails on a stray quote).
    """
    parts = text.split('"')
    tokens = []
    for position, part in enumerate(parts):
        part = part.strip()
        if not part:
            continue
        closed_quote = position % 2 == 1 and position < len(parts) - 1
        tokens.append(Phrase(part) if closed_quote else PlainText(part, operator="and"))
    if not tokens:
        return MATCH_NONE
    return tokens[0] if len(tokens) == 1 else And(tokens)


def search_queryset(queryset, text):
    """The items of ``queryset`` that match ``text``, as a plain queryset (no ordering).

    Wagtail's database search backends answer with a queryset underneath; using it as a
    subquery keeps every later filter, count and page in the database.
    """
    results = queryset.search(search_query(text), order_by_relevance=False)
    return queryset.filter(pk__in=results.get_queryset().values("pk"))


def fts5_expression(query):
    """The FTS5 ``MATCH`` text of a query ``search_query`` made, or ``None`` for no match.

    Each word is a quoted FTS5 string (so no word is an operator), a phrase one quoted string,
    all of them required: the same words, as Wagtail's SQLite backend writes them.
    """
    if isinstance(query, PlainText):
        words = query.query_string.split()
        return " AND ".join(f'"{word}"' for word in words) if words else None
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, And):
        parts = [fts5_expression(subquery) for subquery in query.subqueries]
        return None if None in parts else " AND ".join(f"({part})" for part in parts)
    return None


def matching_ids(queryset, text):
    """The ids of the items of ``queryset``'s page type (or model) that match ``text``: maybe
    some outside ``queryset``, which the caller leaves out (``KeptItems`` holds only the
    listing's own): one full-text query with no join to the listing on SQLite and
    PostgreSQL; Wagtail's search elsewhere."""
    if connection.vendor == "postgresql":
        return postgresql_matching_ids(queryset, text)
    if not ranks_in_sqlite():
        return set(search_queryset(queryset, text).values_list("pk", flat=True))
    match = fts5_expression(search_query(text))
    if match is None:
        return set()
    fts, joined, types = full_text_tables(queryset)
    with connection.cursor() as cursor:
        cursor.execute(
            # Only names are formatted into the text; every value is a parameter.
            f"SELECT entry.object_id FROM {joined} WHERE {fts} MATCH %s "  # noqa: S608
            f"AND entry.content_type_id IN ({', '.join(['%s'] * len(types))})",
            [fts5_columns_match(match), *types],
        )
        return {int(object_id) for (object_id,) in cursor.fetchall()}


def postgresql_matching_ids(queryset, text):
    """``matching_ids`` on PostgreSQL: the index entries of the page type whose title and body
    match, without Wagtail's join of every entry to the listing (four times as long)."""
    query = search_query(text)
    if query is MATCH_NONE:
        return set()
    _compiler, entries = postgresql_matches(queryset, query)
    return {int(object_id) for object_id in entries.values_list("object_id", flat=True)}


def postgresql_matches(queryset, query):
    """(Wagtail's PostgreSQL query compiler for ``query``, the index entries of ``queryset``'s
    model and its subclasses whose title and body match it, as Wagtail matches them: its own
    compiler writes the ``tsquery``)."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, query)
    tsquery = compiler.build_tsquery(query, config=backend.config)
    entries = search_models.IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(queryset.model)
    )
    both = F("title")._combine(F("body"), "||", False)  # as Wagtail combines them
    return compiler, entries.annotate(title_and_body=both).filter(title_and_body=tsquery)


def fts5_columns_match(match):
    """The ``MATCH`` text of ``fts5_expression``'s ``match`` in the columns Wagtail searches."""
    return "{title body} : (" + match + ")"


def ranks_in_sqlite():
    """Whether the search runs on SQLite's FTS5 table here (``RankedSearch``)."""
    return connection.vendor == "sqlite" and SQLiteFTSIndexEntry is not None


def full_text_tables(queryset):
    """(Wagtail's FTS5 table, it joined to its index entries as ``entry``, the content types
    of ``queryset``'s model and its subclasses): what a full-text query reads."""
    entries = search_models.IndexEntry._meta.db_table
    fts = SQLiteFTSIndexEntry._meta.db_table
    joined = f"{fts} JOIN {entries} AS entry ON entry.id = {fts}.rowid"
    return fts, joined, get_descendants_content_types_pks(queryset.model)


def items_in_order(queryset, ids):
    """The items of ``queryset`` with the ids ``ids``, in that order (one query)."""
    found = queryset.filter(pk__in=ids).in_bulk()
    return [found[pk] for pk in ids if pk in found]


class ItemsInOrder:
    """The items of ``queryset`` with the ids ``ids``, in that order, for a paginator: only
    the page asked for is read."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        return items_in_order(self.queryset, self.ids[window])


class RankedSearch(ItemsInOrder):
    """The pages (or other indexed items) of ``queryset`` that match ``text``, best first, for
    a paginator.

    One query ranks every match and gives their ids, best first, ranked as Wagtail ranks them
    (so the same items in Wagtail's order); a second reads the page of results. On SQLite,
    Wagtail's backend ranks each match with a subquery that runs the full-text match again
    (about a second for a common word in 10,000 reviews): here FTS5's own ``bm25()`` ranks
    them, weighted by the title as Wagtail weights it. On PostgreSQL, Wagtail joins every page
    to its index entry to count and again to rank: here the matching entries are found by
    their index (migration 0003) and ranked with Wagtail's own expression. Other databases
    use Wagtail's search.
    """

    def __init__(self, queryset, text):
        self.queryset = queryset
        self.query = search_query(text)
        self.match = fts5_expression(self.query)
        self.ranked_here = ranks_in_sqlite() or connection.vendor == "postgresql"

    @property
    def ids(self):
        return self.ranked_ids

    @cached_property
    def wagtail_results(self):
        return get_search_backend().search(self.query, self.queryset)

    @cached_property
    def ranked_ids(self):
        """The ids of every match, best first (ties: newest first, as Wagtail orders them)."""
        if self.query is MATCH_NONE:
            return []
        if connection.vendor == "postgresql":
            return self.ranked_in_postgresql()
        if self.match is None:
            return []
        fts, joined, types = full_text_tables(self.queryset)
        items_sql, items_params = self.queryset.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                # Only names are formatted into the text; every value is a parameter.
                f"SELECT entry.object_id FROM {joined} WHERE {fts} MATCH %s "  # noqa: S608
                f"AND entry.content_type_id IN ({', '.join(['%s'] * len(types))}) "
                f"AND entry.object_id IN ({items_sql}) "
                f"ORDER BY bm25({fts}) * (entry.title_norm + 1), "
                "CAST(entry.object_id AS INTEGER) DESC",
                [fts5_columns_match(self.match), *types, *items_params],
            )
            return [int(object_id) for (object_id,) in cursor.fetchall()]

    def ranked_in_postgresql(self):
        compiler, entries = postgresql_matches(self.queryset, self.query)
        config = get_search_backend().config
        rank = compiler.build_tsrank(F("title"), self.query, config=config) * F(
            "title_norm"
        ) + compiler.build_tsrank(F("body"), self.query, config=config)
        items = self.queryset.order_by().annotate(as_text=Cast("pk", CharField()))
        ranked = (
            entries.filter(object_id__in=items.values("as_text"))
            .annotate(rank=rank)
            .order_by("-rank", Cast("object_id", IntegerField()).desc())
        )
        return [int(object_id) for object_id in ranked.values_list("object_id", flat=True)]

    def count(self):
        return super().count() if self.ranked_here else self.wagtail_results.count()

    def __getitem__(self, window):
        if not self.ranked_here:
            return self.wagtail_results[window]
        return super().__getitem__(window)


def html_attributes(attrs):
    """Attributes as Django's widget template writes them, in order: ``True`` bare, ``False``
    left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


class ListingSelect(forms.Select):
    """A filter's ``<select>``, written in Python: the markup of Django's own template, without
    a template include per option (a listing's filters offer a hundred options, and drawing
    them through templates took a sixth of the listing's time)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, group, _index in widget["optgroups"]:
            drawn = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], html_attributes(option["attrs"]), option["label"])
                    for option in group
                ),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, drawn)
                if group_name
                else drawn
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            html_attributes(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )


class ListingFilterForm(forms.Form):
    """Base class for a listing's filter form.

    Subclasses declare their fields and say how each maps onto the queryset:

    - ``facets``: field name -> ORM lookup (or a ``Facet``); a valid, non-empty value filters
      on that lookup, and each option is labelled with how many items it would give;
    - ``sort_orders``: ``sort`` value -> ``order_by`` arguments (the first is the default);
    - a ``q`` field, if declared, searches.

    Invalid values are reported as form errors and left out of the filtering.
    """

    facets: dict[str, "str | Facet"] = {}
    sort_orders: dict[str, tuple[str, ...]] = {}
    any_label = "Any"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            widget = form_field.widget
            if type(widget) is forms.Select:
                select = ListingSelect(attrs=widget.attrs, choices=widget.choices)
                select.is_required = widget.is_required
                form_field.widget = select

    @property
    def values(self):
        """The fields that validated and are not empty."""
        cleaned = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return {name: value for name, value in cleaned.items() if value not in ("", None)}

    def canonical_values(self):
        """The valid, non-empty values spelled as a link to them would spell them."""
        return {
            name: str(self.fields[name].prepare_value(value)) for name, value in self.values.items()
        }

    def searched(self, queryset):
        query = self.values.get("q")
        return search_queryset(queryset, query) if query else queryset

    def get_facets(self):
        return as_facets(self.facets)

    def filtered(self, queryset, *, except_facet=None):
        for name, facet in self.get_facets().items():
            value = self.values.get(name)
            if name != except_facet and value is not None:
                queryset = queryset.filter(**{facet.lookup: value})
        return queryset

    def sorted(self, queryset):
        if not self.sort_orders:
            return queryset
        sort = self.values.get("sort") or next(iter(self.sort_orders))
        return queryset.order_by(*self.sort_orders[sort])

    def filter_queryset(self, queryset):
        """Search, filter and sort ``queryset`` by the form's valid values."""
        return self.sorted(self.filtered(self.searched(queryset)))

    def facet_options(self, name, counts):
        """The (value, label) options a facet offers; by default its declared choices."""
        return [(value, label) for value, label in self.fields[name].choices if value != ""]

    def count_options(self, queryset):
        """Label each facet's options with the number of items it would give.

        The count for an option applies every other active filter and the search, so
        'Neglect (7)' means seven results if the reader picks Neglect now.
        """
        counts = self.option_counts(queryset)
        for name in self.get_facets():
            options = [("", self.any_label)] + [
                (value, f"{label} ({counts[name].get(str(value), 0)})")
                for value, label in self.facet_options(name, counts[name])
            ]
            self.fields[name].widget.choices = options

    def option_table(self, queryset):
        """The option table (``safeguarding_site.option_counts``) the counts are read from:
        the listing's kept table, or, for a search, one counted over the matching items."""
        if self.searches_in_memory():
            return self.kept_items(queryset).matching(self.matching_ids(queryset))
        return kept_option_table(queryset, self.get_facets())

    def searches_in_memory(self):
        """Whether this listing is searched, and so counted and ordered from its kept items
        (``option_counts.KeptItems``) rather than in the database."""
        return bool(self.values.get("q")) and bool(self.facets)

    def kept_items(self, queryset):
        """The listing's ``KeptItems``, read once per form."""
        if getattr(self, "_kept_items", None) is None:
            self._kept_items = kept_items(queryset, self.get_facets(), self.sort_orders)
        return self._kept_items

    def matching_ids(self, queryset):
        """The ids that match the search, found once per form."""
        if getattr(self, "_matching_ids", None) is None:
            self._matching_ids = matching_ids(queryset, self.values["q"])
        return self._matching_ids

    def results(self, queryset):
        """What the listing lists: ``filter_queryset``, or for a search the matching items
        that carry every chosen option, in the chosen order, read a page at a time."""
        if not self.searches_in_memory():
            return self.filter_queryset(queryset)
        sort = self.values.get("sort") or next(iter(self.sort_orders), "")
        ids = self.kept_items(queryset).ordered(
            self.matching_ids(queryset), sort, self.chosen_options()
        )
        return ItemsInOrder(queryset, ids)

    def chosen_options(self):
        """{facet: value} of the active filters."""
        return {name: self.values[name] for name in self.get_facets() if name in self.values}

    def option_counts(self, queryset):
        """{facet: {option: count}}, each option counted with every other active filter,
        summed from the option table: no query when the listing is not searched and its kept
        table is current."""
        table = self._table = self.option_table(queryset)
        chosen = self.chosen_options()
        return {name: table.counts(name, chosen) for name in self.get_facets()}

    def result_count(self, queryset):
        """How many items the search and filters give, from the option table."""
        table = getattr(self, "_table", None) or self.option_table(queryset)
        return table.total(self.chosen_options())

    def active_filters(self):
        """(field label, value label, address without it) for the active search and filters."""
        active = []
        for name, value in self.values.items():
            if name == "sort":
                continue
            label = str(value)
            for option, option_label in getattr(self.fields[name].widget, "choices", ()):
                if str(option) == str(value):
                    label = str(option_label).rsplit(" (", 1)[0]
            remaining = {key: val for key, val in self.values.items() if key != name}
            active.append((self.fields[name].label, label, "?" + urlencode(remaining)))
        return active


@dataclass
class Listing:
    """What a listing template needs: the page of results, the form and the page links."""

    page: Page
    form: ListingFilterForm | None = None
    page_range: list = field(default_factory=list)

    @property
    def items(self):
        return self.page.object_list

    @property
    def count(self):
        return self.page.paginator.count

    @property
    def status(self):
        """The HTTP status of the listing's page: 400 when a filter value was not valid."""
        return BAD_FILTER_STATUS if self.form is not None and self.form.errors else 200


class CountedPaginator(Paginator):
    """A paginator told how many items there are (``count``), so it does not count them."""

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached property


def paginate(request, queryset, per_page=PER_PAGE, *, count=None):
    """The requested page of ``queryset``; a non-numeric or out-of-range page is a 404.

    An empty ``?page=`` means the first page. ``count``: how many items there are, when the
    caller knows.
    """
    paginator = CountedPaginator(queryset, per_page, count=count)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except (InvalidPage, ValueError, OverflowError) as error:
        raise Http404("There is no such page in this list.") from error


def page_parameter(request, page):
    """``{"page": number}`` when the request asked for a page, for ``declare_query``.

    The number as the paginator read it: ``?page=02`` is page 2 but not its canonical address.
    """
    return {"page": page.number} if request.GET.get("page") else {}


def build_listing(request, queryset, *, form=None, per_page=PER_PAGE):
    """Search, filter, sort and paginate ``queryset`` (already ``.live().public()``) by
    ``form``, a ``ListingFilterForm`` bound to the request's query.

    A valid query is declared to the page cache (``declare_query``), so the page is cached
    under it; an invalid one is reported on the form, answered, and never cached.

    A form with facets counts its options first; the number of results is read from the
    same counts, so the page is not counted again.
    """
    valid = form is None or form.is_valid()
    results = form.results(queryset) if form is not None else queryset
    count = None
    if form is not None and form.facets:
        form.count_options(queryset)
        count = form.result_count(queryset)
    page = paginate(request, results, per_page, count=count)
    if valid:
        values = form.canonical_values() if form is not None else {}
        names = {"page", *(form.fields if form is not None else ())}
        declare_query(request, {**values, **page_parameter(request, page)}, names=names)
    page_range = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return Listing(page=page, form=form, page_range=page_range)


def bad_filter_response(form):
    """The answer of a feed or an export to a filter value that is not valid: a 400 that names
    the filters (never their values, which may be markup), as a listing page says beside them.
    """
    problems = "; ".join(str(form.fields[name].label) for name in form.errors)
    return HttpResponseBadRequest(
        f"Invalid filter: choose a listed value for {problems}.\n",
        content_type="text/plain; charset=utf-8",
    )


class ListingPageMixin:
    """A page whose context has a ``listing`` (``build_listing``): answered 400, with the
    error beside the filter, when a filter value is not valid, as feeds and exports are."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        listing = getattr(response, "context_data", {}).get("listing")
        if listing is not None:
            response.status_code = listing.status
        return response


def listing_page_for(request, page_model):
    """The live, public ``page_model`` page of the site answering ``request``; 404 if none.

    For the views outside the page tree that belong to a listing: feeds and exports.
    """
    site = Site.find_for_request(request)
    page = None
    if site is not None:
        page = (
            page_model.objects.live().public().descendant_of(site.root_page, inclusive=True).first()
        )
    if page is None:
        raise Http404("This site has no such listing.")
    return page
