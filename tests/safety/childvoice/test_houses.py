"""The three houses (worries, good things, dreams) per child, in the child's own words: versions kept,
printable with the story, bad input refused, the same access rule as the story."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kring.audit.models import AuditEntry
from kring.safety.childvoice import services
from kring.safety.childvoice.models import ThreeHouses

WORRIES = "Dat mama 's nachts weer weggaat en dat Louis dan alleen is."
GOOD = "Oma Rita komt elke woensdag. In De Kajuit mag ik tekenen."
DREAMS = "Weer thuis wonen met mama en Louis."


def _url(world, child, name="childvoice_houses_save"):
    return reverse(name, kwargs={"dossier_id": world.dossier.pk, "child_id": child.pk})


def _form(**overrides):
    return {
        "worries": WORRIES,
        "good_things": GOOD,
        "dreams": DREAMS,
        "talked_on": "2026-11-12",
        "based_on": 0,
        **overrides,
    }


def test_the_three_houses_are_written_down_in_versions_and_earlier_ones_stay_readable(
    world, client_for, child
):
    client = client_for("circle_member")
    first = client.post(_url(world, child), _form(worries="Dat ik niet naar huis mag.", dreams=""))
    assert first.status_code == 302 and first["Location"].endswith("#houses")
    second = client.post(_url(world, child), _form(based_on=1))
    assert second.status_code == 302
    versions = list(ThreeHouses.objects.filter(dossier=world.dossier, child=child))
    assert [v.version for v in versions] == [2, 1]
    assert versions[0].worries == WORRIES and versions[0].recorded_by == world.circle_member
    assert versions[0].talked_on == date(2026, 11, 12)
    page = client.get(_url(world, child, "childvoice_child")).content.decode()
    assert 'data-testid="house-good-things">Oma Rita komt elke woensdag.' in page
    assert "Dat ik niet naar huis mag." in page  # version 1, under "Earlier versions"
    assert "Versie 2, van het gesprek van 12 november 2026" in page
    entry = AuditEntry.objects.filter(object_type="childvoice.threehouses").latest("sequence")
    assert entry.action == "create" and set(entry.fields) == {"worries", "good_things", "dreams", "talked_on"}
    assert GOOD not in str(entry.__dict__)


@pytest.mark.parametrize(
    "data, message",
    [
        (_form(worries=" ", good_things="", dreams=""), "in minstens één van de drie huizen"),
        (_form(talked_on=""), "Geef de datum van het gesprek."),
        (_form(talked_on="2026-13-45"), "Voer een geldige datum in."),
        (_form(dreams="x" * 4001), "Dit huis is te lang"),
    ],
)
def test_bad_input_says_what_is_wrong_and_saves_nothing(world, client_for, child, data, message):
    response = client_for("circle_member").post(_url(world, child), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ThreeHouses.objects.exists()


def test_a_conversation_in_the_future_is_refused(world, client_for, child):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for("circle_member").post(_url(world, child), _form(talked_on=tomorrow))
    assert response.status_code == 400
    assert "niet op een datum in de toekomst" in response.content.decode()
    assert not ThreeHouses.objects.exists()


def test_houses_saved_meanwhile_by_someone_else_are_not_overwritten_unseen(world, client_for, child):
    services.three_houses_save(
        actor=world.team_lead,
        dossier=world.dossier,
        child=child,
        worries="Eerst.",
        talked_on=date(2026, 11, 1),
    )
    response = client_for("circle_member").post(_url(world, child), _form(based_on=0))
    assert response.status_code == 400
    assert "Iemand anders heeft de drie huizen van dit kind intussen opgeslagen" in response.content.decode()
    assert ThreeHouses.objects.get().worries == "Eerst."


def test_the_printed_story_holds_the_newest_three_houses(world, client_for, child):
    services.panel_add(actor=None, dossier=world.dossier, child=child, text="Dit is jouw verhaal.")
    services.three_houses_save(
        actor=None, dossier=world.dossier, child=child, worries="Oud.", talked_on=date(2026, 10, 1)
    )
    services.three_houses_save(
        actor=None,
        dossier=world.dossier,
        child=child,
        worries=WORRIES,
        good_things=GOOD,
        dreams=DREAMS,
        talked_on=date(2026, 11, 12),
    )
    response = client_for("team_lead").get(_url(world, child, "childvoice_print"))
    assert response.status_code == 200
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    assert f"De drie huizen van {child.first_name}" in text
    for house in ("Huis van de zorgen", "Huis van de goede dingen", "Huis van de dromen", GOOD, DREAMS):
        assert house in text, house
    assert "Oud." not in text
    assert AuditEntry.objects.filter(action="export").latest("sequence").fields == ["story", "three_houses"]


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass"])
def test_who_may_not_write_gets_404_and_nothing_is_saved(world, client_for, child, persona):
    assert client_for(persona).post(_url(world, child), _form()).status_code == 404
    assert not ThreeHouses.objects.exists()


def test_overview_shows_the_last_conversation_per_child(world, client_for, child):
    services.three_houses_save(
        actor=None, dossier=world.dossier, child=child, dreams=DREAMS, talked_on=date(2026, 11, 12)
    )
    page = client_for("circle_member").get(reverse("childvoice_overview", args=[world.dossier.pk]))
    assert "12 november 2026" in page.content.decode()


def test_the_api_lists_and_saves_three_houses(world, api, child):
    payload = {"worries": WORRIES, "good_things": GOOD, "dreams": "", "talked_on": "2026-11-12"}
    created = api("post", "api:save_three_houses", payload, child_id=child.pk)
    assert created.status_code == 201, created.content
    assert created.json()["version"] == 1 and created.json()["child_id"] == child.pk
    stale = api("post", "api:save_three_houses", {**payload, "based_on": 0}, child_id=child.pk)
    assert stale.status_code == 422
    empty = api(
        "post", "api:save_three_houses", {"talked_on": "2026-11-12", "dreams": "  "}, child_id=child.pk
    )
    assert empty.status_code == 422
    listed = api("get", "api:list_three_houses").json()
    assert [(h["version"], h["worries"]) for h in listed] == [(1, WORRIES)]
    for persona in ("other_team", "other_org"):
        assert api("get", "api:list_three_houses", user=world.user(persona)).status_code == 404
    assert (
        api("post", "api:save_three_houses", payload, user=world.break_glass, child_id=child.pk).status_code
        == 404
    )
    assert ThreeHouses.objects.count() == 1
