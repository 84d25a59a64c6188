"""Addresses of members-only material typed or pasted by an editor, instead of chosen.

An editor can paste ``https://<site>/secure-area/minutes/`` or ``/documents/23/minutes.pdf``
into a URL field, a URL block or a rich-text link made by address. Every URL field and URL
block on every model is found here by introspection, so a field added later is tested as soon
as it exists. Each must refuse such an address when the editor saves public content, and (as a
page can become members-only after a link to it was saved) show a saved one to readers without
access as the link's text alone, never the address; members still get the link.
"""

import json
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from wagtail import blocks
from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import StreamField
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from learning.models import ExternalResource, NewsPage, PrintableBriefing
from safeguarding_site import privacy
from safeguarding_site.models import HomePage, PartnershipSettings, StandardPage
from tests.factories import (
    PRIVATE_WORD,
    ExternalResourceFactory,
    NewsLinkFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.html import soup_of
from tests.test_members_only_references import pdf_traces

SITE_APPS = {"safeguarding_site", "reviews", "learning"}
LINK_TEXT = "the partnership's notes"  # the editor's own words: shown as text to everyone
PUBLIC_ADDRESS = "https://safeguarding.example.org"  # DJANGO_SITE_URL in these tests

# URL fields no editor types into: the exclusion and its reason.
NOT_TYPED_BY_EDITORS = {
    # Written by the nightly link check (where the address now redirects), a read-only panel
    # in the editor, and shown only to staff in the admin's link report.
    "ExternalResource.moved_to",
}


@dataclass(frozen=True)
class UrlPlace:
    """A URL field (``path`` empty) or a URL block at ``path`` inside the StreamField
    ``field`` of ``model``."""

    model: type
    field: str
    path: tuple = ()

    def __str__(self):
        return ".".join([self.model.__name__, self.field, *self.path])


def url_block_paths(block, path=()):
    if isinstance(block, blocks.URLBlock):
        yield path
    elif isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        for name, child in block.child_blocks.items():
            yield from url_block_paths(child, (*path, name))
    elif isinstance(block, blocks.ListBlock):
        yield from url_block_paths(block.child_block, (*path, "[]"))


def all_url_places():
    """Every URL field and URL block (at any depth) of every model of the site's apps."""
    places = []
    for model in apps.get_models():
        if model._meta.app_label not in SITE_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.URLField):
                places.append(UrlPlace(model, field.name))
            elif isinstance(field, StreamField):
                for path in url_block_paths(field.stream_block):
                    places.append(UrlPlace(model, field.name, path))
    return places


ALL_PLACES = all_url_places()
PLACES = [place for place in ALL_PLACES if str(place) not in NOT_TYPED_BY_EDITORS]


def test_the_introspection_finds_every_url_field_and_block_the_site_is_known_to_have():
    """So that the parametrized tests below cannot pass by finding nothing."""
    found = {str(place) for place in ALL_PLACES}

    assert {
        "NewsLink.url",
        "ExternalResource.url",
        "PartnershipSettings.quick_exit_url",
        "PartnershipSettings.footer_links.link.url",
        "StandardPage.body.link.url",
        "NewsPage.body.link.url",
        "HomePage.body.link.url",
    } <= found
    assert found >= NOT_TYPED_BY_EDITORS


# Where each place is: the object holding it, the page showing it, the editor saving it.


def holder_of(place, content):
    """(the object whose field is the place, the public page that shows it)."""
    tree = content.tree
    name = place.model.__name__
    if place.model is PartnershipSettings:
        return PartnershipSettings.for_site(tree.site), tree.home
    if place.model is HomePage:
        return tree.home, tree.home
    if place.model is StandardPage:
        page = StandardPageFactory(parent=tree.home, title="Demo about us")
        return page, page
    if place.model is NewsPage:
        page = NewsPageFactory(parent=tree.news, title="Demo news of a report")
        return page, page
    if name == "NewsLink":
        page = NewsPageFactory(parent=tree.news, title="Demo news of a report")
        return NewsLinkFactory.build(page=page), page
    if place.model is ExternalResource:
        return ExternalResourceFactory.build(title=LINK_TEXT), tree.resources
    raise AssertionError(f"say where a {name} is shown and edited, in holder_of and editor_of")


