"""Permission-matrix cases for the advice to the judge (pages and API). It is about the judge's decisions
(Section.MEASURES): the circle, the team lead and emergency access read; the circle and the team lead write;
only a team lead (or a behavioural scientist in the circle) who is not the author approves."""

from kring.safety.models import AdviceStatus, JudgeAdvice, JudgeAdviceVersion

from ..conftest import World
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}
API_READ = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
API_CREATED = {"circle_member": 201, "team_lead": 201, A: 401}


def _advice(w: World) -> JudgeAdvice:
    return JudgeAdvice.objects.get_or_create(
        dossier=w.dossier,
        defaults={
            "title": "Advies aan de jeugdrechter",
            "author": w.circle_member,
            "proposal": "continue",
            "motivation": "De veiligheid is nog niet voldoende.",
        },
    )[0]


def _with_advice(w: World) -> dict:
    return {"dossier_id": w.dossier.pk, "advice_id": _advice(w).pk}


def _with_version(w: World) -> dict:
    advice = _advice(w)
    JudgeAdviceVersion.objects.get_or_create(
        advice=advice,
        number=1,
        defaults={
            "pdf": b"%PDF-1.7 test",
            "sha256": "0" * 64,
            "approved_by": w.team_lead,
            "approver_role": "teamleider",
            "approved_at": "2026-11-01T10:00:00Z",
        },
    )
    JudgeAdvice.objects.filter(pk=advice.pk).update(status=AdviceStatus.APPROVED)
    return {**_with_advice(w), "number": 1}


def _edit(w: World) -> dict:
    return {"revision": _advice(w).revision, "title": "Advies", "proposal": "stop", "motivation": "Veilig."}


def _approve(w: World) -> dict:
    return {"revision": _advice(w).revision}


APPROVE_PAGE = {"circle_member": 400, "team_lead": 302, A: 302}  # the author may not approve
APPROVE_API = {"circle_member": 422, "team_lead": 201, A: 401}

CASES = {
    "safety_advice_list": Case(
        "get", kwargs=lambda w: {"dossier_id": w.dossier.pk}, expect=PAGE, default=404
    ),
    "safety_advice_add": Case(
        "post",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        data={"title": "Advies aan de jeugdrechter"},
        expect=WRITE,
        default=404,
    ),
    "safety_advice": Case("get", kwargs=_with_advice, expect=PAGE, default=404),
    "safety_advice_edit": Case("post", kwargs=_with_advice, data=_edit, expect=WRITE, default=404),
    "safety_advice_approve": Case(
        "post", kwargs=_with_advice, data=_approve, expect=APPROVE_PAGE, default=404
    ),
    "safety_advice_pdf": Case("get", kwargs=_with_version, expect=PAGE, default=404),
    "api:list_advices": Case(
        "get", kwargs=lambda w: {"dossier_id": w.dossier.pk}, expect=API_READ, default=404
    ),
    "api:compose_advice": Case(
        "post",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        data={"title": "Advies"},
        json=True,
        expect=API_CREATED,
        default=404,
    ),
    "api:get_advice": Case("get", kwargs=_with_advice, expect=API_READ, default=404),
    "api:edit_advice": Case(
        "post",
        kwargs=_with_advice,
        data=_edit,
        json=True,
        expect={"circle_member": 200, "team_lead": 200, A: 401},
        default=404,
    ),
    "api:approve_advice": Case(
        "post", kwargs=_with_advice, data=_approve, json=True, expect=APPROVE_API, default=404
    ),
    "api:advice_pdf": Case("get", kwargs=_with_version, expect=API_READ, default=404),
}
