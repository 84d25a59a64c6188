from django.db import migrations

INDEX = "safeguarding_search_title_body_gin"


def create_index(apps, schema_editor):
    # Wagtail's PostgreSQL backend matches (title || body) @@ query when a search is combined
    # with other filters; without an index on that expression every index entry is read.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    """A GIN index for filtered full-text search on PostgreSQL (nothing on SQLite)."""

    dependencies = [
        ("safeguarding_site", "0002_partnership_members_group"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
