"""Reads for the pathway pages that bring several parts of a dossier together: the case script at closure.

The caller has opened the dossier through the door (cases.selectors.dossier_open, which logs the read) with
the sections below as far as shared with the reader; the case script and the alignment agenda read only the
sections the reader may see, and name them. A bounded number of queries, whatever the size of the dossier.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Decision, Section, dossier_visible_row, dossiers_visible_to, work_grounds
from kring.accounts.models import Membership, Team
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append_entries, audit_entry
from kring.cases.intensity import Intensity, Period, contact_intensity
from kring.cases.models import CircleMember, Contact, ContactKind, Dossier, Lead, Measure
from kring.safety.models import (
    BottomLine,
    DangerStatement,
    PlanVersion,
    SafetyGoal,
    SafetyPlan,
    ScaleQuestion,
    ScaleRating,
    SetBy,
)
from kring.safety.scales import GapMoment, gap_moments, gap_threshold, points_of, question_key
from kring.safety.services import plan_checks

from .catalogue import translated
from .models import Handover, Pathway, PathwayState, PathwayStep, Reminder, ReminderState
from .services import legal_limits, plays

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The four parties whose role in the safety planning the case script describes (seed 004: the consultant,
# the youth-care provider, the network and the youth judge), and the template roles each one covers.
SCRIPT_ROLES = (
    ("case_worker", _("Case worker"), frozenset({"case_worker", "probation_officer"})),
    (
        "care_provider",
        _("Care provider"),
        frozenset(
            {
                "care_provider",
                "crisis_worker",
                "crisis_desk",
                "local_team_worker",
                "parents_worker",
                "child_worker",
            }
        ),
    ),
    ("network", _("Network"), frozenset({"network", "parents", "child"})),
    ("judge", _("Judge"), frozenset({"judge"})),
)


@dataclass
class RolePart:
    key: str
    label: "StrOrPromise"
    people: list[str] = field(default_factory=list)
    steps: list[PathwayStep] = field(default_factory=list)
    rules: list[Any] = field(default_factory=list)
    bottom_lines: list[BottomLine] = field(default_factory=list)
    signatures: list[Any] = field(default_factory=list)


@dataclass
class SafetyPart:
    plans: list[dict]
    danger_statements: list[DangerStatement]
    safety_goals: list[SafetyGoal]
    bottom_lines: list[BottomLine]
    roles: list[RolePart]
    scale_trends: list["ScaleTrend"] = field(default_factory=list)


@dataclass
class ScaleTrend:
    """One scaling question during the pathway: on every date someone scored, the family's and the
    professionals' average (safety.scales.gap_moments)."""

    label: str
    moments: list[GapMoment]

    @property
    def first(self) -> GapMoment:
        return self.moments[0]

    @property
    def last(self) -> GapMoment:
        return self.moments[-1]


def scale_trends(dossier: Dossier, starts_on: date, ends_on: date) -> list[ScaleTrend]:
    """The scaling questions answered during the pathway, each with its trend. One query."""
    ratings = ScaleRating.objects.filter(
        dossier=dossier, rated_on__range=(starts_on, ends_on)
    ).select_related("child", "participant__person", "circle_member__user")
    by_question: dict[str, list[ScaleRating]] = {}
    labels: dict[str, str] = {}
    for rating in ratings:
        key = question_key(rating.question, rating.custom_question)
        by_question.setdefault(key, []).append(rating)
        labels[key] = rating.custom_question or str(rating.get_question_display())
    threshold = gap_threshold()
    order = {value: index for index, value in enumerate(ScaleQuestion.values)}
    return [
        ScaleTrend(labels[key], gap_moments(points_of(by_question[key]), threshold))
        for key in sorted(by_question, key=lambda k: (order.get(k, len(order)), labels[k]))
    ]


@dataclass
class CaseScript:
    dossier: Dossier
    pathway: Pathway
    ends_on: date
    steps: list[PathwayStep]
    circle: list[CircleMember]
    measures: list[Measure]
    reflections: list[Any]
    contacts: list[Contact] | None
    intensity: Intensity | None
    meetings: int
    safety: SafetyPart | None
    sections: list[Section]
    handovers: list[Any] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        return self.pathway.ended_on is None


def _plans(dossier: Dossier) -> list[dict]:
    """Every safety plan of the dossier with its current version, rules, people and signatures."""
    plans = list(SafetyPlan.objects.filter(dossier=dossier).order_by("created_at", "pk"))
    versions = (
        PlanVersion.objects.filter(plan__in=plans)
        .order_by("plan", "-number")
        .prefetch_related(
            "rules__participants__person",
            "rules__circle_members__user",
            "rules__bottom_lines",
            "rules__safety_goals",
            "signatures__participant__person",
            "signatures__circle_member__user",
        )
    )
    current: dict[int, PlanVersion] = {}
    for version in versions:
        current.setdefault(version.plan_id, version)
    for plan in plans:
        plan.dossier = dossier
        if plan.pk in current:
            current[plan.pk].plan = plan
    return [{"plan": plan, "version": current[plan.pk]} for plan in plans if plan.pk in current]


