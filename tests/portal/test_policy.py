"""The family policy (kring.access.family): per persona, which parts and which actions."""

from datetime import date

import pytest

from kring.access.family import (
    ADULT_OWN_SECTIONS,
    FAMILY_DENIED,
    WHOLE_FILE,
    FamilyAction,
    FamilyPart,
    family_decide,
    family_may,
    shielded_from,
)
from kring.access.policy import Section
from kring.cases.models import DossierStatus

from .conftest import Verified

P = FamilyPart
PUT_TO_THEM = {P.SCALE_QUESTIONS, P.QUESTIONNAIRES_FOR_YOU}  # everyone: only what was put to them
# everyone with an account: who sees their own data (own_sections: test_who_sees_whose_data)
TRANSPARENCY = {P.WHO_SEES_WHAT}
EXPECTED_PARTS = {
    # the mother reads the IK-plan of Noor (12), not that of Sami (16): see test_young_person_ik_plan.py
    # the child's space ("how am I doing", their own story) is the young person's alone
    "parent_authority": set(P) - {P.THREE_HOUSES, P.HOW_AM_I_DOING, P.STORY},
    "parent_no_authority": {P.SAFETY_PLAN, P.JOURNAL} | PUT_TO_THEM | TRANSPARENCY,
    "young_12": {P.DANGER_STATEMENTS, P.SAFETY_GOALS, P.SAFETY_PLAN, P.SCALES, P.JOURNAL, P.THREE_HOUSES}
    | {P.IK_PLAN, P.HOW_AM_I_DOING, P.STORY}
    | PUT_TO_THEM
    | TRANSPARENCY,
    "young_16": set(P),
    "network_member": {P.DANGER_STATEMENTS, P.SAFETY_GOALS, P.SAFETY_PLAN, P.JOURNAL}
    | PUT_TO_THEM
    | TRANSPARENCY,
    "foster_parent": {P.DANGER_STATEMENTS, P.SAFETY_GOALS, P.SAFETY_PLAN, P.KITCHEN_TABLE, P.JOURNAL}
    | PUT_TO_THEM
    | TRANSPARENCY,
}
MAY_WRITE_IK_PLAN = {"young_12", "young_16"}
MAY_SIGN = {"parent_authority", "parent_no_authority", "young_16", "network_member", "foster_parent"}


def _decide(family, persona, day=None):
    account = family.accounts[persona]
    return family_decide(Verified(account.user), account, day)


@pytest.mark.parametrize("persona", sorted(EXPECTED_PARTS))
def test_each_persona_sees_its_parts(persona, family):
    decision = _decide(family, persona)
    assert decision.allowed
    assert set(decision.parts) == EXPECTED_PARTS[persona]
    assert family_may(decision, FamilyAction.SIGN) is (persona in MAY_SIGN)
    assert family_may(decision, FamilyAction.WRITE_JOURNAL)
    assert family_may(decision, FamilyAction.RAISE_ALERT) is persona.startswith("young")
    assert family_may(decision, FamilyAction.WRITE_IK_PLAN) is (persona in MAY_WRITE_IK_PLAN)
    assert family_may(decision, FamilyAction.ANSWER_SCALE)
    assert family_may(decision, FamilyAction.FILL_QUESTIONNAIRE)


def test_a_16_year_old_sees_what_a_12_year_old_does_not(family):
    twelve, sixteen = _decide(family, "young_12"), _decide(family, "young_16")
    assert set(sixteen.parts) - set(twelve.parts) == {
        P.BOTTOM_LINES,
        P.KITCHEN_TABLE,
        P.AGREEMENTS,
        P.QUESTIONNAIRES,
        P.ACCESS_LOG,
        P.ADVICE,
    }


def test_the_parent_with_authority_speaks_for_both_children(family):
    assert _decide(family, "parent_authority").children == {family.noor.pk, family.sami.pk}
    assert _decide(family, "parent_no_authority").own_rules_only


def test_authority_ended_means_the_parent_sees_less(family):
    family.noor.authorities.update(ended_on=date(2026, 12, 1))
    family.sami.authorities.update(ended_on=date(2026, 12, 1))
    assert set(_decide(family, "parent_authority").parts) == EXPECTED_PARTS["parent_no_authority"]


def test_a_child_under_12_gets_nothing(family):
    family.noor.date_of_birth = date(2015, 1, 1)
    family.noor.save()
    assert _decide(family, "young_12") == FAMILY_DENIED


def test_unverified_revoked_or_someone_elses_account_get_nothing(family):
    account = family.accounts["parent_authority"]
    assert family_decide(account.user, account) == FAMILY_DENIED  # password only, no second factor
    assert family_decide(Verified(family.user("young_12")), account) == FAMILY_DENIED
    account.revoked_at = account.created_at
    assert family_decide(Verified(account.user), account) == FAMILY_DENIED


