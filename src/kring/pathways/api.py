"""Read API: templates, a template's schedule, a dossier's pathway with its steps, my agenda."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from kring.access.policy import Section
from kring.cases.selectors import dossier_audit_read, dossier_get_for_user, dossiers_audit_listed
from kring.ui.api import ErrorOut

from . import selectors
from .models import PathwayStep, PathwayTemplate
from .schedule import generate_schedule

router = Router(tags=["Pathways"])


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
    start: date
    end: date
    roles: list[str]


class StepOut(Schema):
    key: str
    title: str
    days: str
    planned_start: date
    planned_end: date
    done_on: date | None
    artefact_url: str
    overdue: bool


class PathwayOut(Schema):
    template: str
    version: int
    started_on: date
    state: str
    extension_condition: str
    steps: list[StepOut]


class AgendaItemOut(Schema):
    dossier_reference: str
    step: str
    title: str
    planned_start: date
    planned_end: date
    overdue: bool


@router.get("/pathway-templates", response={200: list[TemplateOut], 401: ErrorOut})
def list_templates(request: HttpRequest) -> Any:
    return list(PathwayTemplate.objects.order_by("slug", "-version"))


@router.get(
    "/pathway-templates/{slug}/schedule",
    response={200: list[ScheduleStepOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def template_schedule(request: HttpRequest, slug: str, start: date) -> Any:
    template = PathwayTemplate.objects.filter(slug=slug).order_by("-version").first()
    if template is None:
        return Status(404, {"detail": "Not found."})
    return [item.as_dict() for item in generate_schedule(template, start)]


def _step_out(step: PathwayStep, today: date) -> dict:
    return {
        "key": step.key,
        "title": step.title,
        "days": step.days,
        "planned_start": step.planned_start,
        "planned_end": step.planned_end,
        "done_on": step.done_on,
        "artefact_url": step.artefact_url,
        "overdue": step.is_overdue(today),
    }


@router.get("/dossiers/{dossier_id}/pathway", response={200: PathwayOut, 401: ErrorOut, 404: ErrorOut})
def get_pathway(request: HttpRequest, dossier_id: str) -> Any:
    dossier, decision = dossier_get_for_user(
        user=request.auth, dossier_id=dossier_id, section=Section.PATHWAY
    )
    pathway = get_object_or_404(dossier.pathways.select_related("template")[:1])
    today = timezone.localdate()
    dossier_audit_read(user=request.auth, dossier=dossier, decision=decision, sections=[Section.PATHWAY])
    return {
        "template": pathway.template.slug,
        "version": pathway.template.version,
        "started_on": pathway.started_on,
        "state": pathway.state,
        "extension_condition": pathway.extension_condition,
        "steps": [_step_out(step, today) for step in pathway.steps.all()],
    }


def _agenda_item(step: PathwayStep, today: date) -> dict:
    return {
        "dossier_reference": step.pathway.dossier.reference,
        "step": step.key,
        "title": step.title,
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


@router.get("/agenda/team", response={200: list[TeamAgendaItemOut], 401: ErrorOut})
def team_agenda(request: HttpRequest, team: int | None = None) -> Any:
    """The open steps (overdue, and in the next 30 days) in the dossiers of my team(s) that I may see."""
    today = timezone.localdate()
    agenda = selectors.team_agenda(user=request.auth, team_id=team)
    dossiers_audit_listed(user=request.auth, dossiers=agenda.dossiers)
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
