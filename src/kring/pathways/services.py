"""Running a pathway on a dossier: start, move, mark done, extend. Writes go through the access policy and
the audit trail; a refusal saves nothing."""

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import CircleMember, Dossier, EventKind
from kring.cases.services import authorise, dossier_event_add

from .models import ROLES, CalendarFeed, Pathway, PathwayState, PathwayStep, PathwayTemplate
from .reminders import reminders_plan
from .schedule import extension_allowed, generate_schedule, validate_template

NEAR_DAYS = 7

# How the circle writes a template role in `case_role` (free text, often Dutch).
ROLE_ALIASES = {
    "case_worker": ["gezinsvoogd", "casemanager", "consulent", "jeugdbeschermer", "case worker"],
    "probation_officer": ["jeugdreclasseerder", "probation"],
    "local_team_worker": ["wijkteam", "lokaal team", "local team"],
    "care_provider": ["hulpverlener", "zorgaanbieder", "care provider"],
    "crisis_worker": ["crisishulpverlener", "crisis worker"],
    "team_lead": ["teamleider", "teamverantwoordelijke", "team lead"],
    "behavioural_scientist": ["gedragswetenschapper", "behavioural scientist"],
    "parents_worker": ["ouderbegeleider", "parents worker"],
    "child_worker": ["kindbegeleider", "child worker"],
}


def _responsible_for(roles: list[str], members: list[CircleMember]) -> CircleMember | None:
    """The first current circle member whose role in the case names one of the step's roles."""
    for role in roles:
        names = {
            role.replace("_", " ").lower(),
            str(ROLES.get(role, role)).lower(),
            *ROLE_ALIASES.get(role, []),
        }
        for member in members:
            case_role = member.case_role.lower()
            if any(name in case_role for name in names):
                return member
    return None


def pathway_start(*, actor: Any, dossier: Dossier, template: PathwayTemplate, started_on: date) -> Pathway:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.PATHWAY)
    validate_template(template)
    if started_on < dossier.opened_on:
        raise ValidationError(
            {
                "started_on": _("The pathway cannot start before the dossier was opened (%(day)s).")
                % {"day": dossier.opened_on.isoformat()}
            }
        )
    if dossier.pathways.filter(state=PathwayState.RUNNING).exists():
        raise ValidationError(_("This dossier already runs a pathway. End it first."))
    members = list(dossier.circle.current().select_related("user"))
    template_steps = {s.key: s for s in template.steps.all()}
    with transaction.atomic():
        pathway = Pathway.objects.create(dossier=dossier, template=template, started_on=started_on)
        PathwayStep.objects.bulk_create(
            PathwayStep(
                pathway=pathway,
                template_step=template_steps[item.key],
                order=index,
                key=item.key,
                title=item.title,
                days=item.days,
                planned_start=item.start,
                planned_end=item.end,
                responsible=_responsible_for(item.roles, members),
            )
            for index, item in enumerate(generate_schedule(template, started_on), start=1)
        )
        reminders_plan(pathway.steps.all())
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=pathway,
            fields=["template", "started_on", "state"],
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.MEETING,
            day=started_on,
            summary=_("Pathway started: %(name)s") % {"name": template.name},
            actor=actor,
        )
    return pathway


def dependents_of(step: PathwayStep) -> list[PathwayStep]:
    """The steps that follow `step` through the template's `after` links, directly or further on."""
    steps = list(step.pathway.steps.select_related("template_step"))
    children: dict[int, list[PathwayStep]] = {}
    for other in steps:
        if other.template_step.after_id:
            children.setdefault(other.template_step.after_id, []).append(other)
    found: list[PathwayStep] = []
    queue = [step.template_step_id]
    seen = set(queue)
    while queue:
        for child in children.get(queue.pop(0), []):
            if child.template_step_id not in seen:
                seen.add(child.template_step_id)
                found.append(child)
                queue.append(child.template_step_id)
    return found


