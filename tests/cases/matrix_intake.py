"""Permission-matrix cases for the intake and the dossier's make-up (tests/access/test_permission_matrix.py
collects them).

The intake is for case workers and team leads of any team (Zuid's case worker gets the page, but cannot open
a dossier for team Noord); everybody else gets 404. The children and authority page reads like the other
dossier pages; writes are for the circle and the team lead; a transfer is for the team lead of the owning
team only.
"""

from datetime import date

from kring.cases.models import Authority, CircleMember, Participant, Person

from ..conftest import World
from ..factories import DossierFactory
from ..permissions import A, Case

OPENERS = {"circle_member": 200, "team_lead": 200, "other_team": 200, A: 302}
PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _intake(w: World) -> dict:
    data = {
        "team": w.dossier.owning_team_id,
        "title": "Gezin Bakker",
        "origin_kind": "self_referral",
        "origin_on": "2026-01-10",
        "case_role": "gezinsvoogd",
        "children-TOTAL_FORMS": "1",
        "children-INITIAL_FORMS": "0",
        "carers-TOTAL_FORMS": "0",
        "carers-INITIAL_FORMS": "0",
        "authority-TOTAL_FORMS": "0",
        "authority-INITIAL_FORMS": "0",
        "children-0-first_name": "Mila",
        "children-0-last_name": "Bakker",
        "children-0-gender": "female",
    }
    return data


def _mother(w: World) -> Person:
    participant = Participant.objects.filter(dossier=w.dossier, relation="moeder").first()
    if participant is None:
        person = Person.objects.create(first_name="Eva", last_name="Visser")
        participant = Participant.objects.create(
            dossier=w.dossier, person=person, role="parent", relation="moeder"
        )
    return participant.person


def _authority(w: World) -> dict:
    authority = Authority.objects.get_or_create(
        child=w.dossier.children.first(),
        holder=_mother(w),
        defaults={"kind": "parental", "source": "by_law", "started_on": date(2013, 4, 2)},
    )[0]
    return {**_dossier(w), "authority_id": authority.pk}


def _move(w: World) -> dict:
    sibling = Person.objects.create(first_name="Jip", last_name="Visser")
    w.dossier.children.add(sibling)
    target = DossierFactory(owning_team=w.dossier.owning_team, reference="KR-NL-2026-0077")
    seat = w.dossier.circle.get(user=w.circle_member)
    CircleMember.objects.create(
        dossier=target, user=w.circle_member, membership=seat.membership, case_role="gezinsvoogd"
    )
    return {
        "move-child": sibling.pk,
        "move-target": target.pk,
        "move-moved_on": "2026-02-01",
        "move-reason": "x",
    }


CASES: dict[str, Case] = {
    "dossier_intake": Case("get", expect=OPENERS, default=404),
    # a search by name and date of birth is a POST: personal data stays out of URLs
    "dossier_intake_people": Case("post", data={"q": "Visser"}, expect=OPENERS, default=404),
    "dossier_children": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_child_add": Case(
        "post",
        kwargs=_dossier,
        data={"child-first_name": "Bram", "child-last_name": "Visser", "child-gender": "male"},
        expect=WRITE,
        default=404,
    ),
    "dossier_child_move": Case("post", kwargs=_dossier, data=_move, expect=WRITE, default=404),
    "dossier_authority_add": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "authority-child": w.dossier.children.first().pk,
            "authority-holder": _mother(w).pk,
            "authority-source": "by_law",
            "authority-started_on": "2013-04-02",
        },
        expect=WRITE,
        default=404,
    ),
    "dossier_authority_change": Case(
        "post",
        kwargs=_authority,
        data={"source": "court_decision", "started_on": "2014-01-01"},
        expect=WRITE,
        default=404,
    ),
    "dossier_authority_end": Case(
        "post", kwargs=_authority, data={"ended_on": "2026-01-01"}, expect=WRITE, default=404
    ),
    "dossier_edit": Case(
        "get", kwargs=_dossier, expect={"circle_member": 200, "team_lead": 200, A: 302}, default=404
    ),
    "dossier_summary_edit": Case(
        "post",
        kwargs=_dossier,
        data={"title": "Gezin Visser", "summary": "Nieuw."},
        expect=WRITE,
        default=404,
    ),
    "dossier_transfer": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "team": w.other_team.memberships.get().team_id,
            "transferred_on": "2026-02-01",
            "reason": "Verhuisd",
        },
        expect={"team_lead": 302, A: 302},
        default=404,
    ),
}


