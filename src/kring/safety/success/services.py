"""Writes for Signs of Success; each one checks the access policy, validates and audits."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section, decide
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import YOUTH_PROBATION_MEASURES, Dossier, EndReason, Measure
from kring.cases.services import authorise, history

from .models import (
    BookEnds,
    ClosureStatus,
    DesistanceRecord,
    DesistanceStage,
    DesistanceView,
    EarlyClosure,
    IkPlan,
)

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
    *, actor: User | None, dossier: Dossier, greatest_worry: str, success_goal: str, actions: Any = ()
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


IK_CHILD_NEEDED = _("Choose whose IK-plan this is: the young person it belongs to.")
IK_NOT_A_CHILD = _("This person is not a young person of this dossier.")
IK_SAVED_MEANWHILE = _(
    "Someone saved a newer version of this IK-plan in the meantime. Look at it and write your changes again."
)


def ik_plan_child(dossier: Dossier, child: Any = None) -> Any:
    """The young person an IK-plan is for: `child` when it is a child of the dossier; without one, the
    dossier's only child. A ValidationError when it cannot be known."""
    children = list(dossier.children.order_by("pk")[:2]) if child is None else []
    if child is None:
        if len(children) != 1:
            raise ValidationError({"child": [ValidationError(IK_CHILD_NEEDED)]})
        return children[0]
    if not dossier.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": [ValidationError(IK_NOT_A_CHILD)]})
    return child


def ik_plan_save(
    *,
    actor: User | None,
    dossier: Dossier,
    goals: str,
    steps: str = "",
    helpers: str = "",
    written_by: str,
    child: Any = None,
    based_on: int | None = None,
) -> IkPlan:
    """Save a new version of a young person's IK-plan (`child`; may be left out when the dossier has one
    child); earlier versions are kept."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    return ik_plan_write(
        audit_actor=audit_actor,
        recorded_by=actor,
        dossier=dossier,
        child=child,
        goals=goals,
        steps=steps,
        helpers=helpers,
        written_by=written_by,
        based_on=based_on,
    )


def ik_plan_write(
    *,
    audit_actor: Any,
    recorded_by: Any,
    dossier: Dossier,
    child: Any,
    goals: str,
    steps: str = "",
    helpers: str = "",
    written_by: str,
    based_on: int | None = None,
) -> IkPlan:
    """The write of `ik_plan_save`, after a policy allowed it: the professionals' (above) or the family's
    (kring.portal.services.family_ik_plan_save: the young person writes their own plan). `based_on` is the
    version the writer started from (0: none yet); when given, it must still be the newest of this young
    person's plan."""
    plan = IkPlan(
        dossier=dossier,
        version=1,
        goals=(goals or "").strip(),
        steps=(steps or "").strip(),
        helpers=(helpers or "").strip(),
        written_by=written_by,
        recorded_by=recorded_by or None,
    )
    errors: dict[str, list] = {}
    try:
        plan.child = ik_plan_child(dossier, child)
    except ValidationError as error:
        errors.update(error.error_dict)
    if not plan.goals:
        errors["goals"] = [
            ValidationError(_("Write down at least one goal, in the young person's own words."))
        ]
    if written_by not in IkPlan.WrittenBy.values:
        errors["written_by"] = [ValidationError(_("Say who wrote the plan."))]
    if errors:
        raise ValidationError(errors)
    plan.full_clean(exclude=["version", "dossier", "child"])
    try:
        with transaction.atomic():
            # the young person's versions are read under a lock; a first version written at the same moment
            # trips the one-version constraint instead, and gets the same message
            versions = IkPlan.objects.select_for_update().filter(dossier=dossier, child=plan.child)
            latest = max(versions.values_list("version", flat=True), default=0)
            if based_on is not None and based_on != latest:
                raise ValidationError(IK_SAVED_MEANWHILE)
            plan.version = latest + 1
            plan.save()
            audit_append(
                actor=audit_actor,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=plan,
                fields=["child", "goals", "steps", "helpers", "written_by"],
            )
    except IntegrityError:
        raise ValidationError(IK_SAVED_MEANWHILE) from None
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
    actor: User | None,
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
    assert recorded_on is not None  # an empty date was refused above
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


# --- positive early closure (positief afsluiten) ------------------------------------------------------------

RELAPSE_FREE_DAYS = 90
NOTHING = "\u2013"  # an en dash, for a detail that is empty
DEFAULT_REPORT_TO = "Raad voor de Kinderbescherming"

