"""Writes for Signs of Success; each one checks the access policy, validates and audits."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import Dossier
from kring.cases.services import authorise

from .models import BookEnds, DesistanceRecord, DesistanceStage, DesistanceView, IkPlan

MAX_TEXT = 2000


def _clean_actions(actions: Any) -> tuple[list[dict[str, str]], list[ValidationError]]:
    cleaned: list[dict[str, str]] = []
    errors: list[ValidationError] = []
    for number, action in enumerate(actions or [], start=1):
        who = str(action.get("who", "")).strip()
        what = str(action.get("what", "")).strip()
        if not who and not what:
            continue
        if not who or not what:
            errors.append(
                ValidationError(
                    _("Action %(number)s: write down both who does it and what they do."),
                    params={"number": number},
                )
            )
        elif len(who) > 200 or len(what) > MAX_TEXT:
            errors.append(ValidationError(_("Action %(number)s is too long."), params={"number": number}))
        else:
            cleaned.append({"who": who, "what": what})
    return cleaned, errors


def book_ends_save(
    *, actor: Any, dossier: Dossier, greatest_worry: str, success_goal: str, actions: Any = ()
) -> BookEnds:
    """Save a new version of the book-ends; earlier versions are kept as they were."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    errors: dict[str, list] = {}
    greatest_worry = (greatest_worry or "").strip()
    success_goal = (success_goal or "").strip()
    if not greatest_worry:
        errors["greatest_worry"] = [ValidationError(_("Write down the greatest worry."))]
    elif len(greatest_worry) > MAX_TEXT:
        errors["greatest_worry"] = [ValidationError(_("The greatest worry is too long."))]
    if not success_goal:
        errors["success_goal"] = [ValidationError(_("Write down the success goal."))]
    elif len(success_goal) > MAX_TEXT:
        errors["success_goal"] = [ValidationError(_("The success goal is too long."))]
    cleaned, action_errors = _clean_actions(actions)
    if action_errors:
        errors["actions"] = action_errors
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        latest = BookEnds.objects.filter(dossier=dossier).aggregate(v=Max("version"))["v"]
        book_ends = BookEnds.objects.create(
            dossier=dossier,
            version=(latest or 0) + 1,
            greatest_worry=greatest_worry,
            success_goal=success_goal,
            actions=cleaned,
            recorded_by=actor or None,
        )
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=book_ends,
            fields=["greatest_worry", "success_goal", "actions"],
        )
    return book_ends


def ik_plan_save(
    *, actor: Any, dossier: Dossier, goals: str, steps: str = "", helpers: str = "", written_by: str
) -> IkPlan:
    """Save a new version of the young person's IK-plan; earlier versions are kept."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    plan = IkPlan(
        dossier=dossier,
        version=1,
        goals=(goals or "").strip(),
        steps=(steps or "").strip(),
        helpers=(helpers or "").strip(),
        written_by=written_by,
        recorded_by=actor or None,
    )
    errors: dict[str, list] = {}
    if not plan.goals:
        errors["goals"] = [
            ValidationError(_("Write down at least one goal, in the young person's own words."))
        ]
    if written_by not in IkPlan.WrittenBy.values:
        errors["written_by"] = [ValidationError(_("Say who wrote the plan."))]
    if errors:
        raise ValidationError(errors)
    plan.full_clean(exclude=["version", "dossier"])
    with transaction.atomic():
        latest = IkPlan.objects.filter(dossier=dossier).aggregate(v=Max("version"))["v"]
        plan.version = (latest or 0) + 1
        plan.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=plan,
            fields=["goals", "steps", "helpers", "written_by"],
        )
    return plan


# --- Klaar mee?!: the desistance stage over time ------------------------------------------------------------

STAGE_REQUIRED = _("Choose the stage.")
VIEW_REQUIRED = _("Say whose view this is: the young person's or the worker's.")
DATE_REQUIRED = _("Give the date.")
DATE_IN_FUTURE = _("The date cannot lie in the future.")
DATE_BEFORE_DOSSIER = _("The date lies before the dossier was opened (%(opened)s).")
RELAPSE_NOTE_REQUIRED = _("Describe the relapse: what happened?")
NOTE_WITHOUT_RELAPSE = _("A description of a relapse needs 'relapse' ticked; or leave the description empty.")
TEXT_TOO_LONG = _("This text is too long: at most %(max)s characters.")


def desistance_record_add(
    *,
    actor: Any,
    dossier: Dossier,
    recorded_on: date | None,
    stage: str,
    view: str,
    triggers: str = "",
    obstacles: str = "",
    relapse: bool = False,
    relapse_note: str = "",
) -> DesistanceRecord:
    """Record where the young person stands in stopping with crime on `recorded_on` (Klaar mee?!)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    texts = {
        "triggers": (triggers or "").strip(),
        "obstacles": (obstacles or "").strip(),
        "relapse_note": (relapse_note or "").strip(),
    }
    errors: dict[str, list] = {}
    if stage not in DesistanceStage.values:
        errors["stage"] = [ValidationError(STAGE_REQUIRED)]
    if view not in DesistanceView.values:
        errors["view"] = [ValidationError(VIEW_REQUIRED)]
    if recorded_on is None:
        errors["recorded_on"] = [ValidationError(DATE_REQUIRED)]
    elif recorded_on > timezone.localdate():
        errors["recorded_on"] = [ValidationError(DATE_IN_FUTURE)]
    elif recorded_on < dossier.opened_on:
        errors["recorded_on"] = [ValidationError(DATE_BEFORE_DOSSIER, params={"opened": dossier.opened_on})]
    for name, text in texts.items():
        if len(text) > MAX_TEXT:
            errors[name] = [ValidationError(TEXT_TOO_LONG, params={"max": MAX_TEXT})]
    if relapse and not texts["relapse_note"]:
        errors["relapse_note"] = [ValidationError(RELAPSE_NOTE_REQUIRED)]
    elif texts["relapse_note"] and not relapse:
        errors["relapse_note"] = [ValidationError(NOTE_WITHOUT_RELAPSE)]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = DesistanceRecord.objects.create(
            dossier=dossier,
            recorded_on=recorded_on,
            stage=stage,
            view=view,
            relapse=bool(relapse),
            recorded_by=actor or None,
            **texts,
        )
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=record,
            fields=["recorded_on", "stage", "view", *texts, "relapse"],
        )
    return record
