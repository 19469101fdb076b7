"""The family's policy: what a parent, young person, foster parent or network member may see and do in the
portal, per person and part of their dossier. The one place where that is answered for family accounts
(professionals: kring.access.policy).

Rules:
- only an active family account (not revoked, login active) of a verified session (password and second
  factor, or a passkey) counts; anyone else gets nothing, and no existence leaks;
- a parent or carer **with authority** (cases.Authority held today over a child of the dossier) sees the
  plan, danger statements, safety goals, bottom lines, the kitchen table, the scales, the agreements and the
  questionnaires of their children, who opened the file, which organisation sees which part of it and the
  approved advice to the judge (beside which they may write their own view);
- a parent **without authority** sees the parts that concern them: the rules they carry in the safety plan,
  and the journal (KRING_PORTAL_PARENT_WITHOUT_AUTHORITY_PARTS widens this per installation);
- a young person from 12 sees their own parts: the danger statements and goals about them, the plan's rules,
  their own scores and the journal; from 16 their whole own file except what is about others — also the
  bottom lines, the kitchen table, agreements, questionnaires, who opened their file and who sees which part
  of it, and the advice to the judge — and they sign;
- a foster parent sees what the daily care needs: the danger statements and goals, the plan and the kitchen
  table, and the journal;
- a network member sees only the rules they carry, the danger statements and goals, and the journal;
- "who sees what" is transparency about one's own data, so everyone with an account sees it, each for their
  own parts (`FamilyDecision.own_sections`): whoever holds the file (a parent with authority, the young
  person from 16) for the whole file; a young person from 12 for their own parts; a parent without authority
  and a foster parent for the parts about them; a network member for what they wrote. No setting changes
  this;
- the young person writes their own IK-plan; a parent with authority reads the IK-plan of a child under 16
  (from 16 it is the young person's own file); nobody else reads it;
- everyone sees what was put to them — a scaling question, a questionnaire — and only that of anyone's:
  they score it or fill it in themselves; a worker may put it to a live account of an open dossier
  (`may_be_asked`);
- nobody in the family sees professionals-only notes, chain information or another household's data: no
  part of the portal exists for them;
- the address and whereabouts of a person shielded from a named other person never reach that person;
- a closed dossier is read-only for the family too (refused with the reason, as for professionals).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.types import MaybeUser
from kring.cases.models import Authority, Dossier

from .policy import Section, is_read_only, is_verified

YOUNG_PERSON_MIN_AGE = 12
YOUNG_PERSON_OWN_FILE_AGE = 16


def is_family_user(user: MaybeUser) -> bool:
    """Whether this login is a family login (it has family accounts and no professional membership)."""
    if user is None or not user.is_authenticated:
        return False
    return user.family_accounts.exists() and not user.memberships.exists()


class FamilyPart(StrEnum):
    DANGER_STATEMENTS = "danger_statements"
    SAFETY_GOALS = "safety_goals"
    BOTTOM_LINES = "bottom_lines"
    KITCHEN_TABLE = "kitchen_table"
    SAFETY_PLAN = "safety_plan"
    SCALES = "scales"
    AGREEMENTS = "agreements"
    QUESTIONNAIRES = "questionnaires"
    JOURNAL = "journal"
    ACCESS_LOG = "access_log"
    THREE_HOUSES = "three_houses"  # the young person's own three houses, which they write themselves
    IK_PLAN = "ik_plan"  # the young person's own IK-plan: they write it; a parent reads it before 16
    SCALE_QUESTIONS = "scale_questions"  # the scaling questions a worker put to this person
    QUESTIONNAIRES_FOR_YOU = "questionnaires_for_you"  # the questionnaires waiting for this person
    HOW_AM_I_DOING = (
        "how_am_i_doing"  # the young person's own "how am I doing" (theirs and the worker's only)
    )
    STORY = "story"  # the young person's own words-and-pictures story, in the child's view
    # which organisations see which parts of the file, and why (access.policy.organisation_shares): for
    # everyone with an account, about the sections holding their own data (FamilyDecision.own_sections)
    WHO_SEES_WHAT = "who_sees_what"
    # the approved versions of the advice to the judge (safety.JudgeAdviceVersion), for whoever holds the
    # file: they may add their own view beside one
    ADVICE = "advice"


# In plain words (B1), for "who opened my file" and the portal's own pages.
FAMILY_PART_LABELS = {
    FamilyPart.DANGER_STATEMENTS: _("what we are worried about"),
    FamilyPart.SAFETY_GOALS: _("what needs to change"),
    FamilyPart.BOTTOM_LINES: _("the minimum rules"),
    FamilyPart.KITCHEN_TABLE: _("who sits at the kitchen table"),
    FamilyPart.SAFETY_PLAN: _("the safety plan"),
    FamilyPart.SCALES: _("the scores"),
    FamilyPart.AGREEMENTS: _("what you agreed to"),
    FamilyPart.QUESTIONNAIRES: _("the questionnaires"),
    FamilyPart.JOURNAL: _("the safety journal"),
    FamilyPart.ACCESS_LOG: _("who opened your file"),
    FamilyPart.THREE_HOUSES: _("your three houses"),
    FamilyPart.IK_PLAN: _("the IK-plan"),
    FamilyPart.SCALE_QUESTIONS: _("the questions with a score for you"),
    FamilyPart.QUESTIONNAIRES_FOR_YOU: _("the questionnaires for you"),
    FamilyPart.HOW_AM_I_DOING: _("how you are doing"),
    FamilyPart.STORY: _("your story in words and pictures"),
    FamilyPart.WHO_SEES_WHAT: _("who sees which part of your file"),
    FamilyPart.ADVICE: _("the advice to the judge"),
}


class FamilyAction(StrEnum):
    VIEW = "view"
    SIGN = "sign"
    WRITE_JOURNAL = "write_journal"
    RAISE_ALERT = "raise_alert"
    WRITE_THREE_HOUSES = "write_three_houses"
    WRITE_IK_PLAN = "write_ik_plan"
    ANSWER_SCALE = "answer_scale"
    FILL_QUESTIONNAIRE = "fill_questionnaire"
    WRITE_VIEW = "write_view"  # "my view" beside a plan version the person may see
    WRITE_ADVICE_VIEW = "write_advice_view"  # "my view" beside an approved advice to the judge
    SAY_HOW_I_AM_DOING = "say_how_i_am_doing"


class Kind(StrEnum):
    """The kinds of family account (kring.portal.models.FamilyKind, without importing the app above)."""

    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    FOSTER_PARENT = "foster_parent"
    NETWORK_MEMBER = "network_member"


P = FamilyPart
# What is put to the person themselves (a scaling question, a questionnaire): everyone with an account sees
# their own, and only their own — whatever else they see of the file.
PUT_TO_THEM = frozenset({P.SCALE_QUESTIONS, P.QUESTIONNAIRES_FOR_YOU})
PARENT_WITH_AUTHORITY = frozenset(
    {
        P.DANGER_STATEMENTS,
        P.SAFETY_GOALS,
        P.BOTTOM_LINES,
        P.KITCHEN_TABLE,
        P.SAFETY_PLAN,
        P.SCALES,
        P.AGREEMENTS,
        P.QUESTIONNAIRES,
        P.JOURNAL,
        P.ACCESS_LOG,
        P.WHO_SEES_WHAT,
        P.ADVICE,
    }
)
PARENT_WITHOUT_AUTHORITY_DEFAULT = frozenset({P.SAFETY_PLAN, P.JOURNAL})
# The child's space: what the young person says about how they are doing, and their own words-and-pictures
# story. Only the young person themselves (and the worker, through the child's voice): a parent, foster parent
# or network member never — "how am I doing" is the child's voice between meetings, and a child who knows a
# parent reads it no longer says it freely (practice model §3, §9). No setting widens this.
CHILD_ONLY = frozenset({P.HOW_AM_I_DOING, P.STORY})
YOUNG_PERSON_12 = frozenset(
    {
        P.DANGER_STATEMENTS,
        P.SAFETY_GOALS,
        P.SAFETY_PLAN,
        P.SCALES,
        P.JOURNAL,
        P.THREE_HOUSES,
        P.IK_PLAN,
        P.WHO_SEES_WHAT,  # for their own parts (own_sections)
    }
    | CHILD_ONLY
)
YOUNG_PERSON_16 = YOUNG_PERSON_12 | {
    P.BOTTOM_LINES,
    P.KITCHEN_TABLE,
    P.AGREEMENTS,
    P.QUESTIONNAIRES,
    P.ACCESS_LOG,
    P.ADVICE,
}
# "who sees what" for their own parts only (own_sections)
FOSTER_PARENT = frozenset(
    {P.DANGER_STATEMENTS, P.SAFETY_GOALS, P.SAFETY_PLAN, P.KITCHEN_TABLE, P.JOURNAL, P.WHO_SEES_WHAT}
)
NETWORK_MEMBER = frozenset({P.DANGER_STATEMENTS, P.SAFETY_GOALS, P.SAFETY_PLAN, P.JOURNAL, P.WHO_SEES_WHAT})

NOT_A_FAMILY_ACCOUNT: frozenset[FamilyPart] = frozenset()

# "Who sees what" shows each person who sees their own data: the sections of the file (access.policy.Section)
# that hold it. Whoever holds the file: all of it.
WHOLE_FILE = frozenset(Section)
# the young person from 12: their name and birth date, their plan parts and scores, what they told, when we
# met them
YOUNG_PERSON_12_SECTIONS = frozenset(
    {Section.CHILDREN, Section.SAFETY_PLAN, Section.CONTACTS, Section.FEEDBACK}
)
# a parent without authority, a foster parent: themselves in the network, their rules, what they told, when
# we met them
ADULT_OWN_SECTIONS = frozenset({Section.NETWORK, Section.SAFETY_PLAN, Section.CONTACTS, Section.FEEDBACK})
# a network member: what they wrote — in the plan (journal, views, scores, signatures) and their feedback
NETWORK_MEMBER_SECTIONS = frozenset({Section.SAFETY_PLAN, Section.FEEDBACK})


@dataclass(frozen=True)
class FamilyDecision:
    """What one family account may do in its dossier, and about whom."""

    allowed: bool
    account: Any = None
    parts: frozenset[FamilyPart] = frozenset()
    # the children of the dossier this account speaks for (authority) or is (the young person)
    children: frozenset[int] = frozenset()
    # only the rules this account's participant carries (parent without authority, network member)
    own_rules_only: bool = False
    # only the statements, scores and entries about the young person themselves
    own_parts_only: bool = False
    may_sign: bool = False
    may_write: bool = False
    may_raise_alert: bool = False
    # whose IK-plan this account may read: the young person their own; a parent with authority those of
    # their children under 16 (from 16 the IK-plan is the young person's own file)
    ik_plan_children: frozenset[int] = frozenset()
    # the sections of the file whose readers "who sees what" shows this person: those holding their own data
    own_sections: frozenset[Section] = frozenset()
    closed: bool = False
    reasons: tuple[str, ...] = field(default=())

    def sees(self, part: FamilyPart) -> bool:
        return self.allowed and part in self.parts


FAMILY_DENIED = FamilyDecision(allowed=False)


def age_on(date_of_birth: date | None, day: date) -> int | None:
    if date_of_birth is None:
        return None
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def _parent_without_authority_parts() -> frozenset[FamilyPart]:
    names = getattr(settings, "KRING_PORTAL_PARENT_WITHOUT_AUTHORITY_PARTS", None)
    if names is None:
        return PARENT_WITHOUT_AUTHORITY_DEFAULT
    return (
        frozenset(FamilyPart(name) for name in names if name in FamilyPart._value2member_map_)
        - {P.ACCESS_LOG, P.WHO_SEES_WHAT}
        - CHILD_ONLY
    )


def children_under_authority(person_id: int, dossier: Dossier, day: date) -> frozenset[int]:
    """The children of `dossier` over whom the person holds authority on `day` (one query)."""
    return frozenset(_authority_held(person_id, dossier, day))


def _authority_held(person_id: int, dossier: Dossier, day: date) -> dict[int, date | None]:
    """The children of `dossier` over whom the person holds authority on `day`, with their dates of birth
    (one query)."""
    held = Authority.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        holder_id=person_id,
        started_on__lte=day,
        child__in=dossier.children.all(),
    )
    return dict(held.values_list("child_id", "child__date_of_birth"))


def under_own_file_age(born: date | None, day: date) -> bool:
    """Not yet 16 on `day` (an unknown date of birth counts as under 16): a parent with authority reads the
    IK-plan; from 16 it is the young person's own file."""
    return born is None or (age_on(born, day) or 0) < YOUNG_PERSON_OWN_FILE_AGE


