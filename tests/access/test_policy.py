"""The access policy's rules, one by one, including the ones a review found missing."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.access.policy import Action, decide, dossiers_visible_to, view_grounds
from kring.access.services import BREAK_GLASS_REFUSED, OWN_GRANT, break_glass_open, break_glass_review
from kring.accounts.models import Membership, OrganisationKind, Role
from kring.accounts.services import api_token_create
from kring.audit.models import AuditEntry
from kring.cases import services as case_services
from kring.cases.services import NOT_IN_TEAM

from ..factories import DossierFactory, MembershipFactory, OrganisationFactory, PersonFactory


@pytest.mark.parametrize(
    "persona", ["circle_member", "team_lead", "other_team", "other_org", "break_glass", "privacy_officer"]
)
def test_the_list_and_the_single_answer_agree(persona, world):
    user = world.user(persona)
    other = DossierFactory()
    listed = set(dossiers_visible_to(user).values_list("pk", flat=True))
    for dossier in (world.dossier, other):
        assert (dossier.pk in listed) is decide(user, Action.VIEW, dossier).allowed, persona


def test_emergency_access_is_read_only(world):
    assert decide(world.break_glass, Action.VIEW, world.dossier).allowed
    assert not decide(world.break_glass, Action.EDIT, world.dossier).allowed
    with pytest.raises(PermissionDenied):
        case_services.dossier_add_child(
            actor=world.break_glass, dossier=world.dossier, person=PersonFactory()
        )


def test_a_grant_ends_when_the_member_is_no_longer_designated(world):
    Membership.objects.filter(user=world.break_glass).update(may_break_glass=False)
    assert not decide(world.break_glass, Action.VIEW, world.dossier).allowed


def test_a_grant_ends_when_it_expires(world):
    world.grant.expires_at = timezone.now() - timedelta(seconds=1)
    world.grant.save()
    assert not decide(world.break_glass, Action.VIEW, world.dossier).allowed


def test_only_designated_members_of_the_owning_organisation_get_emergency_access(world):
    police_officer = MembershipFactory(
        team=None, organisation=world.other_org.memberships.get().organisation, may_break_glass=True
    ).user
    for user in (world.other_team, police_officer):
        with pytest.raises(Exception, match=re.escape(str(BREAK_GLASS_REFUSED))):
            break_glass_open(
                user=user, reference=world.dossier.reference, reason="Ik wil dit dossier graag lezen nu."
            )
    denied = AuditEntry.objects.filter(action="break_glass", outcome="denied", dossier_id=world.dossier.pk)
    assert denied.count() == 2


def test_an_unknown_reference_gets_the_same_answer(world):
    with pytest.raises(Exception, match=re.escape(str(BREAK_GLASS_REFUSED))):
        break_glass_open(
            user=world.break_glass, reference="KR-NL-1999-0001", reason="Crisis: geen gezinsvoogd bereikbaar."
        )


def test_emergency_access_needs_a_real_reason(world):
    with pytest.raises(Exception, match="20"):
        break_glass_open(user=world.break_glass, reference=world.dossier.reference, reason="nodig")


def test_a_privacy_officer_does_not_review_their_own_emergency_access(world):
    world.grant.user = world.privacy_officer
    world.grant.save()
    with pytest.raises(Exception, match=re.escape(str(OWN_GRANT))):
        break_glass_review(grant=world.grant, reviewer=world.privacy_officer, note="prima")


def test_writes_are_refused_outside_the_circle_and_audited(world):
    with pytest.raises(PermissionDenied):
        case_services.dossier_add_child(actor=world.other_team, dossier=world.dossier, person=PersonFactory())
    assert AuditEntry.objects.filter(actor_id=world.other_team.pk, action="update", outcome="denied").exists()
    assert world.dossier.children.count() == 1


def test_only_case_workers_and_the_lead_of_a_team_open_dossiers_for_it(world):
    team = world.dossier.owning_team
    with pytest.raises(Exception, match=re.escape(str(NOT_IN_TEAM))):
        case_services.dossier_create(
            actor=world.other_team,
            reference="KR-NL-2026-0777",
            title="Gezin Peters",
            jurisdiction="NL",
            owning_team=team,
            opened_on=timezone.localdate(),
        )
    dossier = case_services.dossier_create(
        actor=world.circle_member,
        reference="KR-NL-2026-0777",
        title="Gezin Peters",
        jurisdiction="NL",
        owning_team=team,
        opened_on=timezone.localdate(),
    )
    entry = AuditEntry.objects.get(action="create", dossier_id=dossier.pk)
    assert entry.role == "case_worker"


class TestTwoFactorFollowsTheDossier:
    """An organisation that requires two-factor login protects its dossiers from every reader."""

    @pytest.fixture
    def strict_world(self, world):
        organisation = world.dossier.owning_team.organisation
        organisation.require_mfa = True
        organisation.save()
        police = world.other_org.memberships.get()
        police.organisation.kind = OrganisationKind.POLICE
        police.organisation.save()
        world.dossier.circle.create(
            user=world.other_org, membership=police, case_role="wijkagent", started_on=world.dossier.opened_on
        )
        return world

    def test_an_unverified_reader_from_a_lenient_organisation_is_refused(self, strict_world, client_for):
        assert (
            client_for("other_org").get(reverse("dossier_detail", args=[strict_world.dossier.pk])).status_code
            == 404
        )
        assert strict_world.dossier.pk not in view_grounds(strict_world.other_org, [strict_world.dossier])

    def test_a_token_made_without_two_factor_login_is_refused(self, strict_world):
        plain = api_token_create(user=strict_world.other_org, name="x", verified=False)[1]
        response = Client().get(
            reverse("api:get_dossier", args=[strict_world.dossier.pk]),
            headers={"Authorization": f"Bearer {plain}"},
        )
        assert response.status_code == 404

    def test_a_token_made_after_two_factor_login_is_accepted(self, strict_world):
        plain = api_token_create(user=strict_world.other_org, name="x", verified=True)[1]
        response = Client().get(
            reverse("api:get_dossier", args=[strict_world.dossier.pk]),
            headers={"Authorization": f"Bearer {plain}"},
        )
        assert response.status_code == 200


def test_an_expired_token_is_refused(world):
    token, plain = api_token_create(user=world.circle_member, name="x", verified=False)
    token.expires_at = timezone.now() - timedelta(minutes=1)
    token.save()
    assert Client().get(reverse("api:me"), headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_privacy_officers_do_not_see_former_members_reads_elsewhere(world, client_for):
    """Someone who once worked at the officer's organisation now reads another organisation's dossier."""
    elsewhere = OrganisationFactory(name="Jeugdbescherming Zuidrand")
    dossier = DossierFactory(owning_team__organisation=elsewhere, reference="KR-NL-2026-0999")
    worker = MembershipFactory(team__organisation=elsewhere).user
    dossier.circle.create(
        user=worker,
        membership=worker.memberships.get(),
        case_role="jeugdbeschermer",
        started_on=dossier.opened_on,
    )
    Membership.objects.create(
        user=worker,
        organisation=world.dossier.owning_team.organisation,
        role=Role.CASE_WORKER,
        is_active=False,
    )
    worker_client = Client()
    worker_client.force_login(worker)
    assert worker_client.get(reverse("dossier_detail", args=[dossier.pk])).status_code == 200
    officer = client_for("privacy_officer")
    page = officer.get(reverse("audit_log"), {"dossier_reference": "KR-NL-2026-0999"})
    assert page.context["page_obj"].paginator.count == 0
    export = b"".join(officer.get(reverse("audit_export")).streaming_content).decode()
    assert "KR-NL-2026-0999" not in {row["dossier_reference"] for row in csv.DictReader(io.StringIO(export))}


@pytest.mark.parametrize(
    "persona",
    ["circle_member", "team_lead", "other_team", "other_org", "break_glass", "privacy_officer", "anonymous"],
)
def test_the_navigation_capabilities_agree_with_the_policy(persona, world):
    from django.contrib.auth.models import AnonymousUser

    from kring.access.policy import (
        Capability,
        break_glass_memberships,
        capabilities,
        functional_admin_organisations,
        privacy_officer_organisations,
    )

    user = world.user(persona) or AnonymousUser()
    granted = capabilities(user)
    assert (Capability.BREAK_GLASS in granted) is break_glass_memberships(user).exists()
    assert (Capability.READ_AUDIT_LOG in granted) is privacy_officer_organisations(user).exists()
    assert (Capability.RETENTION in granted) is functional_admin_organisations(user).exists()
