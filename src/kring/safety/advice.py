"""The advice to the judge (seed 004, day 41/42: continue, stop, refer or extend; NL: a request to extend a
supervision order).

`advice_compose` drafts the text from the dossier: the frame and measures with where the children live, the
bottom lines with their status and evidence, the safety plan and who signed it, the scaling trend of family
and professionals, and the family's view in their own words (what the journal and their scores recorded on
their behalf). The worker edits the draft (`advice_update`, with an optimistic version check: `revision`);
a team lead of the owning team, or a behavioural scientist in the circle, who is not the author approves it
(`advice_approve`), which keeps the PDF as signed, with its SHA-256, as a numbered version. An edit after an
approval makes the advice a draft again; the approved versions stay.

Access: the advice is about the judge's decisions, so it lives under Section.MEASURES; writes go through
cases.services.authorise (a closed dossier refuses them), and every write and PDF read is audited.
"""

import hashlib
from collections import defaultdict
from datetime import date
from statistics import mean
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.access.policy import Action, Section, advice_approver
from kring.accounts.models import Role
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import Dossier, Placement
from kring.cases.services import authorise
from kring.ui.pdf import render_pdf

from .models import (
    AdviceProposal,
    AdviceStatus,
    BottomLine,
    ExtensionCondition,
    JournalEntry,
    JudgeAdvice,
    JudgeAdviceVersion,
    PlanVersion,
    RaterGroup,
    ScaleRating,
)

ADVICE_SECTION = Section.MEASURES
TEXT_FIELDS = (
    "title",
    "addressed_to",
    "frame",
    "bottom_lines",
    "safety_plan",
    "scaling",
    "family_view",
    "motivation",
)
EDITABLE_FIELDS = (*TEXT_FIELDS, "proposal", "extension_condition", "extend_until")
FAMILY_WORDS_SHOWN = 8

STALE = gettext_lazy(
    "Someone else changed this advice while you were editing it. Nothing was saved: reload the page, and "
    "make your changes again on the newest text."
)
TITLE_REQUIRED = gettext_lazy("Give the advice a title.")
UNKNOWN_PROPOSAL = gettext_lazy("Choose one of the proposals.")
UNKNOWN_CONDITION = gettext_lazy("Choose one of the extension conditions.")
CONDITION_ONLY_WITH_EXTENSION = gettext_lazy("An extension condition belongs only with a proposal to extend.")
PROPOSAL_REQUIRED = gettext_lazy("Choose the proposal before the advice is approved.")
CONDITION_REQUIRED = gettext_lazy("Say under which condition the help is extended.")
EXTEND_UNTIL_REQUIRED = gettext_lazy("Say until when the help is extended.")
MOTIVATION_REQUIRED = gettext_lazy("Explain the proposal before the advice is approved.")
NOT_THE_AUTHOR = gettext_lazy(
    "You wrote this advice: a team lead or behavioural scientist other than you approves it."
)
ONLY_APPROVERS = gettext_lazy(
    "Only a team lead of the owning team or a behavioural scientist in the circle can approve the advice."
)
ALREADY_APPROVED = gettext_lazy("This text has already been approved; change it first for a new version.")
TOO_LONG = gettext_lazy("This text is too long (at most %(max)s characters).")


# --- composing the draft from the dossier -------------------------------------------------------------------


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else "—"


