"""An index for the caseload search on children's names (`kring.cases.search`): a name matches on any part
("emma" finds "Emma-Lou"), which an ordinary index cannot find, so the search checked every dossier of the
reader. The database keeps the index itself, whichever code writes a person (services, seeding, imports):

- PostgreSQL: trigram GIN indexes (pg_trgm) on the upper-cased first and last name, the very expressions a
  Django `icontains` compares; without GIN's pending list (fastupdate off), which every search would scan
  until a vacuum merged it (after a bulk load of 20,000 dossiers: 37 ms instead of 1 ms). Names are written
  seldom and searched often. pg_trgm is a trusted extension (a database owner may create it); where it
  cannot be created the migration leaves the indexes out and the search still works, only slower.
- SQLite: an FTS5 table with the trigram tokenizer, its content read from cases_person (names are not
  stored twice), kept by three triggers on cases_person. A LIKE on it is answered from the index.

A later migration that makes SQLite rebuild cases_person drops these triggers; tests/cases/test_search.py
fails then (a renamed child is no longer found), and the migration must create them again.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

SQLITE_TABLE = "cases_person_name_search"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5("
    "first_name, last_name, content='cases_person', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {SQLITE_TABLE}_insert AFTER INSERT ON cases_person BEGIN"
    f" INSERT INTO {SQLITE_TABLE}(rowid, first_name, last_name) VALUES (new.id, new.first_name, new.last_name);"
    " END",
    f"CREATE TRIGGER {SQLITE_TABLE}_delete AFTER DELETE ON cases_person BEGIN"
    f" INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, first_name, last_name)"
    " VALUES ('delete', old.id, old.first_name, old.last_name);"
    " END",
    f"CREATE TRIGGER {SQLITE_TABLE}_update AFTER UPDATE OF id, first_name, last_name ON cases_person BEGIN"
    f" INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, first_name, last_name)"
    " VALUES ('delete', old.id, old.first_name, old.last_name);"
    f" INSERT INTO {SQLITE_TABLE}(rowid, first_name, last_name) VALUES (new.id, new.first_name, new.last_name);"
    " END",
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_update",
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
]

POSTGRES_INDEXES = {
    "cases_person_first_name_trgm": "first_name",
    "cases_person_last_name_trgm": "last_name",
}


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
        except DatabaseError:
            logger.warning("pg_trgm is not available: the caseload search on names works without an index")
            return
        for name, column in POSTGRES_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON cases_person"
                f" USING gin (UPPER({column}::text) gin_trgm_ops) WITH (fastupdate = off)",
                params=None,
            )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        # the extension stays: other code may use it, and it holds no data
        for name in POSTGRES_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_participant_role_supporter")]

    operations = [migrations.RunPython(create_index, drop_index)]
