"""Dossiers and chain cases feed the index with existence-only facts ("old acquaintances"), after the commit
of the save that changed them; the chain table sees them with whom to contact, never what happened."""

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.cases.models import Measure
from kring.cases.services import history
from kring.chain import services as chain_services
from kring.chain.index import feed, services
from kring.chain.index.models import FactKind, Match, Registration, Source
from kring.chain.index.selectors import match_summary, old_acquaintances
from kring.chain.models import LegalStatus

from .test_services import SASJA

# A fixed day, not "today" at import: the module ran on the wrong date when collected just before midnight.
TODAY = date(2026, 9, 14)


@pytest.fixture(autouse=True)
def _on_today():
    with time_machine.travel(datetime(2026, 9, 14, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=True):
        yield


@pytest.fixture
def child(world):
    child = world.dossier.children.get()
    child.first_name, child.last_name, child.date_of_birth = "Sasja", "Jansen", SASJA["date_of_birth"]
    child.save()
    return child


def start_ots(world, child, **kwargs):
    return history.measure_start(
        actor=world.circle_member,
        dossier=world.dossier,
        child=child,
        kind=kwargs.pop("kind", "nl_ots"),
        started_on=kwargs.pop("started_on", TODAY - timedelta(days=30)),
        planned_end_on=kwargs.pop("planned_end_on", TODAY + timedelta(days=335)),
    )


def police_signal(world, **identity):
    police = world.other_org.memberships.get().organisation
    return services.registration_create(
        actor_user=world.other_org,
        organisation=police,
        contact_name="Agent Bas",
        contact_details="bas@politie.example",
        category="crime",
        identity={**SASJA, **identity},
    )


def test_a_supervision_order_feeds_a_fact_with_the_case_worker_as_contact(
    world, child, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        measure = start_ots(world, child)
    fact = Registration.objects.get(source=Source.DOSSIER)
    assert fact.fact == FactKind.SUPERVISION_ORDER and fact.subject == f"measure:{measure.pk}"
    assert fact.organisation == world.dossier.owning_team.organisation
    assert fact.contact_name == f"{world.circle_member.get_full_name()} (gezinsvoogd)"
    assert fact.registered_by == world.circle_member
    assert fact.expires_on == min(measure.planned_end_on + timedelta(days=730), date(2035, 3, 8))
    assert "Sasja" not in repr(fact.__dict__) and "Jansen" not in repr(fact.__dict__)


def test_nothing_is_fed_before_the_commit_or_when_the_save_is_rolled_back(
    world, child, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        start_ots(world, child)
    assert not Registration.objects.exists()  # not yet: after the commit
    # one feed, waiting for the commit (the audit log's chaining may wait beside it, once per interval)
    assert [c.args[:1] for c in callbacks if getattr(c, "func", None) is feed.run_safely] == [
        (feed.sync_dossier,)
    ]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        start_ots(world, child, kind="nl_guardianship")
        raise RuntimeError("the dossier's write fails")
    assert not Registration.objects.exists()


def test_voluntary_help_is_not_fed(world, child, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_ots(world, child, kind="nl_voluntary")
    assert not Registration.objects.exists()


def test_a_signal_matches_the_fact_and_the_police_sees_only_whom_to_contact(
    world, child, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start_ots(world, child)
    police_signal(world, first_name="Sasha")
    match = Match.objects.get()
    seen = match_summary(world.other_org, match)
    assert seen["other_organisation"] == "Jeugdbescherming Noordkust"
    assert seen["other_contact"].endswith("(gezinsvoogd)")
    assert "supervision" not in repr(seen).lower() and "ondertoezicht" not in repr(seen).lower()


def test_facts_do_not_match_each_other(world, child, zsm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_ots(world, child)
        bring_in(zsm, "vt", [("Sasja Jansen", SASJA["date_of_birth"])])
    assert Registration.objects.filter(source=Source.CHAIN).count() == 1
    assert not Match.objects.exists()


def test_ending_deleting_and_renaming_keep_the_fact_in_step(world, child, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        measure = start_ots(world, child)
    with django_capture_on_commit_callbacks(execute=True):
        history.measure_end(
            actor=world.circle_member, measure=measure, ended_on=TODAY, end_reason="goals_reached"
        )
    fact = Registration.objects.get()
    assert fact.expires_on == TODAY + timedelta(days=730)
    with django_capture_on_commit_callbacks(execute=True):
        child.first_name = "Saskia"
        child.save()
    old, new = Registration.objects.order_by("pk")
    assert old.end_reason == "source_ended" and new.ended_on is None and new.first_clk != old.first_clk
    with django_capture_on_commit_callbacks(execute=True):
        Measure.objects.filter(pk=measure.pk).delete()
    assert not services.active_registrations().exists()


def test_a_withdrawn_fact_is_not_brought_back(world, child, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_ots(world, child)
    fact = Registration.objects.get()
    services.registration_end(actor_user=world.team_lead, registration=fact, reason="unjustified")
    outcome = feed.sync_dossier(world.dossier.pk)
    assert outcome.created == 0
    assert not services.active_registrations().exists()


def test_a_failing_feed_never_breaks_the_dossier_write(
    world, child, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("index down")

    monkeypatch.setattr(feed, "dossier_facts", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        measure = start_ots(world, child)
    assert Measure.objects.filter(pk=measure.pk).exists()
    assert "feeding sync_dossier" in caplog.text


def test_the_feed_command_fills_and_is_idempotent(world, child, zsm, capsys):
    start_ots(world, child)  # no commit callbacks run here: as data from before the feed existed
    bring_in(zsm, "halt", [("Sasja Jansen", SASJA["date_of_birth"]), ("Gerrit Smeets", date(1965, 1, 10))])
    call_command("signal_index_feed")
    assert "facts created: 2, updated: 0, ended: 0" in capsys.readouterr().out
    kinds = sorted(Registration.objects.values_list("fact", flat=True))
    assert kinds == [FactKind.HALT, FactKind.SUPERVISION_ORDER]  # the man of 61 is not fed
    call_command("signal_index_feed")
    assert "facts created: 0, updated: 0, ended: 0" in capsys.readouterr().out


def bring_in(zsm, partner, persons, reference="ZSM-F-1"):
    return chain_services.chain_case_bring_in(
        actor=zsm.users[partner],
        table=zsm.table,
        brought_in_by=zsm.orgs[partner],
        reference=reference,
        incident="Melding.",
        incident_on=TODAY - timedelta(days=3),
        legal_status=LegalStatus.NO_CRIMINAL,
        persons=[{"role": "victim", "name": name, "birth_date": birth} for name, birth in persons],
    )


def test_the_table_sees_old_acquaintances_of_a_case(
    world, child, zsm, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start_ots(world, child)
        earlier = bring_in(zsm, "vt", [("Sasja Jansen", SASJA["date_of_birth"])], reference="ZSM-F-0")
        case = bring_in(zsm, "police", [("Sasja Jansen", SASJA["date_of_birth"])])
    police_signal(world)
    client.force_login(zsm.users["police"])
    before = AuditEntry.objects.count()
    page = client.get(reverse("signal_index_case_acquaintances", args=[case.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "ondertoezichtstelling" in text and "Jeugdbescherming Noordkust" in text  # the dossier fact
    assert "Veilig Thuis-melding" in text and earlier.table.name in text  # the earlier chain case
    assert "Politie Noordkust" in text and "Agent Bas" in text  # the police signal, without its category
    assert "criminaliteit" not in text.lower() and "Melding." not in text
    # this case's own fact is left out: the police of the table brought it in
    assert text.count("Politie Test") == 0
    # the query and each of the three registrations disclosed
    assert AuditEntry.objects.count() == before + 4
    api = client.get(reverse("api:chain_case_acquaintances", args=[case.pk])).json()
    assert {a["organisation"] for a in api[0]["acquaintances"]} == {
        "Jeugdbescherming Noordkust",
        "Veilig Thuis Test",
        "Politie Noordkust",
    }


def test_outside_the_table_the_case_is_404(world, zsm, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = bring_in(zsm, "vt", [("Sasja Jansen", SASJA["date_of_birth"])])
    for user in (zsm.users["outside"], world.circle_member):
        client.force_login(user)
        assert client.get(reverse("signal_index_case_acquaintances", args=[case.pk])).status_code == 404
        assert client.get(reverse("api:chain_case_acquaintances", args=[case.pk])).status_code == 404


def test_the_acquaintances_page_takes_a_constant_number_of_queries(
    world, child, zsm, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = bring_in(zsm, "police", [("Sasja Jansen", SASJA["date_of_birth"])])
    client.force_login(zsm.users["police"])
    url = reverse("signal_index_case_acquaintances", args=[case.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    with django_capture_on_commit_callbacks(execute=True):
        start_ots(world, child)
        for i, partner in enumerate(["vt", "halt", "probation"]):
            bring_in(zsm, partner, [("Sasja Jansen", SASJA["date_of_birth"])], reference=f"ZSM-Q-{i}")
    identity = {k: SASJA[k] for k in ("first_name", "last_name", "date_of_birth")}
    # the case's own police fact, the supervision order and the three other cases
    assert len(old_acquaintances(user=world.other_org, **identity)) == 5
    assert count() == few
