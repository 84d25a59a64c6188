from django.contrib.auth.management import create_permissions
from django.db import migrations

# (group, app, model, actions). Editors write drafts and submit pages for approval (Wagtail's
# page permissions and its "Moderators approval" workflow on the whole tree); they also keep
# the learning vocabulary and resources up to date. Moderators approve and publish, and may
# delete vocabulary and change the partnership's settings.
GRANTS = [
    ("Editors", "learning", "theme", ["add", "change"]),
    ("Editors", "learning", "audience", ["add", "change"]),
    ("Editors", "learning", "externalresource", ["add", "change", "publish"]),
    ("Moderators", "learning", "theme", ["add", "change", "delete"]),
    ("Moderators", "learning", "audience", ["add", "change", "delete"]),
    ("Moderators", "learning", "externalresource", ["add", "change", "publish", "delete"]),
    ("Moderators", "safeguarding_site", "partnershipsettings", ["change"]),
]


def grant(apps, schema_editor):
    # Permissions are otherwise made after every migration has run: make them now.
    for app_label in ("learning", "safeguarding_site"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Wagtail adds "publish" for snippets with drafts after migrating; this needs it now.
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get(app_label="learning", model="externalresource"),
        codename="publish_externalresource",
        defaults={"name": "Can publish external resource"},
    )
    for group_name, app_label, model, actions in GRANTS:
        group = Group.objects.filter(name=group_name).first()
        if group is None:  # a site that removed Wagtail's group keeps its own arrangement
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


class Migration(migrations.Migration):
    """Editors and Moderators may keep the learning vocabulary and resources up to date;
    Moderators may change the partnership's settings."""

    dependencies = [
        ("wagtailcore", "0002_initial_data"),
        ("learning", "0006_briefing_reviews"),
        ("safeguarding_site", "0004_menu_title"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