def _circle(dossier: Dossier, starts_on: date, ends_on: date) -> list[CircleMember]:
    """Everyone who had a seat in the circle at some time during the pathway."""
    return list(
        CircleMember.objects.filter(dossier=dossier, started_on__lte=ends_on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=starts_on))
        .select_related("user", "membership__organisation")
        .order_by("started_on", "pk")
    )


def _name(member: CircleMember) -> str:
    return f"{member.user.get_full_name() or member.user} ({member.case_role})"


def _safety(
    dossier: Dossier, steps: list[PathwayStep], circle: list[CircleMember], starts_on: date, ends_on: date
) -> SafetyPart:
    plans = _plans(dossier)
    lines = list(BottomLine.objects.filter(dossier=dossier).order_by("set_on", "pk"))
    rules = [rule for entry in plans for rule in entry["version"].rules.all()]
    signatures = [s for entry in plans for s in entry["version"].signatures.all()]
    roles = []
    for key, label, template_roles in SCRIPT_ROLES:
        part = RolePart(key=key, label=label)
        part.steps = [s for s in steps if template_roles & set(s.template_step.roles)]
        if key == "network":
            part.rules = [r for r in rules if r.participants.all()]
            part.signatures = [s for s in signatures if s.participant_id]
            part.people = sorted(
                {
                    f"{p.person} ({p.relation or p.get_role_display()})"
                    for r in part.rules
                    for p in r.participants.all()
                }
            )
        else:
            members = [m for m in circle if any(plays(m, role) for role in template_roles)]
            pks = {m.pk for m in members}
            part.people = [_name(m) for m in members]
            part.rules = [r for r in rules if any(m.pk in pks for m in r.circle_members.all())]
            part.signatures = [s for s in signatures if s.circle_member_id in pks]
        if key == "judge":
            part.bottom_lines = [b for b in lines if b.set_by_kind == SetBy.JUDGE]
            part.people = sorted({*part.people, *(b.set_by_name for b in part.bottom_lines)})
        elif key == "case_worker":
            part.bottom_lines = [b for b in lines if b.set_by_kind == SetBy.CASE_WORKER]
        roles.append(part)
    return SafetyPart(
        plans=plans,
        danger_statements=list(DangerStatement.objects.filter(dossier=dossier).order_by("created_at", "pk")),
        safety_goals=list(SafetyGoal.objects.filter(dossier=dossier).order_by("created_at", "pk")),
        bottom_lines=lines,
        roles=roles,
        scale_trends=scale_trends(dossier, starts_on, ends_on),
    )


# What the case script may show (the pathway always; the others as far as the reader sees them), in the order
# in which case_script names them.
CASE_SCRIPT_SECTIONS = (
    Section.PATHWAY,
    Section.CIRCLE,
    Section.MEASURES,
    Section.CONTACTS,
    Section.SAFETY_PLAN,
    Section.FEEDBACK,
)


def case_script(*, dossier: Dossier, pathway: Pathway, visible: set[Section]) -> CaseScript:
    """The case script of a pathway: the steps taken with their dates, the contacts and meetings with the
    family and network, the reflective questions, the circle and its handovers, the legal frame, and the
    safety plan with the role of the case worker, the care provider, the network and the judge. Parts the
    reader may not see (`visible`, from the access policy) are left out and not listed in `sections`."""
    ends_on = pathway.ended_on or timezone.localdate()
    steps: list[PathwayStep] = list(
        pathway.steps.select_related("template_step", "responsible__user").prefetch_related(
            Prefetch(
                "reminders",
                queryset=Reminder.objects.filter(state=ReminderState.SENT).order_by("sent_at"),
                to_attr="sent_reminders",
            )
        )
    )
    sections = [Section.PATHWAY]
    circle: list[CircleMember] = []
    if Section.CIRCLE in visible:
        circle = _circle(dossier, pathway.started_on, ends_on)
        sections.append(Section.CIRCLE)
    measures: list[Measure] = []
    if Section.MEASURES in visible:
        measures = list(
            Measure.objects.filter(dossier=dossier, started_on__lte=ends_on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=pathway.started_on))
            .order_by("started_on", "pk")
        )
        sections.append(Section.MEASURES)
    contacts = intensity = None
    meetings = 0
    if Section.CONTACTS in visible:
        contacts = list(
            dossier.contacts.filter(occurred_on__range=(pathway.started_on, ends_on))
            .select_related("worker")
            .prefetch_related("people")
            .order_by("occurred_on", "pk")
        )
        intensity = contact_intensity(contacts, pathway.started_on, max(ends_on, pathway.started_on))
        meetings = sum(1 for c in contacts if c.kind == ContactKind.NETWORK_MEETING)
        sections.append(Section.CONTACTS)
    safety = None
    if Section.SAFETY_PLAN in visible:
        safety = _safety(dossier, steps, circle, pathway.started_on, ends_on)
        sections.append(Section.SAFETY_PLAN)
    if Section.FEEDBACK in visible:
        sections.append(Section.FEEDBACK)  # the questionnaires: the template asks feedback's tag for them
    return CaseScript(
        dossier=dossier,
        pathway=pathway,
        ends_on=ends_on,
        steps=steps,
        circle=circle,
        measures=measures,
        reflections=list(pathway.reflections.select_related("step").order_by("occurred_on", "pk")),
        handovers=handovers(pathway),
        contacts=contacts,
        intensity=intensity,
        meetings=meetings,
        safety=safety,
        sections=sections,
    )


