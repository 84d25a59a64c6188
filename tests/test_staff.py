"""Partnership staff in the admin: Editors draft and submit, Moderators approve and publish;
Editors keep the learning vocabulary and resources; the dashboard shows what awaits approval;
the editor's guide is in the Help menu."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from learning.models import ExternalResource, Theme
from reviews.models import ReviewPage
from tests.factories import UserFactory, create_member, review_form_data
from tests.html import soup_of


def add_review_url(reviews):
    return reverse("wagtailadmin_pages:add", args=["reviews", "reviewpage", reviews.pk])


@pytest.fixture
def editor_client(client, db):
    editor = UserFactory(username="demo-editor", first_name="Erin", groups=["Editors"])
    client.force_login(editor)
    return client


@pytest.fixture
def moderator(db):
    return UserFactory(username="demo-moderator", groups=["Moderators"])


def submit_review(client, reviews):
    data = review_form_data()
    data["action-submit"] = "Submit to Moderators approval"
    response = client.post(add_review_url(reviews), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ReviewPage.objects.get(slug="demo-review-of-child-r")


def test_an_editor_submits_a_review_and_a_moderator_approves_it(
    site_tree, editor_client, moderator, client
):
    review = submit_review(editor_client, site_tree.reviews)
    assert not review.live
    state = WorkflowState.objects.active().get(object_id=str(review.pk))

    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[review.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": "Checked against the signed-off report."},
    )

    assert response.status_code in (200, 302)
    review.refresh_from_db()
    assert review.live
    client.logout()
    assert client.get(review.url).status_code == 200


def test_the_dashboard_lists_what_awaits_approval_for_staff(site_tree, editor_client, moderator):
    submit_review(editor_client, site_tree.reviews)
    editor_client.force_login(moderator)

    response = editor_client.get(reverse("wagtailadmin_home"))

    panel = soup_of(response).find(id="awaiting-approval-section")
    text = panel.get_text(" ", strip=True)
    assert "Awaiting approval" in text
    assert "Demo review of Child R" in text
    assert "Erin" in text or "demo-editor" in text


def test_nothing_awaiting_approval_says_so(site_tree, moderator, client):
    client.force_login(moderator)

    response = client.get(reverse("wagtailadmin_home"))

    assert "Nothing is waiting for approval." in soup_of(response).get_text()


def test_editors_keep_the_learning_vocabulary_and_resources(editor_client, db):
    theme = editor_client.post(
        reverse("wagtailsnippets_learning_theme:add"),
        {"name": "Demo online harm", "slug": "demo-online-harm", "description": ""},
    )
    resource = editor_client.post(
        reverse("wagtailsnippets_learning_externalresource:add"),
        {
            "title": "Demo NSPCC briefing on online harm",
            "url": "https://example.org/online-harm/",
            "publisher": "nspcc",
            "resource_type": "briefing-paper",
            "description": "",
            "action-publish": "action-publish",
        },
    )

    assert theme.status_code == 302
    assert Theme.objects.filter(slug="demo-online-harm").exists()
    assert resource.status_code == 302
    assert ExternalResource.objects.get(title__startswith="Demo NSPCC").live


def test_the_editors_guide_is_in_the_help_menu_and_opens(editor_client):
    home = editor_client.get(reverse("wagtailadmin_home"))
    guide_url = reverse("partnership_editors_guide")

    assert guide_url in home.content.decode()  # the sidebar's Help menu
    response = editor_client.get(guide_url)
    assert response.status_code == 200
    headings = [heading.get_text(strip=True) for heading in soup_of(response).select("h2")]
    assert "Who does what" in headings
    assert "Documents and the secure area" in headings


def test_the_editors_guide_is_for_staff_only(client, db):
    client.force_login(create_member(username="demo-member"))

    response = client.get(reverse("partnership_editors_guide"))

    assert response.status_code in (302, 403)
