"""Pathway API: templates and their schedules, a dossier's pathway (read, start, mark a step done, move a
step, extend, pause and resume, close), my agenda and my team's. Writes call the same services as the
pages: the access policy and the audit log apply, and a refusal (422 with the reasons) saves nothing."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from kring.access.policy import Action, Section
from kring.cases.models import Measure
from kring.cases.selectors import dossier_open, dossiers_audit_listed
from kring.ui.api import ErrorOut
from kring.ui.input_guard import IsoDate, ObjectId

from . import selectors, services
from .catalogue import translated
from .models import Pathway, PathwayState, PathwayStep, PathwayTemplate
from .schedule import generate_schedule

router = Router(tags=["Pathways"])
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
UNKNOWN_TEMPLATE = _("There is no pathway template with this slug.")
UNKNOWN_MEASURE = _("This measure does not exist in this dossier.")
NO_PATHWAY = _("This dossier runs no pathway.")


class TemplateOut(Schema):
    slug: str
    version: int
    name: str
    jurisdiction: str
    max_days: int
    extension_days: int


class ScheduleStepOut(Schema):
    step: str
    title: str
    days: str
    start: IsoDate
    end: IsoDate
    roles: list[str]


class StepOut(Schema):
    key: str
    title: str
    days: str
    planned_start: IsoDate
    planned_end: IsoDate
    done_on: IsoDate | None
    artefact_url: str
    overdue: bool
    responsible: str | None = Field(None, description="The circle member responsible for the step.")


class PauseOut(Schema):
    paused_on: IsoDate
    reason: str
    resumed_on: IsoDate | None
    shifted_days: int = Field(..., description="The days the open steps moved on when the pathway resumed.")


class PathwayOut(Schema):
    id: int
    template: str
    version: int
    started_on: IsoDate
    state: str = Field(..., description="running, paused or ended")
    extension_condition: str
    extended_on: IsoDate | None
    latest_end: IsoDate = Field(
        ..., description="The last day of the pathway, with the extension if granted."
    )
    ended_on: IsoDate | None
    end_reason: str
    pauses: list[PauseOut]
    steps: list[StepOut]


class PathwayStartIn(Schema):
    template: str = Field(..., description="The slug of the template; its latest version is used.")
    started_on: IsoDate = Field(..., description="Day 1 of the pathway, e.g. the day of the urgent claim.")


class StepDoneIn(Schema):
    done_on: IsoDate
    artefact_url: str = Field(
        "", max_length=500, description="A page in kring (starting with /) or an https address."
    )


class StepMoveIn(Schema):
    new_start: IsoDate = Field(..., description="The step and the steps that follow it move by as many days.")


class ExtendIn(Schema):
    condition: str = Field(
        ...,
        min_length=1,
        description="One of the template's named conditions (see its extension_conditions).",
    )
    decided_on: IsoDate


class CloseIn(Schema):
    ended_on: IsoDate
    end_reason: str = Field(
        ..., description="goals_reached, early_positive_closure, scaled_down, escalated, …"
    )
    note: str = Field("", max_length=2000)
    measure_ids: list[int] = Field(
        default_factory=list,
        description="Running measures of the dossier to end with the same date and reason.",
    )


class PauseIn(Schema):
    paused_on: IsoDate
    reason: str = Field(
        ...,
        max_length=1000,
        description="Why the work cannot go on: detention, hospital, the family abroad …",
    )


class ResumeIn(Schema):
    resumed_on: IsoDate


class AgendaItemOut(Schema):
    dossier_reference: str
    step: str
    title: str
    planned_start: IsoDate
    planned_end: IsoDate
    overdue: bool


@router.get("/pathway-templates", response={200: list[TemplateOut], 401: ErrorOut})
def list_templates(request: HttpRequest) -> Any:
    return list(PathwayTemplate.objects.order_by("slug", "-version"))


@router.get(
    "/pathway-templates/{slug}/schedule",
    response={200: list[ScheduleStepOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def template_schedule(request: HttpRequest, slug: str, start: IsoDate) -> Any:
    template = PathwayTemplate.objects.filter(slug=slug).order_by("-version").first()
    if template is None:
        return Status(404, {"detail": "Not found."})
    return [item.as_dict() for item in generate_schedule(template, start)]


def _step_out(step: PathwayStep, today: date) -> dict:
    member = step.responsible
    return {
        "key": step.key,
        "title": translated(step.title),
        "days": step.days,
        "planned_start": step.planned_start,
        "planned_end": step.planned_end,
        "done_on": step.done_on,
        "artefact_url": step.artefact_url,
        "overdue": step.is_overdue(today),
        "responsible": (member.user.get_full_name() or member.user.get_username()) if member else None,
    }


def _pathway_out(pathway: Pathway) -> dict:
    today = timezone.localdate()
    return {
        "id": pathway.pk,
        "template": pathway.template.slug,
        "version": pathway.template.version,
        "started_on": pathway.started_on,
        "state": pathway.state,
        "extension_condition": pathway.extension_condition,
        "extended_on": pathway.extended_on,
        "latest_end": services.max_end(pathway),
        "ended_on": pathway.ended_on,
        "end_reason": pathway.end_reason,
        "pauses": list(pathway.pauses.all()),
        "steps": [_step_out(step, today) for step in pathway.steps.select_related("responsible__user")],
    }


@router.get("/dossiers/{dossier_id}/pathway", response={200: PathwayOut, 401: ErrorOut, 404: ErrorOut})
def get_pathway(request: HttpRequest, dossier_id: str) -> Any:
    """The running pathway of the dossier, or the latest one."""
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.PATHWAY]).dossier
    pathway = selectors.current_pathway(dossier)
    if pathway is None:
        return Status(404, {"detail": str(NO_PATHWAY)})
    return _pathway_out(pathway)


def _running(request: HttpRequest, dossier_id: str) -> Pathway:
    """The running pathway of a dossier opened to change it (an unprocessable request when none runs)."""
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    pathway = (
        dossier.pathways.filter(state=PathwayState.RUNNING).select_related("dossier", "template").first()
    )
    if pathway is None and dossier.pathways.filter(state=PathwayState.PAUSED).exists():
        raise ValidationError(services.PAUSED)
    if pathway is None:
        raise ValidationError(NO_PATHWAY)
    return pathway


def _step(pathway: Pathway, key: str) -> PathwayStep:
    return get_object_or_404(pathway.steps.select_related("template_step"), key=key)


@router.post("/dossiers/{dossier_id}/pathway", response={201: PathwayOut, **WRITE_ERRORS})
def start_pathway(request: HttpRequest, dossier_id: str, payload: PathwayStartIn) -> Any:
    """Start a pathway on the dossier from a template: every step gets its dates and a responsible person
    from the circle, and its reminders. Refused when a pathway already runs, or the start lies before the
    dossier was opened."""
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    template = PathwayTemplate.objects.filter(slug=payload.template).order_by("-version").first()
    if template is None:
        raise ValidationError({"template": UNKNOWN_TEMPLATE})
    pathway = services.pathway_start(
        actor=request.auth, dossier=dossier, template=template, started_on=payload.started_on
    )
    return Status(201, _pathway_out(pathway))


@router.post("/dossiers/{dossier_id}/pathway/steps/{key}/done", response={200: StepOut, **WRITE_ERRORS})
def mark_step_done(request: HttpRequest, dossier_id: str, key: str, payload: StepDoneIn) -> Any:
    """Mark a step of the running pathway done, with a link to its artefact; its reminders are cancelled."""
    step = _step(_running(request, dossier_id), key)
    services.step_done(
        actor=request.auth, step=step, done_on=payload.done_on, artefact_url=payload.artefact_url
    )
    return _step_out(step, timezone.localdate())


@router.post("/dossiers/{dossier_id}/pathway/steps/{key}/move", response={200: PathwayOut, **WRITE_ERRORS})
def move_step(request: HttpRequest, dossier_id: str, key: str, payload: StepMoveIn) -> Any:
    """Move a step to a new start date. The steps that follow it in the template move by the same number of
    days, and only those; their pending reminders move with them. Returns the whole pathway."""
    pathway = _running(request, dossier_id)
    services.step_move(actor=request.auth, step=_step(pathway, key), new_start=payload.new_start)
    return _pathway_out(pathway)


@router.post("/dossiers/{dossier_id}/pathway/extend", response={200: PathwayOut, **WRITE_ERRORS})
def extend_pathway(request: HttpRequest, dossier_id: str, payload: ExtendIn) -> Any:
    """Extend the running pathway, once, and only with one of the template's named conditions."""
    pathway = _running(request, dossier_id)
    services.pathway_extend(
        actor=request.auth, pathway=pathway, condition=payload.condition, decided_on=payload.decided_on
    )
    return _pathway_out(pathway)