def handovers(pathway: Pathway) -> list[Handover]:
    return list(
        pathway.handovers.select_related(
            "from_member__user", "to_member__user", "recorded_by"
        ).prefetch_related("steps")
    )


@dataclass(frozen=True)
class CircleChange:
    member: CircleMember
    joins: bool
    on: date


def circle_changes(*, dossier: Dossier, pathway: Pathway) -> list[CircleChange]:
    """Professionals who joined the circle after the pathway started, or left (or will leave) it since: each
    is a reason for an alignment meeting. Newest first."""
    changes = []
    members = CircleMember.objects.filter(dossier=dossier).filter(
        Q(started_on__gt=pathway.started_on) | Q(ended_on__gte=pathway.started_on)
    )
    for member in members.select_related("user", "membership__organisation"):
        if member.started_on > pathway.started_on:
            changes.append(CircleChange(member, True, member.started_on))
        if member.ended_on is not None and member.ended_on >= pathway.started_on:
            changes.append(CircleChange(member, False, member.ended_on))
    return sorted(changes, key=lambda c: (c.on, c.member.pk), reverse=True)


@dataclass
class Seat:
    member: CircleMember
    open_steps: list[PathwayStep]
    leaving: bool


@dataclass
class AlignmentAgenda:
    dossier: Dossier
    pathway: Pathway
    change: CircleChange
    today: date
    seats: list[Seat]
    open_steps: list[PathwayStep]
    to_hand_over: list[PathwayStep]
    limits: list[dict]
    lead: Lead | None
    plans: list[dict] | None
    bottom_lines: list[BottomLine]
    sections: list[Section]


# What the agenda of an alignment meeting may show, in the order in which alignment_agenda names them.
ALIGNMENT_SECTIONS = (Section.PATHWAY, Section.CIRCLE, Section.SAFETY_PLAN)


def alignment_agenda(
    *, dossier: Dossier, pathway: Pathway, member: CircleMember, visible: set[Section]
) -> AlignmentAgenda:
    """The agenda of the alignment meeting when `member` joins or leaves: who sits at the table and who does
    what (assignment and open steps), the open steps with their deadlines, the legal limits, the lead, the
    state of the safety plan, and the steps to hand over when someone leaves."""
    today = timezone.localdate()
    leaves = member.ended_on is not None and member.ended_on >= pathway.started_on
    change = CircleChange(
        member, not leaves, member.ended_on if leaves and member.ended_on is not None else member.started_on
    )
    steps = list(
        pathway.steps.filter(done_on__isnull=True)
        .select_related("responsible__user")
        .order_by("planned_end", "order")
    )
    for step in steps:
        step.overdue = step.is_overdue(today)  # type: ignore[attr-defined]  # for the agenda; not a field
    seated = list(
        CircleMember.objects.current()
        .filter(dossier=dossier)
        .select_related("user", "membership__organisation")
        .order_by("started_on", "pk")
    )
    if member.pk not in {m.pk for m in seated}:
        seated.append(member)
    seats = [
        Seat(m, [s for s in steps if s.responsible_id == m.pk], leaving=m.ended_on is not None)
        for m in seated
    ]
    sections = [Section.PATHWAY, Section.CIRCLE]
    plans = None
    lines: list[BottomLine] = []
    if Section.SAFETY_PLAN in visible:
        plans = _plans(dossier)
        lines = list(BottomLine.objects.filter(dossier=dossier).order_by("set_on", "pk"))
        for entry in plans:
            entry["checks"] = plan_checks(entry["version"])
        sections.append(Section.SAFETY_PLAN)
    return AlignmentAgenda(
        dossier=dossier,
        pathway=pathway,
        change=change,
        today=today,
        seats=seats,
        open_steps=steps,
        to_hand_over=[s for s in steps if s.responsible_id == member.pk] if leaves else [],
        limits=legal_limits(pathway, today),
        lead=dossier.leads.select_related("organisation").first(),
        plans=plans,
        bottom_lines=lines,
        sections=sections,
    )


