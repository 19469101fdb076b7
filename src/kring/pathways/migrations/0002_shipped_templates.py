from django.db import migrations

from kring.pathways.loader import load_templates, unload_templates


def forwards(apps, schema_editor):
    load_templates(apps.get_model("pathways", "PathwayTemplate"), apps.get_model("pathways", "TemplateStep"))


def backwards(apps, schema_editor):
    unload_templates(apps.get_model("pathways", "PathwayTemplate"))


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
