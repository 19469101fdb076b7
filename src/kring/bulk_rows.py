"""Rows straight into a table, for the bulk loads of benchmark and test databases (seed_bulk and
kring.insights.bulk), never for production data.

Django's bulk_create compiles one parameter per value through the field's full save path, and a model
instance per row costs as much again: together most of the time of a load of tens of millions of rows. Here
the caller draws its rows column by column (numpy) in the database's form — ISO dates, UUIDs as 32 hex
digits, JSON as text — and `insert_columns` fills every other column with its default (converted once)
and writes them with `executemany` (SQLite) or COPY (PostgreSQL). `insert_rows` takes rows of Python
values and converts only where the database needs it (UUIDs, JSON, datetimes). Automatic primary keys are
left to the database, or numbered by the caller after the highest in the table (`next_keys`) when it must
know them (children for the dossier link, questionnaires for their answers; `reset_sequences` after).
Like bulk_create it sends no signals and calls no save(); auto_now and auto_now_add columns get the time of
the load.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

# Internal types the drivers take as they are (SQLite's adapters and psycopg's both know int, str, bool,
# float and date).
PLAIN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "BooleanField",
        "CharField",
        "TextField",
        "SlugField",
        "FloatField",
        "DateField",
    }
)


def _converter(field: models.Field, db: Any) -> Callable[[Any], Any] | None:
    """None when the value goes as it is, else the function that prepares it for the database `db`."""
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    kind = target.get_internal_type()
    sqlite = db.vendor == "sqlite"
    if kind == "DateField" and sqlite:
        return _iso  # as Django stores a date there (Python 3.12 deprecates sqlite3's own date adapter)
    if kind == "UUIDField":
        return _hex if sqlite else None  # SQLite keeps a UUID as 32 hex digits, PostgreSQL as uuid
    if kind in PLAIN or kind == "DecimalField":  # both drivers take a Decimal as it is
        return None
    prepare = target.get_db_prep_save
    if kind == "DateTimeField":  # the same few values (the time of the load) again and again
        seen: dict[Any, Any] = {}

        def once(value: Any) -> Any:
            if value not in seen:
                seen[value] = prepare(value, db)
            return seen[value]

        return once
    return lambda value: prepare(value, db)


def _hex(value: Any) -> str:
    return value.hex


def _iso(value: Any) -> str:
    return value.isoformat()


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    prepared: bool = False,
) -> None:
    """Insert rows (values in the order of `columns`, attribute names) into `model`'s table; `prepared`:
    the values are in the database's form already (see insert_columns)."""
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [by_attname[name] for name in columns]
    db = connections[DEFAULT_DB_ALIAS]
    converters = [
        (index, c) for index, field in enumerate(fields) if (c := _converter(field, db)) is not None
    ]
    db_columns = [field.column for field in fields]
    if converters and not prepared:
        rows = (_converted(row, converters) for row in rows)
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(column) for column in db_columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(db_columns))
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)  # noqa: S608


def _converted(row: Sequence[Any], converters: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    values = list(row)
    for index, convert in converters:
        if values[index] is not None:
            values[index] = convert(values[index])
    return values


def reset_sequences(*models_: type[models.Model]) -> None:
    """Move the automatic keys' sequences past the numbers given here (PostgreSQL; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def insert_columns(
    model: type[models.Model], columns: dict[str, Sequence[Any]], *, keys: Sequence[int] | None = None
) -> None:
    """Insert rows given column by column (attribute name -> one value per row), every value already in the
    database's form: dates as ISO strings, UUIDs as 32 hex digits, JSON as its text, decimals as strings or
    numbers — both SQLite (executemany) and PostgreSQL (COPY, text) take these. Every other concrete column
    gets its default (auto_now and auto_now_add the time of the load); an automatic primary key is left to
    the database unless `keys` gives its numbers (call reset_sequences after). The fast path of the bulk
    loads: no model instance per row, the columns made in bulk (numpy) by the caller."""
    lengths = {len(values) for values in columns.values()}
    if len(lengths) != 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    if not lengths.pop():
        return
    db = connections[DEFAULT_DB_ALIAS]
    pk = model._meta.pk
    given = dict(columns)
    if keys is not None:
        assert pk is not None
        given[pk.attname] = keys
    now = timezone.now()
    names = list(given)
    constants: list[Any] = []
    for field in model._meta.concrete_fields:
        if field.attname in given or (field.primary_key and isinstance(field, models.AutoField)):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        convert = _converter(field, db)
        names.append(field.attname)
        constants.append(convert(value) if convert is not None and value is not None else value)
    count = len(next(iter(given.values())))
    values = [given[name] for name in given] + [[value] * count for value in constants]
    insert_rows(model, names, zip(*values, strict=True), prepared=True)


def next_keys(model: type[models.Model], count: int) -> list[int]:
    """The next `count` numbers of `model`'s automatic primary key, after the highest in the table."""
    pk = model._meta.pk
    assert pk is not None
    highest = model._default_manager.order_by(f"-{pk.attname}").values_list(pk.attname, flat=True).first()
    start = (highest or 0) + 1
    return list(range(start, start + count))


# --- columns made with numpy: days as integers, UUIDs from the generator ---------------------------------

EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """A date as days since 1970-01-01 (numpy's datetime64[D])."""
    return (day - EPOCH).days


def iso_days(days: "np.ndarray", *, missing: int | None = None) -> list[str | None]:
    """Days since 1970-01-01 as ISO dates (the form insert_columns takes); `missing` marks a NULL."""
    text = np.datetime_as_string(np.asarray(days, dtype="datetime64[D]")).astype(object)
    if missing is not None:
        text[np.asarray(days) == missing] = None
    return text.tolist()  # type: ignore[no-any-return]


def random_uuids(rng: "np.random.Generator", count: int) -> list[str]:
    """`count` version-4 UUIDs drawn from `rng` (repeatable with its seed), as 32 hex digits — the form
    both SQLite (char(32)) and PostgreSQL's uuid input take."""
    raw = rng.integers(0, 256, size=(count, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    text = raw.tobytes().hex()
    return [text[i : i + 32] for i in range(0, 32 * count, 32)]
