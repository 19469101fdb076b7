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
from django.utils.translation import gettext_lazy

from kring.access.policy import Action, Section
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append, audit_append_entries, audit_entry
from kring.cases.event_summaries import (
    PATHWAY_ENDED,
    PATHWAY_EXTENDED,
    PATHWAY_PAUSED,
    PATHWAY_RESUMED,
    PATHWAY_STARTED,
    Summary,
)
from kring.cases.models import CircleMember, Dossier, EndReason, EventKind, Measure
from kring.cases.services import authorise, dossier_event_add
from kring.cases.services.history import measure_end

from .catalogue import translated
from .models import (
    EXTENSION_CONDITIONS,
    ROLES,
    CalendarFeed,
    Handover,
    Pathway,
    PathwayPause,
    PathwayState,
    PathwayStep,
    PathwayTemplate,
    Reflection,
)
from .reminders import reminders_plan
from .schedule import extension_allowed, generate_schedule, validate_template

NEAR_DAYS = 7
NOT_RUNNING = gettext_lazy("This pathway has already ended.")
DONE_IN_FUTURE = gettext_lazy("A step cannot be marked done on a day still to come.")

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


def plays(member: CircleMember, role: str) -> bool:
    """Whether the member's role in this case (free text, often Dutch) names the template role."""
    names = {role.replace("_", " ").lower(), str(ROLES.get(role, role)).lower(), *ROLE_ALIASES.get(role, [])}
    case_role = member.case_role.lower()
    return any(name in case_role for name in names)


def _responsible_for(roles: list[str], members: list[CircleMember]) -> CircleMember | None:
    """The first current circle member whose role in the case names one of the step's roles."""
    for role in roles:
        for member in members:
            if plays(member, role):
                return member
    return None


def pathway_start(*, actor: User, dossier: Dossier, template: PathwayTemplate, started_on: date) -> Pathway:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.PATHWAY)
    validate_template(template)
    if started_on < dossier.opened_on:
        raise ValidationError(
            {
                "started_on": _("The pathway cannot start before the dossier was opened (%(day)s).")
                % {"day": dossier.opened_on.isoformat()}
            }
        )
    if dossier.pathways.filter(state__in=[PathwayState.RUNNING, PathwayState.PAUSED]).exists():
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
            summary=Summary(PATHWAY_STARTED, name=template.name),
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


def step_move(*, actor: User, step: PathwayStep, new_start: date) -> list[PathwayStep]:
    """Move a step; the steps that depend on it move by the same number of days, and only those."""
    pathway = step.pathway
    audit_actor = authorise(actor, Action.EDIT, pathway.dossier, Section.PATHWAY)
    refuse_if_paused(pathway)
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


