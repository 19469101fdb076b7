from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.professional_choice import services
from kring.professional_choice.models import Profile

from ..factories import MembershipFactory


def test_a_professional_describes_themselves(world, client_for):
    client = client_for("circle_member")
    client.post(
        reverse("matching_profile"),
        {
            "expertise": "scheidingen",
            "affinity": "voetbal",
            "practical": "woensdagavond",
            "introduction": "Hoi!",
        },
    )
    profile = Profile.objects.get(user=world.circle_member)
    assert (profile.expertise, profile.affinity) == ("scheidingen", "voetbal")
    assert AuditEntry.objects.filter(object_type="matching.profile", action="update").exists()


def test_seed_matching_family_chooses_between_two(world, client_for):
    """Seed 001 (Matching): the team lead proposes two professionals on their profiles; the family chooses
    one, and that professional joins the circle."""
    first, second = world.circle_member.memberships.get(), world.other_team.memberships.get()
    for membership, expertise in ((first, "veiligheid"), (second, "pubers en school")):
        Profile.objects.create(user=membership.user, expertise=expertise)
    lead = client_for("team_lead")
    lead.post(reverse("matching_propose", args=[world.dossier.pk]), {"first": first.pk, "second": second.pk})
    proposal = world.dossier.match_proposals.get()
    page = lead.get(reverse("matching_dossier", args=[world.dossier.pk])).content.decode()
    assert "pubers en school" in page and "veiligheid" in page

    lead.post(
        reverse("matching_choose", args=[world.dossier.pk, proposal.pk]),
        {"chosen": second.pk, "family_note": "Ze voelt zich begrepen."},
    )
    proposal.refresh_from_db()
    assert (proposal.chosen, proposal.family_note) == (second, "Ze voelt zich begrepen.")
    assert world.dossier.circle.current().filter(user=world.other_team).exists()
    # and so the chosen professional may now open the dossier
    assert client_for("other_team").get(reverse("dossier_detail", args=[world.dossier.pk])).status_code == 200


def test_only_the_team_lead_proposes(world):
    first, second = world.circle_member.memberships.get(), world.other_team.memberships.get()
    with pytest.raises(PermissionDenied):
        services.proposal_make(
            actor=world.circle_member,
            dossier=world.dossier,
            first=first,
            second=second,
            proposed_on=date(2026, 11, 1),
        )


@pytest.mark.parametrize("case", ["same", "outsider"])
def test_a_proposal_needs_two_different_case_workers_of_the_organisation(case, world):
    first = world.circle_member.memberships.get()
    second = first if case == "same" else MembershipFactory(user__username="elders")
    with pytest.raises(ValidationError):
        services.proposal_make(
            actor=world.team_lead,
            dossier=world.dossier,
            first=first,
            second=second,
            proposed_on=date(2026, 11, 1),
        )
    assert not world.dossier.match_proposals.exists()


def test_the_family_chooses_one_of_the_two_and_only_once(world):
    first, second = world.circle_member.memberships.get(), world.other_team.memberships.get()
    proposal = services.proposal_make(
        actor=world.team_lead,
        dossier=world.dossier,
        first=first,
        second=second,
        proposed_on=date(2026, 11, 1),
    )
    stranger = MembershipFactory(team=world.dossier.owning_team)
    with pytest.raises(ValidationError):
        services.proposal_choose(
            actor=world.team_lead, proposal=proposal, chosen=stranger, chosen_on=date(2026, 11, 2)
        )
    services.proposal_choose(
        actor=world.team_lead, proposal=proposal, chosen=first, chosen_on=date(2026, 11, 2)
    )
    with pytest.raises(ValidationError):
        services.proposal_choose(
            actor=world.team_lead, proposal=proposal, chosen=second, chosen_on=date(2026, 11, 3)
        )
