"""Writes for bottom lines and safety plans: authorise (outside the transaction), validate, save, audit."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kring.access.policy import Action, Section
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import NETWORK_ROLES, CircleMember, Dossier, Participant
from kring.cases.services import authorise

from .models import BottomLine, PlanRule, PlanVersion, SafetyGoal, SafetyPlan, Signature

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ADULT_AGE = 18

# Said when a write lost a race against another one on the same plan (409 in the API, a message on the page).
SIGNED_MEANWHILE = _lazy(
    "Someone signed or changed this plan at the same moment. Nothing was saved: look at the plan as it is "
    "now and do it again if it is still needed."
)


class Conflict(ValidationError):
    """A write lost against a concurrent one on the same document; nothing was stored."""


def lock_plan(plan: SafetyPlan) -> SafetyPlan:
    """Hold the plan row until the transaction ends. Every write to a plan's versions (a rule, a new version,
    a signature) takes this lock first, so "is this version signed?" is answered on committed data and stays
    true until the write commits: a signature and a late rule can no longer interleave."""
    return SafetyPlan.objects.select_for_update().get(pk=plan.pk)


def _locked_version(version: PlanVersion) -> PlanVersion:
    """The version re-read under the plan's lock (its `signed_at` as committed, not as loaded earlier)."""
    lock_plan(version.plan)
    return PlanVersion.objects.select_for_update().select_related("plan__dossier").get(pk=version.pk)


LINE_REFUSED = _lazy("Line %(number)d (%(text)s): %(error)s Nothing was saved.")
NO_BOTTOM_LINE = _lazy("Write at least one bottom line.")
ALREADY_SET = _lazy("This bottom line is already set.")
BOTTOM_LINE_MAX = 2000


def bottom_line_add(*, actor: User, dossier: Dossier, **fields: Any) -> BottomLine:
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    fields["text"] = clean_text(fields.get("text", ""), "text", NO_BOTTOM_LINE, BOTTOM_LINE_MAX)
    if fields.get("set_on"):
        fields.setdefault("status_on", fields["set_on"])  # "not yet met" since the day it was set
    line = BottomLine(dossier=dossier, **fields)
    line.full_clean()
    with transaction.atomic():
        line.save()
        audit_append(actor=who, action=AuditAction.CREATE, dossier=dossier, obj=line, fields=sorted(fields))
    return line


def bottom_line_texts(text: str) -> list[str]:
    """What a person typed, one bottom line per line: the lines that are not empty, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def bottom_lines_add(*, actor: User, dossier: Dossier, texts: list[str], **fields: Any) -> list[BottomLine]:
    """Several bottom lines set at once (the same setter, date and number of network adults), each through
    bottom_line_add, in one transaction: one bad line and none is saved; the message names the line."""
    authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)  # outside the transaction: a refusal is kept
    if not texts:
        raise ValidationError({"text": NO_BOTTOM_LINE})
    seen = {text.casefold() for text in dossier.bottom_lines.values_list("text", flat=True)}
    lines = []
    with transaction.atomic():
        for number, text in enumerate(texts, start=1):
            try:
                if text.casefold() in seen:
                    raise ValidationError({"text": ALREADY_SET})
                seen.add(text.casefold())
                lines.append(bottom_line_add(actor=actor, dossier=dossier, text=text, **fields))
            except ValidationError as error:
                raise ValidationError(
                    LINE_REFUSED % {"number": number, "text": text[:60], "error": " ".join(error.messages)}
                ) from error
    return lines


def plan_create(*, actor: User, dossier: Dossier, title: str, **checks: bool) -> SafetyPlan:
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    if not title.strip():
        raise ValidationError({"title": _("Give the plan a title.")})
    with transaction.atomic():
        plan = SafetyPlan.objects.create(dossier=dossier, title=title.strip(), **checks)
        PlanVersion.objects.create(plan=plan, number=1)
        audit_append(
            actor=who, action=AuditAction.CREATE, dossier=dossier, obj=plan, fields=["title", *checks]
        )
    return plan


def current_version(plan: SafetyPlan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def _draft(plan: SafetyPlan) -> PlanVersion:
    """The version to change: the current one if still a draft, else a new one with a copy of the rules.
    Called with the plan locked (lock_plan): the current version and its `frozen` are the committed ones."""
    version = current_version(plan)
    assert version is not None  # a plan is made with its first version (plan_create)
    if not version.frozen:
        return version
    draft = PlanVersion.objects.create(plan=plan, number=version.number + 1)
    for rule in version.rules.prefetch_related(
        "participants", "circle_members", "bottom_lines", "safety_goals"
    ):
        copy = PlanRule.objects.create(
            version=draft, text=rule.text, what=rule.what, when=rule.when, monitoring=rule.monitoring
        )
        copy.participants.set(rule.participants.all())
        copy.circle_members.set(rule.circle_members.all())
        copy.bottom_lines.set(rule.bottom_lines.all())
        copy.safety_goals.set(rule.safety_goals.all())
    return draft


def clean_text(value: str, field: str, message: "StrOrPromise", max_length: int = 2000) -> str:
    """Text a person typed, stripped; refuses empty text (with `message`), text over `max_length` and the NUL
    character that no database stores."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > max_length:
        raise ValidationError(
            {field: _("Keep it under %(max)d characters.") % {"max": max_length}}, code="max_length"
        )
    if "\x00" in value:
        raise ValidationError({field: _("The text holds a character that cannot be stored.")})
    return value


