"""Filter-option counts: kept per listing, counted again on every change of what is public,
and never counting anything members-only.

Each change is made the way Wagtail makes it (publish, unpublish, move, a view restriction,
delete, an admin bulk action) after the listing has been read once, so the counts it shows
next can only be right if the change dropped the kept table.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from learning.models import Theme
from reviews.forms import RecommendationFilterForm, ReviewFilterForm
from reviews.models import ReviewPage
from safeguarding_site import option_counts
from safeguarding_site.cache import forget_local_pages
from safeguarding_site.listing import matching_ids, search_queryset
from tests.factories import (
    PRIVATE_WORD,
    PUBLIC_WORD,
    SHARED_WORD,
    ReviewIndexPageFactory,
    ReviewPageFactory,
    StandardPageFactory,
    ThemeFactory,
    restrict_to_members,
)
from tests.html import soup_of
from tests.test_cache_purge import bulk_action_url

pytestmark = pytest.mark.django_db

THEME = "demo-counted"
LISTED = 3


def option_labels(response, field):
    """{value: label} of a filter's options, as the reader sees them."""
    select = soup_of(response).find("select", attrs={"name": field})
    return {
        option["value"]: option.get_text(strip=True)
        for option in select.find_all("option")
        if option["value"]
    }


def theme_count(client, address="/reviews/"):
    """The number beside the counted theme on ``address``."""
    response = client.get(address)
    assert response.status_code == 200
    label = option_labels(response, "theme")[THEME]
    return int(label.rsplit("(", 1)[1].rstrip(")"))


@pytest.fixture
def archive(site_tree, django_capture_on_commit_callbacks):
    """Three public reviews with one theme, a members' review listing in a secure area, and a
    draft review; committed, as an editor's earlier work would be (its refresh has run)."""
    with django_capture_on_commit_callbacks(execute=True):
        theme = ThemeFactory(name="Demo counted theme", slug=THEME)
        reviews = [
            ReviewPageFactory(parent=site_tree.reviews, title=f"Demo counted {n}", themes=[theme])
            for n in range(LISTED)
        ]
        secure_area = StandardPageFactory(parent=site_tree.home, title="Secure area")
        restrict_to_members(secure_area)
        members_reviews = ReviewIndexPageFactory(
            parent=secure_area, title="Members' reviews", slug="members-reviews"
        )
        draft = ReviewPageFactory(
            parent=site_tree.reviews, title="Demo counted draft", themes=[theme], live=False
        )
    # Committed: a commit runs its callbacks and forgets them; the test's transaction would
    # otherwise keep them, and a change would find its refresh already waiting.
    connection.run_on_commit.clear()
    return {"reviews": reviews, "members_reviews": members_reviews, "draft": draft}


@pytest.fixture
def manager(client, superuser):
    client.force_login(superuser)
    return client


def publish(archive, manager):
    archive["draft"].save_revision().publish()
    return LISTED + 1


def unpublish(archive, manager):
    archive["reviews"][0].unpublish()
    return LISTED - 1


def move_into_the_secure_area(archive, manager):
    archive["reviews"][0].move(archive["members_reviews"], pos="last-child")
    return LISTED - 1


def restrict(archive, manager):
    restrict_to_members(archive["reviews"][0])
    return LISTED - 1


def lift_a_restriction(archive, manager):
    restrict_to_members(archive["reviews"][0])
    assert theme_count(manager.__class__()) == LISTED - 1  # an anonymous reader's view
    PageViewRestriction.objects.get(page=archive["reviews"][0]).delete()
    return LISTED


def delete(archive, manager):
    ReviewPage.objects.get(pk=archive["reviews"][0].pk).delete()
    return LISTED - 1


def unpublish_in_bulk(archive, manager):
    ids = [review.pk for review in archive["reviews"][:2]]
    response = manager.post(bulk_action_url("wagtailcore", "page", "unpublish", ids, "/reviews/"))
    assert response.status_code == 302
    return LISTED - 2


def move_in_bulk(archive, manager):
    review = archive["reviews"][0]
    url = bulk_action_url("wagtailcore", "page", "move", [review.pk], "/reviews/")
    response = manager.post(url, {"chooser": archive["members_reviews"].pk})
    assert response.status_code == 302
    return LISTED - 1