def struct_children(block, name, leaf):
    """A StructBlock's children: ``leaf`` at ``name``, the link text in text blocks."""
    value = {}
    for child_name, child in block.child_blocks.items():
        if child_name == name:
            value[child_name] = leaf
        elif isinstance(child, blocks.CharBlock) and child.field.required:
            value[child_name] = LINK_TEXT
        else:
            value[child_name] = ""
    return value


def stream_value(block, path, leaf, *, for_form):
    """A StreamField value with ``leaf`` at ``path`` (stored JSON, or the editor's form data)."""
    name, rest = path[0], path[1:]
    if isinstance(block, blocks.StreamBlock):
        child = stream_value(block.child_blocks[name], rest, leaf, for_form=for_form)
        if for_form:
            return streamfield([(name, child)])
        return [{"type": name, "value": child}]
    if isinstance(block, blocks.StructBlock):
        if rest:
            inner = stream_value(block.child_blocks[name], rest, leaf, for_form=for_form)
            return struct_children(block, name, inner)
        return struct_children(block, name, leaf)
    raise AssertionError(f"build a value inside {block!r} in stream_value")


def put_address(place, content, address):
    """Save ``address`` into the place, as if it had been saved before the material became
    members-only (no editor's form); the page that shows it."""
    holder, shown_on = holder_of(place, content)
    field = place.model._meta.get_field(place.field)
    if isinstance(field, StreamField):
        raw = stream_value(field.stream_block, place.path, address, for_form=False)
        setattr(holder, place.field, json.dumps(raw))
    else:
        setattr(holder, place.field, address)
        if hasattr(holder, "title") and not isinstance(holder, Page):
            holder.title = LINK_TEXT
    holder.save()
    return shown_on


def private_address(kind, content):
    page, document = content.secure_page, content.private_document
    return {
        "page, in full on the site's host": f"http://localhost{page.url}",
        "page, in full on the public address": f"{PUBLIC_ADDRESS}{page.url}",
        "document, in full on the public address": f"{PUBLIC_ADDRESS}{document.url}",
        "document, in full on the site's host": f"http://localhost{document.url}",
    }[kind]


def private_traces(kind, content, address):
    if kind.startswith("page"):
        page = content.secure_page
        return [address, page.url, page.slug, PRIVATE_WORD]
    document = content.private_document
    return [address, document.url, document.filename, document.title, PRIVATE_WORD]


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = PUBLIC_ADDRESS


@pytest.fixture(params=PLACES, ids=str)
def place(request):
    return request.param


# Shown as text alone to readers without access, whenever it was saved.

RENDERED_KINDS = ["page, in full on the public address", "document, in full on the site's host"]


@pytest.mark.parametrize("kind", RENDERED_KINDS)
@pytest.mark.parametrize("reader", ["anonymous visitor", "signed-in non-member"])
def test_a_typed_address_of_members_only_material_is_not_shown_to_readers_without_access(
    client, private_content, non_member, place, kind, reader
):
    address = private_address(kind, private_content)
    page = put_address(place, private_content, address)
    if reader == "signed-in non-member":
        client.force_login(non_member)

    response = client.get(page.url)

    assert response.status_code == 200
    body = response.content.decode()
    for trace in private_traces(kind, private_content, address):
        assert trace.lower() not in body.lower(), f"{place} shows {trace!r} to an {reader}"
    if place.field != "quick_exit_url":
        # The link's text is still there, as text: the page reads the same.
        texts = [
            tag.get_text(strip=True) for tag in soup_of(response).select("[data-members-only]")
        ]
        assert LINK_TEXT in texts
    else:
        exit_link = soup_of(response).select_one(".quick-exit__button")
        assert exit_link["href"] == PartnershipSettings.QUICK_EXIT_DEFAULT


