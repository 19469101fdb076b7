"""Invitations, accounts, signatures, journal entries and alerts written through the portal's services."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kring.access.family import family_decide
from kring.access.policy import DossierClosed
from kring.audit.models import AuditEntry
from kring.cases.models import DossierStatus
from kring.portal import services
from kring.portal.models import FamilyAccount, FamilyKind, FamilySignature, Invitation, UnsafeAlert
from kring.safety import services as safety
from kring.safety.models import JournalEntry, Signature

from .conftest import Verified

PASSWORD = "een lang wachtwoord voor oma"


def _decision(family, persona):
    account = family.accounts[persona]
    return family_decide(Verified(account.user), account)


def _invite(world, family, **kwargs):
    FamilyAccount.objects.filter(person=family.foster.person).delete()
    return services.invitation_create(
        actor=world.circle_member,
        dossier=family.dossier,
        person=family.foster.person,
        kind=FamilyKind.FOSTER_PARENT,
        **kwargs,
    )


def test_an_invitation_is_stored_hashed_and_works_once_by_code_or_link(
    world, family, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = _invite(world, family, email="anja@example.org")
    stored = Invitation.objects.get()
    assert new.code not in (stored.token_hash, stored.code_hash)
    assert new.token.split(".")[0] not in stored.token_hash
    assert services.invitation_find(code=new.code.lower()[:5] + "-" + new.code[5:]) == stored
    assert services.invitation_find(token=new.token) == stored
    assert len(mail.outbox) == 1
    assert family.dossier.title not in mail.outbox[0].body and "Anja" not in mail.outbox[0].body
    account = services.invitation_accept(invitation=stored, username="Anja.P", password=PASSWORD)
    assert account.user.username == "anja.p" and account.kind == FamilyKind.FOSTER_PARENT
    assert account.participant == family.foster
    with pytest.raises(services.InvitationRefused) as refused:
        services.invitation_find(code=new.code)
    assert refused.value.reason == "used"
    assert "al gebruikt" in refused.value.message
    assert AuditEntry.objects.filter(reason="invitation: used", outcome="denied").count() == 1


def test_an_expired_invitation_is_refused_and_makes_nothing(world, family):
    new = _invite(world, family)
    with time_machine.travel(date.today() + timedelta(days=4)):
        with pytest.raises(services.InvitationRefused) as refused:
            services.invitation_find(token=new.token)
        assert refused.value.reason == "expired"
        assert "verlopen" in refused.value.message
        with pytest.raises(services.InvitationRefused):
            services.invitation_accept(invitation=new.invitation, username="anja", password=PASSWORD)
    assert not FamilyAccount.objects.filter(person=family.foster.person).exists()


def test_a_new_invitation_stops_the_old_one_and_a_wrong_code_is_refused(world, family):
    first = _invite(world, family)
    _invite(world, family)
    with pytest.raises(services.InvitationRefused) as refused:
        services.invitation_find(code=first.code)
    assert refused.value.reason == "withdrawn"
    for bad in ("", "AAAAAAAAAA", "x.y"):
        with pytest.raises(services.InvitationRefused):
            services.invitation_find(code=bad, token="" if bad != "x.y" else bad)


def test_only_people_of_the_dossier_of_the_right_kind_and_age_are_invited(world, family):
    with pytest.raises(ValidationError, match="alleen worden uitgenodigd als jongere"):
        services.invitation_create(
            actor=world.circle_member, dossier=family.dossier, person=family.noor, kind=FamilyKind.PARENT
        )
    with pytest.raises(ValidationError, match="heeft al een account"):
        services.invitation_create(
            actor=world.circle_member,
            dossier=family.dossier,
            person=family.noor,
            kind=FamilyKind.YOUNG_PERSON,
        )
    family.noor.date_of_birth = date(2016, 1, 1)
    family.noor.save()
    FamilyAccount.objects.filter(person=family.noor).delete()
    with pytest.raises(ValidationError, match="vanaf 12"):
        services.invitation_create(
            actor=world.circle_member,
            dossier=family.dossier,
            person=family.noor,
            kind=FamilyKind.YOUNG_PERSON,
        )
    with pytest.raises(PermissionDenied):  # not in the circle
        services.invitation_create(
            actor=world.other_team, dossier=family.dossier, person=family.sami, kind=FamilyKind.YOUNG_PERSON
        )


def test_a_weak_password_or_taken_username_makes_nothing(world, family):
    new = _invite(world, family)
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(invitation=new.invitation, username="gezin-noor", password="kort")
    assert set(refused.value.message_dict) == {"username", "password"}
    assert Invitation.objects.get().used_at is None


def test_revoking_an_account_ends_its_access(world, family):
    account = family.accounts["network_member"]
    services.family_account_revoke(actor=world.circle_member, account=account, reason="Telefoon kwijt")
    assert account.revoked_at is not None
    assert not family_decide(Verified(account.user), account).allowed
    with pytest.raises(ValidationError):
        services.family_account_revoke(actor=world.circle_member, account=account)


def test_a_family_signature_records_who_when_which_version_and_how(family):
    signature = services.family_sign(
        decision=_decision(family, "network_member"), version=family.version, login_method="password_totp"
    )
    recorded = FamilySignature.objects.get(signature=signature)
    assert (recorded.version_number, recorded.login_method) == (1, "password_totp")
    assert signature.participant == family.grandmother and not signature.on_paper
    family.version.refresh_from_db()
    assert family.version.frozen
    with pytest.raises(ValidationError, match="al ondertekend"):
        services.family_sign(
            decision=_decision(family, "network_member"), version=family.version, login_method="password_totp"
        )
    entry = AuditEntry.objects.filter(object_type="safety.signature").get()
    assert entry.role == "family_network_member" and entry.actor_id == family.user("network_member").pk


def test_a_superseded_version_cannot_be_signed(family):
    services.family_sign(
        decision=_decision(family, "network_member"), version=family.version, login_method="password_totp"
    )
    safety.rule_add(actor=None, plan=family.version.plan, text="Nieuwe regel", participants=[family.mother])
    before = Signature.objects.count()
    with pytest.raises(ValidationError, match="nieuwere versie"):
        services.family_sign(
            decision=_decision(family, "parent_authority"),
            version=family.version,
            login_method="password_totp",
        )
    assert Signature.objects.count() == before


def test_a_12_year_old_does_not_sign(family):
    with pytest.raises(PermissionDenied):
        services.family_sign(
            decision=_decision(family, "young_12"), version=family.version, login_method="passkey"
        )


def test_family_journal_entries_keep_who_wrote_them(family):
    entry = services.family_journal_add(
        decision=_decision(family, "network_member"),
        happened_on=date(2026, 12, 5),
        text="Noor belde, ging goed.",
    )
    assert entry.said_by_participant == family.grandmother and entry.recorded_by == family.user(
        "network_member"
    )
    child = services.family_journal_add(
        decision=_decision(family, "young_12"),
        happened_on=date(2026, 12, 6),
        text="Ik was bang.",
        kind="worry",
    )
    assert child.said_by_child == family.noor
    with pytest.raises(ValidationError, match="nog niet"):
        services.family_journal_add(
            decision=_decision(family, "young_12"), happened_on=date(2026, 12, 7), text="morgen"
        )


def test_a_journal_entry_on_a_closed_dossier_is_refused_with_the_reason(family):
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    before = JournalEntry.objects.count()
    with pytest.raises(DossierClosed):
        services.family_journal_add(
            decision=_decision(family, "parent_authority"), happened_on=date(2026, 12, 5), text="Ging goed."
        )
    assert JournalEntry.objects.count() == before


def test_i_dont_feel_safe_reaches_the_case_worker_and_the_team_lead_without_content(
    world, family, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = services.unsafe_alert_raise(decision=_decision(family, "young_12"))
    assert alert.account == family.accounts["young_12"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {world.circle_member.email, world.team_lead.email}
    for secret in ("Noor", family.dossier.title, family.dossier.reference):
        assert secret not in message.body and secret not in message.subject
    services.unsafe_alert_acknowledge(actor=world.circle_member, alert=alert)
    assert UnsafeAlert.objects.get().acknowledged_by == world.circle_member
    with pytest.raises(PermissionDenied):
        services.unsafe_alert_raise(decision=_decision(family, "parent_authority"))


def test_an_address_shield_needs_two_people_of_the_dossier(world, family):
    with pytest.raises(ValidationError, match="al afgeschermd"):
        services.address_shield_add(
            actor=world.circle_member,
            dossier=family.dossier,
            person=family.mother.person,
            hidden_from=family.father.person,
        )
    with pytest.raises(ValidationError):
        services.address_shield_add(
            actor=world.circle_member, dossier=family.dossier, person=family.noor, hidden_from=family.noor
        )


def test_an_alert_nobody_responds_to_is_escalated_once(world, family, django_capture_on_commit_callbacks):
    from datetime import datetime

    from django_tasks_db.models import DBTaskResult

    alert = services.unsafe_alert_raise(decision=_decision(family, "young_12"))
    task = DBTaskResult.objects.get()
    assert task.run_after == alert.raised_at + timedelta(minutes=30)
    assert services.unsafe_alert_escalate(alert.pk) == "not needed"  # not yet due
    with time_machine.travel(alert.raised_at + timedelta(minutes=31)):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.unsafe_alert_escalate(alert.pk) == "escalated"
        assert services.unsafe_alert_escalate(alert.pk) == "not needed"  # a repeated task: once
    message = mail.outbox[-1]
    assert world.break_glass.email in message.to and world.circle_member.email in message.to
    assert family.dossier.reference in message.body and "Noor" not in message.body
    assert family.dossier.title not in message.body
    assert isinstance(UnsafeAlert.objects.get().escalated_at, datetime)


def test_an_answered_alert_is_not_escalated(world, family):
    alert = services.unsafe_alert_raise(decision=_decision(family, "young_12"))
    services.unsafe_alert_acknowledge(actor=world.team_lead, alert=alert)
    with time_machine.travel(alert.raised_at + timedelta(hours=2)):
        assert services.unsafe_alert_escalate(alert.pk) == "not needed"
    assert UnsafeAlert.objects.get().escalated_at is None


def test_mails_are_written_in_the_readers_language_not_the_senders(
    world, family, django_capture_on_commit_callbacks
):
    # a child's page in Arabic, a worker who reads kring in English: the mails go out in the dossier's
    # language (Dutch here), which is the one the workers read and the family's first one
    from django.utils import translation

    with translation.override("ar"), django_capture_on_commit_callbacks(execute=True):
        services.unsafe_alert_raise(decision=_decision(family, "young_12"))
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        _invite(world, family, email="anja@example.org")
    alert, invitation = mail.outbox
    assert alert.subject == "kring: dringend — kijk nu in kring"
    assert "dringend signaal" in alert.body
    assert invitation.subject == "Een uitnodiging voor kring"
