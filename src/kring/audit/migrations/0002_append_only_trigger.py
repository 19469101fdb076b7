"""On PostgreSQL, refuse UPDATE and DELETE of audit entries at the database level.

The trigger fires for every role, including the table owner; only someone who can ALTER the table (disable the
trigger) can change history, and that is what verify_audit_chain detects. See docs/operations.md.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION kring_audit_append_only() RETURNS trigger AS $$
BEGIN
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


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
