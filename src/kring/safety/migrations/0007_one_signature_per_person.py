"""One signature per person and plan version, enforced by the database.

Before the constraints can be added, signatures stored twice by two clicks at the same moment (possible
before this migration) are folded into the first one: same version, same person, the later copies go.
Reversing drops the constraints; the folded copies are not brought back (they said nothing new)."""

from django.db import migrations, models


def fold_double_signatures(apps, schema_editor):
    Signature = apps.get_model("safety", "Signature")
    seen: set[tuple] = set()
    doubles = []
    for pk, version, participant, circle_member in Signature.objects.order_by("signed_at", "id").values_list(
        "pk", "version_id", "participant_id", "circle_member_id"
    ):
        key = (version, participant, circle_member)
        if key in seen:
            doubles.append(pk)
        seen.add(key)
    Signature.objects.filter(pk__in=doubles).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0006_journal"),
    ]

    operations = [
        migrations.RunPython(fold_double_signatures, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="signature",
            constraint=models.UniqueConstraint(
                condition=models.Q(("participant__isnull", False)),
                fields=("version", "participant"),
                name="one_signature_per_participant",
            ),
        ),
        migrations.AddConstraint(
            model_name="signature",
            constraint=models.UniqueConstraint(
                condition=models.Q(("circle_member__isnull", False)),
                fields=("version", "circle_member"),
                name="one_signature_per_circle_member",
            ),
        ),
    ]
