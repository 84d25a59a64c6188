"""Editors see the stricter accessibility checks while they preview a page."""

import json

import pytest
from django.urls import reverse

from tests.factories import ReviewPageFactory
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def test_page_editor_checks_colour_contrast_alt_text_and_heading_order(superuser_client, site_tree):
    review = ReviewPageFactory(parent=site_tree.reviews)
    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    assert response.status_code == 200
    script = soup_of(response).find("script", id="checker-axe-configuration")
    configuration = json.loads(script.string)
    rules = configuration["options"]["runOnly"]
    for rule in ("color-contrast", "image-alt", "heading-order", "alt-text-quality"):
        assert rule in rules
    alt_check = next(
        check for check in configuration["spec"]["checks"] if check["id"] == "check-image-alt-text"
    )
    assert "picture" in alt_check["options"]["pattern"]
    assert "color-contrast" in configuration["messages"]
