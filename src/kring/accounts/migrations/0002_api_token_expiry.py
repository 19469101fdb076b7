import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            # tokens that existed before expiry was introduced expire at once: their owners make new ones
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="expires at"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="created_verified",
            field=models.BooleanField(default=False, help_text="Created in a session that passed two-factor login."),
        ),
    ]
