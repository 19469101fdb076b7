"""Reads of the family portal. `portal_open` is the family's door, like kring.cases.selectors.dossier_open
for professionals: it loads the family member's account for the dossier, asks the family policy
(kring.access.family) and writes the read entry — in one call, so nothing reaches a family member unlogged.
The other selectors shape what the door let through, filtered to the person (their children, their own
parts, the rules they carry) and with shielded whereabouts removed."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from kring.access.family import (
    FAMILY_PART_LABELS,
    FamilyAction,
    FamilyDecision,
    FamilyPart,
    family_decide,
    family_may,
    refused_only_because_closed,
    shielded_from,
)
from kring.access.policy import SECTION_LABELS, DossierClosed, Section
from kring.accounts.models import Role
from kring.accounts.types import MaybeUser, is_logged_in
from kring.audit.models import AuditAction, AuditEntry, AuditOutcome, AuditPurpose
from kring.audit.services import audit_append
from kring.cases.models import CircleMember, Consent, Dossier, Participant
from kring.network.models import TableSeat
from kring.safety.models import (
    BottomLine,
    DangerStatement,
    PlanRule,
    PlanVersion,
    SafetyGoal,
    SafetyPlan,
    ScaleRating,
)

from .models import AddressShield, FamilyAccount, FamilySignature, UnsafeAlert
from .services import family_actor


def family_accounts_of(*, user: MaybeUser) -> list[FamilyAccount]:
    """The live family accounts of a login (one per dossier), for the start page."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        FamilyAccount.objects.active()
        .filter(user=user)
        .select_related("dossier", "person")
        .order_by("dossier__title", "pk")
    )


def family_accounts_listed(*, accounts: list[FamilyAccount]) -> None:
    """Log that a family member saw their files in a list (the family's name is dossier data): one entry
    each, appended in one go."""
    from kring.audit.services import audit_append_entries, audit_entry

    audit_append_entries(
        [
            audit_entry(
                actor=family_actor(account),
                action=AuditAction.READ,
                dossier=account.dossier,
                obj=account.dossier,
                fields=["portal:list"],
            )
            for account in accounts
        ]
    )


@dataclass(frozen=True)
class OpenPortal:
    account: FamilyAccount
    dossier: Dossier
    decision: FamilyDecision

    def sees(self, part: FamilyPart) -> bool:
        return self.decision.sees(part)


def _audit_refusal(
    user: MaybeUser, account: FamilyAccount | None, dossier: Dossier | None, action: FamilyAction
) -> None:
    actor = family_actor(account) if account is not None else None
    from kring.audit.services import Actor

    audit_append(
        actor=actor or Actor.for_user(user),
        action=AuditAction.READ if action == FamilyAction.VIEW else AuditAction.UPDATE,
        outcome=AuditOutcome.DENIED,
        dossier=dossier,
        obj=dossier,
        fields=["portal"],
    )


