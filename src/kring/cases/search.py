"""Finding people by a part of their name, from an index the database keeps (migration cases/0013):
trigram GIN indexes on PostgreSQL, an FTS5 trigram table on SQLite.

Every word must occur in the first or the last name of the same person, in any order, in part, regardless
of case: "emma vries" finds Emma de Vries. A word of fewer than three characters cannot be looked up by
trigrams; it is still matched, among the people the longer words found or by a scan of the names.
"""

from typing import Any

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import Person

SQLITE_TABLE = "cases_person_name_search"  # cases/0013


TRIGRAM = 3  # the shortest word the trigram index can look up


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sqlite_people_named(words: list[str]) -> RawSQL:
    """The rowids (person pks) of the FTS5 table whose names hold every word. Words of three characters or
    more go into one MATCH of quoted phrases (a phrase matches any part of either column; the quotes keep
    every character literal); shorter ones are LIKE conditions on the rows that MATCH found, or a scan of
    the names when every word is short."""
    long_words = [word for word in words if len(word) >= TRIGRAM]
    conditions, params = [], []
    if long_words:
        conditions.append(f"{SQLITE_TABLE} MATCH %s")
        params.append(" AND ".join('"{}"'.format(word.replace('"', '""')) for word in long_words))
    for word in words:
        if len(word) < TRIGRAM:
            conditions.append("(first_name LIKE %s ESCAPE '\\' OR last_name LIKE %s ESCAPE '\\')")
            params += [f"%{_escape_like(word)}%"] * 2
    sql = f"SELECT rowid FROM {SQLITE_TABLE} WHERE {' AND '.join(conditions)}"  # noqa: S608 (no input in it)
    return RawSQL(sql, params)  # noqa: S611 (the words are parameters)


def people_named(text: str, field: str = "pk") -> Q:
    """A condition that `field` (a Person's pk, or a foreign key to one) names a person whose name contains
    every word of `text`. Uncorrelated: the database finds the people from the index first."""
    words = text.split()
    if not words:
        return Q()
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__in": _sqlite_people_named(words)})
    named = Q()
    for word in words:
        # UPPER(name::text) LIKE UPPER(%word%): the expressions of the trigram indexes on PostgreSQL
        named &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    people: Any = Person.objects.filter(named).values("pk")
    return Q(**{f"{field}__in": people})