def _frame(dossier: Dossier, day: date) -> str:
    lines = []
    measures = (
        dossier.measures.select_related("child").prefetch_related("extensions").order_by("started_on", "pk")
    )
    for measure in measures:
        line = _("%(frame)s for %(child)s, from %(start)s") % {
            "frame": measure.get_kind_display(),
            "child": measure.child.first_name,
            "start": _day(measure.started_on),
        }
        if measure.ended_on:
            line += _(", ended %(end)s (%(reason)s)") % {
                "end": _day(measure.ended_on),
                "reason": measure.get_end_reason_display() or "—",
            }
        elif measure.planned_end_on:
            line += _(", planned until %(end)s") % {"end": _day(measure.planned_end_on)}
        extensions = list(measure.extensions.all())
        if extensions:
            line += _("; extended %(count)s times") % {"count": len(extensions)}
        if measure.decided_by:
            line += f" — {measure.decided_by}"
        lines.append(f"- {line}.")
    stays = (
        Placement.objects.filter(dossier=dossier, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .select_related("child")
        .order_by("child__first_name")
    )
    for stay in stays:
        lines.append(
            "- "
            + _("%(child)s lives: %(kind)s, since %(start)s (decided by %(by)s).")
            % {
                "child": stay.child.first_name,
                "kind": stay.get_kind_display(),
                "start": _day(stay.started_on),
                "by": stay.decided_by_name or stay.get_decided_by_display(),
            }
        )
    return "\n".join(lines) or _("No legal frame or measure has been recorded.")


def _bottom_lines(dossier: Dossier) -> str:
    lines = []
    for line in BottomLine.objects.filter(dossier=dossier).order_by("set_on", "pk"):
        text = _("%(text)s (set by %(who)s, %(kind)s). Status: %(status)s since %(since)s.") % {
            "text": line.text,
            "who": line.set_by_name,
            "kind": line.get_set_by_kind_display(),
            "status": line.get_status_display(),
            "since": _day(line.status_on),
        }
        if line.evidence:
            text += " " + _("Evidence: %(evidence)s") % {"evidence": line.evidence}
        lines.append(f"- {text}")
    return "\n".join(lines) or _("No bottom lines have been set.")


def _signer(signature: Any) -> str:
    if signature.participant_id:
        return f"{signature.participant.person} ({signature.participant.relation})"
    member = signature.circle_member
    return f"{member.user.get_full_name()} ({member.case_role})"


def _safety_plan(dossier: Dossier) -> str:
    versions = (
        PlanVersion.objects.filter(plan__dossier=dossier, signed_at__isnull=False)
        .select_related("plan")
        .prefetch_related("rules", "signatures__participant__person", "signatures__circle_member__user")
        .order_by("plan_id", "-number")
    )
    newest: dict[int, Any] = {}
    for version in versions:
        newest.setdefault(version.plan_id, version)
    lines = []
    for version in newest.values():
        signers = ", ".join(_signer(s) for s in version.signatures.all()) or "—"
        lines.append(
            "- "
            + _("“%(title)s”, version %(number)s, signed on %(on)s; %(rules)s rules. Signed by: %(signers)s.")
            % {
                "title": version.plan.title,
                "number": version.number,
                "on": _day(timezone.localdate(version.signed_at)),
                "rules": len(version.rules.all()),
                "signers": signers,
            }
        )
    return "\n".join(lines) or _("No safety plan has been signed yet.")


def _scaling(dossier: Dossier) -> str:
    """Per question, per group (family and network, professionals): the mean score on the first and the
    latest date, and how many dates lie between."""
    series: dict[tuple[str, str], dict[date, list[int]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for rating in ScaleRating.objects.filter(dossier=dossier).order_by("rated_on", "pk"):
        key = rating.custom_question or rating.question
        names[key] = rating.question_text
        series[(key, rating.group)][rating.rated_on].append(rating.score)
    lines = []
    for key in names:
        parts = []
        for group in RaterGroup:
            by_day = series.get((key, group.value))
            if not by_day:
                continue
            days = sorted(by_day)
            first, last = mean(by_day[days[0]]), mean(by_day[days[-1]])
            parts.append(
                _("%(group)s %(first)s → %(last)s (%(count)s moments, %(from)s to %(to)s)")
                % {
                    "group": group.label,
                    "first": f"{first:.1f}".rstrip("0").rstrip("."),
                    "last": f"{last:.1f}".rstrip("0").rstrip("."),
                    "count": len(days),
                    "from": _day(days[0]),
                    "to": _day(days[-1]),
                }
            )
        lines.append(f"- {str(names[key]).capitalize()}: " + "; ".join(parts) + ".")
    return "\n".join(lines) or _("No scaling questions have been asked yet.")


def _family_view(dossier: Dossier) -> str:
    """What the family and the children said, in their words, as the worker wrote it down on their behalf."""
    entries = (
        JournalEntry.objects.filter(dossier=dossier)
        .filter(Q(said_by_participant__isnull=False) | Q(said_by_child__isnull=False))
        .select_related("said_by_participant__person", "said_by_child")
        .order_by("-happened_on", "-pk")[:FAMILY_WORDS_SHOWN]
    )
    lines = [f"- “{entry.text}” — {entry.speaker}, {_day(entry.happened_on)}" for entry in entries]
    notes = (
        ScaleRating.objects.filter(dossier=dossier, circle_member__isnull=True)
        .exclude(note="")
        .select_related("child", "participant__person")
        .order_by("-rated_on", "-pk")[:FAMILY_WORDS_SHOWN]
    )
    lines += [f"- “{rating.note}” — {rating.rater_name}, {_day(rating.rated_on)}" for rating in notes]
    return "\n".join(lines) or _(
        "Write down here what the parents and the young person think, in their words."
    )


def advice_compose(*, dossier: Dossier, day: date) -> dict[str, str]:
    """The parts of a new draft, composed from what the dossier holds on `day`. A fixed number of queries."""
    return {
        "frame": _frame(dossier, day),
        "bottom_lines": _bottom_lines(dossier),
        "safety_plan": _safety_plan(dossier),
        "scaling": _scaling(dossier),
        "family_view": _family_view(dossier),
    }


# --- writes ------------------------------------------------------------------------------------------------


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[Any]] = {}
    cleaned = dict(fields)
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
            limit = JudgeAdvice._meta.get_field(name).max_length
            if limit and len(cleaned[name]) > limit:
                errors.setdefault(name, []).append(ValidationError(TOO_LONG, params={"max": limit}))
    if "title" in cleaned and not cleaned["title"]:
        errors.setdefault("title", []).append(TITLE_REQUIRED)
    proposal = cleaned.get("proposal", "") or ""
    condition = cleaned.get("extension_condition", "") or ""
    if proposal and proposal not in AdviceProposal.values:
        errors.setdefault("proposal", []).append(UNKNOWN_PROPOSAL)
    if condition and condition not in ExtensionCondition.values:
        errors.setdefault("extension_condition", []).append(UNKNOWN_CONDITION)
    elif condition and proposal != AdviceProposal.EXTEND:
        errors.setdefault("extension_condition", []).append(CONDITION_ONLY_WITH_EXTENSION)
    if errors:
        raise ValidationError(errors)
    return cleaned


def advice_create(*, actor: Any, dossier: Dossier, title: str, addressed_to: str = "") -> JudgeAdvice:
    """A new draft, composed from the dossier; the actor is its author."""
    audit_actor = authorise(actor, Action.EDIT, dossier, ADVICE_SECTION)
    fields = _clean({"title": title, "addressed_to": addressed_to})
    with transaction.atomic():
        advice = JudgeAdvice.objects.create(
            dossier=dossier,
            author=actor,
            **fields,
            **advice_compose(dossier=dossier, day=timezone.localdate()),
        )
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=advice,
            fields=list(EDITABLE_FIELDS),
        )
    return advice


def advice_update(*, actor: Any, advice: JudgeAdvice, revision: int, **fields: Any) -> JudgeAdvice:
    """Save the worker's edits, if nobody saved in between (`revision` is the one the edit started from)."""
    audit_actor = authorise(actor, Action.EDIT, advice.dossier, ADVICE_SECTION)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    merged = {name: getattr(advice, name) for name in EDITABLE_FIELDS} | fields
    cleaned = _clean(merged)
    changed = [name for name in fields if cleaned[name] != getattr(advice, name)]
    with transaction.atomic():
        saved = JudgeAdvice.objects.filter(pk=advice.pk, revision=revision).update(
            **{name: cleaned[name] for name in EDITABLE_FIELDS},
            status=AdviceStatus.DRAFT,
            revision=F("revision") + 1,
            updated_at=timezone.now(),
        )
        if not saved:
            raise ValidationError(STALE, code="stale")
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=advice.dossier, obj=advice, fields=changed
        )
    advice.refresh_from_db()
    return advice


