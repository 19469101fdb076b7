"""Finding people by a part of their name (migration cases/0013), and dossiers by a part of their reference or
family name (cases/0014), from indexes the database keeps: trigram GIN indexes on PostgreSQL, FTS5 trigram
tables on SQLite.

Every word must occur in the first or the last name of the same person, in any order, in part, regardless
of case: "emma vries" finds Emma de Vries. A word of fewer than three characters cannot be looked up by
trigrams; it is still matched, among the people the longer words found or by a scan of the names.
"""

from typing import Any

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import Dossier, Person

SQLITE_TABLE = "cases_person_name_search"  # cases/0013
SQLITE_DOSSIER_TABLE = "cases_dossier_text_search"  # cases/0014: reference and title by dossier_id


TRIGRAM = 3  # the shortest word the trigram index can look up


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sqlite_matching(table: str, columns: tuple[str, str], words: list[str], key: str = "rowid") -> RawSQL:
    """The keys of the FTS5 table's rows whose columns hold every word. Words of three characters or more go
    into one MATCH of quoted phrases (a phrase matches any part of any column; the quotes keep every
    character literal); shorter ones are LIKE conditions on the rows that MATCH found, or a scan of the
    table when every word is short."""
    long_words = [word for word in words if len(word) >= TRIGRAM]
    conditions, params = [], []
    if long_words:
        conditions.append(f"{table} MATCH %s")
        params.append(" AND ".join('"{}"'.format(word.replace('"', '""')) for word in long_words))
    for word in words:
        if len(word) < TRIGRAM:
            conditions.append("(" + " OR ".join(f"{column} LIKE %s ESCAPE '\\'" for column in columns) + ")")
            params += [f"%{_escape_like(word)}%"] * len(columns)
    sql = f"SELECT {key} FROM {table} WHERE {' AND '.join(conditions)}"  # noqa: S608 (no input in it)
    return RawSQL(sql, params)  # noqa: S611 (the words are parameters)


def people_named(text: str, field: str = "pk") -> Q:
    """A condition that `field` (a Person's pk, or a foreign key to one) names a person whose name contains
    every word of `text`. Uncorrelated: the database finds the people from the index first."""
    words = text.split()
    if not words:
        return Q()
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__in": _sqlite_matching(SQLITE_TABLE, ("first_name", "last_name"), words)})
    named = Q()
    for word in words:
        # UPPER(name::text) LIKE UPPER(%word%): the expressions of the trigram indexes on PostgreSQL
        named &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    people: Any = Person.objects.filter(named).values("pk")
    return Q(**{f"{field}__in": people})


def dossiers_titled(text: str) -> Any:
    """The pks of the dossiers whose reference or title (the family name) contains `text` as typed (the
    whole text, any case). From the index, not by reading every dossier's reference and title: together
    with the children found by `people_named` they are the few dossiers a search has to check."""
    text = text.strip()
    if connection.vendor == "sqlite":
        keys = _sqlite_matching(SQLITE_DOSSIER_TABLE, ("reference", "title"), [text], key="dossier_id")
        return Dossier.objects.filter(pk__in=keys).order_by().values("pk")
    # UPPER(column::text) LIKE UPPER(%text%): the expressions of the trigram indexes on PostgreSQL
    return (
        Dossier.objects.filter(Q(reference__icontains=text) | Q(title__icontains=text))
        .order_by()
        .values("pk")
    )
