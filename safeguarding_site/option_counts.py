"""Filter-option counts ("Neglect (312)") whose cost does not grow with the archive.

A listing's options are counted from its *option table*: for every combination of option values
its items carry (a type, a year, an age band, a theme), how many items carry it. The table's
size is bounded by the vocabulary (types x years x age bands x themes), not by the number of
items, and every count a listing shows - unfiltered, or "within the other active filters" - is
a sum over its rows, worked out in Python without a query.

- An unsearched listing's table is *kept*: stored in ``ListingCounts`` and in each process's
  memory. A request checks that its copy is current with one small query (the stored row's
  version), so no request groups the archive. Any change of what is public - publishing,
  unpublishing, a move, a view restriction added or removed, a deletion, a bulk action, a theme
  or resource edited - deletes the stored tables inside its transaction (``forget``), and once
  it commits the registered listings' tables are counted again (``refresh``). A table missing
  for any reason (a fresh database, a listing nobody registered) is counted by the request
  that needs it and stored.
- A searched listing is counted and ordered in memory, from its *kept items* (``KeptItems``):
  every item of the unfiltered listing with its option values, and the items in each sort
  order, read once per version of the kept table in each process. A request runs the search
  for the matching ids alone (no join, no grouping, no sort in the database), counts the
  matches' options and picks the page's ids in Python, and reads just that page's items: a
  few milliseconds even when every item matches.

The tables are built from the listing's own queryset, ``.live().public()``: nothing
members-only is ever counted. The stored row is keyed by the SQL of that queryset and the
facets, so a listing whose privacy rule or date-dependent status changes reads another row.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, combinations
from operator import itemgetter
from time import time_ns

from django.core.exceptions import EmptyResultSet, FieldError
from django.db import OperationalError, connection, models, transaction
from django.db.models import Count, F
from django.db.models.constants import LOOKUP_SEP
from wagtail.models import Page

# How many kept tables one process holds (listings x days of the tracker's dated statuses):
# more than the site has listings, few enough to bound the memory.
KEPT_IN_PROCESS = 64


class ListingCounts(models.Model):
    """The option table of one listing's unfiltered, public items: kept until what is public
    changes, and read by every process (``safeguarding_site.option_counts``)."""

    listing = models.CharField(
        max_length=64,
        primary_key=True,
        help_text="A digest of the listing's queryset and facets: which listing this counts.",
    )
    version = models.BigIntegerField(
        help_text="When the table was counted (nanoseconds): a process reads the table again "
        "only when this differs from its copy."
    )
    table = models.JSONField(help_text="Each combination of option values and its items.")

    class Meta:
        verbose_name = "listing option counts"
        verbose_name_plural = "listing option counts"

    def __str__(self):
        return self.listing


@dataclass(frozen=True)
class Facet:
    """How a filter field narrows a listing, and what its options are counted by.

    ``group_by`` is an expression giving the value the lookup matches (the lookup itself when
    ``None``): ``published_date__year`` matches the year that ``year_of`` spells.
    """

    lookup: str
    group_by: object = None

    @property
    def expression(self):
        return self.group_by if self.group_by is not None else F(self.lookup)


def as_facets(facets):
    """``{name: Facet}`` from a form's ``facets`` (a lookup or a ``Facet`` each)."""
    return {
        name: facet if isinstance(facet, Facet) else Facet(facet) for name, facet in facets.items()
    }


def crosses_many(queryset, lookup):
    """Whether ``lookup`` reaches through a many-valued relation (themes): an item may then
    carry several of the facet's options at once. An annotation (a worked-out status) has one
    value an item."""
    try:
        path, *_ = queryset.query.names_to_path(
            lookup.split(LOOKUP_SEP), queryset.model._meta, fail_on_missing=False
        )
    except FieldError:
        return False
    return any(step.m2m for step in path)


def option_text(value):
    """An option value as a form spells it (``str``), ``None`` for an item without one."""
    return None if value is None else str(value)


