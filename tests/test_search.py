"""Site search at /search/: live public pages only, a clear error for a query that is too long,
and a 404 for a results page that does not exist."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from safeguarding_site.listing import PER_PAGE, QUERY_MAX_LENGTH, RankedSearch, search_query
from tests.factories import (
    BriefingPageFactory,
    ReviewPageFactory,
    StandardPageFactory,
)
from tests.html import linked_pages, soup_of

WORD = "hypothermia"  # in no default factory text, so only the pages given it match


def restrict_to_members(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Partnership members")])


def result_count_text(response):
    count = soup_of(response).select_one("main .result-count")
    return count.get_text(" ", strip=True) if count else ""


def test_search_finds_a_live_public_review_by_a_word_in_its_summary(site_tree, client):
    review = ReviewPageFactory(
        parent=site_tree.reviews,
        title="Demo review of Baby T",
        summary=f"A demo baby admitted to hospital with {WORD} in winter.",
    )
    other = ReviewPageFactory(parent=site_tree.reviews, title="Demo review of Child U")

    response = client.get("/search/", {"q": WORD})

    assert linked_pages(response, [review, other]) == [review]
    assert result_count_text(response).startswith("1 result")


def test_search_finds_briefings_and_labels_what_each_result_is(site_tree, client):
    briefing = BriefingPageFactory(
        parent=site_tree.learning,
        title="Demo briefing on cold homes",
        what_to_do=f"<p>Ask about heating: {WORD} kills babies.</p>",
    )

    response = client.get("/search/", {"q": WORD})

    assert linked_pages(response, [briefing]) == [briefing]
    link = soup_of(response).find("a", href=briefing.url)
    assert "7-minute briefing" in link.find_parent("li").get_text(" ", strip=True)


def test_search_never_shows_drafts_or_members_only_pages(site_tree, client):
    public = ReviewPageFactory(parent=site_tree.reviews, summary=f"Public {WORD} review.")
    draft = ReviewPageFactory(parent=site_tree.reviews, summary=f"Draft {WORD} review.", live=False)
    private_review = ReviewPageFactory(parent=site_tree.reviews, summary=f"Private {WORD} review.")
    restrict_to_members(private_review)
    secure_area = StandardPageFactory(
        parent=site_tree.home, title="Demo secure area", intro=f"Members: {WORD} minutes."
    )
    restrict_to_members(secure_area)
    members_page = StandardPageFactory(
        parent=secure_area, title="Demo members meeting", intro=f"Members-only {WORD} notes."
    )

    response = client.get("/search/", {"q": WORD})

    candidates = [public, draft, private_review, secure_area, members_page]
    assert linked_pages(response, candidates) == [public]
    text = soup_of(response).get_text(" ")
    assert "Demo members meeting" not in text
    assert "Private" not in text


def test_query_longer_than_the_limit_is_a_form_error(site_tree, client):
    ReviewPageFactory(parent=site_tree.reviews, summary=f"A {WORD} review.")

    response = client.get("/search/", {"q": WORD + "x" * QUERY_MAX_LENGTH})

    assert response.status_code == 400
    assert response.context["results"] is None
    error = soup_of(response).select_one("main .field__error")
    assert error is not None
    assert str(QUERY_MAX_LENGTH) in error.get_text()


def test_no_query_shows_the_empty_search_form(site_tree, client):
    response = client.get("/search/")

    assert response.status_code == 200
    soup = soup_of(response)
    form = soup.select_one("main form")
    assert form is not None and form.find("input", attrs={"name": "q"}) is not None
    assert soup.select("main .field__error") == []
    assert result_count_text(response) == ""


@pytest.mark.parametrize("page", ["abc", "0", "99", "9" * 5000])
def test_search_results_page_that_does_not_exist_is_not_found(site_tree, client, page):
    ReviewPageFactory.create_batch(
        PER_PAGE + 1, parent=site_tree.reviews, summary=f"A {WORD} review."
    )

    assert client.get("/search/", {"q": WORD, "page": "2"}).status_code == 200
    assert client.get("/search/", {"q": WORD, "page": page}).status_code == 404


ODD_QUERIES = ['"unclosed', 'say "hello', "a AND OR NOT", "(", "*", "-x", "NEAR(a b)", "\\", "'"]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_search_accepts_quotes_and_operators_without_error(site_tree, client, query):
    ReviewPageFactory(parent=site_tree.reviews, summary=f"A {WORD} review.")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


# The ranked search (``RankedSearch``, SQLite and PostgreSQL): Wagtail's matches, in its order.

RANKED_QUERIES = [
    WORD,
    f"{WORD} winter",
    f'"{WORD} in winter"',
    f'"{WORD} in" winter',
    f"{WORD}'s",
    f'{WORD} "',
    "winter",
    "nothing-matches-this",
]


@pytest.mark.parametrize("query", RANKED_QUERIES)
def test_ranked_search_gives_wagtails_matches_in_wagtails_order(site_tree, client, query):
    for number in range(4):
        ReviewPageFactory(
            parent=site_tree.reviews,
            title=f"Demo review {WORD} {number}" if number % 2 else f"Demo review {number}",
            summary=f"A demo baby admitted with {WORD} in winter{' ' + WORD * number}.",
        )
    BriefingPageFactory(parent=site_tree.learning, title=f"Demo briefing on {WORD} in winter")
    private = ReviewPageFactory(parent=site_tree.reviews, title=f"Demo private {WORD} winter")
    restrict_to_members(private)
    pages = Page.objects.live().public().exclude(depth__lte=1).specific()

    ranked = RankedSearch(pages, query)
    wagtails = list(pages.search(search_query(query)))

    assert ranked.count() == len(wagtails)
    assert [page.pk for page in ranked[0 : ranked.count()]] == [page.pk for page in wagtails]
    assert private.pk not in [page.pk for page in ranked[0:100]]
    if query == WORD:
        assert ranked.count() == 5
