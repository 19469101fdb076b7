"""No existence leak: a dossier one may not see and one that does not exist are the same 404 — the same
queries, the same audit entry and, within noise, the same time (issue 19)."""

import gc
import statistics
import time
import uuid

import pytest
from django.urls import reverse

from kring.audit.models import AuditEntry

from ..queries import assert_num_queries, captured_page, query_name

pytestmark = pytest.mark.django_db

ABSENT = uuid.UUID("00000000-0000-4000-8000-000000000019")


def _urls(name: str, dossier_id) -> str:
    return reverse(name, kwargs={"dossier_id": dossier_id})


@pytest.mark.parametrize("name", ["dossier_detail", "api:get_dossier"])
@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_a_dossier_that_does_not_exist_runs_the_queries_of_one_refused(name, persona, world, client_for):
    client = client_for(persona)
    refused = captured_page(client, _urls(name, world.dossier.pk), status=404)
    with assert_num_queries([query_name(query["sql"]) for query in refused]):
        response = client.get(_urls(name, ABSENT))
    assert response.status_code == 404
    # both refusals are logged alike: one denied entry each, naming the dossier asked for and the actor's
    # organisation; only the one that exists is in a dossier's log
    entries = AuditEntry.objects.filter(outcome="denied").order_by("sequence")
    membership = world.user(persona).memberships.get()
    assert [(e.object_type, e.object_id, e.dossier_id, e.organisation_id, e.role) for e in entries] == [
        (
            "cases.dossier",
            str(world.dossier.pk),
            world.dossier.pk,
            membership.organisation_id,
            membership.role,
        ),
        ("cases.dossier", str(ABSENT), None, membership.organisation_id, membership.role),
    ]


def _median_seconds(samples: list[int]) -> float:
    return statistics.median(samples) / 1e9


def test_a_refused_dossier_answers_as_fast_as_one_that_does_not_exist(world, client_for):
    """Timed through the whole request (middleware, door, audit, 404 page): interleaved, so that a busy
    machine slows both alike, and compared by median. Before the fix the refused one took ~1.3-1.9x."""
    client = client_for("other_team")
    refused_url, absent_url = _urls("dossier_detail", world.dossier.pk), _urls("dossier_detail", ABSENT)
    for _ in range(10):  # warm up: templates, translations, the database's caches
        client.get(refused_url)
        client.get(absent_url)
    refused: list[int] = []
    absent: list[int] = []
    gc.disable()  # a collection inside one request would weigh on one side only
    try:
        for n in range(200):
            order = [(refused_url, refused), (absent_url, absent)]
            for url, samples in order if n % 2 else reversed(order):
                start = time.perf_counter_ns()
                response = client.get(url)
                samples.append(time.perf_counter_ns() - start)
                assert response.status_code == 404
    finally:
        gc.enable()
    ratio = _median_seconds(refused) / _median_seconds(absent)
    assert 1 / 1.25 < ratio < 1.25, (ratio, _median_seconds(refused), _median_seconds(absent))