CHANGES = [
    publish,
    unpublish,
    move_into_the_secure_area,
    restrict,
    lift_a_restriction,
    delete,
    unpublish_in_bulk,
    move_in_bulk,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_option_counts_follow_every_change_of_what_is_public(client, archive, manager, change):
    reader = client.__class__()  # anonymous, beside the signed-in manager
    assert theme_count(reader) == LISTED

    expected = change(archive, manager)

    assert theme_count(reader) == expected
    response = reader.get("/reviews/")
    assert f"{expected} review" in soup_of(response).find("main").get_text(" ", strip=True)


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_change_counts_the_kept_listings_again_when_it_commits(
    client, archive, manager, change, django_capture_on_commit_callbacks
):
    """After the commit no reader's request counts anything: one query checks the table."""
    reader = client.__class__()
    theme_count(reader)
    forget_local_pages()  # the change is a purge: the frame (menu, site) is read again after it
    with CaptureQueriesContext(connection) as warm:
        theme_count(reader)

    with django_capture_on_commit_callbacks(execute=True):
        expected = change(archive, manager)

    with CaptureQueriesContext(connection) as after:
        assert theme_count(reader) == expected
    option_counts._in_process.clear()  # as another process, whose copy is now stale
    forget_local_pages()
    with CaptureQueriesContext(connection) as other_process:
        assert theme_count(reader) == expected
    assert not grouped_queries(after)
    assert not grouped_queries(other_process)
    assert len(after) <= len(warm) + 1  # a stale copy: the table read once more
    assert len(other_process) == len(after)


def test_a_renamed_theme_is_counted_under_its_new_slug(client, archive, manager):
    assert theme_count(client) == LISTED
    theme = Theme.objects.get(slug=THEME)
    theme.slug = f"{THEME}-renamed"
    theme.save()

    labels = option_labels(client.get("/reviews/"), "theme")

    assert labels[f"{THEME}-renamed"] == f"Demo counted theme ({LISTED})"


def grouped_queries(context):
    return [query["sql"] for query in context.captured_queries if "GROUP BY" in query["sql"]]


# Nothing members-only is counted, on any facet of any listing, hub or search.


def public_value(review, facet):
    """The option ``review`` carries for a facet of the review listing, as the form spells it."""
    return {
        "theme": review.themes.first().slug,
        "type": review.review_type,
        "year": str(review.published_date.year),
        "age": review.age_band,
    }[facet]


@pytest.mark.parametrize("query", ["", f"?q={SHARED_WORD}", f"?q={SHARED_WORD}&age=under-1"])
def test_review_listing_counts_never_include_members_only_reviews(client, private_content, query):
    """The public review and the private ones share every option; only the public counts."""
    public = private_content.public_review
    response = client.get(f"/reviews/{query}")

    for facet in ReviewFilterForm.facets:
        label = option_labels(response, facet)[public_value(public, facet)]
        assert label.endswith("(1)"), (facet, label)
    assert PRIVATE_WORD not in response.content.decode()


def test_tracker_counts_and_agencies_never_include_members_only_reviews(client, private_content):
    response = client.get(reverse("recommendation_tracker"))

    for facet in RecommendationFilterForm.facets:
        labels = option_labels(response, facet)
        assert sum(int(label.rsplit("(", 1)[1].rstrip(")")) for label in labels.values()) == 1
    assert not any(PRIVATE_WORD in label for label in option_labels(response, "agency").values())
    assert f"Demo {PUBLIC_WORD} agency (1)" in option_labels(response, "agency").values()


def test_theme_hubs_never_count_members_only_items(client, private_content):
    """One public review and one public briefing carry the theme, beside private twins."""
    theme = private_content.theme
    index = soup_of(client.get(reverse("theme_index")))
    hub = soup_of(client.get(reverse("theme_detail", args=[theme.slug])))

    row = next(row for row in index.select("tbody tr") if theme.name in row.get_text())
    reviews, briefings = (cell.get_text(strip=True) for cell in row.select("td.numeric")[:2])
    assert (reviews, briefings) == ("1", "1")
    assert [bar.get_text(strip=True) for bar in hub.select(".chart__value")] == ["1"]


# The option table itself: every facet counted within every other choice.


def test_every_option_is_counted_within_every_other_choice_as_a_query_would(site_tree):
    """Sums from the kept table equal the grouped query the listing used to run, for every
    facet, with every combination of one other choice (the class, not a case)."""
    add_varied_reviews(site_tree, 12, title=lambda number: f"Demo counted {number}")
    reviews = site_tree.reviews.get_reviews()
    facets = option_counts.as_facets(ReviewFilterForm.facets)
    table = option_counts.kept_option_table(reviews, facets)
    choices = [{}] + [
        {facet: value} for facet in facets for value in table.counts(facet, {}) if value is not None
    ]

    for chosen in choices:
        for facet, spec in facets.items():
            narrowed = reviews
            for other, value in chosen.items():
                if other != facet:
                    narrowed = narrowed.filter(**{facets[other].lookup: value})
            expected = {}
            for review in narrowed.distinct():
                for option in options_of(review, facet, spec):
                    expected[option] = expected.get(option, 0) + 1
            assert table.counts(facet, chosen) == expected, (facet, chosen)
        assert (
            table.total(chosen)
            == reviews.filter(**{facets[name].lookup: value for name, value in chosen.items()})
            .distinct()
            .count()
        ), chosen


def add_varied_reviews(site_tree, count, *, title):
    """``count`` reviews that differ in type, age band, year, month and themes (none, one or
    two of two themes), titled ``title(number)``; returns the two themes."""
    themes = [ThemeFactory(name=f"Demo counted theme {n}", slug=f"demo-counted-{n}") for n in "ab"]
    for number in range(count):
        ReviewPageFactory(
            parent=site_tree.reviews,
            title=title(number),
            review_type=[ReviewPage.ReviewType.LOCAL_CSPR, ReviewPage.ReviewType.RAPID_REVIEW][
                number % 2
            ],
            age_band=[ReviewPage.AgeBand.UNDER_1, ReviewPage.AgeBand.AGE_1_4][number % 3 % 2],
            published_date=date(2020 + number % 4, 1 + number % 5, 1),
            themes=themes[: 1 + number % 3 % 2] if number % 5 else [],
        )
    return themes


def options_of(review, facet, spec):
    """The options ``review`` carries for ``facet``, read from the page, not the database."""
    if facet == "theme":
        return [theme.slug for theme in review.themes.all()] or [None]
    if facet == "year":
        return [str(review.published_date.year)]
    return [getattr(review, spec.lookup)]


def test_a_search_is_counted_and_ordered_in_memory_as_the_database_would(site_tree):
    """A searched listing is counted and ordered from its kept items, in memory: for every
    facet within every one other choice, and for every sort, the same as filtering and
    ordering the matching reviews in the database. Matches that are members-only or drafts
    are neither counted nor listed."""
    themes = add_varied_reviews(
        site_tree,
        14,
        title=lambda number: f"Demo counted {'lantern' if number % 3 else 'other'} {number}",
    )
    members_only = ReviewPageFactory(
        parent=site_tree.reviews, title="Demo counted lantern members", themes=themes
    )
    restrict_to_members(members_only)
    draft = ReviewPageFactory(
        parent=site_tree.reviews, title="Demo counted lantern draft", themes=themes, live=False
    )
    reviews = site_tree.reviews.get_reviews()
    matching = search_queryset(reviews, "lantern")
    facets = option_counts.as_facets(ReviewFilterForm.facets)
    items = option_counts.kept_items(reviews, facets, ReviewFilterForm.sort_orders)
    ids = matching_ids(reviews, "lantern")
    matched = items.matching(ids)
    # On SQLite the full-text index finds them too; the kept items leave them out.
    assert not {members_only.pk, draft.pk} & set(items.options)
    choices = [{}] + [
        {facet: value} for facet in facets for value in matched.counts(facet, {}) if value
    ]
    assert len(choices) > 8

    def narrowed(chosen, *, leaving_out=None):
        lookups = {facets[name].lookup: value for name, value in chosen.items()}
        lookups.pop(getattr(facets.get(leaving_out), "lookup", None), None)
        return matching.filter(**lookups).distinct()

    for chosen in choices:
        for facet, spec in facets.items():
            expected = {}
            for review in narrowed(chosen, leaving_out=facet):
                for option in options_of(review, facet, spec):
                    if option is not None:
                        expected[option] = expected.get(option, 0) + 1
            counted = {option: n for option, n in matched.counts(facet, chosen).items() if option}
            assert counted == expected, (facet, chosen)
        assert matched.total(chosen) == narrowed(chosen).count(), chosen
        for sort, order in ReviewFilterForm.sort_orders.items():
            in_the_database = list(narrowed(chosen).order_by(*order).values_list("pk", flat=True))
            assert items.ordered(ids, sort, chosen) == in_the_database, (sort, chosen)


@pytest.mark.parametrize(
    "words",
    ["lantern", "lantern demo", '"counted lantern"', 'demo "lantern 3"', "the", '"', "zzzq"],
)
def test_a_listing_search_finds_what_wagtails_search_finds(site_tree, words):
    """The ids a searched listing counts from (``matching_ids``: the full-text index alone)
    are, within the listing, exactly those Wagtail's search finds, for words, phrases, stop
    words and stray quotes, on SQLite and on PostgreSQL."""
    for number in range(6):
        ReviewPageFactory(
            parent=site_tree.reviews,
            title=f"Demo counted {'lantern' if number % 2 else 'other'} {number}",
        )
    reviews = site_tree.reviews.get_reviews()
    listed = set(reviews.values_list("pk", flat=True))

    found = matching_ids(reviews, words) & listed

    assert found == set(search_queryset(reviews, words).values_list("pk", flat=True))
    if words == "lantern":
        assert len(found) == 3
