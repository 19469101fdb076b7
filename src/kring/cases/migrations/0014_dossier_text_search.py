"""An index for the caseload search on a dossier's reference and title (the family name), beside the one on
children's names (0013): a search checked the reference and title of every dossier (a sequential scan of
all of them, 70 of the 110 ms of a search at 100,000 dossiers on PostgreSQL).

- PostgreSQL: trigram GIN indexes on the upper-cased reference and title, the expressions a Django
  `icontains` compares (fastupdate off, as in 0013). Without pg_trgm the search works without them.
- SQLite: an FTS5 trigram table of (dossier id, reference, title), kept by three triggers on cases_dossier.
  It holds its own copy of the two columns: an external-content table would key them by the implicit rowid,
  which a VACUUM may renumber in a table whose key is not an integer.

A later migration that makes SQLite rebuild cases_dossier drops these triggers; tests/cases/test_search.py
fails then (a renamed family is no longer found), and the migration must create them again.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

SQLITE_TABLE = "cases_dossier_text_search"
_INSERT = f"INSERT INTO {SQLITE_TABLE}(dossier_id, reference, title) VALUES (new.id, new.reference, new.title);"
_DELETE = f"DELETE FROM {SQLITE_TABLE} WHERE dossier_id = old.id;"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5(dossier_id UNINDEXED, reference, title, tokenize='trigram')",
    f"CREATE TRIGGER {SQLITE_TABLE}_insert AFTER INSERT ON cases_dossier BEGIN {_INSERT} END",
    f"CREATE TRIGGER {SQLITE_TABLE}_delete AFTER DELETE ON cases_dossier BEGIN {_DELETE} END",
    f"CREATE TRIGGER {SQLITE_TABLE}_update AFTER UPDATE OF id, reference, title ON cases_dossier"
    f" BEGIN {_DELETE} {_INSERT} END",
    f"INSERT INTO {SQLITE_TABLE}(dossier_id, reference, title) SELECT id, reference, title FROM cases_dossier",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_update",
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
]

POSTGRES_INDEXES = {
    "cases_dossier_reference_trgm": "reference",
    "cases_dossier_title_trgm": "title",
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
            logger.warning("pg_trgm is not available: the caseload search on references works without an index")
            return
        for name, column in POSTGRES_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON cases_dossier"
                f" USING gin (UPPER({column}::text) gin_trgm_ops) WITH (fastupdate = off)",
                params=None,
            )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        for name in POSTGRES_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_person_name_search")]

    operations = [migrations.RunPython(create_index, drop_index)]
