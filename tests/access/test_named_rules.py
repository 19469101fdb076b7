"""Rules that used to be Basis comparisons in the apps, now named policy functions returning a Decision."""

import pytest

from kring.access.childvoice import decide_child_voice
from kring.access.policy import Action, Basis, advice_approver, work_grounds
from kring.accounts.models import Role
from kring.cases.models import DossierStatus

from ..factories import CircleMemberFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _seat(world, role, organisation=None):
    membership = MembershipFactory(
        team=None, organisation=organisation or world.dossier.owning_team.organisation, role=role
    )
    CircleMemberFactory(dossier=world.dossier, membership=membership)
    return membership.user


def test_the_team_lead_approves_advice_as_team_lead(world):
    decision = advice_approver(world.team_lead, world.dossier)
    assert decision.allowed and decision.basis == Basis.TEAM_LEAD
    assert decision.membership.role == Role.TEAM_LEAD


def test_an_own_behavioural_scientist_in_the_circle_approves_advice(world):
    scientist = _seat(world, Role.BEHAVIOURAL_SCIENTIST)
    decision = advice_approver(scientist, world.dossier)
    assert decision.allowed and decision.membership.role == Role.BEHAVIOURAL_SCIENTIST


@pytest.mark.parametrize("persona", ["circle_member", "break_glass", "other_team", "other_org"])
def test_nobody_else_approves_advice(world, persona):
    assert not advice_approver(world.user(persona), world.dossier).allowed


def test_a_behavioural_scientist_of_another_organisation_approves_no_advice(world):
    scientist = _seat(world, Role.BEHAVIOURAL_SCIENTIST, organisation=OrganisationFactory())
    assert not advice_approver(scientist, world.dossier).allowed


def test_nobody_approves_advice_on_a_closed_dossier(world):
    world.dossier.status = DossierStatus.CLOSED
    world.dossier.save(update_fields=["status"])
    assert not advice_approver(world.team_lead, world.dossier).allowed


def test_work_grounds_leave_out_emergency_access(world):
    for persona in ("circle_member", "team_lead"):
        assert world.dossier.pk in work_grounds(world.user(persona), [world.dossier])
    for persona in ("break_glass", "other_team"):
        assert work_grounds(world.user(persona), [world.dossier]) == {}


def test_the_childs_voice_is_never_for_a_chain_partner_even_of_the_own_organisation(world):
    partner = _seat(world, Role.CHAIN_PARTNER)
    assert not decide_child_voice(partner, Action.VIEW, world.dossier).allowed
    assert decide_child_voice(world.circle_member, Action.VIEW, world.dossier).allowed
    assert decide_child_voice(world.break_glass, Action.VIEW, world.dossier).allowed
    assert not decide_child_voice(world.break_glass, Action.EDIT, world.dossier).allowed
