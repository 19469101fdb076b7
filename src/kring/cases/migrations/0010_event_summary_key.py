"""Generated summaries of dossier events as a message key and its parameters (kring.cases.event_summaries).

Existing rows keep their `summary` as written. The one generated summary that can be read back without doubt
is a started measure's (its text is exactly the measure's label, in Dutch or English): it gets its key, so it
reads in the reader's language too. Every other row keeps an empty key and is shown as stored. Backwards, the
keys are cleared and the text stays.
"""

from django.db import migrations, models
from django.utils import translation

LANGUAGES = ("nl", "en")


def keys_for_started_measures(apps, schema_editor):
    DossierEvent = apps.get_model("cases", "DossierEvent")
    Measure = apps.get_model("cases", "Measure")
    by_label = {}
    for code, label in Measure._meta.get_field("kind").flatchoices:
        for language in LANGUAGES:
            with translation.override(language):
                by_label.setdefault(str(translation.gettext(label)), code)
    events = DossierEvent.objects.filter(kind="measure_started", summary_key="", summary__in=list(by_label))
    for event in events.iterator():
        event.summary_key = "measure_started"
        event.summary_params = {"kind": by_label[event.summary]}
        event.save(update_fields=["summary_key", "summary_params"])


def keys_cleared(apps, schema_editor):
    DossierEvent = apps.get_model("cases", "DossierEvent")
    DossierEvent.objects.exclude(summary_key="").update(summary_key="", summary_params={})


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_merge_activity_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossierevent",
            name="summary_key",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.AddField(
            model_name="dossierevent",
            name="summary_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(keys_for_started_measures, keys_cleared),
    ]