@dataclass
class Grouping:
    """The items counted by one combination of facets: rows of (value of each facet, items)."""

    names: tuple[str, ...]
    rows: list[tuple]
    _index: dict = field(default=None, repr=False)
    _totals: dict = field(default_factory=dict, repr=False)

    def rows_with(self, name, value):
        """The rows whose ``name`` option is ``value`` (an index built at the first use)."""
        if self._index is None:
            index = defaultdict(list)
            for row in self.rows:
                for position, option in enumerate(row[:-1]):
                    index[position, option].append(row)
            self._index = index
        return self._index.get((self.names.index(name), value), ())

    def counts(self, name, chosen):
        """{option of ``name``: items} among the rows that carry every ``chosen`` option."""
        if not chosen:
            if name not in self._totals:
                self._totals[name] = self._sum(name, self.rows, ())
            return self._totals[name]
        # Only the rows of the rarest chosen option can match them all.
        rows = min((self.rows_with(other, value) for other, value in chosen.items()), key=len)
        checks = tuple((self.names.index(other), value) for other, value in chosen.items())
        return self._sum(name, rows, checks)

    def _sum(self, name, rows, checks):
        position = self.names.index(name)
        counts = defaultdict(int)
        for row in rows:
            if all(row[index] == value for index, value in checks):
                counts[row[position]] += row[-1]
        return dict(counts)


@dataclass
class OptionTable:
    """A listing's items counted by every combination of option values.

    A many-valued facet (themes) cannot be summed over: an item with two themes is one item.
    So there is one grouping per set of many-valued facets, from none to all of them; a count
    reads the grouping of the many-valued facets it involves.
    """

    many: frozenset[str]
    groupings: dict[frozenset, Grouping]

    def counts(self, name, chosen):
        """{option: items} for facet ``name``: the items that carry the option and every other
        chosen option (``chosen``: facet -> value; ``name``'s own choice is left out)."""
        others = {
            other: option_text(value)
            for other, value in chosen.items()
            if other != name and value is not None
        }
        return self._grouping({name, *others}).counts(name, others)

    def total(self, chosen):
        """How many items carry every chosen option."""
        chosen = {name: option_text(value) for name, value in chosen.items() if value is not None}
        grouping = self._grouping(set(chosen))
        name = next(iter(chosen), grouping.names[0] if grouping.names else None)
        if name is None:  # a listing with no single-valued facet and nothing chosen
            return sum(row[-1] for row in grouping.rows)
        rest = {other: value for other, value in chosen.items() if other != name}
        counts = grouping.counts(name, rest)
        return counts.get(chosen[name], 0) if name in chosen else sum(counts.values())

    def _grouping(self, names):
        return self.groupings[frozenset(set(names) & self.many)]

    def as_json(self):
        return [
            {"names": list(grouping.names), "rows": [list(row) for row in grouping.rows]}
            for grouping in self.groupings.values()
        ] + [{"many": sorted(self.many)}]

    @classmethod
    def from_json(cls, data):
        many = frozenset(data[-1]["many"])
        groupings = {}
        for entry in data[:-1]:
            grouping = Grouping(tuple(entry["names"]), [tuple(row) for row in entry["rows"]])
            groupings[frozenset(set(grouping.names) & many)] = grouping
        return cls(many=many, groupings=groupings)


def count_options(queryset, facets):
    """The option table of ``queryset``: one grouped query per set of many-valued facets."""
    facets = as_facets(facets)
    many = frozenset(name for name, facet in facets.items() if crosses_many(queryset, facet.lookup))
    single = [name for name in facets if name not in many]
    groupings = {}
    for size in range(len(many) + 1):
        for chosen_many in combinations(sorted(many), size):
            names = tuple(single + list(chosen_many))
            aliases = {f"option_{name}": facets[name].expression for name in names}
            if aliases:
                rows = (
                    queryset.order_by()
                    .annotate(**aliases)
                    .values(*aliases)
                    .annotate(items=Count("pk", distinct=True))
                    .values_list(*aliases, "items")
                )
            else:  # nothing to group by: how many items there are
                rows = [(queryset.order_by().count(),)]
            groupings[frozenset(chosen_many)] = Grouping(
                names,
                [(*(option_text(value) for value in row[:-1]), row[-1]) for row in rows],
            )
    return OptionTable(many=many, groupings=groupings)


