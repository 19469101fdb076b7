"""The network pages in the permission matrix (collected by tests/access/test_permission_matrix.py).

Readers of the network: the circle member and the team lead; emergency access may look but not change
(its POSTs get 404, like every "not yours"); anyone else gets 404, and the anonymous visitor the login page.
"""

from datetime import date

from kring.cases.models import Authority, AuthorityKind, Participant, ParticipantRole, Person
from kring.network.models import FamilyFindingEntry, Jim, TableSeat

from ..conftest import World
from ..permissions import A, Case

READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITERS = {"circle_member": 302, "team_lead": 302, A: 302}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _participant(w: World, first_name: str = "Kees", role: str = ParticipantRole.INFORMAL) -> Participant:
    person, _ = Person.objects.get_or_create(first_name=first_name, last_name="Visser")
    return Participant.objects.get_or_create(
        dossier=w.dossier, person=person, defaults={"role": role, "relation": "voetbaltrainer"}
    )[0]


def _mother_with_authority(w: World) -> Person:
    mother, _ = Person.objects.get_or_create(first_name="Fatma", last_name="Visser")
    child = w.dossier.children.get()
    Authority.objects.get_or_create(
        child=child, holder=mother, kind=AuthorityKind.PARENTAL, started_on=child.date_of_birth
    )
    return mother


def _jim_choice(w: World) -> dict:
    return {
        "young_person": w.dossier.children.get().pk,
        "jim": _participant(w).pk,
        "chosen_on": "2026-06-01",
        "parental_consent_by": _mother_with_authority(w).pk,
        "parental_consent_on": "2026-05-28",
    }


def _jim(w: World) -> Jim:
    return Jim.objects.get_or_create(
        dossier=w.dossier,
        young_person=w.dossier.children.get(),
        jim=_participant(w),
        chosen_on=date(2026, 6, 1),
        parental_consent_by=_mother_with_authority(w),
        parental_consent_on=date(2026, 5, 28),
    )[0]


def _entry(w: World) -> FamilyFindingEntry:
    return FamilyFindingEntry.objects.get_or_create(
        dossier=w.dossier, name="Ahmed Visser", relation="oom", noted_on=date(2026, 5, 1)
    )[0]


def _seat(w: World) -> TableSeat:
    return TableSeat.objects.get_or_create(
        dossier=w.dossier, participant=_participant(w), task="Komt elke week."
    )[0]


CASES: dict[str, Case] = {
    "network_map": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "network_participant_add": Case(
        "post",
        kwargs=_dossier,
        data={
            "first_name": "Joke",
            "last_name": "Visser",
            "role": "informal",
            "relation": "oma",
            "closeness": "inner",
        },
        expect=WRITERS,
        default=404,
    ),
    "network_participant_closeness": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "participant_id": _participant(w).pk},
        data={"closeness": "inner"},
        expect=WRITERS,
        default=404,
    ),
    "network_jim_choose": Case("post", kwargs=_dossier, data=_jim_choice, expect=WRITERS, default=404),
    "network_jim_end": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "jim_id": _jim(w).pk},
        data={"ended_on": "2026-09-01"},
        expect=WRITERS,
        default=404,
    ),
    "network_family_finding_add": Case(
        "post",
        kwargs=_dossier,
        data={"name": "Ahmed Visser", "relation": "oom", "status": "searched", "noted_on": "2026-05-01"},
        expect=WRITERS,
        default=404,
    ),
    "network_family_finding_update": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "entry_id": _entry(w).pk},
        data={"status": "found", "noted_on": "2026-05-10", "outcome": "Woont in Gent."},
        expect=WRITERS,
        default=404,
    ),
    "network_kitchen_table": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "network_seat_add": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "occupant": f"professional-{w.dossier.circle.get().pk}",
            "task": "Leidt het gesprek.",
        },
        expect=WRITERS,
        default=404,
    ),
    "network_seat_remove": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "seat_id": _seat(w).pk},
        expect=WRITERS,
        default=404,
    ),
}
