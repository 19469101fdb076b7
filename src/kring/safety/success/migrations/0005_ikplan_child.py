"""An IK-plan belongs to one young person of the dossier (`child`), with versions per young person.

Existing plans get the dossier's child when the dossier has exactly one; in a dossier with several children
(or none) the plan's young person cannot be known, so `child` stays empty: those plans keep their
dossier-wide numbering (a constraint of their own) and the overview lists them as "young person not
recorded" for a worker to rewrite under the right young person. Reversing numbers every dossier's plans
again in one series (oldest first), so that the old one-series constraint holds."""

import django.db.models.deletion
from django.db import migrations, models


def fill_child(apps, schema_editor):
    IkPlan = apps.get_model("success", "IkPlan")
    Dossier = apps.get_model("cases", "Dossier")
    dossier_ids = IkPlan.objects.values_list("dossier_id", flat=True).distinct()
    for dossier in Dossier.objects.filter(pk__in=dossier_ids):
        children = list(dossier.children.values_list("pk", flat=True)[:2])
        if len(children) == 1:
            IkPlan.objects.filter(dossier=dossier, child__isnull=True).update(child_id=children[0])


def one_series_again(apps, schema_editor):
    IkPlan = apps.get_model("success", "IkPlan")
    for dossier_id in IkPlan.objects.values_list("dossier_id", flat=True).distinct():
        plans = IkPlan.objects.filter(dossier_id=dossier_id).order_by("recorded_at", "pk")
        for number, plan in enumerate(plans, start=1):
            if plan.version != number:
                IkPlan.objects.filter(pk=plan.pk).update(version=number)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_event_summary_key"),
        ("success", "0004_early_closure"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="ikplan",
            options={
                "ordering": ["dossier", "child", "-version"],
                "verbose_name": "IK-plan",
                "verbose_name_plural": "IK-plans",
            },
        ),
        migrations.RemoveConstraint(model_name="ikplan", name="success_ikplan_one_version"),
        migrations.AddField(
            model_name="ikplan",
            name="child",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.person",
                verbose_name="young person",
            ),
        ),
        migrations.RunPython(fill_child, one_series_again),
        migrations.AddConstraint(
            model_name="ikplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("child__isnull", False)),
                fields=("dossier", "child", "version"),
                name="success_ikplan_one_version_per_child",
            ),
        ),
        migrations.AddConstraint(
            model_name="ikplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("child__isnull", True)),
                fields=("dossier", "version"),
                name="success_ikplan_one_version",
            ),
        ),
    ]
