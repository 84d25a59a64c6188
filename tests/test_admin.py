"""The Wagtail admin: sign-in, the learning snippets and the partnership's site settings."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from learning.models import ExternalResource
from safeguarding_site.models import PartnershipSettings
from tests.factories import ExternalResourceFactory, ThemeFactory, UserFactory
from tests.html import soup_of


def edit_links(response, url_name, objects):
    """The objects of ``objects`` whose edit link the admin listing shows."""
    assert response.status_code == 200
    hrefs = {link["href"] for link in soup_of(response).select("a[href]")}
    return {obj for obj in objects if reverse(url_name, args=[obj.pk]) in hrefs}


def test_admin_login_page_renders_its_form(db, client):
    response = client.get(reverse("wagtailadmin_login"))

    assert response.status_code == 200
    form = soup_of(response).find("form", attrs={"method": "post"})
    assert form.find("input", attrs={"name": "username"}) is not None
    assert form.find("input", attrs={"name": "password", "type": "password"}) is not None


def test_admin_sends_visitors_who_are_not_signed_in_to_the_login_page(client):
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_partnership_member_without_admin_access_is_kept_out_of_the_admin(db, client):
    client.force_login(UserFactory(groups=["Partnership members"]))

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_admin_signs_in_with_username_and_password(db, client):
    user = UserFactory(username="demo-admin", is_superuser=True, is_staff=True)

    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": "a-long-test-password-0192"},
    )

    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.fixture
def themes(db):
    return [
        ThemeFactory(name="Neglect", description="Neglect of a child's basic needs."),
        ThemeFactory(name="Domestic abuse", description="Abuse between adults in a household."),
        ThemeFactory(name="Safe sleeping", description="Sudden unexpected death in infancy."),
    ]


def test_themes_are_listed_in_the_admin(superuser_client, themes):
    response = superuser_client.get(reverse("wagtailsnippets_learning_theme:list"))

    assert edit_links(response, "wagtailsnippets_learning_theme:edit", themes) == set(themes)


def test_themes_can_be_searched_in_the_admin(superuser_client, themes):
    neglect = themes[0]

    response = superuser_client.get(
        reverse("wagtailsnippets_learning_theme:list"), {"q": "neglect"}
    )

    assert edit_links(response, "wagtailsnippets_learning_theme:edit", themes) == {neglect}


@pytest.fixture
def resources(db):
    return [
        ExternalResourceFactory(title="NSPCC case review repository"),
        ExternalResourceFactory(
            title="Child protection in England",
            publisher=ExternalResource.Publisher.NATIONAL_PANEL,
            resource_type=ExternalResource.ResourceType.NATIONAL_REVIEW,
        ),
    ]


def test_external_resources_are_listed_in_the_admin(superuser_client, resources):
    response = superuser_client.get(reverse("wagtailsnippets_learning_externalresource:list"))

    edit = "wagtailsnippets_learning_externalresource:edit"
    assert edit_links(response, edit, resources) == set(resources)


def test_external_resources_can_be_searched_in_the_admin(superuser_client, resources):
    response = superuser_client.get(
        reverse("wagtailsnippets_learning_externalresource:list"), {"q": "repository"}
    )

    edit = "wagtailsnippets_learning_externalresource:edit"
    assert edit_links(response, edit, resources) == {resources[0]}


def test_site_settings_edit_view_opens(site_tree, superuser_client):
    url = reverse(
        "wagtailsettings:edit",
        args=["safeguarding_site", "partnershipsettings", site_tree.site.pk],
    )

    response = superuser_client.get(url)

    assert response.status_code == 200
    form = soup_of(response).find("input", attrs={"name": "partnership_name"})
    assert form is not None


def test_site_settings_change_what_every_public_page_shows(site_tree, superuser_client, client):
    url = reverse(
        "wagtailsettings:edit",
        args=["safeguarding_site", "partnershipsettings", site_tree.site.pk],
    )
    form_html = superuser_client.get(url).content.decode()
    data = querydict_from_html(form_html, form_id="w-editor-form")
    data.update(nested_form_data({"footer_links": streamfield([])}))  # drawn by JavaScript
    data["partnership_name"] = "Demo Shire Safeguarding Children Partnership"
    data["emergency_text"] = "Demo: if a child is in danger now, call 999."

    response = superuser_client.post(url, data)

    assert response.status_code == 302
    settings = PartnershipSettings.for_site(site_tree.site)
    assert settings.partnership_name == "Demo Shire Safeguarding Children Partnership"
    client.logout()
    home = soup_of(client.get("/")).get_text(" ")
    assert "Demo Shire Safeguarding Children Partnership" in home
    assert "Demo: if a child is in danger now, call 999." in home
