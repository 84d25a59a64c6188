"""The secure area: nothing members-only reaches an anonymous visitor by any route.

The private content (``tests.factories.create_private_content``) is a restricted subtree and
restricted reviews, briefings and news, every title carrying PRIVATE_WORD, each with a public
twin carrying PUBLIC_WORD. Each route must show the twin (so the route demonstrably lists
things) and must not show PRIVATE_WORD or a private address anywhere in its body.
"""

import csv
import io
import json
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from reviews.models import ReviewPage
from reviews.report_requests import FullReportRequest
from tests.factories import (
    PDF_BYTES,
    PRIVATE_WORD,
    PUBLIC_WORD,
    SHARED_WORD,
    TEST_PASSWORD,
    DocumentFactory,
    NewsDocumentFactory,
    NewsPageFactory,
    ReviewDocumentFactory,
    ReviewPageFactory,
    StandardPageFactory,
    create_member,
    members_group,
    restrict_to_members,
)
from tests.html import soup_of

RSS_ITEM = "channel/item"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def shown_titles(response):
    """What a reader (or a feed reader, spreadsheet or crawler) sees listed, parsed by type."""
    content_type = response["Content-Type"]
    body = response.content.decode()
    if content_type.startswith("text/html"):
        main = soup_of(response).select_one("main")
        return [link.get_text(" ", strip=True) for link in main.select("a[href]")]
    if content_type.startswith("application/rss+xml"):
        return [item.findtext("title") for item in ElementTree.fromstring(body).iterfind(RSS_ITEM)]
    if content_type.startswith("text/csv"):
        rows = csv.DictReader(io.StringIO(body))
        return [row.get("title") or row.get("review_title") for row in rows]
    if content_type.startswith("application/json"):
        return [review["title"] for review in json.loads(body)["reviews"]]
    if content_type.startswith(("application/xml", "text/xml")):
        root = ElementTree.fromstring(body)
        return [loc.text for loc in root.iterfind("s:url/s:loc", SITEMAP_NS)]
    raise AssertionError(f"unexpected content type {content_type}")


def assert_nothing_private(response, content):
    body = response.content.decode()
    assert PRIVATE_WORD.lower() not in body.lower()
    for page in content.private_pages:
        if page != content.secure_area:  # its address is the site's "Secure area" link
            assert page.url not in body.replace("http://localhost", "")
    assert content.private_document.url not in body


# (route, how to build its address from the content, a public item it must show)
ROUTES = [
    ("home page", lambda c: "/", PUBLIC_WORD),
    ("review listing", lambda c: "/reviews/", PUBLIC_WORD),
    (
        "review listing searched and filtered",
        lambda c: (
            f"/reviews/?q={SHARED_WORD}&theme={c.theme.slug}&type=local-cspr"
            "&year=2024&age=under-1&sort=title"
        ),
        PUBLIC_WORD,
    ),
    ("briefing listing", lambda c: "/learning/", PUBLIC_WORD),
    (
        "briefing listing searched and filtered",
        lambda c: f"/learning/?q={SHARED_WORD}&theme={c.theme.slug}",
        PUBLIC_WORD,
    ),
    ("news listing", lambda c: "/news/", PUBLIC_WORD),
    ("site search", lambda c: f"/search/?q={SHARED_WORD}", PUBLIC_WORD),
    ("theme hub", lambda c: f"/themes/{c.theme.slug}/", PUBLIC_WORD),
    ("theme index", lambda c: "/themes/", f"Demo theme {SHARED_WORD}"),
    ("review feed", lambda c: "/reviews/feed/", PUBLIC_WORD),
    ("review feed for a theme", lambda c: f"/reviews/feed/?theme={c.theme.slug}", PUBLIC_WORD),
    ("briefing feed", lambda c: "/learning/feed/", PUBLIC_WORD),
    ("briefing feed for a theme", lambda c: f"/learning/feed/?theme={c.theme.slug}", PUBLIC_WORD),
    ("sitemap", lambda c: "/sitemap.xml", "/reviews/demo-openmeadow-review/"),
    ("CSV export", lambda c: "/reviews/export.csv", PUBLIC_WORD),
    ("CSV export filtered", lambda c: f"/reviews/export.csv?theme={c.theme.slug}", PUBLIC_WORD),
    ("JSON export", lambda c: "/reviews/export.json", PUBLIC_WORD),
    ("JSON export searched", lambda c: f"/reviews/export.json?q={SHARED_WORD}", PUBLIC_WORD),
    ("recommendation tracker", lambda c: "/reviews/recommendations/", PUBLIC_WORD),
    (
        "recommendation tracker filtered",
        lambda c: "/reviews/recommendations/?status=overdue&year=2025",
        PUBLIC_WORD,
    ),
    ("recommendation CSV", lambda c: "/reviews/recommendations.csv", PUBLIC_WORD),
    (
        "recommendation CSV filtered",
        lambda c: f"/reviews/recommendations.csv?agency=Demo+{PUBLIC_WORD}+agency",
        PUBLIC_WORD,
    ),
    # Related items: the private briefing names the public review as its source, and the
    # public briefing names the private review as one of its sources.
    ("public review's related briefings", lambda c: c.public_review.url, PUBLIC_WORD),
    ("public briefing's source reviews", lambda c: c.public_briefing.url, PUBLIC_WORD),
]