def approver_role(actor: Any, dossier: Dossier) -> str | None:
    """The role in which `actor` may approve an advice on `dossier` (policy.advice_approver), or None."""
    decision = advice_approver(actor, dossier)
    if not decision.allowed or decision.membership is None:
        return None
    return str(Role(decision.membership.role).label)


def _ready_for_approval(advice: JudgeAdvice) -> None:
    errors: dict[str, list[Any]] = {}
    if not advice.proposal:
        errors.setdefault("proposal", []).append(PROPOSAL_REQUIRED)
    if advice.proposal == AdviceProposal.EXTEND:
        if advice.dossier.jurisdiction == "BE" and not advice.extension_condition:
            errors.setdefault("extension_condition", []).append(CONDITION_REQUIRED)
        if advice.extend_until is None:
            errors.setdefault("extend_until", []).append(EXTEND_UNTIL_REQUIRED)
    if not advice.motivation.strip():
        errors.setdefault("motivation", []).append(MOTIVATION_REQUIRED)
    if errors:
        raise ValidationError(errors)


def advice_pdf_bytes(*, advice: JudgeAdvice, approval: dict[str, Any] | None = None) -> bytes:
    context = {"dossier": advice.dossier, "advice": advice, "approval": approval}
    return render_pdf("safety/advice/advice_pdf.html", context)


