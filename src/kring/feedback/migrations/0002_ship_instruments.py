"""Ship the first instruments kring brings (our own wording): exit, session-start, session-end."""

from django.db import migrations

from kring.feedback.shipping import ship as ship_slugs
from kring.feedback.shipping import unship as unship_slugs

SLUGS = ("exit", "session-start", "session-end")


def ship(apps, schema_editor):
    ship_slugs(apps, SLUGS)


def unship(apps, schema_editor):
    unship_slugs(apps, SLUGS)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(ship, unship)]
