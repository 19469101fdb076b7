"""Ship the life-domain matrix (lgm)."""

from django.db import migrations

from kring.feedback.shipping import ship as ship_slugs
from kring.feedback.shipping import unship as unship_slugs

SLUGS = ("lgm",)


def ship(apps, schema_editor):
    ship_slugs(apps, SLUGS)


def unship(apps, schema_editor):
    unship_slugs(apps, SLUGS)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0004_samen_sterker")]

    operations = [migrations.RunPython(ship, unship)]