def portal_open(
    *,
    user: MaybeUser,
    dossier_id: Any,
    reads: Iterable[FamilyPart] = (),
    action: FamilyAction = FamilyAction.VIEW,
    as_far_as_allowed: bool = False,
    export_format: str = "",
) -> OpenPortal:
    """The family's door to their dossier: the live account of `user` for it, the family policy's decision,
    and one read entry naming the parts shown. An unknown dossier, one without an account of this user and a
    refused part are the same 404; a write to a closed dossier raises DossierClosed (told, not hidden).
    With `as_far_as_allowed` a page that shows several parts reads those the person may see; a print
    (`export_format`, e.g. "pdf") is logged as an export. A write
    (another `action`) logs nothing here: its service logs what it writes."""
    reads = tuple(reads)
    account = (
        FamilyAccount.objects.active()
        .select_related("dossier__owning_team__organisation", "person", "participant", "user")
        .filter(user_id=user.pk, dossier_id=_dossier_pk(dossier_id))
        .first()
        if is_logged_in(user)
        else None
    )
    if account is None:
        if user is not None and user.is_authenticated:
            _audit_refusal(user, None, None, action)
        raise Http404
    decision = family_decide(user, account)
    if as_far_as_allowed:
        reads = tuple(part for part in reads if part in decision.parts)
    allowed = decision.allowed and all(part in decision.parts for part in reads)
    if allowed and action != FamilyAction.VIEW:
        if refused_only_because_closed(decision, action):
            _audit_refusal(user, account, account.dossier, action)
            raise DossierClosed
        allowed = family_may(decision, action)
    if not allowed:
        _audit_refusal(user, account, account.dossier, action)
        raise Http404
    if action == FamilyAction.VIEW:
        # a page without a part (the start page) still shows the dossier's name: it is a read too
        audit_append(
            actor=family_actor(account),
            action=AuditAction.EXPORT if export_format else AuditAction.READ,
            dossier=account.dossier,
            obj=account.dossier,
            fields=[f"portal:{part.value}" for part in reads] or ["portal:start"],
            export_format=export_format,
        )
    return OpenPortal(account=account, dossier=account.dossier, decision=decision)


def _dossier_pk(dossier_id: Any) -> Any:
    import uuid

    try:
        return uuid.UUID(str(dossier_id))
    except ValueError:
        raise Http404 from None


# --- the family version of the plan ---


def live_shields() -> list[tuple[int, int]]:
    return list(
        AddressShield.objects.filter(ended_at__isnull=True).values_list("person_id", "hidden_from_id")
    )


@dataclass
class FamilyPlan:
    danger_statements: list[DangerStatement] = field(default_factory=list)
    safety_goals: list[SafetyGoal] = field(default_factory=list)
    bottom_lines: list[BottomLine] = field(default_factory=list)
    kitchen_table: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    seen_before: datetime | None = None


def _about(queryset: Any, decision: FamilyDecision) -> Any:
    """Statements about the person's children (parents with authority) or about the young person themselves;
    statements about the whole family (no child named) count for everyone who sees the part."""
    if decision.children:
        return queryset.filter(Q(children__in=decision.children) | Q(children__isnull=True)).distinct()
    if decision.own_parts_only:
        return queryset.none()
    return queryset


def _whereabouts(person_id: int, phone: str, hidden: frozenset[int]) -> str:
    return "" if person_id in hidden else phone


def family_plan(*, opened: OpenPortal) -> FamilyPlan:
    """What the plan page shows this family member, and what changed since they last looked."""
    decision, dossier, account = opened.decision, opened.dossier, opened.account
    plan = FamilyPlan(seen_before=account.plan_seen_at)
    shields = live_shields()
    if decision.sees(FamilyPart.DANGER_STATEMENTS):
        plan.danger_statements = list(_about(DangerStatement.objects.filter(dossier=dossier), decision))
    if decision.sees(FamilyPart.SAFETY_GOALS):
        plan.safety_goals = list(_about(SafetyGoal.objects.filter(dossier=dossier), decision))
    if decision.sees(FamilyPart.BOTTOM_LINES):
        plan.bottom_lines = list(BottomLine.objects.filter(dossier=dossier))
    if decision.sees(FamilyPart.KITCHEN_TABLE):
        seats = list(
            TableSeat.objects.filter(dossier=dossier).select_related(
                "participant__person", "circle_member__user", "circle_member__membership__organisation"
            )
        )
        hidden = shielded_from(
            account.person_id, [s.participant.person_id for s in seats if s.participant is not None], shields
        )
        for seat in seats:
            if seat.participant is not None:
                person = seat.participant.person
                plan.kitchen_table.append(
                    {
                        "name": str(person),
                        "who": seat.participant.relation,
                        "task": seat.task,
                        "phone": _whereabouts(person.pk, seat.participant.phone, hidden),
                    }
                )
            else:
                member = seat.circle_member
                assert member is not None  # a seat has one occupant (table_seat_has_one_occupant)
                plan.kitchen_table.append(
                    {
                        "name": member.user.get_full_name() or member.user.get_username(),
                        "who": f"{member.case_role}, {member.membership.organisation.name}",
                        "task": seat.task,
                        "phone": "",
                    }
                )
    if decision.sees(FamilyPart.SAFETY_PLAN):
        plan.plans = _plans(decision, dossier, account, shields)
    if account.plan_seen_at is not None:
        plan.changes = _changes_since(plan, dossier, account.plan_seen_at)
    return plan


