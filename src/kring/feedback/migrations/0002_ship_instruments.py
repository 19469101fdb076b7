"""Ship the instruments kring brings (our own wording): exit, session-start, session-end."""

from django.db import migrations

from kring.feedback.definitions import INSTRUMENTS


def ship(apps, schema_editor):
    Instrument = apps.get_model("feedback", "Instrument")
    Item = apps.get_model("feedback", "Item")
    for definition in INSTRUMENTS:
        instrument, created = Instrument.objects.get_or_create(
            slug=definition["slug"],
            version=1,
            defaults={
                "name": definition["name"],
                "purpose": definition["purpose"],
                "respondent_types": definition["respondent_types"],
                "due": definition["due"],
            },
        )
        if created:
            Item.objects.bulk_create(
                Item(instrument=instrument, order=order, **item) for order, item in enumerate(definition["items"])
            )


def unship(apps, schema_editor):
    Instrument = apps.get_model("feedback", "Instrument")
    slugs = [definition["slug"] for definition in INSTRUMENTS]
    Instrument.objects.filter(slug__in=slugs, version=1, administrations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(ship, unship)]
