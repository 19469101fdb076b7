"""Migration cases 0011: events stored before summaries had keys get their key and parameters back from the
text the services wrote then (in nl, nl-be or en), so they read in the reader's language; what people typed
is left as typed, every stored text stays, and the migration reverses (the project's pattern: the
migration's functions on the app registry, as tests/cases/test_event_summaries.py does for 0010)."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.utils.translation import gettext, override

from kring.cases.models import (
    AuthoritySource,
    DossierEvent,
    EndReason,
    EventKind,
    MeasureKind,
    OriginKind,
    PlacementKind,
)

pytestmark = pytest.mark.django_db

migration = importlib.import_module("kring.cases.migrations.0011_old_event_summaries")
migration_0010 = importlib.import_module("kring.cases.migrations.0010_event_summary_key")

DAY = date(2026, 3, 2)


def _old_texts(language: str) -> list[tuple[str, str, str, dict]]:
    """(event kind, the text as the services wrote it in `language` before 0010, key, params): the old
    f-strings and gettext calls, word for word."""
    with override(language):
        ots, mano = str(MeasureKind.NL_OTS.label), str(MeasureKind.BE_MANO.label)
        return [
            (EventKind.MEASURE_STARTED, mano, "measure_started", {"kind": "be_mano"}),
            (
                EventKind.MEASURE_EXTENDED,
                f"{ots} → {date(2027, 3, 1):%d-%m-%Y}",
                "measure_extended",
                {"kind": "nl_ots", "until": "2027-03-01"},
            ),
            (
                EventKind.MEASURE_ENDED,
                f"{mano}: {EndReason.COURT_ENDED.label}",
                "measure_ended",
                {"kind": "be_mano", "reason": "court_ended"},
            ),
            (
                EventKind.OPENED,
                f"{OriginKind.VEILIG_THUIS.label} ({date(2026, 2, 27):%d-%m-%Y})",
                "opened",
                {"origin": "veilig_thuis", "on": "2026-02-27"},
            ),
            (
                EventKind.AUTHORITY_RECORDED,
                f"Marieke de Vries → Sam de Vries: {AuthoritySource.BY_LAW.label}",
                "authority",
                {"holder": "Marieke de Vries", "child": "Sam de Vries", "source": "by_law"},
            ),
            (
                EventKind.AUTHORITY_CHANGED,
                f"Stichting Jeugdbescherming → Sam: {AuthoritySource.GUARDIANSHIP_INSTITUTION.label}",
                "authority",
                {
                    "holder": "Stichting Jeugdbescherming",
                    "child": "Sam",
                    "source": "guardianship_institution",
                },
            ),
            (
                EventKind.SUMMARY_EDITED,
                _edited("title", "summary"),
                "summary_edited",
                {"fields": ["title", "summary"]},
            ),
            (EventKind.SUMMARY_EDITED, _edited("summary"), "summary_edited", {"fields": ["summary"]}),
            (
                EventKind.CLOSURE_PROPOSED,
                gettext("Closure not confirmed: %(note)s") % {"note": "Eerst de zitting: 12 mei."},
                "closure_not_confirmed",
                {"note": "Eerst de zitting: 12 mei."},
            ),
            (
                EventKind.PLACEMENT,
                f"Sam: {PlacementKind.FOSTER_FAMILY.label}",
                "placement",
                {"child": "Sam", "kind": "foster_family", "ended": False},
            ),
            (
                EventKind.PLACEMENT,
                f"{gettext('Stay ended')} · Sam: {PlacementKind.CRISIS.label}",
                "placement",
                {"child": "Sam", "kind": "crisis", "ended": True},
            ),
            (
                EventKind.OPENED,
                gettext("Opened from chain case %(reference)s (%(table)s)")
                % {"reference": "ZSM-2026-0042", "table": "ZSM Noordkust (Alkmaar)"},
                "chain_opened",
                {"reference": "ZSM-2026-0042", "table": "ZSM Noordkust (Alkmaar)"},
            ),
            (
                EventKind.MEETING,
                gettext("Pathway started: %(name)s") % {"name": "Crisis pathway"},
                "pathway_started",
                {"name": "Crisis pathway"},
            ),
            (
                EventKind.MEASURE_EXTENDED,
                gettext("Pathway extended by %(days)s days") % {"days": 14},
                "pathway_extended",
                {"days": 14},
            ),
            (
                EventKind.MEETING,
                gettext("Pathway ended: %(name)s (%(reason)s)")
                % {"name": "Crisis pathway", "reason": EndReason.GOALS_REACHED.label},
                "pathway_ended",
                {"name": "Crisis pathway", "reason": "goals_reached"},
            ),
        ]


def _edited(*fields: str) -> str:
    from kring.cases.models import Dossier

    return ", ".join(str(Dossier._meta.get_field(name).verbose_name) for name in fields)


def _crisis_decision_as_written_then(language: str) -> str:
    """The crisis decision's middle words had no Dutch translation before 0010: a Dutch writer stored them in
    English, between a Dutch label."""
    with override(language):
        return f"Sam: decision on the crisis placement: {gettext('return home')}"


# What people typed, on the same kinds of event: none of it is a generated text.
TYPED = [
    (EventKind.MEETING, "Gesprek met moeder en Sam, afspraken gemaakt."),
    (EventKind.MEETING, "Pathway started: "),
    (EventKind.MEASURE_EXTENDED, "OTS verlengd na de zitting van 3 maart."),
    (EventKind.MEASURE_EXTENDED, f"{MeasureKind.NL_OTS.label} → 31-02-2027"),  # no such day
    (EventKind.CLOSURE_PROPOSED, "Afsluiting voorgesteld door de jeugdbeschermer."),
    (EventKind.PLACEMENT, "Sam: terug bij oma"),
    (EventKind.SUMMARY_EDITED, "titel en samenvatting"),
    (EventKind.CLOSED, "Pathway ended: Crisis pathway (goals reached)"),  # another kind of event
]


def _event(world, kind: str, text: str) -> DossierEvent:
    return DossierEvent.objects.create(dossier=world.dossier, kind=kind, occurred_on=DAY, summary=text)


@pytest.mark.parametrize("language", ["nl", "nl-be", "en"])
def test_old_generated_texts_get_their_key_and_read_in_the_reader_s_language(world, language):
    written = [(_event(world, kind, text), key, params) for kind, text, key, params in _old_texts(language)]

    migration.keys_for_old_summaries(apps, None)

    for event, key, params in written:
        stored = event.summary
        event.refresh_from_db()
        assert (event.summary, event.summary_key, event.summary_params) == (stored, key, params)
        with override(language):  # read in the writer's language, it reads as it was written
            assert event.display_summary == stored
    other = "en" if language != "en" else "nl"
    with override(other):
        expected = [
            str(MeasureKind.BE_MANO.label),
            f"{MeasureKind.NL_OTS.label} → 01-03-2027",
            f"{MeasureKind.BE_MANO.label}: {EndReason.COURT_ENDED.label}",
        ]
        assert [event.display_summary for event, _, _ in written[:3]] == expected


def test_a_crisis_decision_written_half_in_english_reads_in_dutch(world):
    event = _event(world, EventKind.PLACEMENT, _crisis_decision_as_written_then("nl"))

    migration.keys_for_old_summaries(apps, None)

    event.refresh_from_db()
    assert (event.summary_key, event.summary_params) == (
        "crisis_decision",
        {"child": "Sam", "decision": "return_home"},
    )
    with override("nl"):
        assert event.display_summary == "Sam: besluit over de crisisplaatsing: terug naar huis"


def test_typed_texts_stay_as_typed(world):
    typed = [_event(world, kind, text) for kind, text in TYPED]

    migration.keys_for_old_summaries(apps, None)

    assert [
        (e.summary, e.summary_key)
        for e in DossierEvent.objects.filter(pk__in=[e.pk for e in typed]).order_by("pk")
    ] == [(text, "") for _, text in TYPED]


def test_the_migration_reverses_and_leaves_the_keys_of_0010_and_of_new_rows_alone(world):
    with override("nl"):
        dutch_ots = str(MeasureKind.NL_OTS.label)
    keyed_by_0010 = _event(world, EventKind.MEASURE_STARTED, dutch_ots)
    migration_0010.keys_for_started_measures(apps, None)
    old = [_event(world, kind, text) for kind, text, _, _ in _old_texts("nl-be")]
    typed = _event(world, EventKind.MEETING, "Gesprek met de school.")
    # a row written with a key, whose text no old pattern reads (a newer wording): not this migration's
    newer = DossierEvent.objects.create(
        dossier=world.dossier,
        kind=EventKind.MEETING,
        occurred_on=DAY,
        summary="Traject gestart (nieuwe tekst)",
        summary_key="pathway_started",
        summary_params={"name": "Crisis pathway"},
    )

    migration.keys_for_old_summaries(apps, None)
    assert not DossierEvent.objects.filter(pk__in=[e.pk for e in old], summary_key="").exists()

    migration.keys_of_old_summaries_cleared(apps, None)

    for event in old:
        stored = event.summary
        event.refresh_from_db()
        assert (event.summary, event.summary_key, event.summary_params) == (stored, "", {})
    keyed_by_0010.refresh_from_db()
    assert (keyed_by_0010.summary_key, keyed_by_0010.summary_params) == (
        "measure_started",
        {"kind": "nl_ots"},
    )
    newer.refresh_from_db()
    assert newer.summary_key == "pathway_started"
    typed.refresh_from_db()
    assert typed.summary_key == ""

    migration.keys_for_old_summaries(apps, None)  # and forward again
    assert not DossierEvent.objects.filter(pk__in=[e.pk for e in old], summary_key="").exists()
