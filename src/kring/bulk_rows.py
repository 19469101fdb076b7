"""Rows straight into a table, for the bulk loads of benchmark and test databases (seed_bulk and
kring.insights.bulk), never for production data.

Django's bulk_create compiles one parameter per value through the field's full save path, which takes most
of the time of a load of tens of millions of rows. Here each column's value goes through the field's
`get_db_prep_save` only where the database needs a conversion (UUIDs, JSON, decimals, datetimes); plain
numbers, strings and dates go as they are. The rows go in with `executemany` (SQLite) or COPY (PostgreSQL).
Automatic primary keys are numbered here, after the highest in the table, so that the caller knows them
(children for the dossier link, questionnaires for their answers); the sequence is moved on afterwards.
Like bulk_create it sends no signals and calls no save(); auto_now and auto_now_add columns get the time of
the load.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

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


def _numbered(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Give objects without a primary key the next numbers of an automatic key."""
    pk = model._meta.pk
    if pk is None or not isinstance(pk, models.AutoField):
        return
    missing = [obj for obj in objects if obj.pk is None]
    if not missing:
        return
    highest = model._default_manager.order_by(f"-{pk.attname}").values_list(pk.attname, flat=True).first()
    for number, obj in enumerate(missing, start=(highest or 0) + 1):
        obj.pk = number


def insert_objects(model: type[models.Model], objects: Sequence[models.Model], *, keys: bool = False) -> None:
    """Insert unsaved instances of `model`. With `keys`, an automatic primary key is numbered here and set
    on the instances (call reset_sequences after); without, the database numbers them."""
    if not objects:
        return
    now = timezone.now()
    fields = list(model._meta.concrete_fields)
    if keys:
        _numbered(model, objects)
    elif isinstance(model._meta.pk, models.AutoField):
        fields = [field for field in fields if not field.primary_key]
    names = [field.attname for field in fields]
    stamped = [
        index
        for index, field in enumerate(fields)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    relations = [(index, field) for index, field in enumerate(fields) if field.is_relation]
    rows = []
    for obj in objects:
        row = [getattr(obj, name) for name in names]
        for index, field in relations:
            if row[index] is None and field.is_cached(obj):  # a parent numbered after it was assigned
                parent = field.get_cached_value(obj)
                row[index] = parent.pk if parent is not None else None
        for index in stamped:
            if row[index] is None or getattr(fields[index], "auto_now", False):
                row[index] = now
        rows.append(row)
    insert_rows(model, names, rows)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert rows (values in the order of `columns`, attribute names) into `model`'s table."""
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [by_attname[name] for name in columns]
    db = connections[DEFAULT_DB_ALIAS]
    converters = [
        (index, c) for index, field in enumerate(fields) if (c := _converter(field, db)) is not None
    ]
    db_columns = [field.column for field in fields]
    if converters:
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
