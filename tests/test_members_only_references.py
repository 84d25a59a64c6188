"""Every way an editor can point a public page at members-only material, found by introspection.

An editor chooses a document in a document field, an inline document record or a chooser block,
or links a page or document from rich text. Whatever the field, a reader who may not open the
target (an anonymous visitor, a signed-in non-member, and so the page cache) must not see its
title, address or file name; a member must. The references are found by walking every page
model's fields, StreamField blocks, inline child records and the site settings, so a field
added later is tested as soon as it exists: it fails here until its template asks the privacy
rule (``safeguarding_site.privacy``), or if it is never shown at all.

Page foreign keys (a briefing's source reviews) are not here: those lists show public pages
only, to everyone (tests/test_privacy.py).
"""

import io
import json
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db.models import CharField, ForeignKey
from django.urls import reverse
from modelcluster.fields import ParentalKey
from pypdf import PdfReader
from wagtail import blocks
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    get_page_models,
)

from learning.models import PrintableBriefing
from tests.factories import (
    PRIVATE_WORD,
    BriefingPageFactory,
    DocumentFactory,
    NewsPageFactory,
    ReviewDocumentFactory,
    ReviewPageFactory,
    StandardPageFactory,
    members_group,
    restrict_to_members,
)
from tests.html import soup_of

SITE_APPS = {"safeguarding_site", "reviews", "learning"}
LINK_TEXT = "the partnership's notes"
DEFAULT_RICH_TEXT_FEATURES = ("link", "document-link")  # Wagtail's defaults include both


@dataclass(frozen=True)
class Reference:
    """One place an editor can put a document or a rich-text link.

    ``kind``: "document field", "inline document", "chooser block", "rich-text page link" or
    "rich-text document link". ``model`` holds it; ``field`` is the model field (for an inline
    record, the child relation's name); ``path`` the block names inside a StreamField;
    ``child_field`` the inline record's field, ``parent_key`` its ParentalKey.
    """

    kind: str
    model: type
    field: str
    path: tuple = ()
    child_field: str = ""
    parent_key: str = ""

    def __str__(self):
        where = ".".join([self.model.__name__, self.field, *self.path])
        if self.child_field:
            where += f".{self.child_field}"
        return f"{self.kind}: {where}"


def rich_text_kinds(features):
    features = DEFAULT_RICH_TEXT_FEATURES if features is None else features
    kinds = []
    if "link" in features:
        kinds.append("rich-text page link")
    if "document-link" in features:
        kinds.append("rich-text document link")
    return kinds


def block_references(block, path=()):
    """(kind, path) for every document chooser and linking rich-text block inside ``block``."""
    if isinstance(block, DocumentChooserBlock):
        yield "chooser block", path
    elif isinstance(block, blocks.RichTextBlock):
        for kind in rich_text_kinds(block.features):
            yield kind, path
    elif isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        for name, child in block.child_blocks.items():
            yield from block_references(child, (*path, name))
    elif isinstance(block, blocks.ListBlock):
        yield from block_references(block.child_block, (*path, None))


def field_references(model):
    """The references held by ``model``'s own fields."""
    document_model = get_document_model()
    for field in model._meta.get_fields():
        if isinstance(field, ForeignKey) and field.related_model is document_model:
            yield Reference("document field", model, field.name)
        elif isinstance(field, RichTextField):
            for kind in rich_text_kinds(field.features):
                yield Reference(kind, model, field.name)
        elif isinstance(field, StreamField):
            for kind, path in block_references(field.stream_block):
                yield Reference(kind, model, field.name, path)


def inline_references(model):
    """The document fields of ``model``'s inline records (children by ParentalKey)."""
    document_model = get_document_model()
    for relation in model._meta.related_objects:
        if not isinstance(relation.remote_field, ParentalKey):
            continue
        for field in relation.related_model._meta.get_fields():
            if isinstance(field, ForeignKey) and field.related_model is document_model:
                yield Reference(
                    "inline document",
                    model,
                    relation.get_accessor_name(),
                    child_field=field.name,
                    parent_key=relation.field.name,
                )


def all_references():
    page_models = [model for model in get_page_models() if model._meta.app_label in SITE_APPS]
    settings_models = [
        model
        for model in BaseSiteSetting.__subclasses__()
        if model._meta.app_label in SITE_APPS and not model._meta.abstract
    ]
    references = []
    for model in [*page_models, *settings_models]:
        references.extend(field_references(model))
        references.extend(inline_references(model))
    return references