def _plans(decision: FamilyDecision, dossier: Dossier, account: FamilyAccount, shields: list) -> list[dict]:
    rules = PlanRule.objects.prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("person"))
    )
    if decision.own_rules_only:
        rules = rules.filter(participants__id=account.participant_id or 0)
    versions = list(
        PlanVersion.objects.filter(plan__dossier=dossier)
        .select_related("plan")
        .prefetch_related(Prefetch("rules", queryset=rules), "signatures__participant__person")
        .order_by("plan__created_at", "plan_id", "-number")
    )
    newest: dict[int, PlanVersion] = {}
    signed: dict[int, PlanVersion] = {}
    for version in versions:
        newest.setdefault(version.plan_id, version)
        if version.frozen:
            signed.setdefault(version.plan_id, version)
    people = {p.person_id for v in versions for r in v.rules.all() for p in r.participants.all()}
    hidden = shielded_from(account.person_id, people, shields)
    result = []
    for plan_id, version in newest.items():
        shown = version
        result.append(
            {
                "plan": version.plan,
                "version": shown,
                "signed_version": signed.get(plan_id),
                "rules": [
                    {
                        "rule": rule,
                        "carriers": [
                            {
                                "name": str(p.person),
                                "relation": p.relation,
                                "phone": _whereabouts(p.person_id, p.phone, hidden),
                                "is_me": p.pk == account.participant_id,
                            }
                            for p in rule.participants.all()
                        ],
                    }
                    for rule in shown.rules.all()
                ],
                "signatures": [s.signer_name for s in shown.signatures.all() if s.participant_id],
                "i_signed": any(s.participant_id == account.participant_id for s in shown.signatures.all())
                if account.participant_id
                else False,
                "may_sign": family_may(decision, FamilyAction.SIGN) and bool(account.participant_id),
            }
        )
    return result


def _changes_since(plan: FamilyPlan, dossier: Dossier, since: datetime) -> list[str]:
    changes = []
    if any(s.updated_at > since for s in plan.danger_statements):
        changes.append(_("The worries (danger statement) were changed."))
    if any(g.updated_at > since for g in plan.safety_goals):
        changes.append(_("The safety goals were changed."))
    if any(
        line.status_on and line.set_on and max(line.set_on, line.status_on) > since.date()
        for line in plan.bottom_lines
    ):
        changes.append(_("A minimum rule (bottom line) is new or changed."))
    for item in plan.plans:
        if item["version"].created_at > since:
            changes.append(
                _("There is a new version of the safety plan: %(title)s.") % {"title": item["plan"].title}
            )
        if item["version"].signed_at and item["version"].signed_at > since:
            changes.append(_("Someone signed the safety plan: %(title)s.") % {"title": item["plan"].title})
    return changes


def family_scales(*, opened: OpenPortal) -> list[ScaleRating]:
    """The scores: a young person sees their own, a parent with authority everyone's (family and
    professionals), newest last."""
    if not opened.sees(FamilyPart.SCALES):
        return []
    ratings = ScaleRating.objects.filter(dossier=opened.dossier).select_related(
        "child", "participant__person", "circle_member__user"
    )
    if opened.decision.own_parts_only:
        ratings = ratings.filter(child_id=opened.account.person_id)
    return list(ratings.order_by("rated_on", "id"))