def listing_key(queryset, facets):
    """Which stored table answers for ``queryset`` and ``facets``: a digest of their SQL."""
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:
        sql, params = "none", ()
    facets = sorted((name, repr(facet)) for name, facet in as_facets(facets).items())
    signature = f"{queryset.model._meta.label}|{facets}|{sql}|{params!r}"
    return hashlib.sha256(signature.encode()).hexdigest()


# This process's copies of kept tables: listing key -> (version, table).
_in_process = {}


def kept_option_table(queryset, facets):
    """The option table of ``queryset`` (a listing's live, public items, unfiltered): one
    query when this process's copy is current, two when another process counted it anew, and
    counted here (and stored) only when no table is stored."""
    return kept(queryset, facets)[2]


def kept(queryset, facets):
    """(key, version, table) of ``queryset``'s kept option table (``kept_option_table``); the
    version is ``None`` when the table could not be stored."""
    key = listing_key(queryset, facets)
    version = ListingCounts.objects.filter(listing=key).values_list("version", flat=True).first()
    if version is not None:
        copy = _in_process.get(key)
        if copy is not None and copy[0] == version:
            return key, version, copy[1]
        stored = ListingCounts.objects.filter(listing=key, version=version).values_list(
            "table", flat=True
        )
        for data in stored:
            return key, version, remember(key, version, OptionTable.from_json(data))
    table = count_options(queryset, facets)
    version = time_ns()
    try:
        # A table counted since by ``refresh`` (from data as new or newer) is never
        # overwritten. SQLite may refuse the write while another process reads: the reader
        # still gets its counts, and the next request stores them.
        with transaction.atomic():
            ListingCounts.objects.bulk_create(
                [ListingCounts(listing=key, version=version, table=table.as_json())],
                ignore_conflicts=True,
            )
    except OperationalError:
        return key, None, table
    return key, version, remember(key, version, table)


@dataclass
class KeptItems:
    """Every item of a listing's unfiltered, public items with its option values (one value
    for a single-valued facet, a tuple for a many-valued one), and the item ids in each sort
    order: what a searched listing is counted and ordered from."""

    names: tuple[str, ...]
    many: frozenset[str]
    options: dict[int, tuple]
    orders: dict[str, list[int]]

    @cached_property
    def carriers(self):
        """{(facet, option): the ids of the items that carry it}, built at the first use."""
        carriers = defaultdict(set)
        for pk, row in self.options.items():
            for name, value in zip(self.names, row, strict=True):
                for option in value if name in self.many else (value,):
                    carriers[name, option].add(pk)
        return {key: frozenset(ids) for key, ids in carriers.items()}

    def carrying(self, ids, chosen):
        """The ids of ``ids`` whose items carry every ``chosen`` option (facet -> value)."""
        for name, value in chosen.items():
            ids = ids & self.carriers.get((name, option_text(value)), frozenset())
        return ids

    def matching(self, ids):
        """The option table of the items ``ids`` (a search's matches; ids not listed here are
        left out)."""
        return MatchedOptions(self, self.options.keys() & ids)

    def ordered(self, ids, sort, chosen):
        """The ids of ``ids`` that carry every ``chosen`` option, in the ``sort`` order."""
        wanted = self.carrying(self.options.keys() & ids, chosen)
        return [pk for pk in self.orders[sort] if pk in wanted]


@dataclass
class MatchedOptions:
    """The option counts of some of a listing's items (a search's matches), counted from its
    ``KeptItems`` in memory: the same questions as ``OptionTable`` answers."""

    items: KeptItems
    ids: set

    def counts(self, name, chosen):
        """{option: items} for facet ``name`` among the items that carry every other chosen
        option."""
        others = {
            other: value for other, value in chosen.items() if other != name and value is not None
        }
        carriers = map(self.items.options.__getitem__, self.items.carrying(self.ids, others))
        values = map(itemgetter(self.items.names.index(name)), carriers)
        return dict(Counter(chain.from_iterable(values) if name in self.items.many else values))

    def total(self, chosen):
        """How many items carry every chosen option."""
        chosen = {name: value for name, value in chosen.items() if value is not None}
        return len(self.items.carrying(self.ids, chosen))


