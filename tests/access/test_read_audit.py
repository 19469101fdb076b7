"""No dossier data without its read entry: every page and API read of the permission matrix that addresses
the dossier and answers a reader 200 wrote at least one read (or export) entry for that dossier, on that
reader's name; the same request by someone the policy refuses answers 404 and wrote none.

One reader (a case worker in the circle) and one stranger (a case worker of another team) keep it fast; the
matrix itself checks every persona's status code."""

import pytest
from django.db.models import Max
from django.urls import reverse

from kring.audit.models import AuditAction, AuditEntry, AuditOutcome

from .test_permission_matrix import MATRIX

pytestmark = pytest.mark.django_db

READER, STRANGER = "circle_member", "other_team"
READS = (AuditAction.READ, AuditAction.EXPORT)
GETS = sorted(
    name
    for name, case in MATRIX.items()
    if case.method == "get" and case.expect.get(READER, case.default) == 200
)


def _dossier_url(name, world) -> str:
    case = MATRIX[name]
    url = reverse(name, kwargs=case.kwargs(world))
    if str(world.dossier.pk) not in url:
        pytest.skip("does not address a dossier")
    return url


def _last_entry() -> int:
    return AuditEntry.objects.aggregate(last=Max("sequence"))["last"] or 0


def _reads_since(before: int, world, persona: str):
    return AuditEntry.objects.filter(
        sequence__gt=before,
        dossier_id=world.dossier.pk,
        actor_id=world.user(persona).pk,
        outcome=AuditOutcome.ALLOWED,
        action__in=READS,
    )


@pytest.mark.parametrize("name", GETS)
def test_a_read_of_dossier_data_is_logged(name, world, client_for):
    url = _dossier_url(name, world)
    client = client_for(READER)
    before = _last_entry()
    response = client.get(url)
    assert response.status_code == 200, f"GET {name}"
    assert _reads_since(before, world, READER).exists(), f"GET {name}: dossier data without a read entry"


@pytest.mark.parametrize("name", GETS)
def test_a_refused_read_logs_no_read(name, world, client_for):
    url = _dossier_url(name, world)
    case = MATRIX[name]
    client = client_for(STRANGER)
    before = _last_entry()
    response = client.get(url)
    assert response.status_code == case.expect.get(STRANGER, case.default) == 404, f"GET {name}"
    assert not _reads_since(before, world, STRANGER).exists(), f"GET {name} logged a read it refused"