def family_agreements(*, opened: OpenPortal) -> list[Consent]:
    """What was agreed to (consents): a young person sees those they gave themselves."""
    if not opened.sees(FamilyPart.AGREEMENTS):
        return []
    consents = Consent.objects.filter(dossier=opened.dossier).select_related("given_by")
    if opened.decision.own_parts_only:
        consents = consents.filter(given_by_id=opened.account.person_id)
    return list(consents)


def family_journal(*, opened: OpenPortal, limit: int = 50) -> list[Any]:
    from kring.safety.models import JournalEntry

    entries = JournalEntry.objects.filter(dossier=opened.dossier).select_related(
        "said_by_participant__person", "said_by_child"
    )
    return list(visible_journal_entries(entries, opened.decision, opened.account)[:limit])


def visible_journal_entries(entries: Any, decision: FamilyDecision, account: FamilyAccount) -> Any:
    """The journal entries of `entries` this family member may read: a young person their own, a parent
    without authority and a network member those they said or about the rules they carry."""
    if decision.own_parts_only:
        return entries.filter(said_by_child_id=account.person_id)
    if decision.own_rules_only:
        return entries.filter(
            Q(said_by_participant_id=account.participant_id or 0)
            | Q(rule__participants__id=account.participant_id or 0)
        ).distinct()
    return entries


def current_plan_version(*, opened: OpenPortal, version_id: int) -> PlanVersion:
    """A plan version of the opened dossier (404 otherwise)."""
    version = (
        PlanVersion.objects.select_related("plan__dossier")
        .filter(pk=version_id, plan__dossier=opened.dossier)
        .first()
    )
    if version is None:
        raise Http404
    return version


def family_rules_for_journal(*, opened: OpenPortal) -> list[PlanRule]:
    plans = (
        _plans(opened.decision, opened.dossier, opened.account, [])
        if opened.sees(FamilyPart.SAFETY_PLAN)
        else []
    )
    return [item["rule"] for plan in plans for item in plan["rules"]]


# --- who opened my file ---

ROLE_LABELS = dict(Role.choices)


@dataclass(frozen=True)
class Opening:
    sequence: int
    when: datetime
    organisation: str
    role: str
    name: str
    parts: list[str]
    emergency_reason: str


def _part_label(name: str) -> str:
    if name.startswith("portal:"):
        part = name.split(":", 1)[1]
        return (
            str(FAMILY_PART_LABELS.get(FamilyPart(part), part))
            if part in FamilyPart._value2member_map_
            else part
        )
    if name in Section._value2member_map_:
        return str(SECTION_LABELS[Section(name)])
    if name in ("list", "portal:list"):
        return _("your file in a list")
    return name


def file_openings(*, opened: OpenPortal, limit: int = 200) -> list[Opening]:
    """ "Who opened my file", in plain words: organisation, role, date, which part; the names of the
    professionals in the circle; emergency accesses with their reason. Other family members appear as such."""
    circle_names = {
        member.user_id: member.user.get_full_name() or member.user.get_username()
        for member in CircleMember.objects.current().filter(dossier=opened.dossier).select_related("user")
    }
    result = []
    for entry in person_file_openings_entries(opened=opened)[:limit]:
        family = entry.role.startswith("family_")
        result.append(
            Opening(
                sequence=entry.sequence,
                when=entry.occurred_at,
                organisation=_("your family") if family else entry.organisation_name or _("kring itself"),
                role=_("family member") if family else str(ROLE_LABELS.get(entry.role, entry.role or "")),
                name="" if family else circle_names.get(entry.actor_id, ""),
                parts=[_part_label(name) for name in entry.fields] or [_("your file")],
                emergency_reason=entry.reason if entry.purpose == AuditPurpose.BREAK_GLASS else "",
            )
        )
    return result


# --- who sees what ---


