"""Which kinds of view restriction editors may set, and how the admin names each.

Pages and document collections are restricted to groups (the partnership's members) only: a
shared password is one leaked password from public, and "any signed-in user" lets every staff
account read. Every page type is checked by introspection, so a new one fails here until it
takes the site's privacy mixin. Collections restricted before this rule keep their kind, and
the documents list and chooser say truthfully who can download from them.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    get_page_models,
)

from safeguarding_site import privacy
from safeguarding_site.page_copies import PrivacyKeepingCopyForm
from tests.factories import DocumentFactory, members_group

SITE_PAGE_MODELS = [model for model in get_page_models() if model is not Page]
ALLOWED = {"none", "groups"}  # "none" is how the form makes a page or collection public again


def offered_kinds(response):
    html = json.loads(response.content)["html"]
    soup = BeautifulSoup(html, "html.parser")
    return {radio["value"] for radio in soup.select("input[name=restriction_type]")}


def test_the_site_has_page_types_to_check():
    assert len(SITE_PAGE_MODELS) >= 9


def test_only_wagtails_own_root_type_is_left_out():
    """``Page`` itself is the tree's root, which no editor can create or restrict to fewer
    readers than the site's pages below it."""
    assert not Page.is_creatable
    assert {model._meta.app_label for model in SITE_PAGE_MODELS} <= {
        "safeguarding_site",
        "reviews",
        "learning",
    }


@pytest.mark.parametrize("model", SITE_PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_offers_group_restrictions_only(model):
    assert model.private_page_options == privacy.PAGE_RESTRICTION_OPTIONS == ["groups"]


@pytest.mark.parametrize("model", SITE_PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_guards_its_copies_and_aliases(model):
    assert issubclass(model.copy_form_class, PrivacyKeepingCopyForm)


@pytest.mark.parametrize("model", SITE_PAGE_MODELS, ids=lambda model: model.__name__)
def test_the_admin_offers_and_accepts_group_restrictions_only_on_every_page_type(
    superuser_client, private_content, model
):
    page = model.objects.exclude(view_restrictions__isnull=False).first()
    assert page is not None, f"add a {model.__name__} to tests.factories.create_private_content"
    address = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])

    assert offered_kinds(superuser_client.get(address)) <= ALLOWED | {"inherit"}
    for kind in ("login", "password"):
        superuser_client.post(address, {"restriction_type": kind, "password": "shared-secret-1"})
    assert not PageViewRestriction.objects.filter(page=page).exists()
    superuser_client.post(address, {"restriction_type": "groups", "groups": [members_group().pk]})
    assert PageViewRestriction.objects.filter(page=page, restriction_type="groups").exists()


# Collections.


@pytest.fixture
def collection(db):
    return Collection.get_first_root_node().add_child(name="Demo collection to restrict")


def test_the_collection_privacy_form_offers_group_restrictions_only(superuser_client, collection):
    response = superuser_client.get(
        reverse("wagtailadmin_collections:set_privacy", args=[collection.pk])
    )

    assert offered_kinds(response) == ALLOWED


@pytest.mark.parametrize("kind", ["login", "password"])
def test_the_collection_privacy_form_refuses_other_kinds(superuser_client, collection, kind):
    superuser_client.post(
        reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]),
        {"restriction_type": kind, "password": "shared-secret-1"},
    )

    assert not CollectionViewRestriction.objects.filter(collection=collection).exists()


def test_the_collection_privacy_form_sets_and_removes_a_group_restriction(
    superuser_client, collection
):
    address = reverse("wagtailadmin_collections:set_privacy", args=[collection.pk])

    superuser_client.post(address, {"restriction_type": "groups", "groups": [members_group().pk]})
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert list(restriction.groups.all()) == [members_group()]
    assert offered_kinds(superuser_client.get(address)) == ALLOWED

    superuser_client.post(address, {"restriction_type": "none"})
    assert not CollectionViewRestriction.objects.filter(collection=collection).exists()


def test_a_collection_under_a_restricted_one_is_changed_there(superuser_client, collection):
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    ).groups.set([members_group()])
    child = collection.add_child(name="Demo minutes")

    response = superuser_client.get(
        reverse("wagtailadmin_collections:set_privacy", args=[child.pk])
    )

    assert "Demo collection to restrict" in json.loads(response.content)["html"]
    assert offered_kinds(response) == set()


# Who can download: each kind of restriction named for what it is.

LABELS = {
    None: "Public",
    CollectionViewRestriction.GROUPS: "Members only",
    CollectionViewRestriction.LOGIN: "Signed-in users",
    CollectionViewRestriction.PASSWORD: "Anyone with the password",
}


def test_every_kind_of_restriction_has_its_own_label():
    kinds = {kind for kind, _label in CollectionViewRestriction.RESTRICTION_CHOICES}
    assert kinds - {CollectionViewRestriction.NONE} | {None} == set(LABELS)
    assert len(set(LABELS.values())) == len(LABELS)


@pytest.fixture
def documents_by_kind(db):
    """A document in a collection of each kind of restriction (made as before the rule)."""
    documents = {}
    for kind in LABELS:
        collection = Collection.get_first_root_node().add_child(name=f"Demo {kind} collection")
        if kind is not None:
            restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=kind, password="shared-secret-1"
            )
            if kind == CollectionViewRestriction.GROUPS:
                restriction.groups.set([members_group()])
        documents[kind] = DocumentFactory(title=f"Demo {kind} document", collection=collection)
    return documents


def label_of(rows, document):
    [row] = [row for row in rows if document.title in row]
    return row


@pytest.mark.parametrize("kind", LABELS, ids=str)
def test_documents_list_says_truthfully_who_can_download(superuser_client, documents_by_kind, kind):
    response = superuser_client.get(reverse("wagtaildocs:index"))

    rows = [
        row.get_text(" ", strip=True)
        for row in BeautifulSoup(response.content, "html.parser").select("tbody tr")
    ]
    assert label_of(rows, documents_by_kind[kind]).endswith(LABELS[kind])


@pytest.mark.parametrize("kind", LABELS, ids=str)
def test_document_chooser_says_truthfully_who_can_download(
    superuser_client, documents_by_kind, kind
):
    response = superuser_client.get(reverse("wagtaildocs_chooser:choose"))

    soup = BeautifulSoup(json.loads(response.content)["html"], "html.parser")
    rows = [row.get_text(" ", strip=True) for row in soup.select("tbody tr")]
    assert label_of(rows, documents_by_kind[kind]).endswith(LABELS[kind])


def test_only_admin_staff_reach_the_collection_privacy_form(client, member, collection):
    address = reverse("wagtailadmin_collections:set_privacy", args=[collection.pk])
    for reader in (None, member):
        if reader is not None:
            client.force_login(reader)
        response = client.post(address, {"restriction_type": "none"})
        assert response.status_code in (302, 403), reader
        assert "login" in response.get("Location", "/admin/login/"), reader
