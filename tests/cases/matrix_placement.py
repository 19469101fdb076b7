"""Permission-matrix cases for placements and closure (pages and API)."""

from datetime import date

from kring.cases.models import ClosureStatus, DossierClosure, DossierStatus, Placement

from ..conftest import World
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}
API_READ = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
API_CREATED = {"circle_member": 201, "team_lead": 201, A: 401}
API_WRITE = {"circle_member": 200, "team_lead": 200, A: 401}
# Only a team lead of the owning team decides on a closure; the case worker who proposed gets the reason.
LEAD_DECIDES_PAGE = {"circle_member": 400, "team_lead": 302, A: 302}
LEAD_DECIDES_API = {"circle_member": 422, "team_lead": 200, A: 401}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _crisis(w: World) -> Placement:
    return Placement.objects.get_or_create(
        dossier=w.dossier,
        child=w.dossier.children.get(),
        kind="crisis",
        started_on=date(2026, 10, 1),
        defaults={"decided_by": "judge", "reason": "Onveilig thuis."},
    )[0]


def _with_crisis(w: World) -> dict:
    return {**_dossier(w), "placement_id": _crisis(w).pk}


def _proposal(w: World) -> dict:
    pending = DossierClosure.objects.get_or_create(
        dossier=w.dossier,
        status=ClosureStatus.PROPOSED,
        defaults={
            "summary": "Doelen bereikt.",
            "proposed_by": w.circle_member,
            "proposed_on": date(2026, 11, 1),
        },
    )[0]
    return {**_dossier(w), "closure_id": pending.pk}


def _closed(w: World) -> dict:
    type(w.dossier).objects.filter(pk=w.dossier.pk).update(status=DossierStatus.CLOSED)
    return _dossier(w)


def _stay(w: World) -> dict:
    return {
        "child": w.dossier.children.get().pk,
        "kind": "network",
        "place": "oma",
        "started_on": "2026-11-01",
        "decided_by": "case_worker",
        "reason": "Veilig bij oma.",
    }


def _api_stay(w: World) -> dict:
    return {**_stay(w), "child_id": _stay(w)["child"]}


DECISION = {
    "decision": "return_home",
    "decided_on": "2026-10-06",
    "decided_by": "judge",
    "reason": "Plan staat.",
}

CASES = {
    "dossier_placements": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_placement_add": Case("post", kwargs=_dossier, data=_stay, expect=WRITE, default=404),
    "dossier_placement_end": Case(
        "post", kwargs=_with_crisis, data={"ended_on": "2026-10-06"}, expect=WRITE, default=404
    ),
    "dossier_placement_crisis_decision": Case(
        "post", kwargs=_with_crisis, data=DECISION, expect=WRITE, default=404
    ),
    "api:list_placements": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:record_placement": Case(
        "post", kwargs=_dossier, data=_api_stay, json=True, expect=API_CREATED, default=404
    ),
    "api:end_placement": Case(
        "post", kwargs=_with_crisis, data={"ended_on": "2026-10-06"}, json=True, expect=API_WRITE, default=404
    ),
    "api:decide_crisis_placement": Case(
        "post", kwargs=_with_crisis, data=DECISION, json=True, expect=API_WRITE, default=404
    ),
    "dossier_closure": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_closure_propose": Case(
        "post", kwargs=_dossier, data={"summary": "Doelen bereikt."}, expect=WRITE, default=404
    ),
    "dossier_closure_confirm": Case("post", kwargs=_proposal, expect=LEAD_DECIDES_PAGE, default=404),
    "dossier_closure_reject": Case(
        "post", kwargs=_proposal, data={"note": "Eerst eindgesprek."}, expect=LEAD_DECIDES_PAGE, default=404
    ),
    "dossier_reopen": Case(
        "post", kwargs=_closed, data={"reason": "Nieuwe melding."}, expect=WRITE, default=404
    ),
    "api:closure_state": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:propose_closure": Case(
        "post", kwargs=_dossier, data={"summary": "Klaar."}, json=True, expect=API_CREATED, default=404
    ),
    "api:confirm_closure": Case("post", kwargs=_proposal, json=True, expect=LEAD_DECIDES_API, default=404),
    "api:reject_closure": Case(
        "post", kwargs=_proposal, data={"note": "Nog niet."}, json=True, expect=LEAD_DECIDES_API, default=404
    ),
    "api:reopen_dossier": Case(
        "post", kwargs=_closed, data={"reason": "Nieuwe melding."}, json=True, expect=API_WRITE, default=404
    ),
}
