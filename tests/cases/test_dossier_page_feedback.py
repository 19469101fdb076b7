"""The dossier page shows the latest questionnaire to readers of the feedback section, and logs that read."""

from django.urls import reverse

from kring.accounts.models import OrganisationKind, Role
from kring.audit.models import AuditEntry
from kring.feedback.models import Instrument
from kring.feedback.services import administration_submit

from ..factories import CircleMemberFactory, MembershipFactory, OrganisationFactory
from ..feedback.test_instruments import YOUNG


def _submit_exit(dossier) -> Instrument:
    instrument = Instrument.objects.get(slug="exit", version=1)
    administration_submit(
        instrument=instrument, dossier=dossier, respondent_type="young_person", answers=YOUNG
    )
    return instrument


def test_the_case_worker_sees_the_latest_questionnaire_and_the_read_is_logged(world, client_for):
    instrument = _submit_exit(world.dossier)
    response = client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="feedback-heading"' in html
    assert instrument.display_name in html  # in the reader's language: "Terugkijken op de hulp"
    read = AuditEntry.objects.filter(dossier_id=world.dossier.pk, action="read").latest("sequence")
    assert "feedback" in read.fields


def test_a_local_team_worker_in_the_circle_does_not_see_the_feedback(world, client_for):
    instrument = _submit_exit(world.dossier)
    local_team = OrganisationFactory(name="Wijkteam Centrum", kind=OrganisationKind.LOCAL_TEAM)
    membership = MembershipFactory(team=None, organisation=local_team, role=Role.CASE_WORKER)
    CircleMemberFactory(dossier=world.dossier, membership=membership)
    client = client_for("circle_member")
    client.force_login(membership.user)
    response = client.get(reverse("dossier_detail", args=[world.dossier.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="feedback-heading"' not in html
    assert instrument.display_name not in html
    read = AuditEntry.objects.filter(actor_id=membership.user_id, action="read").latest("sequence")
    assert "feedback" not in read.fields