@pytest.mark.parametrize("kind", RENDERED_KINDS)
def test_members_follow_a_typed_address_of_members_only_material(
    client, private_content, member, place, kind
):
    address = private_address(kind, private_content)
    page = put_address(place, private_content, address)
    client.force_login(member)

    response = client.get(page.url)

    assert response.status_code == 200
    assert soup_of(response).select_one(f'a[href="{address}"]') is not None, place


# Refused when the editor saves public content.


def editor_of(place, holder):
    """The admin address that edits ``holder`` (the page, for an inline record)."""
    if isinstance(holder, PartnershipSettings):
        return reverse(
            "wagtailsettings:edit",
            args=["safeguarding_site", "partnershipsettings", holder.site_id],
        )
    if isinstance(holder, ExternalResource):
        return reverse("wagtailsnippets_learning_externalresource:edit", args=[holder.pk])
    page = holder if isinstance(holder, Page) else holder.page
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def editor_form(client, place, content, address):
    """(editor address, the data the editor posts with ``address`` typed into the place)."""
    holder, _ = holder_of(place, content)
    if isinstance(holder, ExternalResource):
        holder.save()
    elif not isinstance(holder, (Page, PartnershipSettings)):
        holder = holder.page  # an inline record: its page's editor
    edit = editor_of(place, holder)
    form_id = "page-edit-form" if isinstance(holder, Page) else "w-editor-form"
    data = querydict_from_html(client.get(edit).content.decode(), form_id=form_id)
    model = type(holder)
    # StreamFields are drawn by JavaScript: post each as empty but the place's.
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            for key, value in nested_form_data({field.name: streamfield([])}).items():
                data[key] = value
    field = place.model._meta.get_field(place.field)
    if place.model is not model:  # an inline record of the page
        relation = next(
            rel.get_accessor_name()
            for rel in model._meta.related_objects
            if rel.related_model is place.model
        )
        index = int(data[f"{relation}-TOTAL_FORMS"])
        data[f"{relation}-TOTAL_FORMS"] = str(index + 1)
        record = {"url": address, "title": LINK_TEXT, "ORDER": str(index), "DELETE": ""}
        record[place.field] = address
        for key, value in record.items():
            data[f"{relation}-{index}-{key}"] = value
    elif isinstance(field, StreamField):
        form_value = stream_value(field.stream_block, place.path, address, for_form=True)
        for key, value in nested_form_data({place.field: form_value}).items():
            data[key] = value
    else:
        data[place.field] = address
    return edit, data


SAVED_KINDS = [
    "page, in full on the site's host",
    "page, in full on the public address",
    "document, in full on the public address",
]


@pytest.mark.parametrize("kind", SAVED_KINDS)
def test_saving_public_content_refuses_a_typed_address_of_members_only_material(
    superuser_client, private_content, place, kind
):
    address = private_address(kind, private_content)
    edit, data = editor_form(superuser_client, place, private_content, address)

    response = superuser_client.post(edit, data)

    assert response.status_code == 200, f"{place} saved an address of members-only material"
    assert "This address is of a members-only" in response.content.decode()
    assert not saved_anywhere(place, address)


def saved_anywhere(place, address):
    """Whether ``address`` is stored in the place's field of any object, or any revision."""
    stored = []
    for value in place.model.objects.values_list(place.field, flat=True):
        stored.append(json.dumps(list(value.raw_data)) if hasattr(value, "raw_data") else value)
    stored.extend(json.dumps(revision.content) for revision in Revision.objects.all())
    return any(address in text for text in stored)


def test_saving_public_content_keeps_a_public_address_of_the_site(
    superuser_client, private_content, place
):
    """The control: the same form with a public page's address saves, so the refusals above
    are for the members-only address, not for a form the test built wrong."""
    address = f"{PUBLIC_ADDRESS}{private_content.public_review.url}"
    edit, data = editor_form(superuser_client, place, private_content, address)

    response = superuser_client.post(edit, data)

    assert response.status_code == 302, response.context and response.context["form"].errors


