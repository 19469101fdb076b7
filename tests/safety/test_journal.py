"""The safety journal: family and network note how the plan works day to day; a worker writes down what they
said on their behalf; every worker sees what is new for them."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kring.audit.models import AuditEntry
from kring.safety import journal, services
from kring.safety.models import JournalEntry, JournalRead

from ..factories import DossierFactory
from .conftest import seat

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def rita(world):
    return seat(world.dossier, "Rita", "informal", "oma")


def _entry(world, rita, **kwargs):
    values = {
        "actor": world.circle_member,
        "dossier": world.dossier,
        "happened_on": TUESDAY,
        "kind": "went_well",
        "text": "Ik sliep dinsdag bij Nathalie; Louis sliep de hele nacht door.",
        "said_by_participant": rita,
    }
    values.update(kwargs)
    return journal.journal_entry_add(**values)


def test_a_worker_writes_down_what_rita_said_and_the_other_worker_sees_it_as_new(world, rita, client_for):
    entry = _entry(world, rita)
    assert (
        entry.on_behalf
        and entry.speaker == "Rita Lambrecht (oma)"
        and entry.recorded_by == world.circle_member
    )
    assert list(JournalRead.objects.values_list("user", flat=True)) == [world.circle_member.pk]
    own = _entry(
        world, rita, said_by_participant=None, kind="worry", text="Mama was om 23 uur nog niet thuis."
    )
    assert not own.on_behalf

    lead = client_for("team_lead")
    url = reverse("safety_journal", args=[world.dossier.pk])
    body = lead.get(url).content.decode()
    assert "2 berichten zijn nieuw voor u." in body
    name = world.circle_member.get_full_name()
    assert f"Gezegd door Rita Lambrecht (oma), opgeschreven door {name} namens hen." in body
    assert f"Geschreven door {name}." in body
    assert body.index("Mama was om 23 uur") < body.index("Ik sliep dinsdag")  # newest first
    # the worker who wrote them down has read them
    assert "0 berichten zijn nieuw voor u." in client_for("circle_member").get(url).content.decode()
    assert lead.post(reverse("safety_journal_read", args=[world.dossier.pk])).status_code == 302
    assert "0 berichten zijn nieuw voor u." in lead.get(url).content.decode()
    assert JournalRead.objects.filter(user=world.team_lead).count() == 2
    reads = AuditEntry.objects.filter(
        actor_id=world.team_lead.pk, object_type="safety.journalentry", action="read"
    )
    assert reads.count() == 2
    writes = AuditEntry.objects.filter(object_type="safety.journalentry", action="create")
    assert writes.count() == 2


def test_the_kinds_can_be_filtered_and_a_rule_of_the_plan_named(world, rita, case2, client_for):
    plan = case2["plan"]
    rule = services.rule_add(
        actor=None, plan=plan, text="Oma Rita slaapt op weekdagen bij de kinderen.", participants=[rita]
    )
    assert journal.current_rules(world.dossier) == [rule]
    _entry(world, rita, rule=rule)
    _entry(world, rita, said_by_participant=None, kind="worry", text="Mama was laat thuis.")
    url = reverse("safety_journal", args=[world.dossier.pk])
    worries = client_for("circle_member").get(url + "?kind=worry").content.decode()
    assert "Mama was laat thuis." in worries and "Ik sliep dinsdag" not in worries
    everything = client_for("circle_member").get(url).content.decode()
    assert "Over de afspraak: “Oma Rita slaapt op weekdagen bij de kinderen.”" in everything


def test_bad_entries_give_a_message_and_save_nothing(world, rita, case2, client_for):
    stranger = seat(DossierFactory(), "Kobe", "informal", "vreemde")
    other_plan = services.plan_create(actor=None, dossier=stranger.dossier, title="Ander plan")
    other_rule = services.rule_add(actor=None, plan=other_plan, text="Elders", participants=[stranger])
    with translation.override("en"):
        with pytest.raises(ValidationError, match="Write down what happened"):
            _entry(world, rita, text="   ")
        with pytest.raises(ValidationError, match="not come yet"):
            _entry(world, rita, happened_on=date(2026, 12, 2))
        with pytest.raises(ValidationError, match="Only the children and the family's network"):
            _entry(world, rita, said_by_participant=stranger)
        with pytest.raises(ValidationError, match="another dossier"):
            _entry(world, rita, rule=other_rule)
    url = reverse("safety_journal_add", args=[world.dossier.pk])
    page = client_for("circle_member").post(url, {"happened_on": "2026-11-24", "kind": "note", "text": ""})
    assert page.status_code == 400 and "Dit veld is verplicht." in page.content.decode()
    outsider = client_for("circle_member").post(
        url, {"happened_on": "2026-11-24", "kind": "note", "text": "x", "said_by": f"p{stranger.pk}"}
    )
    assert outsider.status_code == 400
    assert not JournalEntry.objects.exists()
    done = client_for("circle_member").post(
        url,
        {"happened_on": "2026-11-24", "kind": "went_well", "text": "Goed weekend.", "said_by": f"p{rita.pk}"},
    )
    assert done.status_code == 302 and JournalEntry.objects.get().said_by_participant == rita


def _queries(client, world):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("safety_journal", args=[world.dossier.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_journal_page_query_count_is_constant_and_outsiders_get_404(world, rita, client_for):
    client = client_for("team_lead")
    _entry(world, rita)
    few = _queries(client, world)
    for day in range(1, 20):
        _entry(world, rita, happened_on=date(2026, 11, day), said_by_participant=None if day % 2 else rita)
    client_for("circle_member").post(reverse("safety_journal_read", args=[world.dossier.pk]))
    assert _queries(client, world) == few
    page = reverse("safety_journal", args=[world.dossier.pk])
    add = reverse("safety_journal_add", args=[world.dossier.pk])
    read = reverse("safety_journal_read", args=[world.dossier.pk])
    data = {"happened_on": "2026-11-24", "kind": "note", "text": "x"}
    for persona in ("other_team", "other_org", "privacy_officer"):
        assert client_for(persona).get(page).status_code == 404
        assert client_for(persona).post(add, data).status_code == 404
        assert client_for(persona).post(read).status_code == 404
    glass = client_for("break_glass")
    body = glass.get(page).content.decode()
    assert glass.get(page).status_code == 200 and "Aan het logboek toevoegen" not in body
    assert glass.post(add, data).status_code == 404 and glass.post(read).status_code == 404
    assert (
        JournalEntry.objects.count() == 20 and not JournalRead.objects.filter(user=world.break_glass).exists()
    )