@dataclass(frozen=True)
class SharingOrganisation:
    name: str
    is_owner: bool
    people: list[str]  # the professionals of this organisation in the circle: "name (role in this case)"
    groups: list[dict[str, Any]]  # why, and which parts: {"basis", "reason", "sections": [(value, label)]}
    hidden: list[tuple[str, Any]]  # the parts it does not see


def who_sees_what(*, opened: OpenPortal, day: date) -> list[SharingOrganisation]:
    """Which organisation sees which part of the file, and why — the professionals' "who sees what" tab's own
    answer (`kring.cases.selectors.who_sees_what`, from `access.policy.organisation_shares`), for a person
    with an account (`FamilyPart.WHO_SEES_WHAT`), about the sections that hold their own data
    (`FamilyDecision.own_sections`: the whole file for whoever holds it). Only organisations, the
    professionals who work with the family, and the parts: nothing about another family member."""
    from kring.cases.selectors import who_sees_what as sharing

    own = {section.value for section in opened.decision.own_sections}
    result = []
    for item in sharing(opened.dossier, day):
        groups = [
            {**group, "sections": [s for s in group["sections"] if s[0] in own]} for group in item["groups"]
        ]
        result.append(
            SharingOrganisation(
                name=item["organisation"].name,
                is_owner=item["is_owner"],
                people=[
                    f"{member.user.get_full_name() or member.user.get_username()} ({member.case_role})"
                    for member in item["people"]
                ],
                groups=[group for group in groups if group["sections"]],
                hidden=[s for s in item["hidden"] if s[0] in own],
            )
        )
    return result


# --- the worker's side ---


def open_alerts_for(*, user: MaybeUser) -> list[UnsafeAlert]:
    """The unanswered "I don't feel safe" alerts a worker should see on their start page: of dossiers where
    they sit in the circle as case worker, or whose owning team they lead."""
    from kring.access.policy import led_team_ids

    if user is None or not user.is_authenticated:
        return []
    # Starts from the unanswered alerts (a few; their partial index, portal/0007) and checks the reader's
    # seat per alert, rather than gathering every seat of the reader first (10,000 for a heavy reader).
    seated = CircleMember.objects.current().filter(
        dossier_id=OuterRef("dossier_id"), user=user, membership__is_active=True
    )
    led = led_team_ids(user)
    return list(
        UnsafeAlert.objects.filter(acknowledged_at__isnull=True)
        .filter(Exists(seated) | Q(dossier__owning_team_id__in=led))
        .select_related("dossier", "account__person")
        .order_by("-raised_at")[:50]
    )


def family_accounts_of_dossier(*, dossier: Dossier) -> list[FamilyAccount]:
    return list(
        FamilyAccount.objects.filter(dossier=dossier)
        .select_related("person", "user")
        .order_by("-revoked_at", "pk")
    )


def family_signatures_of(*, dossier: Dossier) -> list[FamilySignature]:
    return list(
        FamilySignature.objects.filter(account__dossier=dossier).select_related(
            "account__person", "signature__version"
        )
    )


def plan_exists(*, dossier: Dossier) -> bool:
    return SafetyPlan.objects.filter(dossier=dossier).exists()


def address_shields_of(*, dossier: Dossier) -> list[AddressShield]:
    """The live shields between people of this dossier (for the worker's page)."""
    from kring.cases.selectors import dossier_people

    return list(
        AddressShield.objects.filter(person__in=dossier_people(dossier=dossier), ended_at__isnull=True)
        .select_related("person", "hidden_from")
        .order_by("created_at", "pk")
    )


def family_three_houses(*, opened: OpenPortal) -> Any:
    """The newest version of the young person's own three houses, or None (read through the door)."""
    from kring.safety.childvoice.models import ThreeHouses

    if not opened.sees(FamilyPart.THREE_HOUSES):
        return None
    return (
        ThreeHouses.objects.filter(dossier=opened.dossier, child_id=opened.account.person_id)
        .order_by("-version")
        .first()
    )


