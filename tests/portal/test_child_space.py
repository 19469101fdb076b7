"""The child's space in the portal: "how am I doing" (five faces, a few words, one answer a day, seen by the
young person and the worker and by nobody else of the family), the young person's own words-and-pictures
story one part per screen, and the "read aloud" button."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

from kring.access.family import FamilyAction, FamilyPart, family_decide, family_may
from kring.audit.models import AuditAction, AuditEntry, AuditOutcome
from kring.cases.models import DossierStatus
from kring.portal import child_views
from kring.safety.childvoice import images
from kring.safety.childvoice.models import HowAmIDoing, Panel, Story

from .conftest import Verified, verified_client

OTHERS = ("parent_authority", "parent_no_authority", "network_member", "foster_parent")


def _url(family, name="portal_how_am_i_doing", **extra):
    return reverse(name, kwargs={"dossier_id": family.dossier.pk, **extra})


def _api(family, name="portal_how_am_i_doing"):
    return reverse(f"api:{name}", kwargs={"dossier_id": family.dossier.pk})


def _post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


# --- how am I doing ---


def test_the_young_person_says_how_they_are_doing_and_a_second_answer_that_day_replaces_the_first(family):
    noor = verified_client(family.user("young_12"))
    start = noor.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    assert _url(family) in start and _url(family, "portal_story") in start

    page = noor.get(_url(family)).content.decode()
    for words in ("Heel goed", "Goed", "Gaat wel", "Niet goed", "Heel slecht"):
        assert words in page
    assert page.count('type="radio" name="feeling"') == 5

    assert noor.post(_url(family), {"feeling": "4", "words": "Fijn  gevoetbald."}).status_code == 302
    answer = HowAmIDoing.objects.get()
    assert (answer.child, answer.feeling, answer.words, answer.day) == (
        family.noor,
        4,
        "Fijn gevoetbald.",
        date(2026, 12, 6),
    )
    assert answer.recorded_by == family.user("young_12")

    assert noor.post(_url(family), {"feeling": "2", "words": "Ruzie gehad."}).status_code == 302
    answer = HowAmIDoing.objects.get()  # still one for today: the new answer took its place
    assert (answer.feeling, answer.words) == (2, "Ruzie gehad.")
    written = AuditEntry.objects.filter(object_type__endswith="howamidoing", object_id=str(answer.pk))
    assert list(written.order_by("pk").values_list("action", "role")) == [
        (AuditAction.CREATE, "family_young_person"),
        (AuditAction.UPDATE, "family_young_person"),
    ]
    assert all(entry.fields == ["feeling", "words"] for entry in written)  # names only, never the words

    with time_machine.travel("2026-12-07 09:00 +01:00", tick=False):
        next_day = verified_client(family.user("young_12"))  # a new login: yesterday's session has ended
        assert next_day.post(_url(family), {"feeling": "5"})["Location"] == _url(family)
    assert list(HowAmIDoing.objects.order_by("day").values_list("day", "feeling")) == [
        (date(2026, 12, 6), 2),
        (date(2026, 12, 7), 5),
    ]
    page = verified_client(family.user("young_12")).get(_url(family)).content.decode()
    assert "Ruzie gehad." in page and "Heel goed" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies hoe het met je gaat."),
        ({"feeling": ""}, "Kies hoe het met je gaat."),
        ({"feeling": "9"}, "Kies een van de vijf gezichtjes."),
        ({"feeling": "goed"}, "Kies een van de vijf gezichtjes."),
        ({"feeling": "3", "words": "x" * 281}, "281"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(family, data, message):
    response = verified_client(family.user("young_12")).post(_url(family), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HowAmIDoing.objects.exists()


def test_a_closed_dossier_saves_nothing_and_says_why(family):
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    noor = verified_client(family.user("young_12"))
    response = noor.post(_url(family), {"feeling": "4"}, follow=True)
    assert response.status_code == 200 and "gesloten" in response.content.decode()
    api = _post_json(noor, _api(family, "portal_how_am_i_doing_say"), {"feeling": 4})
    assert api.status_code == 409
    assert not HowAmIDoing.objects.exists()
    page = noor.get(_url(family)).content.decode()
    assert 'name="feeling"' not in page and "gesloten" in page  # no form to fill in, and why


@pytest.mark.parametrize("persona", OTHERS)
def test_no_parent_carer_or_network_member_sees_or_writes_the_childs_answers(family, persona):
    verified_client(family.user("young_12")).post(_url(family), {"feeling": "1", "words": "Ik ben bang."})
    client = verified_client(family.user(persona))
    assert client.get(_url(family)).status_code == 404
    assert client.post(_url(family), {"feeling": "5"}).status_code == 404
    assert client.get(_api(family)).status_code == 404
    assert _post_json(client, _api(family, "portal_how_am_i_doing_say"), {"feeling": 5}).status_code == 404
    assert (
        "Ik ben bang." not in client.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    )
    assert HowAmIDoing.objects.get().feeling == 1
    assert AuditEntry.objects.filter(actor_id=family.user(persona).pk, outcome=AuditOutcome.DENIED).exists()


def test_another_child_sees_only_their_own_answers(family):
    verified_client(family.user("young_12")).post(_url(family), {"feeling": "1", "words": "Ik ben bang."})
    sami = verified_client(family.user("young_16"))
    assert "Ik ben bang." not in sami.get(_url(family)).content.decode()
    assert sami.get(_api(family)).json() == []
    assert _post_json(sami, _api(family, "portal_how_am_i_doing_say"), {"feeling": 3}).status_code == 201
    assert sorted(HowAmIDoing.objects.values_list("child_id", "feeling")) == sorted(
        [(family.noor.pk, 1), (family.sami.pk, 3)]
    )


def test_no_setting_gives_a_parent_the_childs_space(family, settings):
    settings.KRING_PORTAL_PARENT_WITHOUT_AUTHORITY_PARTS = ["journal", "how_am_i_doing", "story"]
    for persona in OTHERS:
        account = family.accounts[persona]
        decision = family_decide(Verified(account.user), account)
        assert decision.allowed
        assert FamilyPart.HOW_AM_I_DOING not in decision.parts and FamilyPart.STORY not in decision.parts
        assert not family_may(decision, FamilyAction.SAY_HOW_I_AM_DOING)
    account = family.accounts["young_12"]
    assert family_may(family_decide(Verified(account.user), account), FamilyAction.SAY_HOW_I_AM_DOING)


def test_the_api_reads_and_writes_and_refuses_bad_input(family):
    noor = verified_client(family.user("young_12"))
    say = _api(family, "portal_how_am_i_doing_say")
    for bad in (
        {},
        {"feeling": 0},
        {"feeling": 6},
        {"feeling": "heel goed"},
        {"feeling": 3, "words": "x" * 281},
    ):
        assert _post_json(noor, say, bad).status_code == 422, bad
    assert not HowAmIDoing.objects.exists()
    created = _post_json(noor, say, {"feeling": 5, "words": "Verjaardag!"})
    assert created.status_code == 201
    assert created.json()["feeling"] == 5 and created.json()["day"] == "2026-12-06"
    assert _post_json(noor, say, {"feeling": 4}).status_code == 201
    listed = noor.get(_api(family)).json()
    assert [(row["feeling"], row["words"], row["feeling_label"]) for row in listed] == [(4, "", "goed")]


def test_the_openapi_document_describes_the_childs_space(family):
    schema = verified_client(family.user("young_12")).get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"portal_how_am_i_doing", "portal_how_am_i_doing_say", "portal_story"} <= operations


def test_the_worker_sees_the_trend_as_a_chart_with_a_table_beside_it(family, client_for):
    for day, feeling, words in (
        ("2026-12-04", "2", "Slecht geslapen."),
        ("2026-12-05", "3", ""),
        ("2026-12-06", "5", "Verjaardag!"),
    ):
        with time_machine.travel(f"{day} 16:00 +01:00", tick=False):
            noor = verified_client(family.user("young_12"))
            assert noor.post(_url(family), {"feeling": feeling, "words": words}).status_code == 302
    url = reverse("childvoice_child", args=[family.dossier.pk, family.noor.pk])
    page = client_for("circle_member").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-testid="how-am-i-doing-row"') == 3
    assert "Slecht geslapen." in html and "Verjaardag!" in html
    assert 'id="how-am-i-doing-table"' in html and "<svg" in html.split('id="how-am-i-doing"', 1)[1]
    assert client_for("other_team").get(url).status_code == 404


# --- the words-and-pictures story, in the child's view ---


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


def noors_story(family) -> list[Panel]:
    story = Story.objects.create(dossier=family.dossier, child=family.noor)
    name = images.image_storage().save("matrix-noor.png", io.BytesIO(_png()))
    return [
        Panel.objects.create(story=story, position=1, text="Papa en mama maakten vaak ruzie."),
        Panel.objects.create(
            story=story,
            position=2,
            text="Nu woon je bij mama. Oma Lieke helpt.",
            image_name=name,
            image_content_type="image/png",
            image_width=40,
            image_height=30,
            image_alt="Noor en oma Lieke",
        ),
    ]


def test_the_young_person_reads_their_own_story_one_part_per_screen(family):
    first, second = noors_story(family)
    noor = verified_client(family.user("young_12"))
    page = noor.get(_url(family, "portal_story")).content.decode()
    assert "Papa en mama maakten vaak ruzie." in page and "Oma Lieke helpt" not in page
    assert "Deel 1 van 2" in page and _url(family, "portal_story_part", number=2) in page
    part = noor.get(_url(family, "portal_story_part", number=2)).content.decode()
    picture = _url(family, "portal_story_picture", panel_id=second.pk)
    assert "Oma Lieke helpt." in part and picture in part and 'alt="Noor en oma Lieke"' in part
    assert noor.get(_url(family, "portal_story_part", number=3)).status_code == 404
    response = noor.get(picture)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert AuditEntry.objects.filter(
        object_type__endswith="panel", object_id=str(second.pk), fields=["image"], role="family_young_person"
    ).exists()
    assert noor.get(_url(family, "portal_story_picture", panel_id=first.pk)).status_code == 404  # no picture
    story = noor.get(_api(family, "portal_story")).json()
    assert [(row["number"], row["picture_url"]) for row in story] == [(1, None), (2, picture)]


@pytest.mark.parametrize("persona", ("young_16", *OTHERS))
def test_nobody_else_reads_the_childs_story(family, persona):
    _first, second = noors_story(family)
    client = verified_client(family.user(persona))
    assert client.get(_url(family, "portal_story_picture", panel_id=second.pk)).status_code == 404
    page = client.get(_url(family, "portal_story"))
    if (
        persona == "young_16"
    ):  # Sami's own story does not exist yet: he is told so, and sees nothing of Noor's
        assert page.status_code == 200 and "nog niet gemaakt" in page.content.decode()
        assert "ruzie" not in page.content.decode() and client.get(_api(family, "portal_story")).json() == []
    else:
        assert page.status_code == 404
        assert client.get(_api(family, "portal_story")).status_code == 404


# --- read aloud ---


@pytest.mark.parametrize("name", ("portal_how_am_i_doing", "portal_story"))
def test_the_childs_pages_have_a_read_aloud_button_from_a_static_script(family, name):
    html = verified_client(family.user("young_12")).get(_url(family, name)).content.decode()
    button = html.split("data-read-aloud=", 1)[1].split(">", 1)[0]
    assert 'aria-pressed="false"' in button and " hidden" in button  # shown by the script when it can speak
    assert 'type="button"' in html.split("data-read-aloud=", 1)[0].rsplit("<button", 1)[1]
    assert "Voorlezen" in html
    assert "portal/read_aloud.js" in html
    assert (
        "<script>" not in html and "onclick" not in html
    )  # the Content-Security-Policy allows no inline script


def test_the_read_aloud_script_uses_speech_synthesis_without_eval():
    script = Path(child_views.__file__).parent / "static" / "portal" / "read_aloud.js"
    text = script.read_text(encoding="utf-8")
    assert "speechSynthesis" in text and "aria-pressed" in text and "documentElement" in text
    assert "eval(" not in text and "new Function" not in text and "innerHTML" not in text


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("ar", ("كيف حالك اليوم؟", "جيد جداً", "لا بأس", "سيئ جداً", "اقرأ بصوت عالٍ")),
        ("tr", ("Bugün nasılsın?", "çok iyi", "idare eder", "çok kötü", "Sesli oku")),  # noqa: RUF001 (Turkish dotless i)
        ("pl", ("Jak się dziś czujesz?", "bardzo dobrze", "tak sobie", "bardzo źle", "Przeczytaj na głos")),
        ("en", ("How are you doing today?", "Very good", "Okay", "Very bad", "Read aloud")),
    ],
)
def test_the_childs_page_in_the_persons_language(family, language, texts):
    client = verified_client(family.user("young_12"))
    client.post(reverse("portal_language"), {"language": language})
    page = client.get(_url(family)).content.decode()
    assert f'lang="{language}"' in page
    for text in texts:
        assert text.lower() in page.lower(), text
    response = client.post(_url(family), {"feeling": "9"})
    assert "Kies een van de vijf" not in response.content.decode()  # the refusal in their language too
