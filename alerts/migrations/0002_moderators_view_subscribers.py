from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are otherwise made after every migration has run: make them now.
    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:  # a site that removed Wagtail's group keeps its own arrangement
        return
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="alerts", codename="view_subscriber")
    )


class Migration(migrations.Migration):
    """Moderators (the business unit) may see who subscribes to email alerts; Editors do not."""

    dependencies = [
        ("wagtailcore", "0002_initial_data"),
        ("alerts", "0001_subscribers"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
