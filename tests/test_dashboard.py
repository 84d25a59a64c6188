"""The admin dashboard's "Scheduled to go live" panel: each page scheduled in the admin, soonest
first, with when it goes live, who scheduled it and a link to edit it; the pages an editor may
edit only; an empty state; a page leaves it when it goes live."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission

from learning.models import NewsPage
from reviews.models import ReviewPage
from tests.factories import UserFactory, news_form_data, publish_in_admin, review_form_data
from tests.html import soup_of

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2030, 3, 4, 9, 0, tzinfo=LONDON)


def add_url(parent, model):
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def panel_rows(client):
    """The panel's rows as a reader sees them: [(title, link, goes live, by, now)]."""
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    panel = soup_of(response).select_one("#scheduled-pages-section")
    assert panel is not None, "no Scheduled to go live panel"
    rows = []
    for row in panel.select("tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
        rows.append((cells[0], row.select_one("td a")["href"], *cells[1:]))
    return panel, rows


def test_scheduled_pages_are_listed_soonest_first_with_time_scheduler_and_edit_link(
    site_tree, client
):
    scheduler = UserFactory(
        username="demo-business-manager",
        first_name="Demo",
        last_name="Manager",
        is_superuser=True,
        is_staff=True,
    )
    with time_machine.travel(NOW, tick=False):
        client.force_login(scheduler)
        later = review_form_data(title="Demo review of Child T", slug="demo-review-of-child-t")
        publish_in_admin(client, add_url(site_tree.reviews, ReviewPage), later, "2030-03-20 09:30")
        sooner = review_form_data(title="Demo review of Child S", slug="demo-review-of-child-s")
        publish_in_admin(client, add_url(site_tree.reviews, ReviewPage), sooner, "2030-03-05 18:00")

        _, rows = panel_rows(client)

    child_s = ReviewPage.objects.get(slug="demo-review-of-child-s")
    child_t = ReviewPage.objects.get(slug="demo-review-of-child-t")
    assert rows == [
        (
            "Demo review of Child S",
            reverse("wagtailadmin_pages:edit", args=[child_s.pk]),
            "5 March 2030, 18:00",
            "Demo Manager",
            "Not live yet",
        ),
        (
            "Demo review of Child T",
            reverse("wagtailadmin_pages:edit", args=[child_t.pk]),
            "20 March 2030, 09:30",
            "Demo Manager",
            "Not live yet",
        ),
    ]


def test_a_change_scheduled_for_a_live_page_says_it_will_replace_it(site_tree, client):
    with time_machine.travel(NOW, tick=False):
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        publish_in_admin(client, add_url(site_tree.reviews, ReviewPage), review_form_data())
        review = ReviewPage.objects.get()
        edit_url = reverse("wagtailadmin_pages:edit", args=[review.pk])
        changed = review_form_data(summary="A corrected demo summary.")
        publish_in_admin(client, edit_url, changed, "2030-03-05 07:00")

        _, rows = panel_rows(client)

    assert [(row[0], row[4]) for row in rows] == [
        ("Demo review of Child R", "Live: this version will replace it")
    ]


def test_the_panel_says_when_nothing_is_scheduled(site_tree, superuser_client):
    panel, rows = panel_rows(superuser_client)

    assert rows == []
    assert "No pages are scheduled to go live." in panel.get_text(" ", strip=True)


def test_an_editor_sees_only_the_scheduled_pages_they_may_edit(site_tree, client):
    with time_machine.travel(NOW, tick=False):
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        review = review_form_data()
        publish_in_admin(client, add_url(site_tree.reviews, ReviewPage), review, "2030-03-05 09:00")
        news = news_form_data()
        publish_in_admin(client, add_url(site_tree.news, NewsPage), news, "2030-03-06 09:00")

        news_editors = Group.objects.create(name="Demo news editors")
        news_editors.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=news_editors,
            page=site_tree.news,
            permission=Permission.objects.get(codename="change_page"),
        )
        client.force_login(UserFactory(username="demo-news-editor", groups=["Demo news editors"]))
        _, rows = panel_rows(client)

    assert [row[0] for row in rows] == ["Demo announcement of a national report"]


def test_a_page_leaves_the_panel_when_it_goes_live(site_tree, client):
    with time_machine.travel(NOW, tick=False) as clock:
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        review = review_form_data()
        publish_in_admin(client, add_url(site_tree.reviews, ReviewPage), review, "2030-03-04 09:30")
        assert len(panel_rows(client)[1]) == 1

        clock.move_to(datetime(2030, 3, 4, 9, 31, tzinfo=LONDON))
        call_command("run_scheduler", "--once", stdout=io.StringIO())

        assert panel_rows(client)[1] == []
    assert ReviewPage.objects.get().live
