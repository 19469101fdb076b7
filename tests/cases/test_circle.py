from datetime import date

from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.cases.models import EventKind


def test_a_chain_partner_joins_with_an_assignment_and_sees_only_the_shared_parts(world, client_for):
    police = world.other_org.memberships.get()
    client = client_for("circle_member")
    response = client.post(
        reverse("dossier_circle_add", args=[world.dossier.pk]),
        {
            "membership": police.pk,
            "case_role": "jeugdagent",
            "assignment": "Houdt contact over de aangifte.",
            "started_on": "2026-11-01",
        },
    )
    assert response.status_code == 302
    seat = world.dossier.circle.get(user=world.other_org)
    assert seat.assignment == "Houdt contact over de aangifte."
    assert world.dossier.events.filter(kind=EventKind.JOINED).exists()
    assert AuditEntry.objects.filter(object_type="cases.circlemember", action="create").exists()
    page = client_for("other_org").get(reverse("dossier_detail", args=[world.dossier.pk]))
    assert page.status_code == 200
    assert (
        "summary"
        not in AuditEntry.objects.filter(actor_id=world.other_org.pk, action="read").latest("sequence").fields
    )


def test_leaving_keeps_the_seat_in_the_history_and_ends_access(world, client_for):
    seat = world.dossier.circle.get(user=world.circle_member)
    client_for("team_lead").post(
        reverse("dossier_circle_leave", args=[world.dossier.pk, seat.pk]),
        {"ended_on": date.today().isoformat()},
    )
    seat.refresh_from_db()
    assert seat.ended_on == date.today()
    assert world.dossier.events.filter(kind=EventKind.LEFT).exists()
    # the seat counts up to and including its last day; the day after, the dossier is closed to them
    assert (
        client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk])).status_code == 200
    )


def test_a_professional_cannot_join_twice_or_leave_before_joining(world, client_for):
    client = client_for("team_lead")
    twice = client.post(
        reverse("dossier_circle_add", args=[world.dossier.pk]),
        {
            "membership": world.circle_member.memberships.get().pk,
            "case_role": "x",
            "started_on": "2026-11-01",
        },
    )
    assert twice.status_code == 400
    assert world.dossier.circle.filter(user=world.circle_member).count() == 1
    seat = world.dossier.circle.get(user=world.circle_member)
    client.post(reverse("dossier_circle_leave", args=[world.dossier.pk, seat.pk]), {"ended_on": "2000-01-01"})
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_a_partner_in_the_circle_cannot_change_it(world, client_for):
    police = world.other_org.memberships.get()
    world.dossier.circle.create(
        user=world.other_org, membership=police, case_role="jeugdagent", started_on=date(2026, 1, 1)
    )
    seat = world.dossier.circle.get(user=world.circle_member)
    response = client_for("other_org").post(
        reverse("dossier_circle_leave", args=[world.dossier.pk, seat.pk]), {"ended_on": "2026-11-20"}
    )
    assert response.status_code == 404
    seat.refresh_from_db()
    assert seat.ended_on is None
