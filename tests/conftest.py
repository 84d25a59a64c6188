"""Fixtures shared by every test module."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory, create_site_tree


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings, tmp_path):
    """Uploaded and generated files go to a scratch folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail caches site root paths and the page cache its generation: start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """HomePage at the default site's root with reviews, learning, news and resources under it."""
    return create_site_tree()


@pytest.fixture
def superuser(db):
    return UserFactory(username="test-superuser", is_superuser=True, is_staff=True)


@pytest.fixture
def superuser_client(client, superuser):
    """A test client signed in as a superuser, for the Wagtail admin."""
    client.force_login(superuser)
    return client
