"""``manage.py generate_reviews N``: generated reviews are ordinary published review pages that
render, are listed and are found by search, and a later run numbers on from the last one.

The reviews are generated once for the module (in a transaction rolled back at the end), under
a site with a review index and a few themes; each test runs in a savepoint inside it.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from reviews.models import ReviewPage
from safeguarding_site.listing import PER_PAGE
from tests.factories import ThemeFactory, create_site_tree
from tests.html import linked_pages, soup_of

COUNT = 30


def generate_reviews(count):
    call_command("generate_reviews", str(count), stdout=io.StringIO())


def generated():
    return ReviewPage.objects.filter(slug__startswith="generated-review-").order_by("path")


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings, module_media_root):
    """Overrides the suite's per-test media folder: the module's shared report lives here."""
    settings.MEDIA_ROOT = module_media_root


@pytest.fixture(scope="module")
def generated_site(module_transaction):
    """A site with a review index, five themes and ``COUNT`` generated reviews."""
    tree = create_site_tree()
    ThemeFactory.create_batch(5)
    generate_reviews(COUNT)
    return tree


@pytest.fixture
def site(generated_site, db):
    """Database access for one test, in a savepoint inside the module's generated reviews."""
    return generated_site


def test_generate_reviews_adds_that_many_live_public_reviews(site):
    reviews = generated()

    assert reviews.count() == COUNT
    assert ReviewPage.objects.live().public().count() == COUNT
    assert [review.slug for review in reviews][:2] == [
        "generated-review-000001",
        "generated-review-000002",
    ]
    assert not any(Page.find_problems())


def test_every_generated_review_renders_with_its_recommendations(site, client):
    for review in generated():
        response = client.get(review.url)

        assert response.status_code == 200, review.url
        soup = soup_of(response)
        assert soup.find("h1").get_text(strip=True) == review.title
        for recommendation in review.recommendations.all():
            assert recommendation.text in soup.select_one("main").get_text(" ", strip=True)


def test_generated_reviews_are_listed_newest_first(site, client):
    newest = list(ReviewPage.objects.order_by("-published_date", "-pk")[:PER_PAGE])

    response = client.get("/reviews/")

    count = soup_of(response).select_one(".result-count").get_text(" ", strip=True)
    assert count.startswith(f"{COUNT} reviews")
    assert linked_pages(response, list(generated())) == newest


@pytest.mark.parametrize("address", ["/search/", "/reviews/"])
def test_search_finds_a_generated_review_by_its_pseudonym(site, client, address):
    review = generated()[COUNT // 2]

    response = client.get(address, {"q": review.pseudonym})

    assert linked_pages(response, list(generated())) == [review]


def test_an_editor_can_open_a_generated_review_in_the_admin(site, superuser_client):
    review = generated().last()

    response = superuser_client.get(f"/admin/pages/{review.pk}/edit/")

    assert response.status_code == 200
    assert review.title in response.content.decode()


def test_a_second_run_numbers_on_from_the_last_generated_review(site):
    generate_reviews(5)

    reviews = list(generated())
    assert len(reviews) == COUNT + 5
    assert reviews[-1].slug == f"generated-review-{COUNT + 5:06d}"
    assert reviews == sorted(reviews, key=lambda review: review.slug)
    index = Page.objects.get(pk=site.reviews.pk)
    assert index.numchild == index.get_children().count() == COUNT + 5
    assert not any(Page.find_problems())


def test_without_a_review_index_it_asks_for_the_demo_content_first(site):
    site.reviews.delete()

    with pytest.raises(CommandError, match="load_demo_content"):
        generate_reviews(1)
