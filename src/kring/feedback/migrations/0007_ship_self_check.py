"""Ship the worker's self-check (zelfonderzoek) on working true to the method."""

from django.db import migrations

from kring.feedback.shipping import ship as ship_slugs
from kring.feedback.shipping import unship as unship_slugs

SLUGS = ("self-check",)


def ship(apps, schema_editor):
    ship_slugs(apps, SLUGS)


def unship(apps, schema_editor):
    unship_slugs(apps, SLUGS)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0006_anchors")]

    operations = [migrations.RunPython(ship, unship)]