def may_be_asked(account: Any, day: date | None = None) -> bool:
    """Whether a worker may put a scaling question or a questionnaire to this family account: a live account
    (not stopped, login active) of a person of an open dossier who can log in to the portal — a young person
    from 12, anyone else as the participant they were invited as. What they answer is theirs: it needs no
    other part of the file."""
    if account is None or account.revoked_at is not None or not account.user.is_active:
        return False
    if is_read_only(account.dossier):
        return False
    if account.kind == Kind.YOUNG_PERSON:
        age = age_on(account.person.date_of_birth, day or timezone.localdate())
        return age is not None and age >= YOUNG_PERSON_MIN_AGE
    return account.kind in Kind._value2member_map_ and account.participant_id is not None


def family_account_usable(account: Any, user: MaybeUser) -> bool:
    """Whether `account` belongs to this logged-in, active, verified user and is not revoked."""
    return bool(
        account is not None
        and user is not None
        and user.is_authenticated
        and user.is_active
        and account.user_id == user.pk
        and account.revoked_at is None
        and is_verified(user)
    )


def family_decide(user: MaybeUser, account: Any, day: date | None = None) -> FamilyDecision:
    """What `account` (a portal FamilyAccount) may see and do in its dossier today."""
    if not family_account_usable(account, user):
        return FAMILY_DENIED
    return _decide(account, day or timezone.localdate())