REFERENCES = all_references()


def test_the_introspection_finds_the_references_the_site_is_known_to_have():
    """So that the parametrized tests below cannot pass by finding nothing."""
    found = {str(reference) for reference in REFERENCES}

    assert {
        "document field: BriefingPage.uploaded_pdf",
        "inline document: ReviewPage.documents.document",
        "inline document: NewsPage.documents.document",
        "chooser block: StandardPage.body.document.document",
        "chooser block: NewsPage.body.document.document",
        "rich-text document link: StandardPage.body.paragraph",
        "rich-text page link: BriefingPage.what_to_do",
        "rich-text page link: ReviewPage.learning_points.learning_point.detail",
        "rich-text page link: PartnershipSettings.concern_text",
    } <= found


# Building a page that holds a reference.


NEW_PAGE_FACTORIES = {
    "StandardPage": lambda tree: StandardPageFactory(parent=tree.home),
    "ReviewPage": lambda tree: ReviewPageFactory(parent=tree.reviews),
    "BriefingPage": lambda tree: BriefingPageFactory(parent=tree.learning),
    "NewsPage": lambda tree: NewsPageFactory(parent=tree.news),
}
TREE_PAGES = {
    "HomePage": "home",
    "ReviewIndexPage": "reviews",
    "LearningIndexPage": "learning",
    "NewsIndexPage": "news",
    "ResourceIndexPage": "resources",
}


def holder_for(reference, tree):
    """A live public page (or the site settings) of the reference's model, and the page that
    shows it."""
    name = reference.model.__name__
    if issubclass(reference.model, BaseSiteSetting):
        return reference.model.for_site(tree.site), tree.home
    if name in TREE_PAGES:
        page = getattr(tree, TREE_PAGES[name])
        return page, page
    if name in NEW_PAGE_FACTORIES:
        page = NEW_PAGE_FACTORIES[name](tree)
        return page, page
    raise AssertionError(f"add a way to build a {name} to NEW_PAGE_FACTORIES or TREE_PAGES")


def raw_stream_value(block, path, leaf):
    """StreamField data with ``leaf`` at ``path`` and every other value its block's default."""
    if not path:
        return leaf
    name, rest = path[0], path[1:]
    if isinstance(block, blocks.StreamBlock):
        return [{"type": name, "value": raw_stream_value(block.child_blocks[name], rest, leaf)}]
    if isinstance(block, blocks.StructBlock):
        value = {
            child_name: child.get_prep_value(child.get_default())
            for child_name, child in block.child_blocks.items()
        }
        value[name] = raw_stream_value(block.child_blocks[name], rest, leaf)
        return value
    if isinstance(block, blocks.ListBlock):
        return [raw_stream_value(block.child_block, rest, leaf)]
    raise AssertionError(f"cannot build a value inside {block!r}")


def rich_text_linking(reference, content):
    if reference.kind == "rich-text page link":
        target = f'<a linktype="page" id="{content.secure_page.pk}">{LINK_TEXT}</a>'
    else:
        target = f'<a linktype="document" id="{content.private_document.pk}">{LINK_TEXT}</a>'
    return f"<p>Read {target} before the meeting.</p>"


def refer_to_private_material(reference, content):
    """Put the members-only document or page into the reference; the page that shows it."""
    holder, shown_on = holder_for(reference, content.tree)
    document = content.private_document
    if reference.kind == "document field":
        setattr(holder, reference.field, document)
    elif reference.kind == "inline document":
        record_model = getattr(holder, reference.field).model
        record_model.objects.create(
            **{reference.parent_key: holder, reference.child_field: document}
        )
    else:
        leaf = document.pk if reference.kind == "chooser block" else None
        if leaf is None:
            leaf = rich_text_linking(reference, content)
        field = reference.model._meta.get_field(reference.field)
        if isinstance(field, StreamField):
            raw = raw_stream_value(field.stream_block, reference.path, leaf)
            setattr(holder, reference.field, json.dumps(raw))
        else:
            setattr(holder, reference.field, leaf)
    holder.save()
    return shown_on


def private_traces(reference, content):
    """What must not reach a reader without access: addresses, file names, titles, slugs."""
    if reference.kind == "rich-text page link":
        return [content.secure_page.url, content.secure_page.slug, PRIVATE_WORD]
    document = content.private_document
    return [document.url, document.filename, document.title, PRIVATE_WORD]