def step_move(*, actor: Any, step: PathwayStep, new_start: date) -> list[PathwayStep]:
    """Move a step; the steps that depend on it move by the same number of days, and only those."""
    pathway = step.pathway
    audit_actor = authorise(actor, Action.EDIT, pathway.dossier, Section.PATHWAY)
    if pathway.state != PathwayState.RUNNING:
        raise ValidationError(_("This pathway has ended; its steps can no longer move."))
    if new_start < pathway.started_on:
        raise ValidationError(
            {
                "new_start": _("A step cannot start before the pathway starts (%(day)s).")
                % {"day": pathway.started_on.isoformat()}
            }
        )
    delta = new_start - step.planned_start
    moved = [step, *dependents_of(step)] if delta else []
    with transaction.atomic():
        for item in moved:
            item.planned_start += delta
            item.planned_end += delta
            item.save(update_fields=["planned_start", "planned_end"])
            audit_append(
                actor=audit_actor,
                action=AuditAction.UPDATE,
                dossier=pathway.dossier,
                obj=item,
                fields=["planned_start", "planned_end"],
            )
        reminders_plan(moved)
    return moved


def step_done(*, actor: Any, step: PathwayStep, done_on: date, artefact_url: str = "") -> PathwayStep:
    pathway = step.pathway
    audit_actor = authorise(actor, Action.EDIT, pathway.dossier, Section.PATHWAY)
    if done_on < pathway.started_on:
        raise ValidationError({"done_on": _("A step cannot be done before the pathway starts.")})
    if artefact_url and not (artefact_url.startswith("/") or artefact_url.startswith("https://")):
        raise ValidationError(
            {"artefact_url": _("Link to a page in kring (starting with /) or an https address.")}
        )
    with transaction.atomic():
        step.done_on = done_on
        step.artefact_url = artefact_url
        step.save(update_fields=["done_on", "artefact_url"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=pathway.dossier,
            obj=step,
            fields=["done_on", "artefact_url"],
        )
        reminders_plan([step])
    return step


def pathway_extend(*, actor: Any, pathway: Pathway, condition: str, decided_on: date) -> Pathway:
    """One extension, and only with one of the template's named conditions recorded."""
    audit_actor = authorise(actor, Action.EDIT, pathway.dossier, Section.PATHWAY)
    template = pathway.template
    if pathway.extended_on:
        raise ValidationError(_("This pathway has already been extended once."))
    if not template.extension_days:
        raise ValidationError(_("This pathway cannot be extended."))
    if not extension_allowed(template, condition or None):
        raise ValidationError(
            {
                "condition": _("An extension needs one of the named conditions: %(conditions)s.")
                % {"conditions": "; ".join(c["label"] for c in template.extension_conditions)}
            }
        )
    with transaction.atomic():
        pathway.extension_condition = condition
        pathway.extended_on = decided_on
        pathway.save(update_fields=["extension_condition", "extended_on"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=pathway.dossier,
            obj=pathway,
            fields=["extension_condition", "extended_on"],
        )
        dossier_event_add(
            dossier=pathway.dossier,
            kind=EventKind.MEASURE_EXTENDED,
            day=decided_on,
            summary=_("Pathway extended by %(days)s days") % {"days": template.extension_days},
            actor=actor,
        )
    return pathway


def max_end(pathway: Pathway) -> date:
    days = pathway.template.max_days + (pathway.template.extension_days if pathway.extended_on else 0)
    return pathway.started_on + timedelta(days=days - 1)


LIMIT_STEPS = {"urgency-ends", "bmo"}


def legal_limits(pathway: Pathway, today: date) -> list[dict[str, Any]]:
    """The legal limits (the urgency end at day 60, the BMO at day 75, the maximum length) with their state:
    'passed', 'near' (within a week) or 'ahead'."""
    limits = [
        {"label": step.title, "on": step.planned_end}
        for step in pathway.steps.all()
        if step.key in LIMIT_STEPS
    ]
    limits.append({"label": _("Maximum length of the pathway"), "on": max_end(pathway)})
    for limit in limits:
        if limit["on"] < today:
            limit["state"] = "passed"
        elif (limit["on"] - today).days <= NEAR_DAYS:
            limit["state"] = "near"
        else:
            limit["state"] = "ahead"
    return sorted(limits, key=lambda item: item["on"])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_create(*, user: Any) -> str:
    """A new personal feed token (shown once); earlier feeds of the user are revoked."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        CalendarFeed.objects.create(user=user, token_hash=_digest(token))
    return token


def calendar_feed_revoke(*, user: Any) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def calendar_feed_user(token: str) -> Any:
    feed = (
        CalendarFeed.objects.filter(token_hash=_digest(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed and feed.user.is_active else None
