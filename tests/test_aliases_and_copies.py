"""Aliases and copies of members-only pages never show their content to anyone else.

An alias shows its original's content wherever it sits, and a copy carries it. Wagtail's Copy
view (with or without "Alias") and ``Page.copy``/``Page.create_alias`` refuse a destination
where readers who may not read the original could read the result; and an alias that ends up
in a public place anyway (made by other code, moved out of the secure area, or its original
restricted after it was made) is itself members-only, by ``safeguarding_site.privacy``: for
serving, listings, search, sitemap and feeds alike.
"""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Page, PageViewRestriction

from safeguarding_site import privacy
from tests.factories import (
    TEST_PASSWORD,
    StandardPageFactory,
    UserFactory,
    members_group,
    restrict_to_members,
)
from tests.html import soup_of
from tests.test_privacy import shown_titles

MODERATORS = "Moderators"  # Wagtail's group that may publish, and so make aliases


@pytest.fixture
def moderator(db):
    return UserFactory(username="test-moderator", groups=[MODERATORS])


def copy_form(page, destination, *, alias, subpages=False, slug="demo-copy"):
    """What Wagtail's Copy view posts."""
    data = {
        "new_title": f"{page.title} (copy)",
        "new_slug": slug,
        "new_parent_page": destination.pk,
    }
    if alias:
        data["alias"] = "on"
    if subpages:
        data["copy_subpages"] = "on"
    return data


def restricted_place(content, restriction_type, group_name=None):
    """A page under the home page with a restriction that is not the members'."""
    place = StandardPageFactory(parent=content.tree.home, title=f"Demo {restriction_type} area")
    restriction = PageViewRestriction.objects.create(page=place, restriction_type=restriction_type)
    if group_name:
        restriction.groups.set([Group.objects.create(name=group_name)])
    return place


# (page, where a copy of it may not go), by name
REFUSED = {
    "page in the secure area, to the home page": lambda c: (c.secure_page, c.tree.home),
    "members' review, to the public reviews": lambda c: (c.members_review, c.tree.reviews),
    "page in the secure area, to another group's area": lambda c: (
        c.secure_page,
        restricted_place(c, PageViewRestriction.GROUPS, "Demo board"),
    ),
    "page in the secure area, to an area for any signed-in user": lambda c: (
        c.secure_page,
        restricted_place(c, PageViewRestriction.LOGIN),
    ),
}


@pytest.mark.parametrize("case", REFUSED)
@pytest.mark.parametrize("alias", [True, False], ids=["alias", "copy"])
def test_admin_copy_of_a_members_only_page_to_where_others_could_read_it_is_refused(
    client, private_content, moderator, case, alias
):
    page, destination = REFUSED[case](private_content)
    client.force_login(moderator)
    pages_before = Page.objects.count()

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        copy_form(page, destination, alias=alias),
    )

    assert response.status_code == 200
    field = soup_of(response).select_one("#id_new_parent_page")
    errors = field.find_parent(class_="w-field__wrapper").get_text(" ", strip=True)
    assert f"‘{page.title}’ is for partnership members only" in errors
    assert Page.objects.count() == pages_before


def test_admin_copy_of_a_public_page_with_a_members_only_page_under_it_is_refused(
    client, private_content, moderator
):
    """Wagtail gives every copied subpage the copied page's own restriction (none, here):
    the copy of the restricted page under it would be public."""
    about = StandardPageFactory(parent=private_content.tree.home, title="Demo about us")
    board_papers = StandardPageFactory(parent=about, title="Demo board papers")
    restrict_to_members(board_papers)
    client.force_login(moderator)
    pages_before = Page.objects.count()

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[about.pk]),
        copy_form(about, private_content.tree.home, alias=False, subpages=True),
    )

    assert response.status_code == 200
    assert "‘Demo board papers’ is for partnership members only" in soup_of(response).get_text()
    assert Page.objects.count() == pages_before


@pytest.mark.parametrize("alias", [True, False], ids=["alias", "copy"])
def test_admin_copy_of_a_members_only_page_within_the_secure_area_is_made(
    client, private_content, moderator, member, alias
):
    page = private_content.secure_page
    client.force_login(moderator)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        copy_form(page, private_content.secure_area, alias=alias),
    )

    assert response.status_code == 302
    made = Page.objects.get(slug="demo-copy")
    assert (made.alias_of_id == page.pk) is alias
    assert privacy.page_is_members_only(made)


def test_a_directly_restricted_page_may_be_copied_beside_itself_with_its_restriction(
    client, private_content, moderator
):
    review = private_content.private_review
    client.force_login(moderator)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[review.pk]),
        copy_form(review, private_content.tree.reviews, alias=True),
    )

    assert response.status_code == 302
    alias = Page.objects.get(slug="demo-copy")
    client.logout()
    assert client.get(alias.url).status_code == 302


@pytest.mark.parametrize("method", ["copy", "create_alias"])
def test_code_that_copies_a_members_only_page_to_a_public_place_is_refused(private_content, method):
    page = private_content.secure_page.specific
    pages_before = Page.objects.count()
    destination = {"copy": "to", "create_alias": "parent"}[method]

    with pytest.raises(privacy.CopyWouldShowMembersOnlyPages):
        getattr(page, method)(
            **{destination: private_content.tree.home, "update_attrs": {}}
            if method == "copy"
            else {destination: private_content.tree.home}
        )

    assert Page.objects.count() == pages_before


