"""The dossier's door: one call loads the dossier, asks the policy and logs exactly the read it is told."""

import uuid

import pytest
from django.http import Http404

from kring.access.policy import Action, DossierClosed, Section
from kring.audit.models import AuditEntry
from kring.cases.models import DossierStatus
from kring.cases.selectors import dossier_open

pytestmark = pytest.mark.django_db


def _reads(dossier):
    return list(
        AuditEntry.objects.filter(dossier_id=dossier.pk, action="read", outcome="allowed").values_list(
            "fields", flat=True
        )
    )


def test_a_view_is_logged_with_the_sections_it_reads(world):
    opened = dossier_open(user=world.circle_member, dossier_id=world.dossier.pk, reads=[Section.SAFETY_PLAN])
    assert opened.dossier == world.dossier
    assert opened.decision.allowed
    assert Section.SAFETY_PLAN in opened.readable
    assert opened.writable == opened.readable
    assert _reads(world.dossier) == [["safety_plan"]]


def test_a_view_must_say_what_it_reads(world):
    with pytest.raises(TypeError):
        dossier_open(user=world.circle_member, dossier_id=world.dossier.pk)


def test_a_write_that_shows_nothing_logs_no_read(world):
    opened = dossier_open(
        user=world.circle_member, dossier_id=world.dossier.pk, action=Action.EDIT, section=Section.SUMMARY
    )
    assert opened.writable
    assert _reads(world.dossier) == []


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_a_stranger_gets_the_same_404_as_for_a_dossier_that_does_not_exist(persona, world):
    with pytest.raises(Http404):
        dossier_open(user=world.user(persona), dossier_id=world.dossier.pk, reads=[Section.SUMMARY])
    with pytest.raises(Http404):
        dossier_open(user=world.user(persona), dossier_id=uuid.uuid4(), reads=[Section.SUMMARY])
    with pytest.raises(Http404):
        dossier_open(user=world.user(persona), dossier_id="not-an-id", reads=[Section.SUMMARY])
    assert _reads(world.dossier) == []
    assert AuditEntry.objects.filter(dossier_id=world.dossier.pk, outcome="denied").count() == 1


def test_emergency_access_reads_but_writes_nothing(world):
    opened = dossier_open(user=world.break_glass, dossier_id=world.dossier.pk, reads=[Section.SUMMARY])
    assert opened.readable and not opened.writable
    entry = AuditEntry.objects.get(dossier_id=world.dossier.pk, action="read", outcome="allowed")
    assert entry.purpose == "break_glass"


def test_a_closed_dossier_reads_but_refuses_a_write_with_the_reason(world):
    world.dossier.status = DossierStatus.CLOSED
    world.dossier.save()
    opened = dossier_open(user=world.circle_member, dossier_id=world.dossier.pk, reads=[Section.SUMMARY])
    assert not opened.writable
    with pytest.raises(DossierClosed):
        dossier_open(
            user=world.circle_member, dossier_id=world.dossier.pk, action=Action.EDIT, section=Section.SUMMARY
        )


def test_the_dossier_page_reads_as_far_as_shared(world):
    reads = [Section.SUMMARY, Section.SAFETY_PLAN, Section.FEEDBACK]
    opened = dossier_open(
        user=world.circle_member, dossier_id=world.dossier.pk, reads=reads, as_far_as_shared=True
    )
    assert set(_reads(world.dossier)[0]) == {s.value for s in reads} & {s.value for s in opened.readable}


def test_only_the_owning_team_lead_approves(world):
    from kring.access.policy import decide

    assert decide(world.team_lead, Action.APPROVE, world.dossier).allowed
    assert not decide(world.circle_member, Action.APPROVE, world.dossier).allowed
    assert not decide(world.break_glass, Action.APPROVE, world.dossier).allowed