@router.post("/dossiers/{dossier_id}/pathway/close", response={200: PathwayOut, **WRITE_ERRORS})
def close_pathway(request: HttpRequest, dossier_id: str, payload: CloseIn) -> Any:
    """End the running pathway with an end reason, and optionally the dossier's running measures with it.
    The case script is then at /dossiers/{dossier_id}/pathway/{id}/script/ (page) and script.pdf."""
    pathway = _running(request, dossier_id)
    measures = list(Measure.objects.filter(dossier=pathway.dossier, pk__in=payload.measure_ids))
    if len(measures) != len(set(payload.measure_ids)):
        raise ValidationError({"measure_ids": UNKNOWN_MEASURE})
    services.pathway_close(
        actor=request.auth,
        pathway=pathway,
        ended_on=payload.ended_on,
        end_reason=payload.end_reason,
        note=payload.note,
        measures=measures,
    )
    return _pathway_out(pathway)


def _current(request: HttpRequest, dossier_id: str) -> Pathway:
    """The running or paused pathway of a dossier opened to change it (the service says what its state
    allows), or the latest one."""
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    pathway = selectors.current_pathway(dossier)
    if pathway is None:
        raise ValidationError(NO_PATHWAY)
    return pathway


@router.post("/dossiers/{dossier_id}/pathway/pause", response={200: PathwayOut, **WRITE_ERRORS})
def pause_pathway(request: HttpRequest, dossier_id: str, payload: PauseIn) -> Any:
    """Pause the running pathway, with the reason. While it is paused no step is overdue and no reminder goes
    out; it takes no other change until it resumes."""
    pathway = _current(request, dossier_id)
    services.pathway_pause(
        actor=request.auth, pathway=pathway, paused_on=payload.paused_on, reason=payload.reason
    )
    return _pathway_out(pathway)


