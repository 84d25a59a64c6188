from django.db import migrations


def forget_printables(apps, schema_editor):
    """Every stored PDF is made again at its next download (or its briefing's next publish),
    now with the "We used this briefing" address and QR code."""
    PrintableBriefing = apps.get_model("learning", "PrintableBriefing")
    for printable in PrintableBriefing.objects.all():
        printable.file.delete(save=False)
    PrintableBriefing.objects.all().delete()


class Migration(migrations.Migration):
    """Printable briefings made before they named the "We used this briefing" form are dropped."""

    dependencies = [("learning", "0008_briefing_download_counts")]

    operations = [migrations.RunPython(forget_printables, migrations.RunPython.noop)]