API_READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
API_WRITERS = {"circle_member": 200, "team_lead": 200, A: 401}
API_CREATORS = {"circle_member": 201, "team_lead": 201, A: 401}


_MOVES: dict[int, dict] = {}


def _move_target_ready(w: World) -> dict:
    """The sibling and the target dossier, made once per world (kwargs and data both need them)."""
    key = w.dossier.pk.int
    if key not in _MOVES or not Person.objects.filter(first_name="Jip").exists():
        _MOVES[key] = _move(w)
    return _MOVES[key]


CASES.update(
    {
        "api:open_dossier": Case(
            "post",
            data=lambda w: {
                "team_id": w.dossier.owning_team_id,
                "title": "Gezin Bakker",
                "origin_kind": "local_team",
                "origin_on": "2026-01-10",
                "case_role": "gezinsvoogd",
                "children": [{"first_name": "Mila", "last_name": "Bakker"}],
            },
            json=True,
            expect=API_CREATORS,
            default=404,
        ),
        "api:people_candidates": Case(
            "post", data={"q": "Visser"}, json=True, expect={**OPENERS, A: 401}, default=404
        ),
        "api:add_child": Case(
            "post",
            kwargs=_dossier,
            data={"first_name": "Bram", "last_name": "Visser"},
            json=True,
            expect=API_CREATORS,
            default=404,
        ),
        "api:move_child": Case(
            "post",
            kwargs=lambda w: {**_dossier(w), "person_id": _move_target_ready(w)["move-child"]},
            data=lambda w: {
                "target_dossier_id": str(_move_target_ready(w)["move-target"]),
                "moved_on": "2026-02-01",
                "reason": "Gescheiden",
            },
            json=True,
            expect=API_WRITERS,
            default=404,
        ),
        "api:list_authorities": Case("get", kwargs=_dossier, expect=API_READERS, default=404),
        "api:add_authority": Case(
            "post",
            kwargs=_dossier,
            data=lambda w: {
                "child_id": w.dossier.children.first().pk,
                "holder_id": _mother(w).pk,
                "source": "by_law",
                "started_on": "2013-04-02",
            },
            json=True,
            expect=API_CREATORS,
            default=404,
        ),
        "api:change_authority": Case(
            "post",
            kwargs=_authority,
            data={"source": "court_decision", "started_on": "2014-01-01"},
            json=True,
            expect=API_WRITERS,
            default=404,
        ),
        "api:end_authority": Case(
            "post",
            kwargs=_authority,
            data={"ended_on": "2026-01-01"},
            json=True,
            expect=API_WRITERS,
            default=404,
        ),
        "api:get_summary": Case("get", kwargs=_dossier, expect=API_READERS, default=404),
        "api:edit_summary": Case(
            "post",
            kwargs=_dossier,
            data={"title": "Gezin Visser", "summary": "Nieuw."},
            json=True,
            expect=API_WRITERS,
            default=404,
        ),
        "api:transfer_dossier": Case(
            "post",
            kwargs=_dossier,
            data=lambda w: {
                "team_id": w.other_team.memberships.get().team_id,
                "transferred_on": "2026-02-01",
                "reason": "Verhuisd",
            },
            json=True,
            expect={"team_lead": 200, A: 401},
            default=404,
        ),
    }
)
