from django.db import migrations

MEMBERS_GROUP = "Partnership members"


def create_members_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=MEMBERS_GROUP)


class Migration(migrations.Migration):
    """The group whose members may read the secure area."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("safeguarding_site", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_members_group, migrations.RunPython.noop)]
