"""Permission-matrix cases for the pathway pages and the agenda."""

from datetime import date

from kring.pathways.models import PathwayTemplate
from kring.pathways.services import pathway_pause, pathway_start

from ..conftest import World
from ..factories import CircleMemberFactory, MembershipFactory
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _pathway(w: World):
    running = w.dossier.pathways.first()
    if running:
        return running
    w.dossier.opened_on = date(2026, 1, 1)
    w.dossier.save(update_fields=["opened_on"])
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    return pathway_start(actor=None, dossier=w.dossier, template=template, started_on=date(2026, 3, 2))


def _step(w: World) -> dict:
    return {**_dossier(w), "step_id": _pathway(w).steps.get(key="court-hearing").pk}


CASES: dict[str, Case] = {
    "pathway_overview": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "pathway_start": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "template": PathwayTemplate.objects.get(slug="save-guidance-nl").pk,
            "started_on": w.dossier.opened_on.isoformat(),
        },
        expect=WRITE,
        default=404,
    ),
    "pathway_extend": Case(
        "post",
        kwargs=lambda w: (_pathway(w), _dossier(w))[1],
        data={"condition": "family_goals_reached", "decided_on": "2026-04-10"},
        expect=WRITE,
        default=404,
    ),
    "pathway_step_move": Case(
        "post", kwargs=_step, data={"new_start": "2026-03-06"}, expect=WRITE, default=404
    ),
    "pathway_step_done": Case(
        "post", kwargs=_step, data={"done_on": "2026-03-05", "artefact_url": ""}, expect=WRITE, default=404
    ),
    "agenda": Case("get", expect={A: 302}, default=200),
    "agenda_team": Case("get", expect={A: 302}, default=200),
}


def _script(w: World) -> dict:
    return {**_dossier(w), "pathway_id": _pathway(w).pk}


CASES.update(
    {
        "pathway_close": Case(
            "post",
            kwargs=lambda w: (_pathway(w), _dossier(w))[1],
            data={"ended_on": "2026-04-12", "end_reason": "goals_reached", "note": ""},
            expect=WRITE,
            default=404,
        ),
        "pathway_reflection_add": Case(
            "post",
            kwargs=lambda w: (_pathway(w), _dossier(w))[1],
            data={"occurred_on": "2026-03-09", "question": "Wat werkt al?", "answer": ""},
            expect=WRITE,
            default=404,
        ),
        "pathway_script": Case("get", kwargs=_script, expect=PAGE, default=404),
        "pathway_script_pdf": Case("get", kwargs=_script, expect=PAGE, default=404),
    }
)


def _seat(w: World):
    return w.dossier.circle.get(user=w.circle_member)


def _handover(w: World) -> dict:
    _pathway(w)
    newcomer = CircleMemberFactory(
        dossier=w.dossier,
        membership=MembershipFactory(team=w.dossier.owning_team),
        started_on=date(2026, 1, 1),
    )
    return {"from_member": _seat(w).pk, "to_member": newcomer.pk, "handed_over_on": "2026-03-05", "note": ""}


CASES.update(
    {
        "pathway_handover": Case("post", kwargs=_dossier, data=_handover, expect=WRITE, default=404),
        "pathway_alignment": Case(
            "get",
            kwargs=lambda w: {**_dossier(w), "member_id": (_pathway(w), _seat(w))[1].pk},
            expect=PAGE,
            default=404,
        ),
    }
)

CASES.update(
    {
        "agenda_feed_create": Case("post", expect={A: 302}, default=302),
        "agenda_feed_revoke": Case("post", expect={A: 302}, default=302),
        # a wrong token is 404 for everybody, logged in or not
        "agenda_ical": Case("get", kwargs=lambda w: {"token": "not-a-token"}, default=404),
    }
)

CASES.update(
    {
        "api:list_templates": Case("get", expect={A: 401}),
        "api:template_schedule": Case(
            "get",
            kwargs=lambda w: {"slug": "save-guidance-nl"},
            data={"start": "2026-03-02"},
            expect={A: 401},
        ),
        "api:get_pathway": Case(
            "get",
            kwargs=lambda w: (_pathway(w), _dossier(w))[1],
            expect={"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401},
            default=404,
        ),
        "api:my_agenda": Case("get", expect={A: 401}),
        "api:team_agenda": Case("get", expect={A: 401}),
    }
)


API_WRITE = {"circle_member": 200, "team_lead": 200, A: 401}


def _running(w: World) -> dict:
    _pathway(w)
    return _dossier(w)


CASES.update(
    {
        "api:start_pathway": Case(
            "post",
            kwargs=_dossier,
            data=lambda w: {"template": "save-guidance-nl", "started_on": w.dossier.opened_on.isoformat()},
            json=True,
            expect={"circle_member": 201, "team_lead": 201, A: 401},
            default=404,
        ),
        "api:mark_step_done": Case(
            "post",
            kwargs=lambda w: {**_running(w), "key": "court-hearing"},
            data={"done_on": "2026-03-05", "artefact_url": ""},
            json=True,
            expect=API_WRITE,
            default=404,
        ),
        "api:move_step": Case(
            "post",
            kwargs=lambda w: {**_running(w), "key": "court-hearing"},
            data={"new_start": "2026-03-06"},
            json=True,
            expect=API_WRITE,
            default=404,
        ),
        "api:extend_pathway": Case(
            "post",
            kwargs=_running,
            data={"condition": "family_goals_reached", "decided_on": "2026-04-10"},
            json=True,
            expect=API_WRITE,
            default=404,
        ),
        "api:close_pathway": Case(
            "post",
            kwargs=_running,
            data={"ended_on": "2026-04-12", "end_reason": "goals_reached"},
            json=True,
            expect=API_WRITE,
            default=404,
        ),
    }
)


def _paused(w: World) -> dict:
    pathway = _pathway(w)
    if pathway.state == "running":
        pathway_pause(actor=None, pathway=pathway, paused_on=date(2026, 3, 10), reason="In het ziekenhuis.")
    return _dossier(w)


PAUSE = {"paused_on": "2026-03-10", "reason": "Jens zit in voorlopige hechtenis."}
CASES.update(
    {
        "pathway_pause": Case("post", kwargs=_running, data=PAUSE, expect=WRITE, default=404),
        "pathway_resume": Case(
            "post", kwargs=_paused, data={"resumed_on": "2026-03-24"}, expect=WRITE, default=404
        ),
        "api:pause_pathway": Case(
            "post", kwargs=_running, data=PAUSE, json=True, expect=API_WRITE, default=404
        ),
        "api:resume_pathway": Case(
            "post",
            kwargs=_paused,
            data={"resumed_on": "2026-03-24"},
            json=True,
            expect=API_WRITE,
            default=404,
        ),
    }
)