def family_notice_decision(account: Any, day: date | None = None) -> FamilyDecision:
    """What `account` would see if the person logged in now: for "there is something new in kring for you"
    (kring.portal.notices), which runs without a session. Only a live account of an active login counts; the
    person is never told about what they may not see, so the same rules as `family_decide` answer."""
    if account is None or account.revoked_at is not None or not account.user.is_active:
        return FAMILY_DENIED
    return _decide(account, day or timezone.localdate())


def _decide(account: Any, day: date) -> FamilyDecision:
    dossier = account.dossier
    kind = account.kind
    closed = is_read_only(dossier)
    write = not closed
    if kind == Kind.PARENT:
        held = _authority_held(account.person_id, dossier, day)
        children = frozenset(held)
        if children:
            ik_children = frozenset(child for child, born in held.items() if under_own_file_age(born, day))
            decision = FamilyDecision(
                True,
                account,
                PARENT_WITH_AUTHORITY | ({P.IK_PLAN} if ik_children else set()),
                children,
                may_sign=write,
                may_write=write,
                ik_plan_children=ik_children,
                own_sections=WHOLE_FILE,
            )
        else:
            decision = FamilyDecision(
                True,
                account,
                _parent_without_authority_parts() | {P.WHO_SEES_WHAT},
                frozenset(),
                own_rules_only=True,
                may_sign=write,
                may_write=write,
                own_sections=ADULT_OWN_SECTIONS,
            )
    elif kind == Kind.YOUNG_PERSON:
        age = age_on(account.person.date_of_birth, day)
        if age is None or age < YOUNG_PERSON_MIN_AGE:
            return FAMILY_DENIED
        own_file = age >= YOUNG_PERSON_OWN_FILE_AGE
        decision = FamilyDecision(
            True,
            account,
            YOUNG_PERSON_16 if own_file else YOUNG_PERSON_12,
            frozenset({account.person_id}),
            own_parts_only=True,
            may_sign=write and own_file,
            may_write=write,
            may_raise_alert=write,
            ik_plan_children=frozenset({account.person_id}),
            own_sections=WHOLE_FILE if own_file else YOUNG_PERSON_12_SECTIONS,
        )
    elif kind == Kind.FOSTER_PARENT:
        decision = FamilyDecision(
            True,
            account,
            FOSTER_PARENT,
            frozenset(),
            may_sign=write,
            may_write=write,
            own_sections=ADULT_OWN_SECTIONS,
        )
    elif kind == Kind.NETWORK_MEMBER:
        decision = FamilyDecision(
            True,
            account,
            NETWORK_MEMBER,
            frozenset(),
            own_rules_only=True,
            may_sign=write,
            may_write=write,
            own_sections=NETWORK_MEMBER_SECTIONS,
        )
    else:
        return FAMILY_DENIED
    return FamilyDecision(
        **{**decision.__dict__, "parts": frozenset(decision.parts | PUT_TO_THEM), "closed": closed}
    )