def test_a_closed_dossier_is_read_only_for_the_family(family):
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    decision = _decide(family, "parent_authority")
    assert decision.allowed and decision.closed
    assert family_may(decision, FamilyAction.VIEW, P.SAFETY_PLAN)
    assert not family_may(decision, FamilyAction.WRITE_JOURNAL)
    assert not family_may(decision, FamilyAction.SIGN)


def test_the_parent_without_authority_parts_are_configurable(family, settings):
    settings.KRING_PORTAL_PARENT_WITHOUT_AUTHORITY_PARTS = [
        "safety_plan",
        "journal",
        "safety_goals",
        "access_log",
        "who_sees_what",
    ]
    # who opened the file stays with those who hold it, whatever the configuration; who sees what is theirs
    # anyway, and the configuration never widens it beyond the parts about them
    decision = _decide(family, "parent_no_authority")
    assert set(decision.parts) == {P.SAFETY_PLAN, P.JOURNAL, P.SAFETY_GOALS} | PUT_TO_THEM | TRANSPARENCY
    assert decision.own_sections == ADULT_OWN_SECTIONS


@pytest.mark.parametrize(
    ("persona", "sections"),
    [
        ("parent_authority", WHOLE_FILE),
        ("young_16", WHOLE_FILE),
        ("young_12", {Section.CHILDREN, Section.SAFETY_PLAN, Section.CONTACTS, Section.FEEDBACK}),
        ("parent_no_authority", {Section.NETWORK, Section.SAFETY_PLAN, Section.CONTACTS, Section.FEEDBACK}),
        ("foster_parent", {Section.NETWORK, Section.SAFETY_PLAN, Section.CONTACTS, Section.FEEDBACK}),
        ("network_member", {Section.SAFETY_PLAN, Section.FEEDBACK}),
    ],
)
def test_who_sees_whose_data(persona, sections, family):
    """ "Who sees what" is about one's own data: whoever holds the file sees it for the whole file, the others
    for the sections that hold their own data only (a network member: what they wrote)."""
    assert _decide(family, persona).own_sections == sections


def test_a_parent_who_loses_authority_sees_who_sees_only_their_own_parts(family):
    family.noor.authorities.update(ended_on=date(2026, 12, 1))
    family.sami.authorities.update(ended_on=date(2026, 12, 1))
    assert _decide(family, "parent_authority").own_sections == ADULT_OWN_SECTIONS


def test_shielded_whereabouts_are_hidden_only_from_the_named_person(family):
    shields = [(family.mother.person_id, family.father.person_id)]
    people = [family.mother.person_id, family.grandmother.person_id]
    assert shielded_from(family.father.person_id, people, shields) == {family.mother.person_id}
    assert shielded_from(family.grandmother.person_id, people, shields) == set()
    assert shielded_from(None, people, shields) == set()


def test_whose_ik_plan_each_persona_reads(family):
    """The young person reads (and writes) their own; the parent with authority reads those of children under
    16 (Noor, 12), not that of a 16-year-old (Sami: his own file); nobody else reads one."""
    assert _decide(family, "young_12").ik_plan_children == {family.noor.pk}
    assert _decide(family, "young_16").ik_plan_children == {family.sami.pk}
    assert _decide(family, "parent_authority").ik_plan_children == {family.noor.pk}
    for persona in ("parent_no_authority", "network_member", "foster_parent"):
        decision = _decide(family, persona)
        assert P.IK_PLAN not in decision.parts and not decision.ik_plan_children


def test_a_parent_of_only_16_plus_children_has_no_ik_plan_part(family):
    family.noor.date_of_birth = date(2010, 1, 1)  # now 16 as well
    family.noor.save()
    decision = _decide(family, "parent_authority")
    assert P.IK_PLAN not in decision.parts and not decision.ik_plan_children
    assert not family_may(decision, FamilyAction.WRITE_IK_PLAN)


def test_who_may_be_asked_a_scaling_question_or_a_questionnaire(family):
    from kring.access.family import may_be_asked

    for persona in ("parent_authority", "parent_no_authority", "young_12", "young_16", "network_member"):
        assert may_be_asked(family.accounts[persona]), persona
    # a young person under 12 cannot log in, a stopped account or a closed file takes no questions
    family.noor.date_of_birth = date(2015, 1, 1)
    family.noor.save()
    assert not may_be_asked(family.accounts["young_12"])
    stopped = family.accounts["network_member"]
    stopped.revoked_at = stopped.created_at
    assert not may_be_asked(stopped)
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    assert not may_be_asked(family.accounts["parent_authority"])
    assert not may_be_asked(None)