def test_a_page_in_the_secure_area_may_link_members_only_material_by_address(
    superuser_client, private_content
):
    page = private_content.secure_page
    address = f"{PUBLIC_ADDRESS}{private_content.private_document.url}"
    data = querydict_from_html(
        superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode(),
        form_id="page-edit-form",
    )
    link = {"url": address, "title": LINK_TEXT, "description": ""}
    for key, value in nested_form_data({"body": streamfield([("link", link)])}).items():
        data[key] = value

    response = superuser_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert address in json.dumps(page.get_latest_revision().content)


@pytest.mark.parametrize(("parent_name", "saved"), [("secure_area", True), ("home", False)])
def test_a_new_page_may_link_members_only_material_only_under_a_members_only_page(
    superuser_client, private_content, parent_name, saved
):
    parent = (
        private_content.secure_area if parent_name == "secure_area" else private_content.tree.home
    )
    link = {"url": f"http://localhost{private_content.secure_page.url}", "title": LINK_TEXT}
    data = nested_form_data(
        {
            "title": "Demo new notes",
            "slug": "demo-new-notes",
            "intro": "",
            "body": streamfield([("link", {**link, "description": ""})]),
        }
    )
    add = reverse("wagtailadmin_pages:add", args=["safeguarding_site", "standardpage", parent.pk])

    response = superuser_client.post(add, data)

    assert (response.status_code == 302) is saved
    assert StandardPage.objects.filter(slug="demo-new-notes").exists() is saved


# Rich-text links made by address: every spelling a browser would follow.


def spellings(content):
    page, document = content.secure_page, content.private_document
    Redirect.objects.create(old_path="/old-notes", redirect_page=page)
    return {
        "full address on the site's host": f"http://localhost{page.url}",
        "full address in capitals": f"HTTPS://LOCALHOST{page.url.upper()}",
        "full address on the public address": f"{PUBLIC_ADDRESS}{page.url}",
        "path": page.url,
        "path without its last slash": page.url.rstrip("/"),
        "scheme-relative": f"//localhost{page.url}",
        "path through another page": f"/reviews/..{page.url}",
        "path with doubled slashes": page.url.replace("/", "//").removeprefix("/"),
        "path with escaped characters": page.url.replace("-", "%2D"),
        "backslashes": f"http:\\\\localhost{page.url}".replace("/", "\\"),
        "a made-up page in the secure area": "/secure-area/no-such-notes/",
        "document path": document.url,
        "document in full": f"{PUBLIC_ADDRESS}{document.url}",
        "an old address redirecting to it": "/old-notes/",
    }


SPELLINGS = [
    "full address on the site's host",
    "full address in capitals",
    "full address on the public address",
    "path",
    "path without its last slash",
    "scheme-relative",
    "path through another page",
    "path with doubled slashes",
    "path with escaped characters",
    "backslashes",
    "a made-up page in the secure area",
    "document path",
    "document in full",
    "an old address redirecting to it",
]