@pytest.mark.parametrize(
    ("address_of", "public_item"),
    [pytest.param(address, item, id=name) for name, address, item in ROUTES],
)
def test_anonymous_visitor_never_sees_a_private_title_or_link(
    client, private_content, address_of, public_item
):
    response = client.get(address_of(private_content))

    assert response.status_code == 200
    assert any(public_item in (title or "") for title in shown_titles(response)), (
        f"the route shows nothing public, so it proves nothing: {shown_titles(response)}"
    )
    assert_nothing_private(response, private_content)


def test_searching_for_a_private_title_finds_nothing(client, private_content):
    response = client.get("/search/", {"q": PRIVATE_WORD})

    soup = soup_of(response)
    assert soup.select(".search-result") == []
    assert soup.select_one(".result-count").get_text(" ", strip=True).startswith("0 results")
    for page in private_content.private_pages:
        assert soup.select_one(f"main a[href='{page.url}']") is None


def test_member_search_still_leaves_private_pages_out_of_public_results(
    client, private_content, member
):
    """Site search lists public pages only (DESIGN.md), for members too."""
    client.force_login(member)

    response = client.get("/search/", {"q": SHARED_WORD})

    titles = [a.get_text(strip=True) for a in soup_of(response).select(".search-result a")]
    assert any(PUBLIC_WORD in title for title in titles)
    assert not any(PRIVATE_WORD in title for title in titles)


def test_theme_index_counts_only_public_reviews_and_briefings(client, private_content):
    response = client.get("/themes/")

    row = soup_of(response).find("a", href=f"/themes/{private_content.theme.slug}/")
    cells = [cell.get_text(strip=True) for cell in row.find_parent("tr").find_all("td")]
    assert cells[:2] == ["1", "1"]  # reviews, briefings: the private twins are not counted


def test_theme_hub_counts_only_public_reviews(client, private_content):
    response = client.get(f"/themes/{private_content.theme.slug}/")

    soup = soup_of(response)
    assert soup.find("h2", id="reviews-heading").get_text(strip=True) == "Reviews (1)"
    assert soup.find("h2", id="briefings-heading").get_text(strip=True) == "7-minute briefings (1)"
    chart_rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select(".chart-table tbody tr")
    ]
    assert chart_rows == [["2024", "1"]]


@pytest.mark.parametrize("listing", ["/reviews/", "/learning/"])
def test_listing_filter_counts_leave_private_items_out(client, private_content, listing):
    response = client.get(listing)

    option = soup_of(response).find("option", value=private_content.theme.slug)
    assert option.get_text(strip=True) == f"{private_content.theme.name} (1)"


def test_review_filter_offers_no_option_only_a_private_review_has(client, private_content):
    """A year with only a members-only review must not appear as a choice (it tells of it)."""
    review = private_content.private_review
    review.published_date = review.published_date.replace(year=2019)
    review.save()

    response = client.get("/reviews/")

    years = [option["value"] for option in soup_of(response).select("select[name=year] option")]
    assert "2024" in years
    assert "2019" not in years


# The page URL: the login page, with the address to come back to.


def private_addresses(content):
    return [
        *(page.url for page in content.private_pages),
        content.private_briefing.url + "download/",
        content.private_document.url,
    ]