def advice_approve(*, actor: Any, advice: JudgeAdvice, revision: int) -> JudgeAdviceVersion:
    """Approve the text as it stands at `revision`: four eyes (never the author), kept as a signed PDF."""
    audit_actor = authorise(actor, Action.EDIT, advice.dossier, ADVICE_SECTION)
    role = approver_role(actor, advice.dossier)
    if role is None:
        raise ValidationError(ONLY_APPROVERS)
    if advice.author_id == actor.pk:
        raise ValidationError(NOT_THE_AUTHOR)
    with transaction.atomic():
        locked = JudgeAdvice.objects.select_for_update().select_related("dossier").get(pk=advice.pk)
        if locked.revision != revision:
            raise ValidationError(STALE, code="stale")
        if locked.status == AdviceStatus.APPROVED:
            raise ValidationError(ALREADY_APPROVED)
        _ready_for_approval(locked)
        now = timezone.now()
        number = locked.versions.count() + 1
        approval = {
            "name": actor.get_full_name() or actor.get_username(),
            "role": role,
            "at": now,
            "number": number,
        }
        pdf = advice_pdf_bytes(advice=locked, approval=approval)
        version = JudgeAdviceVersion.objects.create(
            advice=locked,
            number=number,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            approved_by=actor,
            approver_role=role,
            approved_at=now,
        )
        JudgeAdvice.objects.filter(pk=locked.pk).update(status=AdviceStatus.APPROVED)
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=locked.dossier,
            obj=locked,
            fields=["status", "versions"],
        )
    advice.refresh_from_db()
    return version


# --- reads -------------------------------------------------------------------------------------------------


def advices_of(*, dossier: Dossier) -> list[JudgeAdvice]:
    """The dossier's advices with their versions (without the PDF bytes), newest first. Two queries."""
    versions = JudgeAdviceVersion.objects.defer("pdf").select_related("approved_by")
    advices = list(
        JudgeAdvice.objects.filter(dossier=dossier)
        .select_related("author")
        .prefetch_related(Prefetch("versions", queryset=versions))
    )
    for advice in advices:
        advice.dossier = dossier
    return advices