def step_done(*, actor: User, step: PathwayStep, done_on: date, artefact_url: str = "") -> PathwayStep:
    pathway = step.pathway
    audit_actor = authorise(actor, Action.EDIT, pathway.dossier, Section.PATHWAY)
    refuse_if_paused(pathway)
    if pathway.state != PathwayState.RUNNING:
        raise ValidationError(NOT_RUNNING)
    if done_on < pathway.started_on:
        raise ValidationError({"done_on": _("A step cannot be done before the pathway starts.")})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": DONE_IN_FUTURE})
    if artefact_url and not (artefact_url.startswith("/") or artefact_url.startswith("https://")):
        raise ValidationError(
            {"artefact_url": _("Link to a page in kring (starting with /) or an https address.")}
        )
    with transaction.atomic():
        step.done_on = done_on
        step.artefact_url = artefact_url
        step.done_recorded_by = actor
        step.done_recorded_at = timezone.now()
        step.save(update_fields=["done_on", "artefact_url", "done_recorded_by", "done_recorded_at"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=pathway.dossier,
            obj=step,
            fields=["done_on", "artefact_url"],
        )
        reminders_plan([step])
    return step


def _lock_unchanged(pathway: Pathway) -> None:
    """Inside the write's transaction: lock the pathway row and make sure nobody ended or extended it since it
    was read (two people closing or extending at the same moment: the second one is refused)."""
    current = Pathway.objects.select_for_update().get(pk=pathway.pk)
    refuse_if_paused(current)
    if current.state != PathwayState.RUNNING:
        raise ValidationError(NOT_RUNNING)
    if current.extended_on != pathway.extended_on:
        raise ValidationError(_("Someone else has just changed this pathway. Reload the page and try again."))


def condition_choices(template: PathwayTemplate) -> list[dict[str, Any]]:
    """The template's extension conditions, with the translated label where kring knows the code."""
    return [
        {"code": c["code"], "label": EXTENSION_CONDITIONS.get(c["code"], c["label"])}
        for c in template.extension_conditions
    ]


def pathway_extend(*, actor: User, pathway: Pathway, condition: str, decided_on: date) -> Pathway:
    """One extension, and only with one of the template's named conditions recorded."""
    audit_actor = authorise(actor, Action.EDIT, pathway.dossier, Section.PATHWAY)
    template = pathway.template
    refuse_if_paused(pathway)
    if pathway.state != PathwayState.RUNNING:
        raise ValidationError(NOT_RUNNING)
    if pathway.extended_on:
        raise ValidationError(_("This pathway has already been extended once."))
    if not template.extension_days:
        raise ValidationError(_("This pathway cannot be extended."))
    if not extension_allowed(template, condition or None):
        raise ValidationError(
            {
                "condition": _("An extension needs one of the named conditions: %(conditions)s.")
                % {"conditions": "; ".join(str(c["label"]) for c in condition_choices(template))}
            }
        )
    with transaction.atomic():
        _lock_unchanged(pathway)
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
            summary=Summary(PATHWAY_EXTENDED, days=template.extension_days),
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
    limits: list[dict[str, Any]] = [
        {"label": translated(step.title), "on": step.planned_end}
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


def calendar_feed_create(*, user: User) -> str:
    """A new personal feed token (shown once); earlier feeds of the user are revoked."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        CalendarFeed.objects.create(user=user, token_hash=_digest(token))
    return token


def calendar_feed_revoke(*, user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def calendar_feed_user(token: str) -> Any:
    feed = (
        CalendarFeed.objects.filter(token_hash=_digest(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed and feed.user.is_active else None


END_REASON_REQUIRED = gettext_lazy("Choose why the pathway ends.")
END_IN_FUTURE = gettext_lazy("A pathway cannot end on a day still to come.")
END_BEFORE_START = gettext_lazy("A pathway cannot end before it started (%(day)s).")
MEASURE_NOT_RUNNING = gettext_lazy("This measure does not run in this dossier.")


def pathway_close(
    *,
    actor: User,
    pathway: Pathway,
    ended_on: date,
    end_reason: str,
    note: str = "",
    measures: list[Measure] | tuple = (),
) -> Pathway:
    """End the pathway with a reason (the end reasons of measures), and end the chosen running measures of the
    dossier with the same date and reason (through cases.services.history.measure_end). Pending reminders are
    cancelled. Everything or nothing."""
    dossier = pathway.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.PATHWAY)
    if measures:
        authorise(actor, Action.EDIT, dossier, Section.MEASURES)  # outside the transaction: a refusal is kept
    errors: dict[str, list] = {}
    refuse_if_paused(pathway)
    if pathway.state != PathwayState.RUNNING:
        raise ValidationError(NOT_RUNNING)
    if end_reason not in EndReason.values:
        errors.setdefault("end_reason", []).append(END_REASON_REQUIRED)
    if ended_on > timezone.localdate():
        errors.setdefault("ended_on", []).append(END_IN_FUTURE)
    elif ended_on < pathway.started_on:
        errors.setdefault("ended_on", []).append(END_BEFORE_START % {"day": pathway.started_on.isoformat()})
    running = {m.pk for m in Measure.objects.running_on(ended_on).filter(dossier=dossier)}
    if any(m.pk not in running for m in measures):
        errors.setdefault("measures", []).append(MEASURE_NOT_RUNNING)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _lock_unchanged(pathway)
        pathway.state = PathwayState.ENDED
        pathway.ended_on = ended_on
        pathway.end_reason = end_reason
        pathway.end_note = note.strip()
        pathway.ended_by = actor
        pathway.save(update_fields=["state", "ended_on", "end_reason", "end_note", "ended_by"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=dossier,
            obj=pathway,
            fields=["state", "ended_on", "end_reason", "end_note"],
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.MEETING,
            day=ended_on,
            summary=Summary(PATHWAY_ENDED, name=pathway.template.name, reason=end_reason),
            actor=actor,
        )
        for measure in measures:
            measure_end(actor=actor, measure=measure, ended_on=ended_on, end_reason=end_reason)
        reminders_plan(pathway.steps.all())
    return pathway


QUESTION_REQUIRED = gettext_lazy("Write down the reflective question.")
STEP_NOT_IN_PATHWAY = gettext_lazy("This step is not part of this pathway.")


def reflection_add(
    *,
    actor: User,
    pathway: Pathway,
    occurred_on: date,
    question: str,
    answer: str = "",
    step: PathwayStep | None = None,
) -> Reflection:
    """Record a reflective question that guided the pathway (e.g. in the reflective team) and what it
    brought; the case script shows them."""
    audit_actor = authorise(actor, Action.EDIT, pathway.dossier, Section.PATHWAY)
    errors: dict[str, list] = {}
    if not question.strip():
        errors.setdefault("question", []).append(QUESTION_REQUIRED)
    if step is not None and step.pathway_id != pathway.pk:
        errors.setdefault("step", []).append(STEP_NOT_IN_PATHWAY)
    if occurred_on < pathway.started_on or occurred_on > timezone.localdate():
        errors.setdefault("occurred_on", []).append(
            _("Give a date between the start of the pathway (%(day)s) and today.")
            % {"day": pathway.started_on.isoformat()}
        )
    reflection = Reflection(
        pathway=pathway,
        occurred_on=occurred_on,
        question=question.strip(),
        answer=answer.strip(),
        step=step,
        recorded_by=actor,
    )
    try:
        reflection.full_clean(exclude=["pathway", "step", "recorded_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        reflection.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=pathway.dossier,
            obj=reflection,
            fields=["occurred_on", "question", "answer", "step"],
        )
    return reflection


NOT_IN_CIRCLE = gettext_lazy("This professional is not in the circle of this dossier.")
SAME_PERSON = gettext_lazy("Hand the steps over to someone else.")
NOT_SEATED = gettext_lazy("%(name)s is not in the circle on %(day)s; add them to the circle first.")
GAP = gettext_lazy(
    "%(name)s left on %(left)s: hand over on %(latest)s at the latest, so that no day is without someone."
)
HANDOVER_DATE = gettext_lazy("Give a date between the start of the pathway (%(day)s) and today.")
NO_OPEN_STEPS = gettext_lazy("%(name)s has no open steps in this pathway.")


def _seated_on(member: CircleMember, day: date) -> bool:
    return member.started_on <= day and (member.ended_on is None or member.ended_on >= day)


def pathway_handover(
    *,
    actor: User,
    pathway: Pathway,
    from_member: CircleMember,
    to_member: CircleMember,
    handed_over_on: date,
    note: str = "",
) -> Handover:
    """Move every open step of `from_member` to `to_member`, without a break: the next person is in the circle
    on the day of the handover, and that day is no later than the day after the last day of the one who
    leaves. Recorded (who, when, from, to, which steps), audited; the reminders follow the steps."""
    dossier = pathway.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.PATHWAY)
    refuse_if_paused(pathway)
    if pathway.state != PathwayState.RUNNING:
        raise ValidationError(NOT_RUNNING)
    errors: dict[str, list] = {}
    for field, member in (("from_member", from_member), ("to_member", to_member)):
        if member.dossier_id != dossier.pk:
            errors.setdefault(field, []).append(NOT_IN_CIRCLE)
    if errors:
        raise ValidationError(errors)
    if from_member.pk == to_member.pk:
        errors.setdefault("to_member", []).append(SAME_PERSON)
    if not pathway.started_on <= handed_over_on <= timezone.localdate():
        errors.setdefault("handed_over_on", []).append(
            HANDOVER_DATE % {"day": pathway.started_on.isoformat()}
        )
    elif not _seated_on(to_member, handed_over_on):
        errors.setdefault("to_member", []).append(
            NOT_SEATED % {"name": to_member.user.get_full_name() or to_member.user, "day": handed_over_on}
        )
    elif from_member.ended_on and handed_over_on > from_member.ended_on + timedelta(days=1):
        errors.setdefault("handed_over_on", []).append(
            GAP
            % {
                "name": from_member.user.get_full_name() or from_member.user,
                "left": from_member.ended_on.isoformat(),
                "latest": (from_member.ended_on + timedelta(days=1)).isoformat(),
            }
        )
    steps = list(pathway.steps.filter(responsible=from_member, done_on__isnull=True).order_by("order"))
    if not steps:
        errors.setdefault("from_member", []).append(
            NO_OPEN_STEPS % {"name": from_member.user.get_full_name() or from_member.user}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _lock_unchanged(pathway)
        # read again under the lock: a handover recorded meanwhile may have taken these steps
        steps = list(pathway.steps.filter(responsible=from_member, done_on__isnull=True).order_by("order"))
        if not steps:
            raise ValidationError(
                {
                    "from_member": NO_OPEN_STEPS
                    % {"name": from_member.user.get_full_name() or from_member.user}
                }
            )
        PathwayStep.objects.filter(pk__in=[s.pk for s in steps]).update(responsible=to_member)
        handover = Handover.objects.create(
            pathway=pathway,
            from_member=from_member,
            to_member=to_member,
            handed_over_on=handed_over_on,
            note=note.strip(),
            recorded_by=actor,
        )
        handover.steps.set(steps)
        audit_append_entries(
            [
                audit_entry(
                    actor=audit_actor,
                    action=AuditAction.CREATE,
                    dossier=dossier,
                    obj=handover,
                    fields=["from_member", "to_member", "handed_over_on", "steps", "note"],
                ),
                *(
                    audit_entry(
                        actor=audit_actor,
                        action=AuditAction.UPDATE,
                        dossier=dossier,
                        obj=step,
                        fields=["responsible"],
                    )
                    for step in steps
                ),
            ]
        )
        reminders_plan(steps)
    return handover


# --- pausing a pathway -------------------------------------------------------------------------------------

PAUSED = gettext_lazy("This pathway is paused. Resume it first.")
PAUSE_REASON_REQUIRED = gettext_lazy(
    "Give the reason for the pause (e.g. the young person is in detention or in hospital, the family is "
    "abroad)."
)
ONLY_A_RUNNING_PATHWAY_PAUSES = gettext_lazy("Only a running pathway can be paused.")
NOT_PAUSED = gettext_lazy("This pathway is not paused, so it cannot be resumed.")
PAUSE_IN_FUTURE = gettext_lazy("A pause cannot start on a day still to come.")
PAUSE_BEFORE_START = gettext_lazy("A pause cannot start before the pathway started (%(day)s).")
PAUSE_BEFORE_LAST_STEP = gettext_lazy("A pause cannot start before the last step marked done (%(day)s).")
RESUME_IN_FUTURE = gettext_lazy("A pathway cannot resume on a day still to come.")
RESUME_BEFORE_PAUSE = gettext_lazy("A pathway cannot resume before its pause began (%(day)s).")


def refuse_if_paused(pathway: Pathway) -> None:
    """A paused pathway takes no changes (steps, extension, reflections, handover, end) until it resumes."""
    if pathway.state == PathwayState.PAUSED:
        raise ValidationError(PAUSED)


def open_pause(pathway: Pathway) -> PathwayPause | None:
    """The pause a paused pathway is in (None when it runs or ended)."""
    return pathway.pauses.filter(resumed_on__isnull=True).first()


def pathway_pause(*, actor: User, pathway: Pathway, paused_on: date, reason: str) -> PathwayPause:
    """Put a running pathway on hold, with the reason (detention, hospital, the family abroad …): while it is
    paused no step is overdue and its pending reminders are cancelled."""
    dossier = pathway.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.PATHWAY)
    if pathway.state != PathwayState.RUNNING:
        raise ValidationError(ONLY_A_RUNNING_PATHWAY_PAUSES)
    errors: dict[str, list] = {}
    reason = reason.strip()
    if not reason:
        errors.setdefault("reason", []).append(PAUSE_REASON_REQUIRED)
    last_done = max((d for d in pathway.steps.values_list("done_on", flat=True) if d), default=None)
    if paused_on > timezone.localdate():
        errors.setdefault("paused_on", []).append(PAUSE_IN_FUTURE)
    elif paused_on < pathway.started_on:
        errors.setdefault("paused_on", []).append(
            PAUSE_BEFORE_START % {"day": pathway.started_on.isoformat()}
        )
    elif last_done and paused_on < last_done:
        # the pause would hold days in which the pathway was worked on
        errors.setdefault("paused_on", []).append(PAUSE_BEFORE_LAST_STEP % {"day": last_done.isoformat()})
    pause = PathwayPause(pathway=pathway, paused_on=paused_on, reason=reason, paused_by=actor)
    try:
        pause.full_clean(exclude=["pathway", "paused_by", "resumed_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)  # an empty reason is said once, in the words above
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _lock_unchanged(pathway)
        pause.save()
        pathway.state = PathwayState.PAUSED
        pathway.save(update_fields=["state"])
        audit_append_entries(
            [
                audit_entry(
                    actor=audit_actor,
                    action=AuditAction.CREATE,
                    dossier=dossier,
                    obj=pause,
                    fields=["paused_on", "reason"],
                ),
                audit_entry(
                    actor=audit_actor,
                    action=AuditAction.UPDATE,
                    dossier=dossier,
                    obj=pathway,
                    fields=["state"],
                ),
            ]
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.MEETING,
            day=paused_on,
            summary=Summary(PATHWAY_PAUSED, name=pathway.template.name, reason=reason),
            actor=actor,
        )
        reminders_plan(
            pathway.steps.all()
        )  # a paused pathway wants no reminders: the pending ones are cancelled
    return pause


def pathway_resume(*, actor: User, pathway: Pathway, resumed_on: date) -> PathwayPause:
    """Resume a paused pathway: the open steps move on by the days of the pause (their start too, when it
    lies in or after the pause), and get their reminders again. A legal limit (the end of the urgency
    procedure, the BMO: `LIMIT_STEPS`) and the maximum length of the pathway do not move: the law's clock
    does not stop for the pause."""
    dossier = pathway.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.PATHWAY)
    pause = open_pause(pathway) if pathway.state == PathwayState.PAUSED else None
    if pause is None:
        raise ValidationError(NOT_PAUSED)
    if resumed_on > timezone.localdate():
        raise ValidationError({"resumed_on": RESUME_IN_FUTURE})
    if resumed_on < pause.paused_on:
        raise ValidationError({"resumed_on": RESUME_BEFORE_PAUSE % {"day": pause.paused_on.isoformat()}})
    days = (resumed_on - pause.paused_on).days
    with transaction.atomic():
        if Pathway.objects.select_for_update().get(pk=pathway.pk).state != PathwayState.PAUSED:
            raise ValidationError(NOT_PAUSED)  # someone else resumed it a moment ago
        moved = [
            step
            for step in pathway.steps.filter(done_on__isnull=True).order_by("order")
            if days and step.key not in LIMIT_STEPS
        ]
        for step in moved:
            if step.planned_start >= pause.paused_on:
                step.planned_start += timedelta(days=days)
            step.planned_end += timedelta(days=days)
        PathwayStep.objects.bulk_update(moved, ["planned_start", "planned_end"])
        pause.resumed_on = resumed_on
        pause.resumed_by = actor
        pause.shifted_days = days
        pause.save(update_fields=["resumed_on", "resumed_by", "shifted_days"])
        pathway.state = PathwayState.RUNNING
        pathway.save(update_fields=["state"])
        audit_append_entries(
            [
                audit_entry(
                    actor=audit_actor,
                    action=AuditAction.UPDATE,
                    dossier=dossier,
                    obj=pause,
                    fields=["resumed_on", "shifted_days"],
                ),
                audit_entry(
                    actor=audit_actor,
                    action=AuditAction.UPDATE,
                    dossier=dossier,
                    obj=pathway,
                    fields=["state"],
                ),
                *(
                    audit_entry(
                        actor=audit_actor,
                        action=AuditAction.UPDATE,
                        dossier=dossier,
                        obj=step,
                        fields=["planned_start", "planned_end"],
                    )
                    for step in moved
                ),
            ]
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.MEETING,
            day=resumed_on,
            summary=Summary(PATHWAY_RESUMED, name=pathway.template.name, days=days),
            actor=actor,
        )
        reminders_plan(pathway.steps.all())
    return pause