PRIVATE_ADDRESS_IDS = [
    "secure area",
    "page in the secure area",
    "restricted review",
    "members' review listing",
    "review under the members' listing",
    "restricted briefing",
    "restricted news item",
    "restricted briefing's PDF",
    "members' document",
]


@pytest.fixture(params=range(len(PRIVATE_ADDRESS_IDS)), ids=PRIVATE_ADDRESS_IDS)
def private_address(request, private_content):
    return private_addresses(private_content)[request.param]


def test_anonymous_visitor_is_sent_to_login_and_back(client, private_address):
    response = client.get(private_address)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={quote(private_address)}"
    assert PRIVATE_WORD.lower() not in response.content.decode().lower()


@pytest.mark.parametrize(
    "made_up",
    ["/secure-area/no-such-page/", "/secure-area/no-such-page/deeper/", "/secure-area/x/download/"],
)
def test_made_up_address_in_the_secure_area_answers_as_a_real_one_does(
    client, private_content, non_member, made_up
):
    """Guessing addresses must not tell which pages the secure area holds."""
    real = private_content.secure_page.url

    for reader in (None, non_member):
        if reader is not None:
            client.force_login(reader)
        real_answer, made_up_answer = client.get(real), client.get(made_up)

        assert made_up_answer.status_code == real_answer.status_code, reader
        assert made_up_answer.status_code in (302, 403), reader
        if reader is None:
            assert made_up_answer["Location"] == f"/login/?next={quote(made_up)}"
        assert made_up_answer["Cache-Control"] == real_answer["Cache-Control"], reader


@pytest.mark.parametrize("method", ["options", "post", "put", "patch", "delete", "head"])
def test_every_method_answers_alike_for_real_and_made_up_secure_addresses(
    client, private_content, non_member, method
):
    """Not only GET: OPTIONS (200 with an Allow header for a real page) or a POST (302 against
    404) would tell a guesser which addresses are real."""
    real, made_up = private_content.secure_page.url, "/secure-area/no-such-page/"

    for reader in (None, non_member):
        if reader is not None:
            client.force_login(reader)
        answers = [getattr(client, method)(address) for address in (real, made_up)]

        assert answers[0].status_code == answers[1].status_code, (method, reader)
        assert answers[0].status_code in (302, 403), (method, reader)
        for name in ("Allow", "X-Frame-Options", "Cache-Control", "Content-Security-Policy"):
            assert answers[0].get(name) == answers[1].get(name), (method, reader, name)


def test_a_renamed_members_only_page_is_not_given_away_by_its_old_address(
    client, private_content, non_member
):
    """Wagtail makes a redirect from the old address when a page is renamed or moved (as here:
    the redirect it makes, to the page): to a reader who may not open it, the redirect must
    not name the new address."""
    page = private_content.secure_page
    old = page.url
    page.slug = f"{PRIVATE_WORD.lower()}-renamed-notes"
    page.save_revision().publish()
    page.refresh_from_db()
    Redirect.objects.create(old_path=old, redirect_page=page, automatically_created=True)

    for reader in (None, non_member):
        if reader is not None:
            client.force_login(reader)
        response = client.get(old)

        assert response.status_code in (302, 403)
        assert page.url not in response.get("Location", "")
        assert "renamed" not in response.content.decode().lower()


def test_a_public_page_moved_into_the_secure_area_is_not_followed_there(client, private_content):
    news = private_content.public_news
    old = news.url
    news.move(private_content.secure_area, pos="last-child")
    news.refresh_from_db()

    response = client.get(old)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert news.url not in response["Location"].replace(quote(old), "")


def test_a_redirect_to_a_members_only_document_does_not_name_its_file(client, private_content):
    document = private_content.private_document
    Redirect.objects.create(old_path="/minutes", redirect_link=document.url)

    response = client.get("/minutes/")

    assert response.status_code == 302
    assert document.filename not in response["Location"]
    assert response["Location"].startswith("/login/")


def test_members_get_not_found_for_a_made_up_address_in_the_secure_area(
    client, private_content, member
):
    client.force_login(member)

    assert client.get("/secure-area/no-such-page/").status_code == 404


