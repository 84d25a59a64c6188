"""Members' documents are private by default: a document uploaded from a members-only page's
editor goes to the members' collection unless the editor picks another; staff see which
documents are members-only in the documents list and the chooser; a document needs a real
title, not its file name."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection

from tests.factories import PDF_BYTES
from tests.html import soup_of

PREFIX = "document-chooser-upload"


def editor_of(page):
    return "http://testserver" + reverse("wagtailadmin_pages:edit", args=[page.pk])


def chooser_upload_form(client, referer):
    """The chooser's upload tab, opened from the editor at ``referer``."""
    response = client.get(reverse("wagtaildocs_chooser:choose"), HTTP_REFERER=referer)
    assert response.status_code == 200
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


def preselected_collection(form):
    select = form.select_one(f"select[name='{PREFIX}-collection']")
    option = select.select_one("option[selected]") or select.select_one("option")
    return int(option["value"])


def test_chooser_opened_from_a_members_page_uploads_to_the_members_collection(
    superuser_client, private_content
):
    members = private_content.private_document.collection

    form = chooser_upload_form(superuser_client, editor_of(private_content.secure_page))

    assert preselected_collection(form) == members.pk


def test_chooser_opened_from_a_new_page_in_the_secure_area_uploads_there_too(
    superuser_client, private_content
):
    new_page = "http://testserver" + reverse(
        "wagtailadmin_pages:add",
        args=["safeguarding_site", "standardpage", private_content.secure_area.pk],
    )

    form = chooser_upload_form(superuser_client, new_page)

    assert preselected_collection(form) == private_content.private_document.collection.pk


def test_chooser_opened_from_a_public_page_uploads_to_the_root_collection(
    superuser_client, private_content
):
    form = chooser_upload_form(superuser_client, editor_of(private_content.public_review))

    assert preselected_collection(form) == Collection.get_first_root_node().pk


def test_a_document_uploaded_from_a_members_page_cannot_be_downloaded_anonymously(
    superuser_client, private_content
):
    referer = editor_of(private_content.secure_page)
    form = chooser_upload_form(superuser_client, referer)

    response = superuser_client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            f"{PREFIX}-title": "Board minutes, April 2026 (demo)",
            f"{PREFIX}-file": SimpleUploadedFile("board-minutes.pdf", PDF_BYTES),
            f"{PREFIX}-collection": preselected_collection(form),
        },
        HTTP_REFERER=referer,
    )

    assert response.status_code == 200
    document = Document.objects.get(title="Board minutes, April 2026 (demo)")
    assert document.collection == private_content.private_document.collection
    download = Client().get(document.url)  # an anonymous visitor
    assert download.status_code == 302
    assert download["Location"].startswith("/login/")


@pytest.mark.parametrize("title", ["scan_0001", "CRG-minutes-2026-03", "report.pdf", "2026"])
def test_a_document_titled_with_a_file_name_is_a_form_error(superuser_client, db, title):
    response = superuser_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("crg-minutes.pdf", PDF_BYTES),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    assert "not its file name" in soup_of(response).get_text()
    assert not Document.objects.filter(title=title).exists()


def test_a_document_with_a_real_title_is_stored(superuser_client, db):
    response = superuser_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Minutes of the case review group, March 2026",
            "file": SimpleUploadedFile("crg-minutes.pdf", PDF_BYTES),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 302
    assert Document.objects.filter(title__startswith="Minutes of the case").exists()


def test_documents_list_says_which_documents_are_members_only(superuser_client, private_content):
    response = superuser_client.get(reverse("wagtaildocs:index"))

    text = {row.get_text(" ", strip=True) for row in soup_of(response).select("tbody tr")}
    private, public = private_content.private_document, private_content.public_document
    assert any(private.title in row and row.endswith("Members only") for row in text)
    assert any(public.title in row and row.endswith("Public") for row in text)


def test_document_chooser_says_which_documents_are_members_only(superuser_client, private_content):
    form = chooser_upload_form(superuser_client, editor_of(private_content.public_review))

    rows = {row.get_text(" ", strip=True) for row in form.select("tbody tr")}
    assert any(
        private_content.private_document.title in row and "Members only" in row for row in rows
    )
    assert any(private_content.public_document.title in row and "Public" in row for row in rows)