def member_sees(reference, content, soup):
    if reference.kind == "rich-text page link":
        return soup.select_one(f"a[href='{content.secure_page.url}']")
    return soup.select_one(f"a[href='{content.private_document.url}']")


@pytest.fixture(params=REFERENCES, ids=str)
def reference(request):
    return request.param


@pytest.mark.parametrize("reader", ["anonymous visitor", "signed-in non-member"])
def test_members_only_material_is_hidden_from_readers_without_access(
    client, private_content, non_member, reference, reader
):
    page = refer_to_private_material(reference, private_content)
    if reader == "signed-in non-member":
        client.force_login(non_member)

    response = client.get(page.url)

    assert response.status_code == 200
    body = response.content.decode()
    for trace in private_traces(reference, private_content):
        assert trace.lower() not in body.lower(), f"{reference} shows {trace!r} to an {reader}"
    if reference.kind.startswith("rich-text"):
        # The link's text is still there, as text: the sentence reads the same.
        texts = [tag.get_text() for tag in soup_of(response).select("[data-members-only]")]
        assert LINK_TEXT in texts
        assert not soup_of(response).select("a[data-members-only][href]")


def test_members_see_what_a_reference_points_to(client, private_content, member, reference):
    page = refer_to_private_material(reference, private_content)
    client.force_login(member)

    response = client.get(page.url)

    assert response.status_code == 200
    assert member_sees(reference, private_content, soup_of(response)) is not None, (
        f"{reference} is not shown to members: show it through the privacy rule"
    )


# The briefing's printable PDF is made once and given to everyone who may read the briefing.


def pdf_traces(response):
    """The PDF's text and every address its links lead to."""
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    addresses = [
        annotation.get_object().get("/A", {}).get("/URI", "")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    return text, [str(address) for address in addresses]


def test_printable_briefing_made_in_a_members_request_leaves_members_only_links_out(
    client, private_content, member
):
    """The PDF is made on publish or on the first download, whoever asks first; it must be the
    anonymous visitor's version even when a member's request makes it."""
    briefing = private_content.public_briefing
    briefing.what_to_do = (
        f'<p>Read <a linktype="page" id="{private_content.secure_page.pk}">{LINK_TEXT}</a> and '
        f'<a linktype="document" id="{private_content.private_document.pk}">the minutes</a>, '
        f'then <a linktype="page" id="{private_content.public_review.pk}">the review</a>.</p>'
    )
    client.force_login(member)
    briefing.save_revision().publish()  # no PDF yet: the first download makes it
    PrintableBriefing.objects.filter(briefing=briefing).delete()
    made_for_member = client.get(briefing.url + "download/")
    client.logout()

    anonymous = client.get(briefing.url + "download/")

    for response in (made_for_member, anonymous):
        text, addresses = pdf_traces(response)
        assert LINK_TEXT in text
        assert PRIVATE_WORD.lower() not in text.lower()
        assert not any(PRIVATE_WORD.lower() in address.lower() for address in addresses)
        assert not any(private_content.private_document.url in address for address in addresses)
        assert any(private_content.public_review.url in address for address in addresses)


# The privacy rule follows the collection tree.


def test_a_document_in_a_collection_inside_the_members_collection_is_members_only(
    client, private_content, member
):
    inner = private_content.private_document.collection.add_child(name="Demo board papers")
    document = DocumentFactory(title="Demo board paper", collection=inner)
    ReviewDocumentFactory(review=private_content.public_review, document=document)

    anonymous = client.get(private_content.public_review.url)
    client.force_login(member)
    as_member = client.get(private_content.public_review.url)

    assert "Demo board paper" not in anonymous.content.decode()
    assert soup_of(as_member).select_one(f"a[href='{document.url}']") is not None


def test_a_group_restriction_inside_the_secure_area_keeps_out_members_not_in_the_group(
    client, private_content, member
):
    board = Group.objects.create(name="Demo board")
    board_page = StandardPageFactory(
        parent=private_content.secure_area, title="Demo board only page", slug="demo-board-only"
    )
    restriction = PageViewRestriction.objects.create(
        page=board_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([board])
    public = private_content.public_review
    public.partnership_response = (
        f'<p>The <a linktype="page" id="{board_page.pk}">board papers</a> say more.</p>'
    )
    public.save()
    client.force_login(member)

    response = client.get(public.url)

    assert board_page.url not in response.content.decode()
    assert "board papers" in [
        tag.get_text() for tag in soup_of(response).select("[data-members-only]")
    ]


# Editors are told, in the page editor and in its content checks.


def editor_warnings(response):
    return [
        message.get_text(" ", strip=True)
        for message in soup_of(response).select(".messages li.warning, .messages .warning")
    ]


def test_editor_is_warned_when_a_public_page_links_members_only_material(
    superuser_client, private_content
):
    review = private_content.public_review
    ReviewDocumentFactory(review=review, document=private_content.private_document)
    review.partnership_response = (
        f'<p>See <a linktype="page" id="{private_content.secure_page.pk}">the notes</a>.</p>'
    )
    review.save_revision()  # a draft: the warning reads what the editor is working on

    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))

    (warning,) = editor_warnings(response)
    assert "This public page links members-only material" in warning
    assert f"Document ‘{private_content.private_document.title}’" in warning
    assert f"Page ‘{private_content.secure_page.title}’, in Partnership response" in warning


