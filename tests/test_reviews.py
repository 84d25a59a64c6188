"""Reviews: an editor publishes a review with its recommendations; drafts stay private; a
review's page shows its recommendations in order and its documents with type and size."""

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from reviews.models import ReviewDocument, ReviewPage
from tests.factories import (
    DocumentFactory,
    RecommendationFactory,
    ReviewDocumentFactory,
    ReviewPageFactory,
    ThemeFactory,
    UserFactory,
    recommendation_form_data,
    review_form_data,
)
from tests.html import linked_pages, section_headed, soup_of

RECOMMENDATIONS = [
    ("R1", "Health visitors check for bruising at every contact with a non-mobile baby."),
    ("R2", "Children's social care includes every adult in the household in assessments."),
]


def add_review_url(reviews):
    return reverse("wagtailadmin_pages:add", args=["reviews", "reviewpage", reviews.pk])


@pytest.fixture(params=["superuser", "moderator"])
def publisher_client(request, client, db):
    """A signed-in user who may publish: a superuser or one of Wagtail's Moderators."""
    if request.param == "superuser":
        user = UserFactory(is_superuser=True, is_staff=True)
    else:
        user = UserFactory(groups=["Moderators"])
    client.force_login(user)
    return client


def test_review_published_in_the_admin_is_listed_with_its_recommendations(
    site_tree, publisher_client, client
):
    theme = ThemeFactory(name="Physical abuse")
    data = review_form_data(
        themes=[theme],
        recommendations=[recommendation_form_data(ref, text) for ref, text in RECOMMENDATIONS],
    )
    data["action-publish"] = "action-publish"

    response = publisher_client.post(add_review_url(site_tree.reviews), data)

    assert response.status_code == 302, response.context["form"].errors
    review = ReviewPage.objects.get(slug="demo-review-of-child-r")
    assert review.live
    assert [(r.reference, r.text) for r in review.recommendations.all()] == RECOMMENDATIONS

    client.logout()
    listing = client.get("/reviews/")
    assert listing.status_code == 200
    assert linked_pages(listing, [review]) == [review]

    page = client.get(review.url)
    assert page.status_code == 200
    rows = section_headed(soup_of(page), "Recommendations")
    shown = [row.get_text(" ", strip=True) for row in rows.select("tbody tr")]
    assert len(shown) == 2
    for (reference, text), row in zip(RECOMMENDATIONS, shown, strict=True):
        assert reference in row and text in row


def test_editor_without_publish_permission_only_saves_a_draft(site_tree, client):
    """Wagtail's Editors group may add and edit pages; publishing is for Moderators."""
    client.force_login(UserFactory(groups=["Editors"]))
    data = review_form_data()
    data["action-publish"] = "action-publish"

    response = client.post(add_review_url(site_tree.reviews), data)

    assert response.status_code == 302
    review = ReviewPage.objects.get(slug="demo-review-of-child-r")
    assert not review.live
    client.logout()
    assert linked_pages(client.get("/reviews/"), [review]) == []


def test_draft_review_is_not_listed_and_its_address_is_not_found(
    site_tree, superuser_client, client
):
    live = ReviewPageFactory(parent=site_tree.reviews, title="Demo live review")
    response = superuser_client.post(add_review_url(site_tree.reviews), review_form_data())
    assert response.status_code == 302
    draft = ReviewPage.objects.get(slug="demo-review-of-child-r")
    assert not draft.live
    assert draft.has_unpublished_changes

    client.logout()
    assert linked_pages(client.get("/reviews/"), [live, draft]) == [live]
    assert client.get(draft.url).status_code == 404


def test_review_page_shows_its_documents_with_type_and_size(site_tree, client):
    review = ReviewPageFactory(parent=site_tree.reviews)
    report = ReviewDocumentFactory(
        review=review,
        document=DocumentFactory(title="Demo full report"),
        document_type=ReviewDocument.DocumentType.FULL_REPORT,
    )
    summary = ReviewDocumentFactory(
        review=review,
        document=DocumentFactory(title="Demo executive summary"),
        document_type=ReviewDocument.DocumentType.EXECUTIVE_SUMMARY,
    )

    response = client.get(review.url)

    assert response.status_code == 200
    section = section_headed(soup_of(response), "Documents")
    for item in (report, summary):
        document = item.document
        link = section.find("a", href=document.url)
        assert link is not None, f"no link to {document.url}"
        assert link.get_text(strip=True) == document.title
        entry = link.find_parent("li").get_text(" ", strip=True)
        assert item.get_document_type_display() in entry
        assert "PDF" in entry
        assert filesizeformat(document.file_size) in entry


def test_review_document_links_go_through_the_checked_download_view(site_tree, client):
    review = ReviewPageFactory(parent=site_tree.reviews)
    item = ReviewDocumentFactory(review=review)

    response = client.get(item.document.url)

    assert item.document.url.startswith("/documents/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_review_page_lists_its_recommendations_in_the_editors_order(site_tree, client):
    review = ReviewPageFactory(parent=site_tree.reviews)
    # Created out of order: the page follows the editor's order (sort_order), not creation.
    third = RecommendationFactory(review=review, reference="R3", sort_order=2)
    first = RecommendationFactory(review=review, reference="R1", sort_order=0)
    second = RecommendationFactory(review=review, reference="R2", sort_order=1)

    response = client.get(review.url)

    section = section_headed(soup_of(response), "Recommendations")
    rows = section.select("tbody tr")
    assert [row.find(["th", "td"]).get_text(strip=True) for row in rows] == [
        first.reference,
        second.reference,
        third.reference,
    ]
    assert [first.text, second.text, third.text] == [
        row.find_all("td")[0].get_text(strip=True) for row in rows
    ]


def title_only_form_data():
    return nested_form_data(
        {
            "title": "Demo review still being written",
            "slug": "demo-review-still-being-written",
            "learning_points": streamfield([]),
            "recommendations": inline_formset([]),
            "documents": inline_formset([]),
        }
    )


def test_draft_review_can_be_saved_with_only_a_title(site_tree, superuser_client):
    """Editors start a review the day the panel signs it off and fill it in over weeks."""
    response = superuser_client.post(add_review_url(site_tree.reviews), title_only_form_data())

    if response.status_code != 302:
        pytest.fail(f"the draft was refused: {dict(response.context['form'].errors)}")
    draft = ReviewPage.objects.get(slug="demo-review-still-being-written")
    assert not draft.live


def test_publishing_a_review_without_type_or_summary_is_refused(
    site_tree, superuser_client, client
):
    """The date may be left empty: the review then takes the day it goes live
    (tests/test_scheduled_publishing.py)."""
    data = title_only_form_data()
    data["action-publish"] = "action-publish"

    response = superuser_client.post(add_review_url(site_tree.reviews), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"review_type", "summary"} <= set(errors)
    assert "published_date" not in errors
    soup = soup_of(response)
    assert soup.select(".error-message, .w-field__errors"), "the errors are not shown"
    assert not ReviewPage.objects.live().exists()
    client.logout()
    assert client.get("/reviews/demo-review-still-being-written/").status_code == 404