ACHIEVEMENTS_REQUIRED = _("Write down what the young person achieved.")
VIEW_OF_YOUNG_PERSON_REQUIRED = _("Write down, in the young person's own words, how they see it.")
NOT_A_MEASURE_OF_THIS_DOSSIER = _("This is not a youth probation measure of this dossier.")
CLOSES_BEFORE_START = _("The measure cannot end before it started (%(start)s).")
CHECKS_FAIL = _("Not everything that must be true for a positive early closure is true yet: %(checks)s.")
ALREADY_PROPOSED = _("A positive early closure of this measure is already waiting for the team lead.")
ALREADY_CLOSED = _("This measure has already been closed early and positively.")
NOT_OPEN = _("This proposal has already been decided.")
ONLY_TEAM_LEAD = _(
    "Only the team lead of the dossier's team can confirm or decline a positive early closure."
)
NOT_YOUR_OWN = _("Someone else than the person who proposed it must confirm it (four eyes).")
DECLINE_REASON_REQUIRED = _("Say why the positive early closure is not confirmed.")
DAY_IN_FUTURE = _("This date cannot lie in the future.")
DECIDED_BEFORE_PROPOSED = _("The decision cannot lie before the proposal (%(proposed)s).")
MEASURE_ENDED_OTHERWISE = _("This measure has already ended for another reason.")


CHECK_LABELS = {
    "measure_runs": _("The youth probation measure runs on the closing date"),
    "early": _("The closing date lies before the planned end"),
    "success_goal": _("There is a success goal (book-ends)"),
    "ik_plan": _("The young person has their own plan (IK-plan)"),
    "stopping": _("The latest Klaar mee?! stage of every view is 'stopping'"),
    "no_recent_relapse": _("No relapse in the last %(days)s days"),
}


def check_label(key: str) -> str:
    return str(CHECK_LABELS[key]) % {"days": RELAPSE_FREE_DAYS} if key in CHECK_LABELS else key


@dataclass(frozen=True)
class ClosureCheck:
    key: str
    ok: bool
    detail: str

    @property
    def label(self) -> str:
        return check_label(self.key)


def closure_candidates(*, dossier: Dossier) -> list[Measure]:
    """The youth probation measures of the dossier that can still be closed early and positively: running
    ones, and ones already ended with that reason whose report was not written yet (recorded afterwards)."""
    confirmed = EarlyClosure.objects.filter(dossier=dossier, status=ClosureStatus.CONFIRMED).values("measure")
    return list(
        Measure.objects.filter(dossier=dossier, kind__in=YOUTH_PROBATION_MEASURES)
        .filter(Q(ended_on__isnull=True) | Q(end_reason=EndReason.EARLY_POSITIVE_CLOSURE))
        .exclude(pk__in=confirmed)
        .select_related("child")
        .order_by("-started_on", "-pk")
    )


def closure_checks(*, dossier: Dossier, measure: Measure, closes_on: date) -> list[ClosureCheck]:
    """What must be true to close this measure early and positively on `closes_on` (practice model §4;
    seed 001, tool "Positief afsluiten"): the measure runs and ends early, the success is measured against a
    success goal, the young person has their own plan, the latest Klaar mee?! stages say "stopping", and no
    relapse in the last RELAPSE_FREE_DAYS days. Four queries."""
    running = measure.started_on <= closes_on and (
        measure.ended_on is None
        or (measure.ended_on == closes_on and measure.end_reason == EndReason.EARLY_POSITIVE_CLOSURE)
    )
    early = measure.planned_end_on is None or closes_on < measure.planned_end_on
    book_ends = BookEnds.objects.filter(dossier=dossier).order_by("-version").first()
    # the measure's young person's own plan (a plan recorded before plans had a young person counts too)
    has_ik_plan = (
        IkPlan.objects.filter(dossier=dossier)
        .filter(Q(child_id=measure.child_id) | Q(child__isnull=True))
        .exists()
    )
    records = list(DesistanceRecord.objects.filter(dossier=dossier, recorded_on__lte=closes_on))
    latest: dict[str, DesistanceRecord] = {}
    for record in records:  # oldest first: the last one of each view stays
        latest[record.view] = record
    stopping = bool(latest) and all(r.stage == DesistanceStage.STOPPING for r in latest.values())
    since = closes_on - timedelta(days=RELAPSE_FREE_DAYS)
    relapses = [r for r in records if r.relapse and r.recorded_on > since]
    views = ", ".join(
        f"{DesistanceView(view).label}: {DesistanceStage(r.stage).label}"
        for view, r in sorted(latest.items())
    )
    return [
        ClosureCheck(
            "measure_runs",
            running,
            f"{measure.get_kind_display()}, {_('from')} {measure.started_on:%d-%m-%Y}",
        ),
        ClosureCheck(
            "early",
            early,
            f"{_('planned end')}: {measure.planned_end_on:%d-%m-%Y}" if measure.planned_end_on else NOTHING,
        ),
        ClosureCheck(
            "success_goal",
            bool(book_ends and book_ends.success_goal),
            book_ends.success_goal[:120] if book_ends else str(_("no book-ends yet")),
        ),
        ClosureCheck(
            "ik_plan",
            has_ik_plan,
            str(_("yes")) if has_ik_plan else str(_("no IK-plan yet")),
        ),
        ClosureCheck(
            "stopping",
            stopping,
            views or str(_("no stage recorded yet")),
        ),
        ClosureCheck(
            "no_recent_relapse",
            not relapses,
            ", ".join(f"{r.recorded_on:%d-%m-%Y}" for r in relapses) or NOTHING,
        ),
    ]


