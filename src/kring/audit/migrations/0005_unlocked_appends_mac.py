"""Appends without a lock, a keyed MAC per entry, and chaining afterwards (docs/operations.md, "The access log").

`sequence` becomes the table's own identity column (the database numbers entries, nobody waits on a head
row); entries gain `uid`, `key_id`, `mac` (HMAC-SHA256 with a key outside the database), `export_format` and
`chain_position`, which the chainer fills in. Entries written before keep their unkeyed hashes and get the
position they had (their `sequence`); the first keyed link covers the last of them, so they stay protected.

Reversing keeps the entries but drops their MACs and chain positions: entries signed after this migration
then no longer verify (verify_audit_chain names the first), so reverse only a fresh or a test database.

On PostgreSQL the append-only trigger of 0002 is replaced by one that still refuses DELETE and every UPDATE
except the chainer's one-time filling of the chain fields of an entry that has none yet.
"""

from django.db import migrations, models

OLD_TRIGGER = """
CREATE OR REPLACE FUNCTION kring_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER kring_audit_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION kring_audit_append_only();
"""

NEW_TRIGGER = """
CREATE OR REPLACE FUNCTION kring_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL
        AND (to_jsonb(OLD) - 'chain_position' - 'previous_hash' - 'entry_hash')
            = (to_jsonb(NEW) - 'chain_position' - 'previous_hash' - 'entry_hash') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER kring_audit_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION kring_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS kring_audit_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS kring_audit_append_only();
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


def keep_positions(apps, schema_editor):
    """Entries chained before keep their place: position = sequence (they were numbered 1, 2, 3, …); the
    database numbers new entries after the last of them."""
    schema_editor.execute("UPDATE audit_auditentry SET chain_position = sequence", params=None)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "SELECT setval(pg_get_serial_sequence('audit_auditentry', 'sequence'), "
            "COALESCE(MAX(sequence), 1), MAX(sequence) IS NOT NULL) FROM audit_auditentry",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_protect_chain")]

    operations = [
        migrations.RunPython(_run(DROP), _run(OLD_TRIGGER)),
        migrations.RemoveField(model_name="auditentry", name="id"),
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.BigAutoField(primary_key=True, serialize=False),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="chain_position",
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="auditentry", name="export_format", field=models.CharField(blank=True, max_length=20)
        ),
        migrations.AddField(
            model_name="auditentry", name="key_id", field=models.CharField(blank=True, max_length=32)
        ),
        migrations.AddField(model_name="auditentry", name="mac", field=models.CharField(blank=True, max_length=64)),
        migrations.AddField(
            model_name="auditentry",
            name="uid",
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry", name="previous_hash", field=models.CharField(blank=True, max_length=64)
        ),
        migrations.RunPython(keep_positions, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                condition=models.Q(("chain_position__isnull", True)), fields=["sequence"], name="audit_unchained"
            ),
        ),
        migrations.RunPython(_run(NEW_TRIGGER), _run(DROP)),
    ]