def test_editor_is_warned_when_a_members_only_page_links_a_public_document(
    superuser_client, private_content
):
    page = private_content.secure_page
    page.body = json.dumps(
        [{"type": "document", "value": {"document": private_content.public_document.pk}}]
    )
    page.save_revision()

    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    (warning,) = editor_warnings(response)
    assert "This members-only page links public documents" in warning
    assert private_content.public_document.title in warning


def test_editor_is_not_warned_about_links_on_the_same_side(superuser_client, private_content):
    page = private_content.secure_page
    page.body = json.dumps(
        [{"type": "document", "value": {"document": private_content.private_document.pk}}]
    )
    page.save_revision()

    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert editor_warnings(response) == []


def checker_rules(response):
    configuration = json.loads(
        soup_of(response).find("script", id="checker-axe-configuration").string
    )
    return configuration["options"]["runOnly"], configuration["spec"]["rules"]


@pytest.mark.parametrize(
    ("page_name", "checked"), [("public_review", True), ("secure_page", False)]
)
def test_content_checks_flag_members_only_links_on_public_pages_only(
    superuser_client, private_content, page_name, checked
):
    page = getattr(private_content, page_name)

    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    run_only, rules = checker_rules(response)
    assert ("members-only-link" in run_only) is checked
    assert any(rule["id"] == "members-only-link" for rule in rules) is checked


def test_a_stored_printable_stops_linking_a_page_once_it_is_members_only(client, private_content):
    """The PDF is stored per revision; a page it links that becomes members-only later must
    drop out of it too, as it does from the web page."""
    briefing, review = private_content.public_briefing, private_content.public_review
    briefing.what_to_do = f'<p>Read <a linktype="page" id="{review.pk}">the review</a>.</p>'
    briefing.save_revision().publish()
    _, before = pdf_traces(client.get(briefing.url + "download/"))
    assert any(review.url in address for address in before)

    restrict_to_members(review)
    _, after = pdf_traces(client.get(briefing.url + "download/"))

    assert not any(review.url in address for address in after)


def test_a_stored_printable_stops_linking_a_document_moved_to_the_members_collection(
    client, superuser_client, private_content
):
    briefing, document = private_content.public_briefing, private_content.public_document
    briefing.what_to_do = f'<p>Read <a linktype="document" id="{document.pk}">the leaflet</a>.</p>'
    briefing.save_revision().publish()
    _, before = pdf_traces(client.get(briefing.url + "download/"))
    assert any(document.url in address for address in before)

    members = private_content.private_document.collection
    superuser_client.post(  # Documents > bulk "Add to collection", a QuerySet.update()
        reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"])
        + f"?id={document.pk}&next=/admin/documents/",
        {"collection": members.pk},
    )
    document.refresh_from_db()
    assert document.collection == members
    _, after = pdf_traces(client.get(briefing.url + "download/"))

    assert not any(document.url in address for address in after)


# The search index answers everyone: it holds only what an anonymous visitor sees on a page.
# A document link's label is shown only to readers who may download the document, so it is
# indexed only while anyone may. Rich-text link text is indexed: it is shown to everyone, as
# text, whatever the link leads to (it is the editor's own words, read on the page by all).