def family_ik_plans(*, opened: OpenPortal) -> list[dict[str, Any]]:
    """The IK-plans this person may read, per young person (access.family: the young person their own, a
    parent with authority those of their children under 16): the newest version and the earlier ones."""
    from kring.cases.models import Person
    from kring.safety.success.models import IkPlan

    if not opened.sees(FamilyPart.IK_PLAN):
        return []
    children = list(
        Person.objects.filter(pk__in=opened.decision.ik_plan_children).order_by("date_of_birth", "pk")
    )
    plans = list(
        IkPlan.objects.filter(dossier=opened.dossier, child__in=children).order_by("child_id", "-version")
    )
    return [
        {
            "child": child,
            "plan": next((p for p in plans if p.child_id == child.pk), None),
            "earlier": [p for p in plans if p.child_id == child.pk][1:],
            "is_me": child.pk == opened.account.person_id,
        }
        for child in children
    ]


def waiting_for(*, opened: OpenPortal) -> dict[str, int]:
    """How many scaling questions and questionnaires wait for this person (for the start page's tiles)."""
    from .models import QuestionnaireAsked, ScaleQuestionAsked

    return {
        "scale_questions": ScaleQuestionAsked.objects.filter(
            account=opened.account, answered_at__isnull=True
        ).count(),
        "questionnaires": QuestionnaireAsked.objects.filter(
            account=opened.account, administration__submitted_at__isnull=True
        ).count(),
    }


def family_scale_questions(*, opened: OpenPortal) -> list[Any]:
    """The scaling questions put to this person (only theirs), waiting ones first, with their answers."""
    from .models import ScaleQuestionAsked

    if not opened.sees(FamilyPart.SCALE_QUESTIONS):
        return []
    return list(
        ScaleQuestionAsked.objects.filter(account=opened.account)
        .select_related("rating")
        .order_by("answered_at", "-asked_at", "-pk")
    )


def family_scale_question(*, opened: OpenPortal, asked_id: int) -> Any:
    """One scaling question put to this person (404 for any other)."""
    from .models import ScaleQuestionAsked

    asked = ScaleQuestionAsked.objects.filter(pk=asked_id, account=opened.account).first()
    if asked is None:
        raise Http404
    return asked


def family_questionnaires(*, opened: OpenPortal) -> list[Any]:
    """The questionnaires put in this person's portal (only theirs): waiting ones first."""
    from .models import QuestionnaireAsked

    if not opened.sees(FamilyPart.QUESTIONNAIRES_FOR_YOU):
        return []
    return list(
        QuestionnaireAsked.objects.filter(account=opened.account)
        .select_related("administration__instrument")
        .order_by("administration__submitted_at", "-asked_at", "-pk")
    )


def family_questionnaire(*, opened: OpenPortal, asked_id: int) -> Any:
    """One questionnaire in this person's portal, with its instrument and questions (404 for any other)."""
    from .models import QuestionnaireAsked

    asked = (
        QuestionnaireAsked.objects.filter(pk=asked_id, account=opened.account)
        .select_related("administration__instrument", "administration__dossier")
        .first()
    )
    if asked is None:
        raise Http404
    return asked


# --- the worker's side: what was put to the family ---


def accounts_to_ask(*, dossier: Dossier) -> list[FamilyAccount]:
    """The family accounts of this dossier a worker may put a question or questionnaire to
    (access.family.may_be_asked)."""
    from kring.access.family import may_be_asked

    accounts = (
        FamilyAccount.objects.active().filter(dossier=dossier).select_related("person", "user", "dossier")
    )
    return [account for account in accounts.order_by("pk") if may_be_asked(account)]