def _failing(checks: list[ClosureCheck]) -> ValidationError | None:
    failed = [check.label for check in checks if not check.ok]
    if not failed:
        return None
    return ValidationError(CHECKS_FAIL, params={"checks": "; ".join(failed)})


def _snapshot(checks: list[ClosureCheck]) -> list[dict[str, Any]]:
    return [{"key": check.key, "ok": check.ok} for check in checks]


def _day(on: date | None) -> date:
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(DAY_IN_FUTURE)
    return day


def closure_propose(
    *,
    actor: User | None,
    dossier: Dossier,
    measure: Measure,
    closes_on: date | None,
    achievements: str,
    young_person_view: str,
    network_support: str = "",
    after_care: str = "",
    report_to: str = "",
    on: date | None = None,
) -> EarlyClosure:
    """The worker proposes to close the measure early and positively on `closes_on`; refused while not
    everything that must be true is true. `on` is the day of the proposal (today by default)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.MEASURES)
    authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    if measure.dossier_id != dossier.pk or measure.kind not in YOUTH_PROBATION_MEASURES:
        raise ValidationError({"measure": NOT_A_MEASURE_OF_THIS_DOSSIER})
    texts = {
        "achievements": (achievements or "").strip(),
        "young_person_view": (young_person_view or "").strip(),
        "network_support": (network_support or "").strip(),
        "after_care": (after_care or "").strip(),
    }
    errors: dict[str, list] = {}
    if not texts["achievements"]:
        errors["achievements"] = [ValidationError(ACHIEVEMENTS_REQUIRED)]
    if not texts["young_person_view"]:
        errors["young_person_view"] = [ValidationError(VIEW_OF_YOUNG_PERSON_REQUIRED)]
    for name, limit in (
        ("achievements", 4000),
        ("young_person_view", MAX_TEXT),
        ("network_support", MAX_TEXT),
    ):
        if len(texts[name]) > limit:
            errors[name] = [ValidationError(TEXT_TOO_LONG, params={"max": limit})]
    if len(texts["after_care"]) > MAX_TEXT:
        errors["after_care"] = [ValidationError(TEXT_TOO_LONG, params={"max": MAX_TEXT})]
    if closes_on is None:
        errors["closes_on"] = [ValidationError(DATE_REQUIRED)]
    elif closes_on < measure.started_on:
        errors["closes_on"] = [ValidationError(CLOSES_BEFORE_START, params={"start": measure.started_on})]
    if errors:
        raise ValidationError(errors)
    assert closes_on is not None  # an empty date was refused above
    proposed_on = _day(on)
    checks = closure_checks(dossier=dossier, measure=measure, closes_on=closes_on)
    failing = _failing(checks)
    if failing is not None:
        raise failing
    if EarlyClosure.objects.filter(measure=measure, status=ClosureStatus.CONFIRMED).exists():
        raise ValidationError(ALREADY_CLOSED)
    if EarlyClosure.objects.filter(measure=measure, status=ClosureStatus.PROPOSED).exists():
        raise ValidationError(ALREADY_PROPOSED)
    try:
        with transaction.atomic():
            closure = EarlyClosure.objects.create(
                dossier=dossier,
                measure=measure,
                closes_on=closes_on,
                report_to=(report_to or "").strip()[:200] or DEFAULT_REPORT_TO,
                checks=_snapshot(checks),
                proposed_by=actor or None,
                proposed_on=proposed_on,
                **texts,
            )
            audit_append(
                actor=audit_actor,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=closure,
                fields=["measure", "closes_on", *texts, "report_to", "status"],
            )
    except IntegrityError:
        raise ValidationError(ALREADY_PROPOSED) from None
    return closure


def _team_lead(actor: User | None, closure: EarlyClosure) -> Any:
    """The audit actor of the team lead deciding on `closure`; anyone else is refused."""
    audit_actor = authorise(actor, Action.EDIT, closure.dossier, Section.MEASURES)
    if actor is None:
        return audit_actor
    if not decide(actor, Action.APPROVE, closure.dossier, Section.MEASURES).allowed:
        raise ValidationError(ONLY_TEAM_LEAD)
    if closure.proposed_by_id == actor.pk:
        raise ValidationError(NOT_YOUR_OWN)
    return audit_actor


def _decided_on(closure: EarlyClosure, on: date | None) -> date:
    day = _day(on)
    if day < closure.proposed_on:
        raise ValidationError(DECIDED_BEFORE_PROPOSED, params={"proposed": closure.proposed_on})
    return day


def closure_confirm(
    *, actor: User | None, closure: EarlyClosure, note: str = "", on: date | None = None
) -> EarlyClosure:
    """The team lead confirms: the checks are made again, the measure ends on the closing date with the end
    reason "early positive closure" (through kring.cases), and the report to the child protection board is
    ready. A measure already ended with that reason (recorded afterwards) is not ended again."""
    audit_actor = _team_lead(actor, closure)
    if closure.status != ClosureStatus.PROPOSED:
        raise ValidationError(NOT_OPEN)
    decided_on = _decided_on(closure, on)
    measure = closure.measure
    checks = closure_checks(dossier=closure.dossier, measure=measure, closes_on=closure.closes_on)
    failing = _failing(checks)
    if failing is not None:
        raise failing
    if measure.ended_on is not None and measure.end_reason != EndReason.EARLY_POSITIVE_CLOSURE:
        raise ValidationError(MEASURE_ENDED_OTHERWISE)
    with transaction.atomic():
        if EarlyClosure.objects.select_for_update().get(pk=closure.pk).status != ClosureStatus.PROPOSED:
            raise ValidationError(NOT_OPEN)
        if measure.ended_on is None:
            history.measure_end(
                actor=actor,
                measure=measure,
                ended_on=closure.closes_on,
                end_reason=EndReason.EARLY_POSITIVE_CLOSURE,
            )
        closure.status = ClosureStatus.CONFIRMED
        closure.decided_by = actor or None
        closure.decided_on = decided_on
        closure.decision_note = (note or "").strip()[:MAX_TEXT]
        closure.checks = _snapshot(checks)
        closure.save(update_fields=["status", "decided_by", "decided_on", "decision_note", "checks"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=closure.dossier,
            obj=closure,
            fields=["status", "decided_by", "decided_on", "decision_note", "checks"],
        )
    return closure


def closure_decline(
    *, actor: User | None, closure: EarlyClosure, note: str, on: date | None = None
) -> EarlyClosure:
    """The team lead does not confirm, and says why; the measure runs on. The worker may propose again."""
    audit_actor = _team_lead(actor, closure)
    if closure.status != ClosureStatus.PROPOSED:
        raise ValidationError(NOT_OPEN)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": DECLINE_REASON_REQUIRED})
    if len(note) > MAX_TEXT:
        raise ValidationError({"note": ValidationError(TEXT_TOO_LONG, params={"max": MAX_TEXT})})
    decided_on = _decided_on(closure, on)
    with transaction.atomic():
        if EarlyClosure.objects.select_for_update().get(pk=closure.pk).status != ClosureStatus.PROPOSED:
            raise ValidationError(NOT_OPEN)
        closure.status = ClosureStatus.DECLINED
        closure.decided_by = actor or None
        closure.decided_on = decided_on
        closure.decision_note = note
        closure.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=closure.dossier,
            obj=closure,
            fields=["status", "decided_by", "decided_on", "decision_note"],
        )
    return closure
