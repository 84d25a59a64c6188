"""The printable one-page PDF of a 7-minute briefing, generated from the published page."""

import io

import pytest
from pypdf import PdfReader

from learning.models import PrintableBriefing
from tests.factories import (
    BriefingPageFactory,
    DocumentFactory,
    ReviewPageFactory,
)
from tests.html import soup_of

pytestmark = pytest.mark.django_db


PUBLIC_ADDRESS = "https://lscp.example.net"


@pytest.fixture
def briefing(site_tree, settings):
    """A published briefing, its PDF made on a site whose public address is PUBLIC_ADDRESS
    (the demo's Site record says localhost)."""
    settings.SITE_URL = PUBLIC_ADDRESS
    page = BriefingPageFactory(
        parent=site_tree.learning, title="Fractures in infants", slug="fractures-in-infants"
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def pdf_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_download_is_a_tagged_pdf_of_the_briefing_on_one_or_two_pages(client, briefing):
    response = client.get("/learning/fractures-in-infants/download/")
    assert "attachment" in response["Content-Disposition"]
    assert "fractures-in-infants-7-minute-briefing.pdf" in response["Content-Disposition"]
    pdf = pdf_of(response)
    assert 1 <= len(pdf.pages) <= 2
    text = " ".join(page.extract_text() for page in pdf.pages)
    for number, heading, _ in briefing.sections:
        assert heading in text, f"section {number} missing"
    assert "Section seven text: what to do." in text
    assert "What would you do differently?" in text
    assert "Online at https://lscp.example.net/learning/fractures-in-infants/" in text
    assert pdf.metadata.title == "Fractures in infants: 7-minute briefing"
    assert pdf.metadata.author == "Safeguarding Children Partnership"
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/MarkInfo"]["/Marked"])  # tagged for screen readers


def test_the_pdf_is_made_once_per_published_revision(client, briefing):
    client.get("/learning/fractures-in-infants/download/")
    client.get("/learning/fractures-in-infants/download/")
    assert PrintableBriefing.objects.filter(briefing=briefing).count() == 1

    briefing.what_to_do = "<p>Refer every baby with a fracture to the on-call paediatrician.</p>"
    briefing.save_revision().publish()
    text = pdf_of(client.get("/learning/fractures-in-infants/download/")).pages[0].extract_text()
    assert "Refer every baby with a fracture" in text
    assert PrintableBriefing.objects.filter(briefing=briefing).count() == 1  # the old one went


def test_a_draft_change_does_not_reach_the_pdf(client, briefing):
    briefing.what_to_do = "<p>Unapproved draft wording.</p>"
    briefing.save_revision()  # saved, not published
    text = pdf_of(client.get("/learning/fractures-in-infants/download/")).pages[0].extract_text()
    assert "Unapproved draft wording" not in text


def test_briefing_page_offers_the_download_with_its_size(client, briefing):
    printable = PrintableBriefing.objects.get(briefing=briefing)
    soup = soup_of(client.get(briefing.url))
    link = soup.find("a", href="/learning/fractures-in-infants/download/")
    assert link is not None
    item = link.find_parent("li")
    assert "PDF" in item.get_text() and "KB" in item.get_text()
    assert printable.size > 1000


def test_an_uploaded_pdf_is_offered_too_and_labelled_apart(client, site_tree, briefing):
    briefing.uploaded_pdf = DocumentFactory(title="Partnership's designed version")
    briefing.save_revision().publish()
    soup = soup_of(client.get(briefing.url))
    downloads = soup.select(".downloads li")
    assert len(downloads) == 2
    texts = [item.get_text(" ", strip=True) for item in downloads]
    assert any("Printable version" in text for text in texts)
    assert any("Partnership's designed version" in text for text in texts)


def test_review_pages_offer_their_briefings_downloads(client, site_tree, briefing):
    review = ReviewPageFactory(parent=site_tree.reviews)
    briefing.source_review_links.create(review=review)
    briefing.save_revision().publish()
    soup = soup_of(client.get(review.url))
    assert soup.find("a", href="/learning/fractures-in-infants/download/") is not None


def test_an_unpublished_briefing_has_no_download(client, briefing):
    briefing.unpublish()
    assert client.get("/learning/fractures-in-infants/download/").status_code == 404
