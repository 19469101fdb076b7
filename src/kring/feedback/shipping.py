"""Shipping the instruments of definitions.py as data, for the migrations that bring them.

Each migration ships its own slugs, as version 1, with the fields its historical models have; shipping twice
changes nothing, and taking them back removes only versions nobody answered."""

from django.db import connections

from .definitions import INSTRUMENTS


def ship(apps, slugs) -> None:
    Instrument = apps.get_model("feedback", "Instrument")
    Item = apps.get_model("feedback", "Item")
    item_fields = {field.name for field in Item._meta.get_fields()}
    for definition in INSTRUMENTS:
        if definition["slug"] not in slugs:
            continue
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
                Item(
                    instrument=instrument, order=order, **{k: v for k, v in item.items() if k in item_fields}
                )
                for order, item in enumerate(definition["items"])
            )


def unship(apps, slugs) -> None:
    Instrument = apps.get_model("feedback", "Instrument")
    Instrument.objects.filter(slug__in=slugs, version=1, administrations__isnull=True).delete()
    # PostgreSQL checks the deleted rows' foreign keys at the end of the migration's transaction, and until
    # then refuses to ALTER the same tables ("pending trigger events"), as a later schema step may do.
    connection = connections[Instrument.objects.db]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
