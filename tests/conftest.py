"""Fixtures shared by every test module."""

import pytest
from django.core.cache import cache, caches
from django.db import transaction
from django.test import override_settings

from safeguarding_site.cache import forget_local_pages
from tests.factories import (
    UserFactory,
    create_editor,
    create_member,
    create_private_content,
    create_site_tree,
)


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings, tmp_path):
    """Uploaded and generated files go to a scratch folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail caches site root paths, the page cache its generation and copies, and the public
    forms their counts (``limits``): start each test clean."""
    for alias in ("default", "limits"):
        caches[alias].clear()
    forget_local_pages()
    yield
    for alias in ("default", "limits"):
        caches[alias].clear()
    forget_local_pages()


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on, as production has it with Redis (it is off in
    test settings). With ``REDIS_URL`` set, the cache is Redis, as in production."""
    settings.PAGE_CACHE_ENABLED = True


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


@pytest.fixture(scope="module")
def module_media_root(tmp_path_factory):
    """The media folder of content a test module builds once (``module_transaction``)."""
    return tmp_path_factory.mktemp("module-media")


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker, module_media_root):
    """Database access for content a test module builds once, in a transaction rolled back
    after the module's tests; each test (with ``db``) runs in a savepoint inside it."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=module_media_root),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def private_content_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The private content, built once per test module inside a transaction that is rolled
    back when the module's tests are done; each test's own changes roll back to a savepoint.

    Its files live in a folder of their own; ``private_content`` points MEDIA_ROOT there.
    """
    media = tmp_path_factory.mktemp("private-content-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        cache.clear()
        content = create_private_content(create_site_tree())
        cache.clear()
        yield content, media
        transaction.set_rollback(True)


@pytest.fixture
def private_content(private_content_for_module, db, settings):
    """Members-only pages and a members-only document, each with a public twin
    (``tests.factories.create_private_content``), in the default site's tree.

    Use it instead of ``site_tree`` (the site tree is ``private_content.tree``).
    """
    content, media = private_content_for_module
    settings.MEDIA_ROOT = media
    return content.fresh()


@pytest.fixture
def member(db):
    """A user in the "Partnership members" group: may read the secure area."""
    return create_member(username="test-member")


@pytest.fixture
def non_member(db):
    """A signed-in user in no group: may not read the secure area."""
    return UserFactory(username="test-non-member")


@pytest.fixture
def editor(db):
    """A user in Wagtail's "Editors" group (admin access), not a partnership member."""
    return create_editor(username="test-editor")


def pytest_collection_finish(session):
    """Start the slow deployment subprocesses the selected tests need (tests/deployment.py):
    they run while the other tests do."""
    from tests import deployment

    if not session.config.option.collectonly:
        deployment.start_for({item.path.name for item in session.items})


def pytest_sessionfinish(session):
    from tests import deployment

    deployment.stop_all()