@router.post("/dossiers/{dossier_id}/pathway/resume", response={200: PathwayOut, **WRITE_ERRORS})
def resume_pathway(request: HttpRequest, dossier_id: str, payload: ResumeIn) -> Any:
    """Resume the paused pathway: its open steps move on by the days of the pause and get their reminders
    again. The legal limits (the end of the urgency procedure, the BMO) and the maximum length do not move."""
    pathway = _current(request, dossier_id)
    services.pathway_resume(actor=request.auth, pathway=pathway, resumed_on=payload.resumed_on)
    return _pathway_out(pathway)


def _agenda_item(step: PathwayStep, today: date) -> dict:
    return {
        "dossier_reference": step.pathway.dossier.reference,
        "step": step.key,
        "title": translated(step.title),
        "planned_start": step.planned_start,
        "planned_end": step.planned_end,
        "overdue": step.is_overdue(today),
    }


@router.get("/agenda", response={200: list[AgendaItemOut], 401: ErrorOut})
def my_agenda(request: HttpRequest) -> Any:
    today = timezone.localdate()
    steps = list(selectors.my_open_steps(request.auth))
    dossiers_audit_listed(user=request.auth, dossiers=list({s.pathway.dossier for s in steps}))
    return [_agenda_item(s, today) for s in steps]


class TeamAgendaItemOut(AgendaItemOut):
    team: str
    responsible: str | None


@router.get("/agenda/team", response={200: list[TeamAgendaItemOut], 401: ErrorOut, 422: ErrorOut})
def team_agenda(request: HttpRequest, team: ObjectId | None = None) -> Any:
    """The open steps (overdue, and in the next 30 days) in the dossiers of my team(s) that I may see."""
    today = timezone.localdate()
    agenda = selectors.team_agenda(user=request.auth, team_id=team)
    dossiers_audit_listed(user=request.auth, dossiers=agenda.dossiers, grounds=agenda.grounds)
    return [
        {
            **_agenda_item(s, today),
            "team": s.pathway.dossier.owning_team.name,
            "responsible": (s.responsible.user.get_full_name() or s.responsible.user.username)
            if s.responsible
            else None,
        }
        for s in [*agenda.overdue, *agenda.upcoming]
    ]
