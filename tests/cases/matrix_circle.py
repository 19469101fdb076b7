from ..conftest import World
from ..permissions import A, Case


def _seat(w: World) -> int:
    return w.dossier.circle.get(user=w.circle_member).pk


def _newcomer(w: World) -> dict:
    return {
        "membership": w.other_org.memberships.get().pk,
        "case_role": "jeugdagent",
        "assignment": "Houdt contact met de jongere over de aangifte.",
        "started_on": "2026-11-01",
    }


CASES = {
    "dossier_circle": Case(
        "get",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        expect={"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302},
        default=404,
    ),
    "dossier_circle_add": Case(
        "post",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        data=_newcomer,
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "dossier_circle_leave": Case(
        "post",
        kwargs=lambda w: {"dossier_id": w.dossier.pk, "seat_id": _seat(w)},
        data={"ended_on": "2026-11-20"},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
}
