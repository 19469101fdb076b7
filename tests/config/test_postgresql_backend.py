"""kring's PostgreSQL backend: statements with their parameters bound on the server carry at most 65,535 of
them, so bulk inserts are split in batches that fit."""

import os

import pytest
from django.db import connection

from kring.cases.models import Person

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
    pytest.mark.skipif(os.environ.get("KRING_DB_PREPARE_THRESHOLD") == "off", reason="bound in the client"),
]


def test_parameters_are_bound_on_the_server_with_their_limit():
    assert connection.features.uses_server_side_binding
    fields = Person._meta.concrete_fields
    assert connection.ops.bulk_batch_size(fields, range(100_000)) == 65_535 // len(fields)


@pytest.mark.django_db
def test_a_bulk_insert_beyond_the_limit_is_split():
    count = 65_535 // 4 + 1  # every row binds at least 4 parameters: one statement would not do
    people = Person.objects.bulk_create(Person(first_name=f"P{n}", last_name="Bulk") for n in range(count))
    assert len(people) == count == Person.objects.filter(last_name="Bulk").count()
    assert Person.objects.filter(last_name="Bulk").delete()[0] == count
