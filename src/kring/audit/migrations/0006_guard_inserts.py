"""Refuse on PostgreSQL an INSERT of an entry that is already chained or unsigned.

The trigger of 0005 guards UPDATE and DELETE only, so the application's database login could insert a row at
chain position head + 1 and block the chainer (which only hands out positions after the current end), or
insert an unsigned entry. An entry now enters the table as `audit_append_entries` writes it: no chain
position, previous hash or link (the chainer fills those in once, which 0005 allows), and a `key_id` and
`uid`. Entries from before the MAC were inserted before this migration and are not touched by it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION kring_audit_insert_unchained() RETURNS trigger AS $$
BEGIN
    IF NEW.chain_position IS NOT NULL OR COALESCE(NEW.previous_hash, '') <> ''
        OR COALESCE(NEW.entry_hash, '') <> '' OR COALESCE(NEW.key_id, '') = '' OR NEW.uid IS NULL THEN
        RAISE EXCEPTION 'audit entries are inserted signed and unchained (INSERT refused)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER kring_audit_insert_unchained
    BEFORE INSERT ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION kring_audit_insert_unchained();
"""

DROP = """
DROP TRIGGER IF EXISTS kring_audit_insert_unchained ON audit_auditentry;
DROP FUNCTION IF EXISTS kring_audit_insert_unchained();
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_unlocked_appends_mac")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