def page_with_rich_text_link(content, address):
    paragraph = f'<p>Read <a href="{address}">{LINK_TEXT}</a> before the meeting.</p>'
    return StandardPageFactory(
        parent=content.tree.home,
        title="Demo meeting guidance",
        body=json.dumps([{"type": "paragraph", "value": paragraph}]),
    )


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_rich_text_link_by_address_to_members_only_material_is_its_text_alone(
    client, private_content, member, spelling
):
    address = spellings(private_content)[spelling]
    page = page_with_rich_text_link(private_content, address)

    anonymous = client.get(page.url)
    client.force_login(member)
    as_member = client.get(page.url)

    body = anonymous.content.decode()
    assert address not in body
    assert PRIVATE_WORD.lower() not in body.lower()
    assert private_content.secure_page.slug not in body.lower()
    assert private_content.private_document.filename not in body
    texts = [tag.get_text() for tag in soup_of(anonymous).select("a[data-members-only]")]
    assert texts == [LINK_TEXT]
    assert not soup_of(anonymous).select("a[data-members-only][href]")
    member_links = soup_of(as_member).select("main a[data-members-only][href]")
    assert [link["href"] for link in member_links] == [address]


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/secure-area/notes/",  # another site's secure area
        "/reviews/demo-openmeadow-review/",
        "/secure-areas/",
        "mailto:office@example.org",
        "#secure-area",
    ],
)
def test_a_rich_text_link_by_address_to_anything_else_is_left_alone(
    client, private_content, address
):
    page = page_with_rich_text_link(private_content, address)

    response = client.get(page.url)

    links = soup_of(response).select("main .prose a, main a")
    assert address in [link.get("href") for link in links]
    assert not soup_of(response).select("[data-members-only]")


def test_the_rule_reads_no_more_for_many_links_than_for_one(
    rf, private_content, django_assert_max_num_queries
):
    """Documents named are read in one query, redirects once per request."""
    request = rf.get("/")
    document = private_content.private_document
    hrefs = [f"/documents/{document.pk}/{n}.pdf" for n in range(30)] + [
        f"/reviews/demo-{n}/" for n in range(30)
    ]
    privacy.members_only_targets(hrefs[:1], request)  # restrictions and sites read once

    with django_assert_max_num_queries(2):
        targets = privacy.members_only_targets(hrefs, request)

    assert targets[:30] == [document] * 30
    assert targets[30:] == [None] * 30


# Editors are warned, as for links chosen in rich text.


def test_editor_is_warned_of_typed_addresses_of_members_only_material_on_a_public_page(
    superuser_client, private_content
):
    page = page_with_rich_text_link(private_content, private_content.private_document.url)
    body = list(page.body.raw_data)
    body.append(
        {
            "type": "link",
            "value": {
                "url": f"{PUBLIC_ADDRESS}{private_content.secure_page.url}",
                "title": LINK_TEXT,
                "description": "",
            },
        }
    )
    page.body = json.dumps(body)
    page.save_revision()

    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    warnings = [
        message.get_text(" ", strip=True)
        for message in soup_of(response).select(".messages li.warning, .messages .warning")
    ]
    assert len(warnings) == 1
    assert f"Document ‘{private_content.private_document.title}’, in Body" in warnings[0]
    # A page is named by the members-only page its address is under: the one restricted.
    assert f"Page ‘{private_content.secure_area.title}’, in Body" in warnings[0]


def test_a_search_for_the_words_of_a_typed_members_only_address_finds_nothing_public(
    client, private_content, place
):
    """A typed address is never indexed (a URL field or block gives the index nothing): the
    slug's words in it must not find the page or resource that holds it."""
    put_address(place, private_content, private_address(RENDERED_KINDS[0], private_content))

    response = client.get("/search/", {"q": PRIVATE_WORD})

    soup = soup_of(response)
    assert soup.select(".search-result") == []
    assert soup.find(id="resources") is None


@pytest.mark.parametrize("kind", RENDERED_KINDS)
def test_a_printable_briefing_made_for_a_member_leaves_out_a_typed_members_only_address(
    client, private_content, member, kind
):
    """The PDF is made once for every reader, as an anonymous visitor would see it."""
    briefing = private_content.public_briefing
    address = private_address(kind, private_content)
    briefing.what_to_do = f'<p>Read <a href="{address}">{LINK_TEXT}</a> first.</p>'
    client.force_login(member)
    briefing.save_revision().publish()
    PrintableBriefing.objects.filter(briefing=briefing).delete()  # made at the next download

    text, addresses = pdf_traces(client.get(briefing.url + "download/"))

    assert LINK_TEXT in text
    assert not any(PRIVATE_WORD.lower() in link.lower() for link in addresses)
    assert PRIVATE_WORD.lower() not in text.lower()
