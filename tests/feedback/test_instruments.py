"""Feedback instruments: shipped as data, scored in one place, frozen once answered, scored from the CLI."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from kring.feedback.models import Administration, Answer, Instrument, Item
from kring.feedback.scoring import score, validate_answers
from kring.feedback.services import administration_submit, instrument_item_update, instrument_revise

# Seed 004, case 1 (EXIT at closure): parents grade 10, result 3.8, process 4; young person 5, 3.2, 2.8.
PARENTS = {
    "grade": 10,
    "r1": 4,
    "r2": 4,
    "r3": 4,
    "r4": 4,
    "r5": 3,
    "p1": 4,
    "p2": 4,
    "p3": 4,
    "p4": 4,
    "p5": 4,
}
YOUNG = {"grade": 5, "r1": 4, "r2": 3, "r3": 3, "r4": 3, "r5": 3, "p1": 3, "p2": 3, "p3": 3, "p4": 3, "p5": 2}


@pytest.fixture
def exit_instrument(db):
    return Instrument.objects.get(slug="exit", version=1)


SHIPPED = {
    "exit",
    "session-start",
    "session-end",
    "samen-sterker",
    "lgm",
    "anchors-youth",
    "anchors-worker",
    "self-check",
}


def test_the_instruments_are_shipped_as_data(db):
    assert set(Instrument.objects.values_list("slug", flat=True)) == SHIPPED
    for slug in ("session-start", "session-end"):
        items = list(Instrument.objects.get(slug=slug).items.all())
        assert len(items) == 5
        assert all((i.min_value, i.max_value) == (0, 10) for i in items)
        assert items[-1].key == "overall"


def test_seed_exit_parents_report_grade_and_subscales(exit_instrument):
    assert score(exit_instrument, PARENTS) == {
        "subscales": {"result": 3.8, "process": 4.0},
        "report_grade": 10,
    }


def test_seed_exit_young_person_report_grade_and_subscales(exit_instrument):
    assert score(exit_instrument, YOUNG) == {"subscales": {"result": 3.2, "process": 2.8}, "report_grade": 5}


def test_seed_exit_parents_and_young_person_stored_at_closure(world, exit_instrument):
    for respondent, answers in (("parent", PARENTS), ("young_person", YOUNG)):
        administration_submit(
            instrument=exit_instrument,
            dossier=world.dossier,
            respondent_type=respondent,
            answers={**answers, "comment": "Dank jullie wel."},
            taken_on=date(2026, 11, 20),
        )
    parents = Administration.objects.get(respondent_type="parent")
    assert score(exit_instrument, parents.answers_by_key())["subscales"] == {"result": 3.8, "process": 4.0}
    assert parents.answers_by_key()["comment"] == "Dank jullie wel."
    exit_instrument.refresh_from_db()
    assert exit_instrument.is_frozen


def test_the_session_scales_score_the_overall_out_of_the_subscale(db):
    start = Instrument.objects.get(slug="session-start")
    result = score(start, {"me": 6, "close": 7, "daily": 5, "life": 8, "overall": 7})
    assert result == {"subscales": {"wellbeing": 6.5}}


@pytest.mark.parametrize(
    ("change", "bad_key"),
    [
        ({"r1": 5}, "r1"),
        ({"r1": 0}, "r1"),
        ({"grade": 11}, "grade"),
        ({"p2": 2.5}, "p2"),
        ({"p3": "veel"}, "p3"),
        ({"p4": None}, "p4"),
        ({"unknown": 3}, "unknown"),
    ],
)
def test_wrong_or_missing_answers_are_refused_and_nothing_is_stored(world, exit_instrument, change, bad_key):
    answers = {**PARENTS, **change}
    with pytest.raises(ValidationError) as refused:
        administration_submit(
            instrument=exit_instrument, dossier=world.dossier, respondent_type="parent", answers=answers
        )
    assert bad_key in refused.value.message_dict
    assert not Administration.objects.exists()
    assert not Answer.objects.exists()
    exit_instrument.refresh_from_db()
    assert not exit_instrument.is_frozen


def test_a_missing_answer_is_explained_in_plain_dutch(exit_instrument, settings):
    from django.utils import translation

    answers = {k: v for k, v in PARENTS.items() if k != "r2"}
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_answers(exit_instrument, answers)
    message = refused.value.message_dict["r2"][0]
    assert message.startswith("Geef antwoord op de vraag")


def test_the_optional_comment_may_stay_empty(exit_instrument):
    assert "comment" not in validate_answers(exit_instrument, {**PARENTS, "comment": ""})


def test_an_unanswered_instrument_can_still_be_edited(db):
    end = Instrument.objects.get(slug="session-end")
    item = end.items.get(key="heard")
    instrument_item_update(item, text="I felt heard.")
    assert Item.objects.get(pk=item.pk).text == "I felt heard."


def test_a_frozen_instrument_cannot_be_edited_in_place(world, exit_instrument):
    administration_submit(
        instrument=exit_instrument, dossier=world.dossier, respondent_type="parent", answers=PARENTS
    )
    item = exit_instrument.items.get(key="r1")
    with pytest.raises(ValidationError):
        instrument_item_update(item, max_value=5)
    item.refresh_from_db()
    item.max_value = 5
    with pytest.raises(ValidationError):
        item.save()
    with pytest.raises(ValidationError):
        Item.objects.create(instrument=exit_instrument, key="extra", text="Extra?", answer_type="scale_1_4")
    with pytest.raises(ValidationError):
        item.delete()
    assert Item.objects.get(pk=item.pk).max_value == 4


def test_a_revision_keeps_earlier_administrations_readable_and_comparable(world, exit_instrument):
    first = administration_submit(
        instrument=exit_instrument, dossier=world.dossier, respondent_type="parent", answers=PARENTS
    )
    revised = instrument_revise(exit_instrument)
    assert (revised.slug, revised.version, revised.is_frozen) == ("exit", 2, False)
    assert [i.key for i in revised.items.all()] == [i.key for i in exit_instrument.items.all()]
    instrument_item_update(revised.items.get(key="r5"), text="I know who to call if things go wrong again.")
    second = administration_submit(
        instrument=revised, dossier=world.dossier, respondent_type="parent", answers=PARENTS
    )
    first.refresh_from_db()
    assert first.instrument == exit_instrument
    assert exit_instrument.items.get(key="r5").text == "I know where to go if I need help again."
    assert score(first.instrument, first.answers_by_key()) == score(
        second.instrument, second.answers_by_key()
    )


def test_the_command_lists_the_instruments(db, capsys):
    call_command("instrument_score", "--list")
    assert capsys.readouterr().out.split() == sorted(SHIPPED)


def test_the_command_describes_an_instrument(db, capsys):
    call_command("instrument_score", "--instrument", "exit", "--describe")
    items = {item["id"]: item for item in json.loads(capsys.readouterr().out)["items"]}
    assert {k: items["r1"][k] for k in ("id", "min", "max", "subscale")} == {
        "id": "r1",
        "min": 1,
        "max": 4,
        "subscale": "result",
    }
    assert (items["grade"]["min"], items["grade"]["max"]) == (1, 10)


def test_the_command_scores_answers_from_a_file(db, capsys, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(YOUNG))
    call_command("instrument_score", "--instrument", "exit", "--answers", str(answers))
    assert json.loads(capsys.readouterr().out) == {
        "subscales": {"result": 3.2, "process": 2.8},
        "report_grade": 5,
    }


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["--instrument", "nope", "--describe"], None, "Unknown instrument"),
        ([], None, "Give --list"),
        (["--instrument", "exit"], None, "Give --describe"),
        (["--instrument", "exit", "--answers", "ANSWERS"], "{not json", "not valid JSON"),
        (["--instrument", "exit", "--answers", "ANSWERS"], "[1, 2]", "JSON object"),
        (["--instrument", "exit", "--answers", "ANSWERS"], json.dumps({**YOUNG, "r1": 9}), "r1"),
        (["--instrument", "exit", "--answers", "missing.json"], None, "Cannot read"),
    ],
)
def test_the_command_explains_bad_input(db, tmp_path, args, content, message):
    path = tmp_path / "answers.json"
    if content is not None:
        path.write_text(content)
    args = [str(path) if a == "ANSWERS" else (str(tmp_path / a) if a == "missing.json" else a) for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("instrument_score", *args)


def test_the_shipping_migration_can_be_undone_and_redone(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("kring.feedback.migrations.0002_ship_instruments")
    migration.unship(apps, None)
    assert not Instrument.objects.filter(slug__in=migration.SLUGS).exists()
    assert Instrument.objects.count() == len(SHIPPED) - 3  # the later migrations' instruments stay
    migration.ship(apps, None)
    migration.ship(apps, None)
    assert Instrument.objects.count() == len(SHIPPED)
    assert Instrument.objects.get(slug="exit").items.count() == 12