def family_may(decision: FamilyDecision, action: FamilyAction, part: FamilyPart | None = None) -> bool:
    """Whether the decision allows `action` (on `part`)."""
    if not decision.allowed:
        return False
    if part is not None and part not in decision.parts:
        return False
    if action == FamilyAction.VIEW:
        return True
    if action == FamilyAction.SIGN:
        return decision.may_sign and P.SAFETY_PLAN in decision.parts
    if action == FamilyAction.WRITE_JOURNAL:
        return decision.may_write and P.JOURNAL in decision.parts
    if action == FamilyAction.RAISE_ALERT:
        return decision.may_raise_alert
    if action == FamilyAction.WRITE_THREE_HOUSES:
        return decision.may_write and P.THREE_HOUSES in decision.parts
    if action == FamilyAction.WRITE_IK_PLAN:
        # only the young person, only their own plan (a parent who reads it does not write it)
        return (
            decision.may_write
            and P.IK_PLAN in decision.parts
            and decision.account is not None
            and decision.account.kind == Kind.YOUNG_PERSON
        )
    if action == FamilyAction.SAY_HOW_I_AM_DOING:
        # only the young person, about themselves
        return (
            decision.may_write
            and P.HOW_AM_I_DOING in decision.parts
            and decision.account is not None
            and decision.account.kind == Kind.YOUNG_PERSON
        )
    if action in (FamilyAction.ANSWER_SCALE, FamilyAction.FILL_QUESTIONNAIRE):
        return decision.may_write
    if action == FamilyAction.WRITE_VIEW:
        return decision.may_write and P.SAFETY_PLAN in decision.parts
    if action == FamilyAction.WRITE_ADVICE_VIEW:
        return decision.may_write and P.ADVICE in decision.parts
    return False


def own_data_people(decision: FamilyDecision) -> frozenset[int]:
    """Whose data counts as this family member's own in "who opened my file": the person themselves, and the
    children they hold authority over (a parent exercises the child's rights). Never another adult of the
    family, never a child they hold no authority over."""
    if not decision.allowed:
        return frozenset()
    return frozenset({decision.account.person_id}) | decision.children


def refused_only_because_closed(decision: FamilyDecision, action: FamilyAction) -> bool:
    """A write refused because the dossier is closed: the family member is told why (not a 404)."""
    return decision.allowed and decision.closed and action != FamilyAction.VIEW


# --- shielded address and whereabouts ---


def shielded_from(
    viewer_person_id: int | None, people: Iterable[int], shields: Iterable[tuple[int, int]]
) -> frozenset[int]:
    """Which of `people` have their address and whereabouts shielded from the viewer. `shields` are the live
    shields as (shielded person, hidden from) pairs (kring.portal.selectors.live_shields). Whoever shows a
    person's phone, living situation or place of stay to a family member asks this first."""
    if viewer_person_id is None:
        return frozenset()
    wanted = set(people)
    return frozenset(
        person for person, hidden_from in shields if hidden_from == viewer_person_id and person in wanted
    )