def test_a_draft_in_the_secure_area_answers_as_a_live_page_does(client, private_content):
    draft = StandardPageFactory(parent=private_content.secure_area, title="Demo draft minutes")
    draft.unpublish()

    response = client.get(draft.url_path.removeprefix("/home"))

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_made_up_address_outside_the_secure_area_is_still_not_found(client, private_content):
    assert client.get("/reviews/no-such-review/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


def test_secure_area_contents_list_only_the_pages_its_reader_may_open(client, private_content):
    board = Group.objects.create(name="Demo board")
    board_page = StandardPageFactory(parent=private_content.secure_area, title="Demo board papers")
    restriction = PageViewRestriction.objects.create(
        page=board_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([board])
    member = create_member(username="demo-member-not-on-the-board")
    board_member = create_member(username="demo-board-member")
    board_member.groups.add(board)

    contents = {}
    for user in (member, board_member):
        client.force_login(user)
        response = client.get(private_content.secure_area.url)
        contents[user] = [
            link.get_text(strip=True) for link in soup_of(response).select("main .card a")
        ]

    assert private_content.secure_page.title in contents[member]
    assert "Demo board papers" not in contents[member]
    assert "Demo board papers" in contents[board_member]


def test_signed_in_non_member_gets_a_members_only_page(client, non_member, private_address):
    client.force_login(non_member)

    response = client.get(private_address)

    assert response.status_code == 403
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "For partnership members only"
    assert PRIVATE_WORD.lower() not in response.content.decode().lower()
    assert "no-store" in response["Cache-Control"]


def test_editor_who_is_not_a_member_gets_the_members_only_page_too(client, editor, private_content):
    client.force_login(editor)

    response = client.get(private_content.secure_page.url)

    assert response.status_code == 403
    assert "For partnership members only" in soup_of(response).h1.get_text()


def test_editor_still_edits_secure_area_pages_in_the_admin(client, editor, private_content):
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[private_content.secure_page.pk]))

    assert response.status_code == 200
    assert PRIVATE_WORD in response.content.decode()


@pytest.mark.parametrize(
    "page_name",
    ["secure_area", "secure_page", "private_review", "members_review", "private_briefing"],
)
def test_member_reads_private_pages_never_cached(client, member, private_content, page_name):
    page = getattr(private_content, page_name)
    client.force_login(member)

    response = client.get(page.url)

    assert response.status_code == 200
    assert soup_of(response).h1.get_text(strip=True) == page.title
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_superuser_reads_the_secure_area(client, superuser, private_content):
    client.force_login(superuser)

    response = client.get(private_content.secure_page.url)

    assert response.status_code == 200


def test_admin_api_gives_visitors_and_members_nothing(client, member, private_content):
    addresses = [
        f"/admin/api/main/pages/?search={PRIVATE_WORD}",
        f"/admin/api/main/pages/{private_content.secure_page.pk}/",
        f"/admin/api/main/documents/?search={PRIVATE_WORD}",
        f"/admin/api/main/documents/{private_content.private_document.pk}/",
    ]
    for user in (None, member):
        if user is not None:
            client.force_login(user)
        for address in addresses:
            response = client.get(address)
            assert response.status_code in (302, 403), (user, address)
            assert PRIVATE_WORD.lower() not in response.content.decode().lower()


# Restrictions: for groups, never a shared password.


@pytest.mark.parametrize(("restriction_type", "allowed"), [("password", False), ("groups", True)])
def test_admin_offers_group_restrictions_on_pages_never_a_shared_password(
    superuser_client, private_content, restriction_type, allowed
):
    page = private_content.public_news
    data = {"restriction_type": restriction_type, "password": "shared-secret-123"}
    if restriction_type == "groups":
        data["groups"] = [members_group().pk]

    superuser_client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), data)

    restrictions = PageViewRestriction.objects.filter(page=page)
    assert restrictions.filter(restriction_type=restriction_type).exists() is allowed
    assert not restrictions.filter(restriction_type="password").exists()


@pytest.mark.parametrize(("restriction_type", "allowed"), [("password", False), ("groups", True)])
def test_admin_offers_group_restrictions_on_collections_never_a_shared_password(
    superuser_client, private_content, restriction_type, allowed
):
    collection = Collection.get_first_root_node().add_child(name="Demo collection to restrict")
    data = {"restriction_type": restriction_type, "password": "shared-secret-123"}
    if restriction_type == "groups":
        data["groups"] = [members_group().pk]

    superuser_client.post(
        reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]), data
    )

    restrictions = CollectionViewRestriction.objects.filter(collection=collection)
    assert restrictions.filter(restriction_type=restriction_type).exists() is allowed
    assert not restrictions.filter(restriction_type="password").exists()


