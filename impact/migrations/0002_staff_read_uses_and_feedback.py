from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors and Moderators (who see the impact report) read the uses and the feedback behind it;
# Moderators (the business unit) may also delete one, such as spam that got through.
MODELS = ["briefinguse", "pagefeedback"]
GRANTS = {"Editors": ["view"], "Moderators": ["view", "delete"]}


def grant(apps, schema_editor):
    # Permissions are otherwise made after every migration has run: make them now.
    app_config = apps.get_app_config("impact")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:  # a site that removed Wagtail's group keeps its own arrangement
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="impact",
                codename__in=[f"{action}_{model}" for action in actions for model in MODELS],
            )
        )


class Migration(migrations.Migration):
    """Editors and Moderators read the uses of briefings and the page feedback; Moderators may
    delete them."""

    dependencies = [
        ("wagtailcore", "0002_initial_data"),
        ("impact", "0001_briefing_uses_and_page_feedback"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
