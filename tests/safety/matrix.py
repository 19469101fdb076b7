"""Permission-matrix cases for the safety pages (tests/access/test_permission_matrix.py collects them).

The circle, the team lead and emergency access read; everybody else 404 (police without consent too). Writes:
the circle and the team lead are sent back to the page; emergency access is read-only (404)."""

from kring.safety import services
from kring.safety.models import SafetyPlan

from ..conftest import World
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _plan(w: World) -> SafetyPlan:
    plan = SafetyPlan.objects.filter(dossier=w.dossier).first()
    return plan or services.plan_create(actor=None, dossier=w.dossier, title="Plan")


def _with_plan(w: World) -> dict:
    return {**_dossier(w), "plan_id": _plan(w).pk}


CASES: dict[str, Case] = {
    "safety_overview": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "safety_plan_pdf": Case("get", kwargs=_with_plan, expect=PAGE, default=404),
    "safety_bottom_line_add": Case(
        "post",
        kwargs=_dossier,
        data={
            "text": "Altijd toezicht.",
            "set_by_kind": "judge",
            "set_by_name": "jeugdrechter",
            "set_on": "2026-10-19",
        },
        expect=WRITE,
        default=404,
    ),
    "safety_plan_add": Case("post", kwargs=_dossier, data={"title": "Plan"}, expect=WRITE, default=404),
    "safety_rule_add": Case("post", kwargs=_with_plan, data={"text": "Regel"}, expect=WRITE, default=404),
    "safety_plan_sign": Case("post", kwargs=_with_plan, data={"signer": "p:0"}, expect=WRITE, default=404),
}