def check_people(dossier: Dossier, participants: Any = (), circle_members: Any = ()) -> None:
    """Refuse people from another dossier: only this family's network and this circle take part."""
    for p in participants:
        if p.dossier_id != dossier.pk:
            raise ValidationError({"participants": _("Only people of this family's network can be chosen.")})
    for c in circle_members:
        if c.dossier_id != dossier.pk:
            raise ValidationError({"circle_members": _("Only professionals of this circle can be chosen.")})


def rule_add(
    *,
    actor: User,
    plan: SafetyPlan,
    text: str,
    participants: Sequence[Participant] = (),
    circle_members: Sequence[CircleMember] = (),
    bottom_lines: Sequence[BottomLine] = (),
    safety_goals: Sequence[SafetyGoal] = (),
    what: str = "",
    when: str = "",
    monitoring: str = "",
) -> PlanRule:
    """Add a rule to the plan; a signed version stays as it is and the rule goes into a new version."""
    dossier = plan.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    if not text.strip():
        raise ValidationError({"text": _("Write down the rule.")})
    if not participants and not circle_members:
        raise ValidationError(
            {"participants": _("Choose at least one person who is responsible for this rule.")}
        )
    check_people(dossier, participants, circle_members)
    if any(b.dossier_id != dossier.pk for b in bottom_lines):
        raise ValidationError({"bottom_lines": _("This bottom line belongs to another dossier.")})
    if any(g.dossier_id != dossier.pk for g in safety_goals):
        raise ValidationError({"safety_goals": _("This safety goal belongs to another dossier.")})
    with transaction.atomic():
        version = _draft(lock_plan(plan))
        rule = PlanRule.objects.create(
            version=version, text=text.strip(), what=what, when=when, monitoring=monitoring
        )
        rule.participants.set(participants)
        rule.circle_members.set(circle_members)
        rule.bottom_lines.set(bottom_lines)
        rule.safety_goals.set(safety_goals)
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=rule,
            fields=[
                "text",
                "what",
                "when",
                "monitoring",
                "participants",
                "circle_members",
                "bottom_lines",
                "safety_goals",
            ],
        )
    return rule


def rule_update(*, actor: User, rule: PlanRule, text: str) -> PlanRule:
    """Change a rule's wording in a draft; a signed version is frozen."""
    dossier = rule.version.plan.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    if not text.strip():
        raise ValidationError({"text": _("Write down the rule.")})
    with transaction.atomic():
        if _locked_version(rule.version).frozen:
            raise ValidationError(
                _("This version of the plan is signed and cannot be changed. Add a new version.")
            )
        rule.text = text.strip()
        rule.save(update_fields=["text"])
        audit_append(actor=who, action=AuditAction.UPDATE, dossier=dossier, obj=rule, fields=["text"])
    return rule


@dataclass(frozen=True)
class CheckResult:
    label: str
    ok: bool
    detail: str


def _is_adult(participant: Participant, today: date) -> bool:
    """An unknown date of birth never counts as an adult: the check names whose age is missing instead."""
    born = participant.person.date_of_birth
    if born is None:
        return False
    return (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) >= ADULT_AGE