# Signing in and out at /login/.


@pytest.mark.parametrize("restricted", ["by its own restriction", "in the secure area"])
def test_a_members_only_archived_review_takes_no_requests_for_its_full_report(
    client, private_content, member, restricted
):
    """The form is for the public's requests about public reviews: a members-only review's
    form asks a visitor to sign in, answers a member 404, and its page offers no form."""
    in_secure_area = restricted == "in the secure area"
    review = ReviewPageFactory(
        parent=private_content.members_reviews if in_secure_area else private_content.tree.reviews,
        title=f"Demo {PRIVATE_WORD} archived review",
        status=ReviewPage.Status.ARCHIVED,
    )
    if not in_secure_area:
        restrict_to_members(review)
    form = review.url + review.reverse_subpage("request_full_report")
    answers = {"name": "Demo", "email": "demo@example.org", "reason": "Demo reason."}

    for response in (client.get(form), client.post(form, answers)):
        assert response.status_code == 302
        assert response["Location"] == f"/login/?next={quote(form)}"
    client.force_login(member)
    assert client.get(form).status_code == 404
    assert client.post(form, answers).status_code == 404
    assert client.get(review.url + "request-full-report/sent/").status_code == 404
    assert not FullReportRequest.objects.exists()
    page = client.get(review.url)
    assert page.status_code == 200
    assert "request-full-report" not in page.content.decode()


def test_member_signs_in_and_lands_on_the_page_they_asked_for(client, member, private_content):
    address = private_content.secure_page.url
    login_address = client.get(address)["Location"]

    form_page = client.get(login_address)
    assert soup_of(form_page).find("input", attrs={"name": "next"})["value"] == address
    response = client.post(
        "/login/", {"username": member.username, "password": TEST_PASSWORD, "next": address}
    )

    assert response.status_code == 302
    assert response["Location"] == address
    assert client.get(address).status_code == 200


def test_wrong_password_is_a_form_error_not_a_sign_in(client, member, private_content):
    response = client.post(
        "/login/", {"username": member.username, "password": "wrong-password-000", "next": "/"}
    )

    assert response.status_code == 200
    assert soup_of(response).select_one(".error-summary") is not None
    assert client.get(private_content.secure_page.url).status_code == 302


