"""Backups: ``deploy/backup`` dumps the database and copies the uploaded files, and what it
writes restores (docs/operating.md, "Backups" and "Restoring").

PostgreSQL only (CI runs the suite on it too): the script runs ``pg_dump``, the test restores
its dump with ``pg_restore`` into a database of its own, as the operating guide does.
"""

import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.db import connection
from psycopg2 import sql

from tests.factories import DocumentFactory, ReviewDocumentFactory, ReviewPageFactory

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="pg_dump and pg_restore need PostgreSQL",
    ),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs PostgreSQL's client tools"),
]


def database_url(name):
    """The URL of database ``name`` on the server the tests use."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


def server_connection():
    """A connection to the server's maintenance database, for creating and dropping."""
    db = connection.settings_dict
    maintenance = psycopg2.connect(
        dbname="postgres",
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    maintenance.autocommit = True
    return maintenance


@pytest.fixture
def restored_database():
    """The name of an empty database to restore into, dropped after the test."""
    name = f"{connection.settings_dict['NAME']}_restored"
    maintenance = server_connection()
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with maintenance.cursor() as cursor:
        cursor.execute(drop)
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with maintenance.cursor() as cursor:
        cursor.execute(drop)
    maintenance.close()


@pytest.fixture
def project(tmp_path):
    """A deployed site's folder with ``deploy/backup`` and an empty ``media/``, and the
    environment file the script reads."""
    folder = tmp_path / "srv"
    (folder / "deploy").mkdir(parents=True)
    (folder / "media").mkdir()
    shutil.copy2(ROOT / "deploy" / "backup", folder / "deploy" / "backup")
    backups = tmp_path / "backups"
    environment = tmp_path / "env"
    environment.write_text(
        f"DATABASE_URL={database_url(connection.settings_dict['NAME'])}\n"
        f"SAFEGUARDING_BACKUP_DIR={backups}\n"
        "SAFEGUARDING_BACKUP_DAYS=30\n"
    )
    return folder, environment, backups


def run_backup(folder, environment):
    return subprocess.run(  # noqa: S603 - the project's own script
        [str(folder / "deploy" / "backup")],
        env={**os.environ, "SAFEGUARDING_ENV_FILE": str(environment)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_nights_backup_restores_the_reviews_and_their_documents(
    site_tree, project, restored_database
):
    review = ReviewPageFactory(parent=site_tree.reviews, title="Demo review kept in a backup")
    document = DocumentFactory(title="Demo report kept in a backup")
    ReviewDocumentFactory(review=review, document=document)
    folder, environment, backups = project
    # The site's uploaded files, where a deployment keeps them.
    shutil.copytree(django_settings.MEDIA_ROOT, folder / "media", dirs_exist_ok=True)

    backup = run_backup(folder, environment)

    assert backup.returncode == 0, backup.stderr
    today = date.today().isoformat()
    dump = backups / f"database-{today}.dump"
    restore = subprocess.run(  # noqa: S603 - fixed arguments
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", database_url(restored_database)]
        + [str(dump)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restore.returncode == 0, restore.stderr
    restored = psycopg2.connect(database_url(restored_database))
    with restored, restored.cursor() as cursor:
        cursor.execute("SELECT title FROM wagtailcore_page WHERE id = %s", [review.pk])
        assert cursor.fetchone() == ("Demo review kept in a backup",)
        cursor.execute("SELECT file FROM wagtaildocs_document WHERE id = %s", [document.pk])
        (file_name,) = cursor.fetchone()
    restored.close()
    copied = backups / f"media-{today}" / file_name
    assert copied.read_bytes() == Path(document.file.path).read_bytes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backups_older_than_the_retention_are_deleted_and_unchanged_files_are_not_copied_again(
    project,
):
    folder, environment, backups = project
    (folder / "media" / "documents").mkdir()
    (folder / "media" / "documents" / "demo-minutes.pdf").write_bytes(b"%PDF-1.4 demo")
    old_day = (date.today() - timedelta(days=31)).isoformat()
    kept_day = (date.today() - timedelta(days=29)).isoformat()
    backups.mkdir()
    for day in (old_day, kept_day):
        (backups / f"database-{day}.dump").write_bytes(b"an older dump")
        shutil.copytree(folder / "media", backups / f"media-{day}")

    backup = run_backup(folder, environment)

    assert backup.returncode == 0, backup.stderr
    left = sorted(path.name for path in backups.iterdir())
    today = date.today().isoformat()
    assert left == sorted(
        [f"database-{kept_day}.dump", f"media-{kept_day}", f"database-{today}.dump"]
        + [f"media-{today}"]
    )
    # Today's copy of an unchanged file is the same file on disk as the day before's.
    same = [
        backups / f"media-{day}" / "documents" / "demo-minutes.pdf" for day in (kept_day, today)
    ]
    assert same[0].stat().st_ino == same[1].stat().st_ino