def read_items(queryset, facets, sort_orders):
    """The ``KeptItems`` of ``queryset``: one query for the single-valued facets, one per
    many-valued facet, one per sort order."""
    facets = as_facets(facets)
    names = tuple(facets)
    many = frozenset(name for name, facet in facets.items() if crosses_many(queryset, facet.lookup))
    plain = queryset.order_by()
    single = [name for name in names if name not in many]
    aliases = {f"option_{name}": facets[name].expression for name in single}
    values = {pk: list(row) for pk, *row in plain.annotate(**aliases).values_list("pk", *aliases)}
    carried = {}
    for name in many:
        carried[name] = defaultdict(list)
        pairs = plain.annotate(option=facets[name].expression).values_list("pk", "option")
        for pk, option in pairs:
            if option is not None:
                carried[name][pk].append(option_text(option))
    options = {}
    for pk, row in values.items():
        texts = iter(option_text(value) for value in row)
        options[pk] = tuple(
            tuple(carried[name].get(pk, ())) if name in many else next(texts) for name in names
        )
    orders = {
        sort: list((queryset.order_by(*order) if order else queryset).values_list("pk", flat=True))
        for sort, order in (sort_orders or {"": ()}).items()
    }
    return KeptItems(names=names, many=many, options=options, orders=orders)


# This process's kept items: listing key -> (version of the kept table, items).
_items_in_process = {}


def kept_items(queryset, facets, sort_orders):
    """The ``KeptItems`` of ``queryset`` (a listing's live, public items, unfiltered), read
    again in this process whenever its kept table's version changes (any change of what is
    public drops the table): one query when current, as ``kept_option_table``."""
    key, version, _table = kept(queryset, facets)
    copy = _items_in_process.get(key)
    if copy is not None and version is not None and copy[0] == version:
        return copy[1]
    items = read_items(queryset, facets, sort_orders)
    if version is not None:
        if len(_items_in_process) >= KEPT_IN_PROCESS:
            _items_in_process.clear()
        _items_in_process[key] = (version, items)
    return items


def remember(key, version, table):
    if len(_in_process) >= KEPT_IN_PROCESS:
        _in_process.clear()
    _in_process[key] = (version, table)
    return table


# Callables that each give the (queryset, facets) of the listings whose tables ``refresh``
# counts again after a change: every listing an anonymous reader can open without a filter.
_kept_listings = []


def keep_counts_for(listings):
    """Register ``listings``, a callable giving (queryset, facets) pairs, with ``refresh``."""
    if listings not in _kept_listings:
        _kept_listings.append(listings)
    return listings


def refresh():
    """Count every registered listing's table again and store it (after a change commits)."""
    rows = []
    for listings in _kept_listings:
        for queryset, facets in listings():
            table = count_options(queryset, facets)
            key = listing_key(queryset, facets)
            rows.append(ListingCounts(listing=key, version=time_ns(), table=table.as_json()))
    ListingCounts.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["listing"],
        update_fields=["version", "table"],
    )


def forget(**kwargs):
    """Drop every stored table now, in the change's transaction, and count the registered
    listings again once it commits (signal receiver: takes and ignores any arguments).

    Dropped in the transaction, so that from the commit on no process reads a count of what
    has just become members-only or unpublished; a request in between counts for itself.
    """
    ListingCounts.objects.all().delete()
    if not refresh_is_waiting():
        transaction.on_commit(refresh, robust=True)


def forget_on_page_save(sender, instance, update_fields=None, **kwargs):
    """``post_save`` of any model: a live page saved whole (made live without a publish, as
    a fixture or a script does, or edited in place) may change what is counted.

    Publishing sends ``page_published``; a draft saved in the editor saves only its revision
    bookkeeping (``update_fields``), which changes no count and is ignored.
    """
    if isinstance(instance, Page) and instance.live and update_fields is None:
        forget()


def forget_after_bulk_action(request, action_type, objects, action):
    """Wagtail's ``after_bulk_action`` hook: a bulk publish, unpublish, move or delete."""
    forget()


def refresh_is_waiting():
    """Whether this transaction will already refresh the tables when it commits: one refresh
    for a bulk action on a hundred pages, not a hundred."""
    # Django keeps the transaction's callbacks as (savepoint ids, callable, robust).
    return any(entry[1] is refresh for entry in connection.run_on_commit)
