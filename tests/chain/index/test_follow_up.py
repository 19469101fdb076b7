"""Both sides are prompted until a coordinator is agreed or the match is dismissed with a reason: the
"Waiting for you" list, the follow-up figure, and e-mail reminders (at most once per side and run)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.chain.index import reminders, services
from kring.chain.index.models import Match, MatchStatus

from .test_services import orgs, register


@pytest.fixture
def match(world):
    youth, police = orgs(world)
    register(world.circle_member, youth, category="safety", ref="JB-1")
    register(world.other_org, police, category="crime", ref="POL-1", first_name="Sasha")
    return Match.objects.get()


def age(match, days):
    Match.objects.filter(pk=match.pk).update(found_at=timezone.now() - timedelta(days=days))
    match.refresh_from_db()


def test_an_open_match_waits_for_both_sides_until_a_lead_is_agreed(world, match, client_for):
    age(match, 3)
    page = client_for("other_org").get(reverse("signal_index"))
    waiting = page.content.decode().split('id="waiting-heading"')[1].split("</section>")[0]
    assert "Neem contact op met de andere organisatie." in waiting and "3 dagen" in waiting
    assert "Jeugdbescherming Noordkust" in waiting
    youth, _ = orgs(world)
    services.match_decide(actor_user=world.circle_member, match=match, decision="lead", coordinator=youth)
    for persona in ("other_org", "circle_member"):
        text = client_for(persona).get(reverse("signal_index")).content.decode()
        assert "Er wacht niets op u." in text
        assert "1 van de 1 matches" in text and "100%" in text


def test_a_dismissed_match_no_longer_waits(world, match, client_for):
    services.match_decide(
        actor_user=world.other_org, match=match, decision="dismiss", reason="Andere jongere"
    )
    api = client_for("circle_member").get(reverse("api:list_signal_matches"), {"waiting": "true"}).json()
    assert api["count"] == 0


def test_the_api_lists_waiting_matches_longest_first(world, match, client_for):
    youth, police = orgs(world)
    register(world.circle_member, youth, ref="JB-2", first_name="Noor", date_of_birth=date(2011, 5, 5))
    register(world.other_org, police, ref="POL-2", first_name="Noor", date_of_birth=date(2011, 5, 5))
    age(match, 10)
    items = (
        client_for("circle_member")
        .get(reverse("api:list_signal_matches"), {"waiting": "true"})
        .json()["items"]
    )
    assert [i["your_reference"] for i in items] == ["JB-1", "JB-2"]
    assert items[0]["days_waiting"] == 10 and items[0]["next_step"] == "contact"


def test_reminders_go_to_both_sides_when_due_and_not_twice(world, match):
    now = timezone.now()
    assert reminders.send_reminders(now + timedelta(days=6)) == {"reminded": 0, "mails": 0}
    outcome = reminders.send_reminders(now + timedelta(days=8))
    assert outcome == {"reminded": 2, "mails": 2}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.circle_member.email, world.other_org.email])
    body = mail.outbox[0].body
    assert "wacht" in body and "/signals/" in body
    for secret in ("Sasja", "Jansen", "veiligheid", "Politie", "Jeugdbescherming", "JB-1"):
        assert secret not in body and secret not in mail.outbox[0].subject
    # the same run again, or a run before the next interval: nothing
    assert reminders.send_reminders(now + timedelta(days=8))["reminded"] == 0
    assert reminders.send_reminders(now + timedelta(days=14))["reminded"] == 0
    assert reminders.send_reminders(now + timedelta(days=16))["reminded"] == 2
    match.refresh_from_db()
    assert (match.first_reminders, match.second_reminders) == (2, 2)
    assert (
        AuditEntry.objects.filter(object_type="signal_index.match", fields=["first_reminded_at"]).count() == 2
    )


def test_after_three_reminders_the_team_lead_hears_of_it_too(world, match):
    now = timezone.now()
    for week in (1, 2, 3):
        mail.outbox.clear()
        reminders.send_reminders(now + timedelta(days=8 * week))
    recipients = {m.to[0] for m in mail.outbox}
    assert world.team_lead.email in recipients and world.circle_member.email in recipients


def test_a_closed_match_is_not_reminded(world, match):
    youth, _ = orgs(world)
    services.match_decide(actor_user=world.other_org, match=match, decision="lead", coordinator=youth)
    assert reminders.send_reminders(timezone.now() + timedelta(days=30))["reminded"] == 0
    assert not mail.outbox


def test_a_reminder_is_claimed_once(world, match):
    now = timezone.now() + timedelta(days=8)
    stale = Match.objects.get(pk=match.pk)
    assert reminders._claim(stale, "first", now)
    assert not reminders._claim(stale, "first", now)  # a second run that read the match before the claim


def test_a_side_without_a_registering_user_reaches_the_team_leads(world, match):
    Match.objects.filter(pk=match.pk).update(status=MatchStatus.MATCH)
    match.first.registered_by = None
    match.first.save(update_fields=["registered_by"])
    match.second.registered_by = None
    match.second.save(update_fields=["registered_by"])
    reminders.send_reminders(timezone.now() + timedelta(days=8))
    assert [m.to[0] for m in mail.outbox] == [world.team_lead.email]  # the police has no team lead: nobody


def test_the_command(world, match, capsys):
    age(match, 8)
    call_command("signal_index_remind")
    assert "sides reminded: 2, mails sent: 2" in capsys.readouterr().out


def test_the_page_takes_a_constant_number_of_queries(world, match, client_for):
    client = client_for("circle_member")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("signal_index")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    youth, police = orgs(world)
    for i, name in enumerate(["Daan", "Eva", "Noor"]):
        register(
            world.circle_member, youth, ref=f"JB-{i + 5}", first_name=name, date_of_birth=date(2010, 1 + i, 9)
        )
        register(
            world.other_org, police, ref=f"POL-{i + 5}", first_name=name, date_of_birth=date(2010, 1 + i, 9)
        )
    assert Match.objects.count() == 4
    assert count() == few
