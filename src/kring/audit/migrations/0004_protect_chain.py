"""Harden the chain on PostgreSQL: the chain head only moves forward and cannot be deleted.

Together with 0002 (no UPDATE/DELETE of entries) and the privileges in docs/operations.md (no TRUNCATE for
the application role) the application cannot rewrite history; a role that can ALTER the tables can, and
`verify_audit_chain --anchor` catches that. (TRUNCATE is left to privileges rather than a trigger: the
test suite empties tables with TRUNCATE between transactional tests.) The head row is created here, so that
it exists before the first entry.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION kring_audit_head_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.last_sequence < OLD.last_sequence THEN
        RAISE EXCEPTION 'the audit chain head only moves forward (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER kring_audit_head_forward_only
    BEFORE UPDATE OR DELETE ON audit_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION kring_audit_head_forward_only();
"""

DROP = """
DROP TRIGGER IF EXISTS kring_audit_head_forward_only ON audit_auditchainhead;
DROP FUNCTION IF EXISTS kring_audit_head_forward_only();
"""


def create_head(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.get_or_create(pk=1)


def protect(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def unprotect(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_administration_purpose")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(protect, unprotect),
    ]
