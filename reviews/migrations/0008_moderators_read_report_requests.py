from django.contrib.auth.management import create_permissions
from django.db import migrations

# Moderators (the business unit, who approve and publish) read and answer the requests for
# full reports, and may delete one early; Editors do not see them.
ACTIONS = ["view", "delete"]


def grant(apps, schema_editor):
    # Permissions are otherwise made after every migration has run: make them now.
    app_config = apps.get_app_config("reviews")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:  # a site that removed Wagtail's group keeps its own arrangement
        return
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reviews",
            codename__in=[f"{action}_fullreportrequest" for action in ACTIONS],
        )
    )


class Migration(migrations.Migration):
    """Moderators may read and delete requests for full reports."""

    dependencies = [
        ("wagtailcore", "0002_initial_data"),
        ("reviews", "0007_full_report_requests"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
