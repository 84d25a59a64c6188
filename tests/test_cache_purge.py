"""Every admin route that changes what is private empties the page cache, now and on commit.

A public review lists a document from an ordinary collection ("Demo board papers", under
"Demo archive"). Anonymous visitors get the review from the page cache. Then a member of staff
changes what is private through the real admin view (the Django test client posting to the
Wagtail admin, as the browser would): the next anonymous visitor must not get the cached copy,
and must not see the document's title or address once it is private or gone.

Wagtail makes some of these changes without a save signal: the bulk "Add to collection" writes
with ``QuerySet.update()``, and moving a collection is a treebeard move of paths. Each change
also purges again when it commits (``purge_all``): the test runs the commit's callbacks after a
copy has been cached in between, and that copy must go too.

Run with ``REDIS_URL`` set, the cache is Redis, as in production.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import factory
import pytest
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from reviews.models import ReviewPage
from tests.factories import (
    PDF_BYTES,
    DocumentFactory,
    PrivateContent,
    ReviewDocumentFactory,
    create_editor,
    members_group,
    root_collection,
)

WORD = "Tansyleaf"  # in the title and file name of the document that stops being public


@pytest.fixture
def scene(private_content, page_cache):
    """The public review listing a document from "Demo archive / Demo board papers", and a
    public document from the root collection that stays public; an empty collection, "Demo
    members' drafts", in the members' collection."""
    archive = root_collection().add_child(name="Demo archive")
    board_papers = archive.add_child(name="Demo board papers")
    document = DocumentFactory(
        title=f"{WORD} board minutes",
        collection=board_papers,
        file=factory.django.FileField(filename=f"{WORD.lower()}-minutes.pdf", data=PDF_BYTES),
    )
    ReviewDocumentFactory(review=private_content.public_review, document=document)
    ReviewDocumentFactory(
        review=private_content.public_review, document=private_content.public_document
    )
    # Read again: adding "Demo archive" before it in name order moved its path.
    members = Collection.objects.get(pk=private_content.private_document.collection_id)
    return Scene(
        content=private_content,
        archive=archive,
        board_papers=board_papers,
        members=members,
        drafts=members.add_child(name="Demo members' drafts"),
        document=document,
        review_url=private_content.public_review.url,
    )


@dataclass
class Scene:
    """What a test in this module works on."""

    content: PrivateContent
    archive: Collection
    board_papers: Collection
    members: Collection
    drafts: Collection
    document: Document
    review_url: str


@pytest.fixture
def staff(superuser):
    """Signed-in admin clients: the business manager (a superuser, who manages collections
    and their privacy) and an editor (Wagtail's Editors group, who edits documents)."""
    manager, editor = Client(), Client()
    manager.force_login(superuser)
    editor.force_login(create_editor(username="test-document-editor"))
    return {"manager": manager, "editor": editor}


def shows_document(response, document):
    """Whether the page names the document or links to it."""
    body = response.content.decode()
    return document.title in body or document.url in body


def cached_copy_of(client, address):
    """Ask twice; the second answer comes from the cache (or the test fails)."""
    first = client.get(address)
    assert first.status_code == 200, address
    second = client.get(address)
    assert second["X-Page-Cache"] == "hit", address
    return second


def bulk_action_url(app_label, model_name, action, ids, next_url):
    """The admin's address for a bulk action on the objects ``ids``, as its listing links it."""
    query = urlencode([("next", next_url), *(("id", pk) for pk in ids)])
    return f"{reverse('wagtail_bulk_action', args=(app_label, model_name, action))}?{query}"


def documents_bulk_url(scene, action):
    """The bulk ``action`` on the scene's document, from the admin's document listing."""
    return bulk_action_url(
        "wagtaildocs", "document", action, [scene.document.pk], reverse("wagtaildocs:index")
    )


def admin_post(staff, who, url, data=None):
    """POST as the "manager" or the "editor"; the admin must accept it: a redirect, or for the
    privacy modal its JSON "done" step."""
    response = staff[who].post(url, data or {})
    assert response.status_code in (200, 302), response.content[:500]
    if response.status_code == 200:
        assert response.json()["step"] == "set_privacy_done"
    return response


# The routes. Each takes the scene and the staff's clients and makes the change.


def move_collection_in_admin(scene, staff):
    url = reverse("wagtailadmin_collections:edit", args=[scene.board_papers.pk])
    admin_post(staff, "manager", url, {"name": scene.board_papers.name, "parent": scene.members.pk})


def restrict_collection_in_admin(scene, staff):
    url = reverse("wagtailadmin_collections:set_privacy", args=[scene.board_papers.pk])
    admin_post(
        staff, "manager", url, {"restriction_type": "groups", "groups": [members_group().pk]}
    )


def edit_document_into_members_collection(scene, staff):
    url = reverse("wagtaildocs:edit", args=[scene.document.pk])
    data = {"title": scene.document.title, "collection": scene.members.pk, "tags": ""}
    admin_post(staff, "editor", url, data)


def add_documents_to_members_collection_in_bulk(scene, staff):
    url = documents_bulk_url(scene, "add_to_collection")
    admin_post(staff, "editor", url, {"collection": scene.members.pk})


def delete_documents_in_bulk(scene, staff):
    admin_post(staff, "manager", documents_bulk_url(scene, "delete"))


def move_collection_in_code(scene, staff):
    """As a shell session or a data migration would: a bare treebeard move, no save signal."""
    Collection.objects.get(pk=scene.board_papers.pk).move(scene.members, "sorted-child")


HIDING_ROUTES = [
    pytest.param(move_collection_in_admin, id="collection moved under the members' collection"),
    pytest.param(restrict_collection_in_admin, id="collection restricted to members"),
    pytest.param(edit_document_into_members_collection, id="document edited into members'"),
    pytest.param(
        add_documents_to_members_collection_in_bulk, id="documents bulk added to members'"
    ),
    pytest.param(delete_documents_in_bulk, id="documents deleted in bulk"),
    pytest.param(move_collection_in_code, id="collection moved by treebeard in code"),
]


@pytest.mark.parametrize("change", HIDING_ROUTES)
def test_cached_public_page_stops_showing_a_document_made_private_or_deleted(
    client, scene, staff, django_capture_on_commit_callbacks, change
):
    assert shows_document(cached_copy_of(client, scene.review_url), scene.document)

    with django_capture_on_commit_callbacks() as commit:
        change(scene, staff)
    response = client.get(scene.review_url)

    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    assert not shows_document(response, scene.document)
    assert shows_document(response, scene.content.public_document)  # the page still lists
    assert_purged_again_on_commit(client, scene.review_url, commit)


# The other way: the document becomes public again, and the cached page (without it) goes.


def unrestrict_collection_in_admin(scene, staff):
    url = reverse("wagtailadmin_collections:set_privacy", args=[scene.board_papers.pk])
    admin_post(staff, "manager", url, {"restriction_type": "none"})


def move_collection_out_in_admin(scene, staff):
    url = reverse("wagtailadmin_collections:edit", args=[scene.board_papers.pk])
    admin_post(staff, "manager", url, {"name": scene.board_papers.name, "parent": scene.archive.pk})


def restrict_collection_in_code(scene, staff):
    CollectionViewRestriction.objects.create(
        collection=scene.board_papers, restriction_type=CollectionViewRestriction.LOGIN
    )


@pytest.mark.parametrize(
    ("make_private", "make_public"),
    [
        pytest.param(
            restrict_collection_in_code, unrestrict_collection_in_admin, id="restriction removed"
        ),
        pytest.param(
            move_collection_in_code,
            move_collection_out_in_admin,
            id="collection moved out of the members' collection",
        ),
    ],
)
def test_cached_public_page_shows_a_document_made_public_again(
    client, scene, staff, django_capture_on_commit_callbacks, make_private, make_public
):
    make_private(scene, staff)
    assert not shows_document(cached_copy_of(client, scene.review_url), scene.document)

    with django_capture_on_commit_callbacks() as commit:
        make_public(scene, staff)
    response = client.get(scene.review_url)

    assert response.get("X-Page-Cache") != "hit"
    assert shows_document(response, scene.document)
    assert_purged_again_on_commit(client, scene.review_url, commit)


# Changes that hide nothing by themselves, but are part of changing what is private.


def create_collection_in_admin(scene, staff):
    url = reverse("wagtailadmin_collections:add")
    admin_post(staff, "manager", url, {"name": "Demo members' minutes", "parent": scene.members.pk})


def delete_collection_in_admin(scene, staff):
    """Wagtail deletes only a collection with no documents (it answers 403 otherwise)."""
    admin_post(staff, "manager", reverse("wagtailadmin_collections:delete", args=[scene.drafts.pk]))


def tag_documents_in_bulk(scene, staff):
    admin_post(staff, "editor", documents_bulk_url(scene, "add_tags"), {"tags": "minutes"})


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(create_collection_in_admin, id="collection created"),
        pytest.param(delete_collection_in_admin, id="collection deleted"),
        pytest.param(tag_documents_in_bulk, id="documents tagged in bulk"),
    ],
)
def test_every_collection_change_and_document_bulk_action_empties_the_page_cache(
    client, scene, staff, django_capture_on_commit_callbacks, change
):
    cached_copy_of(client, scene.review_url)

    with django_capture_on_commit_callbacks() as commit:
        change(scene, staff)

    assert client.get(scene.review_url).get("X-Page-Cache") != "hit"
    assert_purged_again_on_commit(client, scene.review_url, commit)


