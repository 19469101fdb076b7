"""On PostgreSQL, an entry is chained only at the chain head's next position, and that moves the head.

The trigger of 0005 let any role fill in the chain fields of a pending entry with *any* values, once. With the
application's login one UPDATE of a pending entry to a position beyond the head (head + 1 or further) made
the chainer fail on that position forever (a unique violation), so the log stopped being extended, and an
entry given a far-away position was taken out of the chain. Now the database itself holds the chain's shape,
for every role:

- an entry's chain fields are filled in once, only with chain position = head + 1, previous hash = the head's
  hash and a link of 64 hex digits; nothing else of the entry changes (as before); the head then moves onto
  that entry in the same statement (an AFTER trigger), so the next position is free again;
- the chain head only moves onto the entry chained right after it (or is written unchanged).

So whoever fills in the chain fields, the chain can only grow by one at its end: nobody can stall it or take
an entry out of it. What the database cannot check is the link itself (its key is outside the database): an
entry chained with a wrong link by someone without the key is named by verify_audit_chain, and the chain
goes on after it. The chainer fills in one entry per statement, in chain order (audit.services).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION kring_audit_append_only() RETURNS trigger AS $$
DECLARE
    head audit_auditchainhead%ROWTYPE;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL
        AND (to_jsonb(OLD) - 'chain_position' - 'previous_hash' - 'entry_hash')
            = (to_jsonb(NEW) - 'chain_position' - 'previous_hash' - 'entry_hash') THEN
        -- the head's lock also makes a second filler wait for the first one's commit
        SELECT * INTO head FROM audit_auditchainhead WHERE id = 1 FOR UPDATE;
        IF FOUND AND NEW.chain_position = head.last_sequence + 1 AND NEW.previous_hash = head.last_hash
            AND NEW.entry_hash ~ '^[0-9a-f]{64}$' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only: chained only at the position after the chain head (UPDATE refused)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION kring_audit_chain_moves_head() RETURNS trigger AS $$
BEGIN
    UPDATE audit_auditchainhead SET last_sequence = NEW.chain_position, last_hash = NEW.entry_hash WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER kring_audit_chain_moves_head
    AFTER UPDATE ON audit_auditentry
    FOR EACH ROW WHEN (OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL)
    EXECUTE FUNCTION kring_audit_chain_moves_head();

CREATE OR REPLACE FUNCTION kring_audit_head_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND (
        (NEW.last_sequence = OLD.last_sequence AND NEW.last_hash = OLD.last_hash)
        OR (NEW.last_sequence = OLD.last_sequence + 1 AND EXISTS (
            SELECT 1 FROM audit_auditentry
            WHERE chain_position = NEW.last_sequence AND COALESCE(entry_hash, '') = NEW.last_hash))) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit chain head only moves forward, onto the entry chained right after it (% refused)',
        TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

# The functions as 0005 (entries) and 0004 (head) left them.
RESTORE = """
DROP TRIGGER IF EXISTS kring_audit_chain_moves_head ON audit_auditentry;
DROP FUNCTION IF EXISTS kring_audit_chain_moves_head();

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

CREATE OR REPLACE FUNCTION kring_audit_head_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.last_sequence < OLD.last_sequence THEN
        RAISE EXCEPTION 'the audit chain head only moves forward (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_guard_inserts")]

    operations = [migrations.RunPython(_run(CREATE), _run(RESTORE))]