AGENDA_DAYS = 30


@dataclass
class TeamAgenda:
    teams: list[Team]
    team: Team | None
    overdue: list[PathwayStep]
    upcoming: list[PathwayStep]
    dossiers: list[Dossier]
    grounds: dict[Any, Decision]  # on what grounds the user sees each of `dossiers` (for their audit entries)


def team_agenda(*, user: User, team_id: Any = None, days: int = AGENDA_DAYS) -> TeamAgenda:
    """The open steps, overdue and in the next `days` days, in the running pathways of the dossiers of the
    user's team(s) that the user may see on the grounds of a seat in the circle or as team lead (the access
    policy; not on an emergency grant). A fixed number of queries, whatever the number of dossiers."""
    today = timezone.localdate()
    teams = list(
        Team.objects.filter(
            pk__in=Membership.objects.active().filter(user=user, team__isnull=False).values("team_id")
        ).select_related("organisation")
    )
    team = next((t for t in teams if str(t.pk) == str(team_id)), None) if team_id else None
    chosen = [team] if team else teams
    # From the running pathways, each dossier checked row by row against the policy: the work grows with
    # the team's running pathways, not with every dossier the reader may open (a team lead: all of them).
    running = Pathway.objects.filter(state=PathwayState.RUNNING, dossier__owning_team__in=chosen)
    candidates = list(
        Dossier.objects.filter(pk__in=running.values("dossier_id"))
        .filter(dossier_visible_row(user))
        .select_related("owning_team__organisation")
    )
    grounds = work_grounds(user, candidates)
    dossiers = [d for d in candidates if d.pk in grounds]
    steps = list(
        PathwayStep.objects.filter(
            pathway__dossier__in=[d.pk for d in dossiers],
            pathway__state=PathwayState.RUNNING,
            done_on__isnull=True,
            planned_start__lte=today + timedelta(days=days),
        )
        .select_related("pathway__dossier__owning_team", "responsible__user")
        .order_by("planned_end", "pathway__dossier__reference", "order")
    )
    return TeamAgenda(
        teams=teams,
        team=team,
        overdue=[s for s in steps if s.planned_end < today],
        upcoming=[s for s in steps if s.planned_end >= today],
        dossiers=[d for d in dossiers if d.pk in {s.pathway.dossier_id for s in steps}],
        grounds=grounds,
    )


def my_open_steps(user: User) -> Any:
    """The open steps the user is responsible for, in the running pathways of the dossiers they may see."""
    return (
        PathwayStep.objects.filter(
            pathway__dossier__in=dossiers_visible_to(user),
            pathway__state=PathwayState.RUNNING,
            responsible__user=user,
            done_on__isnull=True,
        )
        .select_related("pathway__dossier__owning_team__organisation")
        .order_by("planned_end", "order")
    )


def my_feed_steps(user: User) -> list[PathwayStep]:
    """The open steps of `user`'s calendar feed. The feed leaves kring: it is logged as an export (ics) of
    each dossier it names (references and step titles only), whether the calendar then shows it or not."""
    steps = list(my_open_steps(user))
    dossiers = {step.pathway.dossier.pk: step.pathway.dossier for step in steps}
    actor = Actor.for_user(user)
    audit_append_entries(
        [
            audit_entry(
                actor=actor,
                action=AuditAction.EXPORT,
                dossier=d,
                obj=d,
                fields=["agenda"],
                export_format="ics",
            )
            for d in dossiers.values()
        ]
    )
    return steps


def current_pathway(dossier: Dossier) -> Pathway | None:
    """The dossier's running (or paused) pathway, or else its latest one."""
    pathways = dossier.pathways.select_related("template")
    return pathways.filter(state__in=[PathwayState.RUNNING, PathwayState.PAUSED]).first() or pathways.first()


def running_period(dossier: Dossier, today: date) -> Period | None:
    """The running pathway's period until today: the default period of the dossier's contact intensity."""
    pathway = dossier.pathways.filter(state=PathwayState.RUNNING).select_related("template").first()
    if pathway is None:
        return None
    return Period(
        pathway.started_on,
        max(today, pathway.started_on),
        _("the period of the pathway %(name)s") % {"name": translated(pathway.template.name)},
    )