def put_to_the_family(*, dossier: Dossier) -> dict[str, list[Any]]:
    """The scaling questions and questionnaires put to family members of this dossier, newest first."""
    from .models import QuestionnaireAsked, ScaleQuestionAsked

    return {
        "scale_questions": list(
            ScaleQuestionAsked.objects.filter(dossier=dossier)
            .select_related("account__person", "rating")
            .order_by("-asked_at", "-pk")[:50]
        ),
        "questionnaires": list(
            QuestionnaireAsked.objects.filter(account__dossier=dossier)
            .select_related("account__person", "administration__instrument")
            .order_by("-asked_at", "-pk")[:50]
        ),
    }


# --- who opened my file: the person's own data ---

# Objects about the whole family (not about one person): their reads concern everyone in the file.
FAMILY_WIDE_TYPES = ("cases.dossier", "safety.safetyplan", "safety.planversion", "safety.bottomline")


def _own_objects(dossier: Dossier, people: frozenset[int]) -> dict[str, list[str]]:
    """Per audit object type, the ids of the objects of `dossier` that are about one of `people`. Statements
    and goals about the whole family (no child named) count for everyone."""
    from kring.safety.childvoice.models import ThreeHouses
    from kring.safety.models import JournalEntry, Signature

    from .models import FamilyView

    def ids(queryset: Any) -> list[str]:
        return [str(pk) for pk in queryset.values_list("pk", flat=True).distinct()]

    about = Q(children__in=people) | Q(children__isnull=True)
    mine = Q(account__person_id__in=people, account__dossier=dossier)
    return {
        "cases.person": [str(pk) for pk in people],
        "cases.participant": ids(Participant.objects.filter(dossier=dossier, person_id__in=people)),
        "cases.consent": ids(Consent.objects.filter(dossier=dossier, given_by_id__in=people)),
        "safety.journalentry": ids(
            JournalEntry.objects.filter(dossier=dossier).filter(
                Q(said_by_participant__person_id__in=people) | Q(said_by_child_id__in=people)
            )
        ),
        "safety.dangerstatement": ids(DangerStatement.objects.filter(about, dossier=dossier)),
        "safety.safetygoal": ids(SafetyGoal.objects.filter(about, dossier=dossier)),
        "safety.scalerating": ids(
            ScaleRating.objects.filter(dossier=dossier).filter(
                Q(child_id__in=people) | Q(participant__person_id__in=people)
            )
        ),
        "safety.signature": ids(
            Signature.objects.filter(version__plan__dossier=dossier, participant__person_id__in=people)
        ),
        "childvoice.threehouses": ids(ThreeHouses.objects.filter(dossier=dossier, child_id__in=people)),
        "portal.familyaccount": ids(FamilyAccount.objects.filter(dossier=dossier, person_id__in=people)),
        "portal.unsafealert": ids(UnsafeAlert.objects.filter(mine)),
        "portal.familysignature": ids(FamilySignature.objects.filter(mine)),
        "portal.familyview": ids(FamilyView.objects.filter(mine)),
    }


def _family_readers_of(dossier: Dossier, people: frozenset[int], day: Any) -> list[int]:
    """The logins of family members whose portal reads concern these people: the people themselves (a young
    person reading their own parts) and the parents holding authority over them. Another family member's
    reads are about their own parts, not about these people."""
    from kring.cases.models import Authority

    holders = Authority.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day), child_id__in=people, started_on__lte=day
    ).values("holder_id")
    return list(
        FamilyAccount.objects.filter(dossier=dossier)
        .filter(Q(person_id__in=holders) | Q(person_id__in=people))
        .values_list("user_id", flat=True)
    )