def text_fields_of(model):
    """The free-text fields an editor fills beside a reference (a label), not choices."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, CharField) and not field.choices and field.blank
    ]


def fill_labels(block, raw, path, words):
    """``raw`` (a StreamField's stored data) with every text block of the StructBlock at
    ``path`` (the chooser's) set to ``words``."""
    if not path:
        assert isinstance(block, blocks.StructBlock), block
        for child_name, child in block.child_blocks.items():
            if isinstance(child, (blocks.CharBlock, blocks.TextBlock)):
                raw[child_name] = words
        return raw
    name, rest = path[0], path[1:]
    if isinstance(block, blocks.StreamBlock):
        child = block.child_blocks[name]
        return [{**item, "value": fill_labels(child, item["value"], rest, words)} for item in raw]
    if isinstance(block, blocks.StructBlock):
        raw[name] = fill_labels(block.child_blocks[name], raw[name], rest, words)
        return raw
    raise AssertionError(f"cannot fill labels inside {block!r}")


def refer_with_private_words(reference, content):
    """Refer to the members-only material, with every label the editor can give beside the
    reference naming it as its title does; the page holding it."""
    words = content.private_document.title
    holder, shown_on = holder_for(reference, content.tree)
    if reference.kind == "inline document":
        record_model = getattr(holder, reference.field).model
        labels = dict.fromkeys(text_fields_of(record_model), words)
        record_model.objects.create(
            **{reference.parent_key: holder, reference.child_field: content.private_document},
            **labels,
        )
        holder.save()
        return shown_on
    if reference.kind != "chooser block":
        return refer_to_private_material(reference, content)
    field = reference.model._meta.get_field(reference.field)
    raw = raw_stream_value(field.stream_block, reference.path, content.private_document.pk)
    raw = fill_labels(field.stream_block, raw, reference.path[:-1], words)
    setattr(holder, reference.field, json.dumps(raw))
    holder.save()
    return shown_on


def anonymous_search_results(client, words):
    response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    return [link.get_text(strip=True) for link in soup_of(response).select(".search-result a")]


def test_a_search_for_a_members_only_documents_label_finds_no_public_page(
    client, private_content, reference
):
    refer_with_private_words(reference, private_content)

    assert anonymous_search_results(client, PRIVATE_WORD) == [], reference


def test_a_document_links_label_is_searchable_while_the_document_is_public(client, private_content):
    """The control for the test above: the same label of a public document is found."""
    page = StandardPageFactory(
        parent=private_content.tree.home,
        title="Demo guidance",
        body=json.dumps(
            [
                {
                    "type": "document",
                    "value": {"document": private_content.public_document.pk, "label": "Zephyrine"},
                }
            ]
        ),
    )

    assert anonymous_search_results(client, "Zephyrine") == [page.title]


@pytest.mark.parametrize("route", ["saved into the members' collection", "bulk add to collection"])
def test_a_document_links_label_leaves_the_index_when_the_document_becomes_members_only(
    client, superuser_client, private_content, route
):
    document = private_content.public_document
    StandardPageFactory(
        parent=private_content.tree.home,
        title="Demo guidance",
        body=json.dumps(
            [{"type": "document", "value": {"document": document.pk, "label": "Zephyrine"}}]
        ),
    )
    assert anonymous_search_results(client, "Zephyrine") == ["Demo guidance"]
    members = private_content.private_document.collection

    if route == "bulk add to collection":
        superuser_client.post(  # Documents > bulk "Add to collection", a QuerySet.update()
            reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"])
            + f"?id={document.pk}&next=/admin/documents/",
            {"collection": members.pk},
        )
    else:
        document.collection = members
        document.save()

    document.refresh_from_db()
    assert document.collection == members
    assert anonymous_search_results(client, "Zephyrine") == []


def test_a_document_links_label_leaves_the_index_when_its_collection_is_restricted(
    client, private_content
):
    collection = Collection.get_first_root_node().add_child(name="Demo board papers")
    document = DocumentFactory(title="Demo board paper", collection=collection)
    StandardPageFactory(
        parent=private_content.tree.home,
        title="Demo guidance",
        body=json.dumps(
            [{"type": "document", "value": {"document": document.pk, "label": "Zephyrine"}}]
        ),
    )
    assert anonymous_search_results(client, "Zephyrine") == ["Demo guidance"]

    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([members_group()])

    assert anonymous_search_results(client, "Zephyrine") == []
