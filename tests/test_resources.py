"""The external resources page, /resources/: grouped by type, filtered by theme with counts,
only what the public may be sent to (published, not known to be broken)."""

import pytest

from learning.choices import LinkStatus, ResourceType
from tests.factories import ExternalResourceFactory, ThemeFactory
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources(site_tree):
    neglect = ThemeFactory(name="Neglect", slug="neglect")
    bruising = ThemeFactory(name="Bruising", slug="bruising")
    return {
        "repository": ExternalResourceFactory(
            title="Demo case review repository", themes=[neglect]
        ),
        "paper": ExternalResourceFactory(
            title="Demo briefing paper on bruising",
            resource_type=ResourceType.BRIEFING_PAPER,
            themes=[bruising],
        ),
        "broken": ExternalResourceFactory(
            title="Demo broken link", link_status=LinkStatus.BROKEN, themes=[neglect]
        ),
    }


def titles(response):
    return [card.get_text(strip=True) for card in soup_of(response).select("main .card__title")]


def test_resources_are_grouped_by_type_without_broken_links(client, resources):
    response = client.get("/resources/")

    headings = [h2.get_text(strip=True) for h2 in soup_of(response).select("main section h2")]
    assert headings == ["Repository", "Briefing paper"]
    assert "Demo broken link" not in response.content.decode()


def test_the_theme_filter_narrows_the_resources_and_counts_each_theme(client, resources):
    response = client.get("/resources/", {"theme": "bruising"})

    assert titles(response) == ["Demo briefing paper on bruising"]
    options = {
        option["value"]: option.get_text(strip=True)
        for option in soup_of(response).select("select[name=theme] option")
    }
    assert options["neglect"] == "Neglect (1)"  # the broken one is not counted
    assert options["bruising"] == "Bruising (1)"


def test_an_unknown_theme_is_a_400_with_the_error_beside_the_filter(client, resources):
    response = client.get("/resources/", {"theme": "no-such-theme"})

    assert response.status_code == 400
    assert soup_of(response).find(id="id_theme_error") is not None
    assert len(titles(response)) == 2  # the bad value narrows nothing
