"""The query-count helper (tests/queries.py) names each query by its table and, on failure, lists them."""

import pytest

from kring.accounts.models import Organisation

from .queries import assert_num_queries, query_name


def test_a_query_is_named_by_its_outermost_table():
    assert (
        query_name('SELECT (SELECT 1 FROM "b") AS "x" FROM "a" WHERE "a"."id" IN (SELECT 2 FROM "c")') == "a"
    )
    assert query_name('INSERT INTO "audit_auditentry" ("uid") VALUES (1)') == "audit_auditentry"
    assert query_name('UPDATE "cases_dossier" SET "title" = \'FROM x\'') == "cases_dossier"
    assert query_name('SAVEPOINT "s1_x1"') == "SAVEPOINT"


def test_a_wrong_count_lists_the_queries_that_ran(db):
    with pytest.raises(AssertionError) as failure, assert_num_queries(["accounts_team"]):
        list(Organisation.objects.all())
    message = str(failure.value)
    assert "1 queries ran, 1 expected" in message
    assert "not run: ['accounts_team']; not expected: ['accounts_organisation']" in message
    assert 'FROM "accounts_organisation"' in message


def test_the_right_queries_pass(db):
    with assert_num_queries(["accounts_organisation"]) as captured:
        list(Organisation.objects.all())
    assert len(captured) == 1
    with assert_num_queries(0):
        pass
