"""Generated summaries in the dossier's history read in the reader's language, whatever the writer's was;
what a user typed reads as typed; rows from before the key keep their text."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from kring.cases import event_summaries
from kring.cases.event_summaries import Summary
from kring.cases.models import DossierEvent, EndReason, EventKind, MeasureKind
from kring.cases.services import dossier_event_add, history

pytestmark = pytest.mark.django_db

STARTED = date(2026, 3, 2)


def _label(choice, language: str) -> str:
    with override(language):
        return str(choice.label)


def _reader(client_for, language: str):
    """The circle member, having chosen `language` in the language switch (its cookie)."""
    client = client_for("circle_member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _measure_recorded_in(world, language: str):
    """An OTS started, and ended with its goals reached, by a writer working in `language`."""
    child = world.dossier.children.get()
    with override(language):
        measure = history.measure_start(
            actor=None, dossier=world.dossier, child=child, kind=MeasureKind.NL_OTS, started_on=STARTED
        )
        history.measure_end(
            actor=None, measure=measure, ended_on=date(2026, 9, 1), end_reason=EndReason.GOALS_REACHED
        )
    return measure


@pytest.mark.parametrize(("written", "read"), [("nl", "en"), ("en", "nl")])
def test_an_event_written_in_one_language_reads_in_the_other_on_the_page(world, client_for, written, read):
    _measure_recorded_in(world, written)
    ots_written, ots_read = _label(MeasureKind.NL_OTS, written), _label(MeasureKind.NL_OTS, read)
    goals_read = _label(EndReason.GOALS_REACHED, read)
    assert ots_written != ots_read  # the catalogue translates the label, so the test can tell them apart

    page = _reader(client_for, read).get(reverse("dossier_timeline", kwargs={"dossier_id": world.dossier.pk}))

    html = page.content.decode()
    assert page.status_code == 200
    assert f"{ots_read}: {goals_read}" in html
    assert ots_written not in html
    # the stored text stays in the writer's language
    started = DossierEvent.objects.get(kind=EventKind.MEASURE_STARTED)
    assert (started.summary, started.summary_key, started.summary_params) == (
        ots_written,
        event_summaries.MEASURE_STARTED,
        {"kind": MeasureKind.NL_OTS},
    )


@pytest.mark.parametrize(("written", "read"), [("nl", "en"), ("en", "nl")])
def test_the_api_gives_the_summary_in_the_readers_language(world, client_for, written, read):
    _measure_recorded_in(world, written)

    events = (
        _reader(client_for, read).get(reverse("api:list_events", args=[world.dossier.pk])).json()["items"]
    )

    summaries = {event["kind"]: event["summary"] for event in events}
    assert summaries[EventKind.MEASURE_STARTED] == _label(MeasureKind.NL_OTS, read)
    assert summaries[EventKind.MEASURE_ENDED] == (
        f"{_label(MeasureKind.NL_OTS, read)}: {_label(EndReason.GOALS_REACHED, read)}"
    )


def test_a_typed_summary_reads_as_typed_and_an_unknown_key_falls_back_to_the_stored_text(world):
    typed = dossier_event_add(
        dossier=world.dossier, kind=EventKind.MEETING, day=STARTED, summary=" Gesprek met school ", actor=None
    )
    foreign = DossierEvent.objects.create(
        dossier=world.dossier,
        kind=EventKind.MEETING,
        occurred_on=STARTED,
        summary="Traject gestart: Veilig Verder",
        summary_key="no_such_key",
    )

    with override("en"):
        assert (typed.summary_key, typed.display_summary) == ("", "Gesprek met school")
        assert foreign.display_summary == "Traject gestart: Veilig Verder"


def test_every_generated_summary_renders_in_both_languages_and_a_wrong_key_is_refused():
    samples = {
        event_summaries.MEASURE_STARTED: {"kind": "nl_ots"},
        event_summaries.MEASURE_EXTENDED: {"kind": "nl_ots", "until": "2027-03-01"},
        event_summaries.MEASURE_ENDED: {"kind": "nl_ots", "reason": "goals_reached"},
        event_summaries.OPENED: {"origin": "court_order", "on": "2026-03-01"},
        event_summaries.AUTHORITY: {"holder": "Fatma Visser", "child": "Noor Visser", "source": ""},
        event_summaries.SUMMARY_EDITED: {"fields": ["title", "summary"]},
        event_summaries.CLOSURE_NOT_CONFIRMED: {"note": "nog een gesprek"},
        event_summaries.PLACEMENT: {"child": "Noor", "kind": "at_home", "ended": True},
        event_summaries.CRISIS_DECISION: {"child": "Noor", "decision": "return_home"},
        event_summaries.CHAIN_OPENED: {"reference": "ZSM-WL-2026-0002", "table": "ZSM Wijland"},
        event_summaries.PATHWAY_STARTED: {"name": "Safe Path"},
        event_summaries.PATHWAY_EXTENDED: {"days": 28},
        event_summaries.PATHWAY_ENDED: {"name": "Safe Path", "reason": "goals_reached"},
        event_summaries.PATHWAY_PAUSED: {"name": "Safe Path", "reason": "in het ziekenhuis"},
        event_summaries.PATHWAY_RESUMED: {"name": "Safe Path", "days": 12},
    }
    assert set(samples) == set(event_summaries.RENDERERS)
    translated = set()
    for key, params in samples.items():
        with override("nl"):
            dutch = event_summaries.render(key, params)
        with override("en"):
            english = event_summaries.render(key, params)
        assert dutch and english
        if dutch != english:
            translated.add(key)
    # names and codes only (a holder and a child) may read the same; words are translated
    assert translated >= set(samples) - {event_summaries.AUTHORITY}
    with pytest.raises(KeyError):
        Summary("no_such_key")


def test_the_migration_gives_started_measures_their_key_and_keeps_every_text(world):
    migration = importlib.import_module("kring.cases.migrations.0010_event_summary_key")
    with override("nl"):
        dutch = str(MeasureKind.NL_OTS.label)
    started = DossierEvent.objects.create(
        dossier=world.dossier, kind=EventKind.MEASURE_STARTED, occurred_on=STARTED, summary=dutch
    )
    typed = DossierEvent.objects.create(
        dossier=world.dossier, kind=EventKind.MEASURE_STARTED, occurred_on=STARTED, summary="iets anders"
    )

    migration.keys_for_started_measures(apps, None)

    started.refresh_from_db()
    typed.refresh_from_db()
    assert (started.summary, started.summary_key, started.summary_params) == (
        dutch,
        "measure_started",
        {"kind": "nl_ots"},
    )
    assert (typed.summary, typed.summary_key) == ("iets anders", "")
    with override("en"):
        assert started.display_summary == str(MeasureKind.NL_OTS.label)

    migration.keys_cleared(apps, None)

    started.refresh_from_db()
    assert (started.summary, started.summary_key, started.summary_params) == (dutch, "", {})