def plan_checks(
    version: PlanVersion,
    bottom_lines: list[BottomLine] | None = None,
    safety_goals: list[SafetyGoal] | None = None,
) -> list[CheckResult]:
    """The checks configured on the plan, in plain words, computed on one version (uses prefetched rules and
    people, and the dossier's bottom lines and safety goals, when the caller loaded them)."""
    plan = version.plan
    rules = list(version.rules.all())
    lines = list(plan.dossier.bottom_lines.all()) if bottom_lines is None else bottom_lines
    results: list[CheckResult] = []
    if plan.check_bottom_lines:
        served = {b.pk for r in rules for b in r.bottom_lines.all()}
        missing = [b for b in lines if b.pk not in served]
        results.append(
            CheckResult(
                _("Every bottom line is served by at least one rule"),
                not missing,
                "; ".join(b.text for b in missing) if missing else _("All served."),
            )
        )
    if plan.check_network_adults:
        needed = max([b.min_network_adults or 0 for b in lines], default=0)
        today = timezone.localdate()
        informal = {p.pk: p for r in rules for p in r.participants.all() if p.role in NETWORK_ROLES}
        adults = {pk for pk, p in informal.items() if _is_adult(p, today)}
        unknown_age = sorted(str(p.person) for p in informal.values() if p.person.date_of_birth is None)
        detail = _("%(have)d of at least %(need)d") % {"have": len(adults), "need": needed}
        if unknown_age:
            detail += " " + _("Date of birth unknown, so not counted as an adult: %(names)s.") % {
                "names": ", ".join(unknown_age)
            }
        results.append(
            CheckResult(
                _("Adults of the informal network who carry a rule"),
                len(adults) >= needed,
                detail,
            )
        )
    if plan.check_safety_goals:
        goals = list(plan.dossier.safety_goals.all()) if safety_goals is None else safety_goals
        served_goals = {g.pk for r in rules for g in r.safety_goals.all()}
        open_goals = [g for g in goals if g.pk not in served_goals]
        results.append(
            CheckResult(
                _("Every safety goal is served by at least one rule"),
                not open_goals,
                "; ".join(g.text for g in open_goals) if open_goals else _("All served."),
            )
        )
    if plan.check_responsible:
        without = [r for r in rules if not r.participants.all() and not r.circle_members.all()]
        results.append(
            CheckResult(
                _("Every rule has a responsible person"),
                bool(rules) and not without,
                _("No rules yet.") if not rules else "; ".join(r.text for r in without) or _("All have one."),
            )
        )
    return results


def plan_sign(
    *,
    actor: User | None,
    version: PlanVersion,
    participant: Participant | None = None,
    circle_member: CircleMember | None = None,
    on_paper: bool = False,
) -> Signature:
    """Record a signature; the first one freezes the version. Only people of the circle or network sign, and
    only when every check passes."""
    dossier = version.plan.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    if (participant is None) == (circle_member is None):
        raise ValidationError({"signer": _("Choose who signs.")})
    if participant is not None and (participant.dossier_id != dossier.pk or participant.ended_on):
        raise ValidationError({"signer": _("Only people of this family's network can sign this plan.")})
    if circle_member is not None and circle_member.dossier_id != dossier.pk:
        raise ValidationError({"signer": _("Only professionals of this circle can sign this plan.")})
    if participant is not None and actor is not None and not on_paper:
        # A family or network member without an account signs on paper; the worker records it.
        on_paper = True
    with transaction.atomic():
        # Checked again under the plan's lock: the rules the checks see are the rules that get signed.
        version = _locked_version(version)
        if version != current_version(version.plan):
            raise Conflict(_("Only the newest version of the plan can be signed."), code="conflict")
        failed = [c.label for c in plan_checks(version) if not c.ok]
        if failed:
            raise ValidationError(
                _("The plan cannot be signed yet: %(checks)s.") % {"checks": "; ".join(failed)}
            )
        if version.signatures.filter(participant=participant, circle_member=circle_member).exists():
            raise ValidationError({"signer": _("This person has already signed this version.")})
        try:
            with transaction.atomic():  # a savepoint: the unique constraints are the last word
                signature = Signature.objects.create(
                    version=version,
                    participant=participant,
                    circle_member=circle_member,
                    on_paper=on_paper,
                    recorded_by=actor,
                )
        except IntegrityError as twice:
            raise Conflict(SIGNED_MEANWHILE, code="conflict") from twice
        if not version.frozen:
            version.signed_at = signature.signed_at
            version.save(update_fields=["signed_at"])
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=signature,
            fields=["participant", "circle_member", "on_paper"],
        )
    return signature