def test_sign_in_never_redirects_to_another_site(client, member):
    response = client.post(
        "/login/",
        {"username": member.username, "password": TEST_PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_member_signs_out_and_the_secure_area_is_closed_again(client, member, private_content):
    client.force_login(member)
    assert client.get(private_content.secure_page.url).status_code == 200

    response = client.post("/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get(private_content.secure_page.url).status_code == 302


def test_signed_in_non_member_sent_to_login_is_not_caught_in_a_loop(
    client, non_member, private_content
):
    client.force_login(non_member)
    address = private_content.secure_page.url

    response = client.get(f"/login/?next={quote(address)}", follow=True)

    # Sent on to the page, a non-member is told at once that it is for members only.
    assert response.redirect_chain == []
    assert response.status_code == 403
    assert "For partnership members only" in soup_of(response).h1.get_text()


# Documents: only Wagtail's checked view, never MEDIA_URL.


def test_member_downloads_a_private_document_that_no_cache_keeps(client, member, private_content):
    client.force_login(member)

    response = client.get(private_content.private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_public_document_is_served_to_anyone_and_revalidated(client, private_content):
    response = client.get(private_content.public_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "no-cache" in response["Cache-Control"]
    assert "private" not in response["Cache-Control"]


def test_document_address_with_another_documents_file_name_is_not_found(client, private_content):
    private, public = private_content.private_document, private_content.public_document

    response = client.get(f"/documents/{public.pk}/{private.filename}")

    assert response.status_code == 404


def answer_to(client, address, method="get"):
    """What a reader learns from an answer, with the address asked for (in the sign-in
    redirect's ``next``) taken out."""
    response = getattr(client, method)(address)
    location = response.get("Location", "").replace(quote(address), "<the address asked>")
    return response.status_code, location, response.get("Cache-Control")


@pytest.mark.parametrize("method", ["get", "head", "post"])
@pytest.mark.parametrize("reader", ["anonymous visitor", "signed-in non-member"])
def test_a_members_only_document_answers_alike_whatever_file_name_is_asked(
    client, private_content, non_member, reader, method
):
    """Wagtail compares the file name first (404 for a wrong one, sign in for the right one),
    so guessing names would find them: privacy is asked first."""
    document = private_content.private_document
    if reader == "signed-in non-member":
        client.force_login(non_member)
    names = [document.filename, "wrong-name.pdf", "minutes.pdf", "", "deeper/minutes.pdf"]

    answers = {
        name: answer_to(client, f"/documents/{document.pk}/{name}", method) for name in names
    }

    assert len(set(answers.values())) == 1, answers
    status, location, cache_control = answers[document.filename]
    if reader == "anonymous visitor":
        assert (status, location) == (302, "/login/?next=<the address asked>")
    else:
        assert status == 403
    assert "no-store" in cache_control


def test_a_member_is_told_a_members_only_documents_wrong_file_name(client, private_content, member):
    document = private_content.private_document
    client.force_login(member)

    assert client.get(f"/documents/{document.pk}/{document.filename}").status_code == 200
    assert client.get(f"/documents/{document.pk}/wrong-name.pdf").status_code == 404
    assert client.get(f"/documents/{document.pk}/deeper/minutes.pdf").status_code == 404


def test_a_document_that_does_not_exist_is_not_found(client, private_content):
    assert client.get("/documents/999999/minutes.pdf").status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_wagtails_password_forms_are_not_found_whatever_is_asked(private_content, method):
    """Shared passwords are not a restriction this site uses; Wagtail's forms for them would
    tell real restriction and page ids from made-up ones, and show a page's title."""
    client = Client(enforce_csrf_checks=True)  # a POST without a token gets the 404 too
    page_restriction = PageViewRestriction.objects.get(page=private_content.secure_area)
    collection_restriction = CollectionViewRestriction.objects.get(
        collection=private_content.private_document.collection
    )
    addresses = [
        f"/_util/authenticate_with_password/{page_restriction.pk}/{private_content.secure_page.pk}/",
        f"/_util/authenticate_with_password/{page_restriction.pk}/{private_content.secure_area.pk}/",
        "/_util/authenticate_with_password/999999/1/",
        "/_util/authenticate_with_password/x/y/",
        f"/documents/authenticate_with_password/{collection_restriction.pk}/",
        "/documents/authenticate_with_password/999999/",
    ]

    for address in addresses:
        response = getattr(client, method)(address, {"password": "guess-0192", "return_url": "/"})

        assert response.status_code == 404, address
        assert PRIVATE_WORD.lower() not in response.content.decode().lower()


@pytest.mark.parametrize("which", ["private_document", "public_document"])
def test_document_files_are_never_served_from_media_url(client, private_content, which):
    document = getattr(private_content, which)
    assert document.file.name.startswith("documents/")
    assert document.file.storage.exists(document.file.name)  # the file is there to be leaked

    response = client.get(f"/media/{document.file.name}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "template",
    [
        "/media/images/../{name}",
        "/media/images/%2e%2e/{name}",
        "/media/original_images/..%2f{name}",
        "/media/images/....//{name}",
        "/media/images//{name}",
        "/media/images/%2e%2e%2f{name}",
    ],
)
def test_image_folders_never_lead_to_a_document_file(client, private_content, template):
    name = private_content.private_document.file.name

    response = client.get(template.format(name=name))

    assert response.status_code in (400, 404)
    assert PDF_BYTES not in response.content


def test_media_documents_are_not_served_with_debug_on_either(client, settings, private_content):
    """As dev settings run: the URL map has no DEBUG-only route to MEDIA_ROOT/documents/."""
    import importlib

    from django.urls import clear_url_caches

    import safeguarding_site.urls

    settings.DEBUG = True
    try:
        importlib.reload(safeguarding_site.urls)
        clear_url_caches()
        response = client.get(f"/media/{private_content.private_document.file.name}")
    finally:
        settings.DEBUG = False
        importlib.reload(safeguarding_site.urls)
        clear_url_caches()

    assert response.status_code == 404


@pytest.mark.parametrize("module", ["base", "dev", "test", "production"])
def test_every_settings_module_serves_documents_only_through_the_checked_view(module, monkeypatch):
    import importlib

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    values = importlib.import_module(f"safeguarding_site.settings.{module}")

    assert values.ROOT_URLCONF == "safeguarding_site.urls"
    assert values.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert values.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert values.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}
    # Nothing else serves files: WhiteNoise serves static files only.
    assert not hasattr(values, "WHITENOISE_ROOT")
    assert str(values.MEDIA_ROOT) not in [str(path) for path in values.STATICFILES_DIRS]


def test_document_uploaded_to_the_members_collection_is_private(
    client, superuser_client, private_content
):
    collection = private_content.private_document.collection
    response = superuser_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Members' demo action plan",
            "collection": collection.pk,
            "file": SimpleUploadedFile("action-plan.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Members' demo action plan")
    assert document.collection == collection
    superuser_client.logout()

    response = client.get(document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


# Uploads: documents only, of a limited size, checked by the admin's upload form.


def stored_document_files(settings):
    folder = settings.MEDIA_ROOT / "documents"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def upload(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": f"Upload of {name}",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("diagram.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("notes.HTML", b"<p>upper case extension</p>"),
        ("report.pdf.html", b"<p>a PDF in name only</p>"),
        ("data.xml", b"<?xml version='1.0'?><a/>"),
        ("no-extension", PDF_BYTES),
    ],
)
def test_admin_upload_of_a_file_that_is_not_a_document_is_a_form_error_and_stores_nothing(
    superuser_client, private_content, settings, name, data
):
    files_before = stored_document_files(settings)
    documents_before = Document.objects.count()

    response = upload(superuser_client, name, data)

    assert response.status_code == 200
    errors = soup_of(response).select_one("#id_file").find_parent(class_="w-field__wrapper")
    assert "not allowed" in errors.get_text(" ", strip=True)
    assert Document.objects.count() == documents_before
    assert stored_document_files(settings) == files_before


def test_admin_upload_over_the_size_limit_is_a_form_error_and_stores_nothing(
    superuser_client, private_content, settings
):
    files_before = stored_document_files(settings)
    documents_before = Document.objects.count()
    too_big = PDF_BYTES + b"0" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE - len(PDF_BYTES) + 1)

    response = upload(superuser_client, "huge-report.pdf", too_big)

    assert response.status_code == 200
    assert "This file is too big" in soup_of(response).get_text()
    assert Document.objects.count() == documents_before
    assert stored_document_files(settings) == files_before


@pytest.mark.parametrize("extension", ["pdf", "docx", "xlsx", "pptx", "odt"])
def test_admin_upload_of_an_office_document_or_pdf_is_stored(
    superuser_client, private_content, extension
):
    response = upload(superuser_client, f"demo-minutes.{extension}", PDF_BYTES)

    assert response.status_code == 302
    assert Document.objects.filter(title=f"Upload of demo-minutes.{extension}").exists()


# Public pages that link to private material: the link must not give the title away.


def test_public_review_does_not_list_a_members_only_document(client, private_content):
    ReviewDocumentFactory(
        review=private_content.public_review, document=private_content.private_document
    )
    ReviewDocumentFactory(
        review=private_content.public_review, document=private_content.public_document
    )

    response = client.get(private_content.public_review.url)

    assert private_content.public_document.title in shown_titles(response)
    assert_nothing_private(response, private_content)


def test_a_public_review_whose_only_document_is_private_shows_no_documents_section(
    client, private_content
):
    ReviewDocumentFactory(
        review=private_content.public_review, document=private_content.private_document
    )

    response = client.get(private_content.public_review.url)

    assert soup_of(response).find(id="documents") is None
    assert_nothing_private(response, private_content)


def test_a_member_sees_a_members_only_document_on_a_public_review(client, private_content, member):
    ReviewDocumentFactory(
        review=private_content.public_review, document=private_content.private_document
    )
    client.force_login(member)

    response = client.get(private_content.public_review.url)

    assert private_content.private_document.title in shown_titles(response)


def test_public_news_item_does_not_show_a_members_only_document(client, private_content):
    news = NewsPageFactory(
        parent=private_content.tree.news,
        title=f"Demo {PUBLIC_WORD} report",
        body=[("document", {"document": private_content.private_document, "label": ""})],
    )
    NewsDocumentFactory(page=news, document=private_content.private_document)
    NewsDocumentFactory(page=news, document=DocumentFactory(title=f"{PUBLIC_WORD} paper"))

    response = client.get(news.url)

    assert f"{PUBLIC_WORD} paper" in shown_titles(response)
    assert_nothing_private(response, private_content)