def person_file_openings_entries(*, opened: OpenPortal) -> Any:
    """ "Who opened my file" for the person's own data: the allowed reads and exports by someone else of
    objects about the person (or the children they hold authority over: access.family.own_data_people), and
    of the file as a whole or its family-wide parts — by professionals, or by a parent with authority over
    them. Never an entry about another household member's own data (their journal entries, their scores,
    their account, …), and never another family member's reads of their own parts."""
    from django.utils import timezone

    from kring.access.family import own_data_people

    dossier = opened.dossier
    people = own_data_people(opened.decision)
    own = Q()
    for object_type, object_ids in _own_objects(dossier, people).items():
        if object_ids:
            own |= Q(object_type=object_type, object_id__in=object_ids)
    family_wide = Q(object_type__in=FAMILY_WIDE_TYPES) & (
        ~Q(role__startswith="family_")
        | Q(actor_id__in=_family_readers_of(dossier, people, timezone.localdate()))
    )
    return (
        AuditEntry.objects.filter(
            dossier_id=dossier.pk,
            action__in=[AuditAction.READ, AuditAction.EXPORT],
            outcome=AuditOutcome.ALLOWED,
        )
        .filter(own | family_wide)
        .exclude(actor_id=opened.account.user_id)
        .order_by("-sequence")
    )


# --- "my view" and the family print ---


def family_views_of(*, opened: OpenPortal, version: PlanVersion) -> list[Any]:
    """The family member's own views beside a plan version (other family members' views are theirs)."""
    from .models import FamilyView

    return list(FamilyView.objects.filter(account=opened.account, version=version))


def family_advice_versions(*, opened: OpenPortal) -> list[Any]:
    """The approved versions of the dossier's advices to the judge, newest first (without the PDF bytes), each
    with this person's own views beside it (`own_views`)."""
    from kring.safety.models import JudgeAdviceVersion

    from .models import FamilyAdviceView

    if not opened.sees(FamilyPart.ADVICE):
        return []
    versions = list(
        JudgeAdviceVersion.objects.defer("pdf")
        .filter(advice__dossier=opened.dossier)
        .select_related("advice")
        .order_by("-approved_at", "-pk")
    )
    mine: dict[int, list[Any]] = {}
    for view in FamilyAdviceView.objects.filter(account=opened.account, version__in=versions):
        mine.setdefault(view.version_id, []).append(view)
    for version in versions:
        version.own_views = mine.get(version.pk, [])  # type: ignore[attr-defined]
    return versions


def family_advice_version(*, opened: OpenPortal, version_id: int, with_pdf: bool = False) -> Any:
    """One approved advice version of the opened dossier (404 otherwise)."""
    from kring.safety.models import JudgeAdviceVersion

    versions = JudgeAdviceVersion.objects.select_related("advice").filter(
        pk=version_id, advice__dossier=opened.dossier
    )
    version = (versions if with_pdf else versions.defer("pdf")).first()
    if version is None or not opened.sees(FamilyPart.ADVICE):
        raise Http404
    return version


def family_advice_views_of(*, opened: OpenPortal, version: Any) -> list[Any]:
    """The family member's own views beside an advice version (another family member's are theirs)."""
    from .models import FamilyAdviceView

    return list(FamilyAdviceView.objects.filter(account=opened.account, version=version))


def family_views_for_professionals(*, versions: Iterable[Any]) -> dict[int, list[Any]]:
    """Per plan version id, the family members' views beside it, for the professionals' plan page and print
    (the caller opened the dossier's safety plan through the dossier door, which logged the read)."""
    from .models import FamilyView

    result: dict[int, list[Any]] = {}
    views = FamilyView.objects.filter(version__in=[v.pk for v in versions]).select_related("account__person")
    for view in views:
        result.setdefault(view.version_id, []).append(view)
    return result


def family_print(*, opened: OpenPortal) -> dict[str, Any]:
    """What the family print of the plan holds for this person: the family version of the plan (shielded
    whereabouts already left out by family_plan) and their own views beside each version; for whoever holds
    the file also the signed versions of the advice to the judge, with their own views beside each (the
    signed advice PDF itself stays as the judge got it)."""
    plan = family_plan(opened=opened)
    for item in plan.plans:
        item["views"] = family_views_of(opened=opened, version=item["version"])
    return {
        "plan": plan,
        "scales": family_scales(opened=opened),
        "advice": family_advice_versions(opened=opened),
    }