# Aliases that end up in a public place anyway.


def alias_in_public(content, original, *, slug="demo-alias"):
    """An alias of ``original`` under the public review listing, made as other code could
    (Wagtail's action, bypassing the page's own checks)."""
    return CreatePageAliasAction(
        original.specific, parent=content.tree.reviews, update_slug=slug
    ).execute()


def public_routes(content):
    return [
        "/reviews/",
        f"/reviews/?q={quote(content.public_review.title)}",
        f"/search/?q={quote(content.public_review.title)}",
        "/sitemap.xml",
        "/reviews/feed/",
        f"/themes/{content.theme.slug}/",
        "/",
    ]


def assert_anonymous_readers_get_nothing_of(client, content, alias, title):
    """The alias's address sends them to sign in, and no route names it or its title."""
    client.logout()
    response = client.get(alias.url)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={quote(alias.url)}"
    for address in public_routes(content):
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert alias.url not in body.replace("http://localhost", ""), address
        assert title not in [text for text in shown_titles(response) if text], address


def test_an_alias_made_in_a_public_place_by_code_is_members_only(client, private_content, member):
    original = private_content.members_review
    alias = alias_in_public(private_content, original)

    assert privacy.page_is_members_only(alias)
    assert_anonymous_readers_get_nothing_of(client, private_content, alias, original.title)
    client.force_login(member)
    assert client.get(alias.url).status_code == 200


def test_an_alias_moved_out_of_the_secure_area_stays_members_only(
    client, private_content, moderator, member
):
    original = private_content.members_review
    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[original.pk]),
        copy_form(original, private_content.members_reviews, alias=True, slug="demo-alias"),
    )
    assert response.status_code == 302
    alias = Page.objects.get(slug="demo-alias")

    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[alias.pk, private_content.tree.reviews.pk])
    )

    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.get_parent().pk == private_content.tree.reviews.pk
    assert_anonymous_readers_get_nothing_of(client, private_content, alias, original.title)
    client.force_login(member)
    assert client.get(alias.url).status_code == 200


def test_an_alias_of_a_page_restricted_later_is_members_only_at_once(
    client, superuser, private_content, member, page_cache
):
    """The alias was public: it was served and cached for anonymous visitors. Restricting its
    original in the admin (the restriction, then its groups) closes the alias too."""
    original = private_content.public_review
    alias = alias_in_public(private_content, original)
    anonymous = client.get(alias.url)
    assert anonymous.status_code == 200
    assert client.get(alias.url)["X-Page-Cache"] == "hit"
    client.force_login(superuser)

    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[original.pk]),
        {"restriction_type": "groups", "groups": [members_group().pk]},
    )

    restriction = PageViewRestriction.objects.get(page=alias)
    assert list(restriction.groups.all()) == [members_group()]
    assert_anonymous_readers_get_nothing_of(client, private_content, alias, original.title)
    client.force_login(member)
    assert client.get(alias.url).status_code == 200


def test_an_aliass_own_restriction_cannot_be_removed_while_its_original_is_members_only(
    client, superuser, private_content
):
    alias = alias_in_public(private_content, private_content.members_review)
    client.force_login(superuser)

    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[alias.pk]), {"restriction_type": "none"}
    )

    assert PageViewRestriction.objects.filter(page=alias).exists()
    client.logout()
    assert client.get(alias.url).status_code == 302


def test_a_non_member_is_refused_an_alias_of_a_members_only_page(
    client, private_content, non_member
):
    alias = alias_in_public(private_content, private_content.members_review)
    client.force_login(non_member)

    response = client.get(alias.url)

    assert response.status_code == 403


def test_an_alias_in_a_public_place_is_reported_as_crossing_the_boundary(private_content):
    """Before its restriction is copied to it (as the editor's draft object is), an alias of
    a members-only page placed in public is a link across the boundary."""
    page = StandardPageFactory(parent=private_content.tree.home, title="Demo public page")
    page.alias_of = private_content.secure_page

    crossings = privacy.boundary_crossings(page)

    assert [(c.kind, c.title, c.field) for c in crossings] == [
        ("page", private_content.secure_page.title, "Alias of")
    ]


def test_members_sign_in_to_an_alias_and_are_shown_it(client, private_content, member):
    alias = alias_in_public(private_content, private_content.members_review)

    client.post("/login/", {"username": member.username, "password": TEST_PASSWORD})

    assert client.get(alias.url).status_code == 200


def test_an_alias_of_a_page_moved_into_the_secure_area_is_members_only(
    client, superuser, private_content
):
    original = StandardPageFactory(parent=private_content.tree.home, title="Demo notes to move")
    alias = original.create_alias(parent=private_content.tree.home, update_slug="demo-alias")
    assert client.get(alias.url).status_code == 200
    client.force_login(superuser)

    response = client.post(
        reverse(
            "wagtailadmin_pages:move_confirm", args=[original.pk, private_content.secure_area.pk]
        )
    )

    assert response.status_code == 302
    assert privacy.page_is_members_only(Page.objects.get(pk=original.pk))
    client.logout()
    response = client.get(alias.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert alias.url not in client.get("/sitemap.xml").content.decode()
    assert "Demo notes to move" not in client.get("/search/?q=notes").content.decode()