def test_review_moved_into_the_secure_area_in_bulk_leaves_every_cached_page(
    client, scene, staff, django_capture_on_commit_callbacks
):
    review = scene.content.public_review
    listing = "/reviews/"
    assert review.title in cached_copy_of(client, listing).content.decode()
    cached_copy_of(client, review.url)

    with django_capture_on_commit_callbacks() as commit:
        admin_post(
            staff,
            "manager",
            bulk_action_url("wagtailcore", "page", "move", [review.pk], listing),
            {"chooser": scene.content.members_reviews.pk},
        )

    assert ReviewPage.objects.get(pk=review.pk).get_parent().pk == scene.content.members_reviews.pk
    # Its old address redirects (Wagtail adds a redirect on a move) to the login page.
    assert client.get(review.url, follow=True).redirect_chain[-1][0].startswith("/login/")
    response = client.get(listing)
    assert response.get("X-Page-Cache") != "hit"
    assert review.title not in response.content.decode()
    assert_purged_again_on_commit(client, listing, commit)


def assert_purged_again_on_commit(client, address, commit_callbacks):
    """A copy cached after the change but before its commit (it may have read the old rows)
    is not served once the change commits."""
    assert commit_callbacks, "the change registered no purge for its commit"
    assert client.get(address)["X-Page-Cache"] == "hit"
    for callback in commit_callbacks:
        callback()
    assert client.get(address).get("X-Page-Cache") != "hit"
