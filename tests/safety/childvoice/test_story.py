"""The words-and-pictures story (woord- en beeldverhaal): panels with pictures checked by content, cleaned of
metadata, stored without a URL and served only through the authorised, audited view; reordering with buttons;
who changed what and when; a stale revision refused; a real PDF."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from kring.access.policy import Action, Section, decide
from kring.accounts.models import OrganisationKind, Role
from kring.audit.models import AuditEntry
from kring.safety.childvoice import services
from kring.safety.childvoice.models import ChangeKind, Panel, Story, StoryChange

from ...factories import (
    CircleMemberFactory,
    ConsentFactory,
    DossierFactory,
    MeasureFactory,
    MembershipFactory,
    OrganisationFactory,
)
from .conftest import jpeg_with_exif, noise_png, png, stored_files, upload

FIRST = "Mama moest 's nachts werken. Emma en Louis waren alleen thuis."
SECOND = "Een buurvrouw hoorde Louis huilen en belde de politie."
THIRD = "Nu slapen jullie bij De Kajuit. Oma Rita, tante Jolien en Nicole helpen mama."


def _child_url(world, child):
    return reverse("childvoice_child", kwargs={"dossier_id": world.dossier.pk, "child_id": child.pk})


def _add_url(world, child):
    return reverse("childvoice_panel_add", kwargs={"dossier_id": world.dossier.pk, "child_id": child.pk})


def _panel_url(world, name, panel):
    return reverse(name, kwargs={"dossier_id": world.dossier.pk, "panel_id": panel.pk})


def _story(world, child, *texts):
    panels = [services.panel_add(actor=None, dossier=world.dossier, child=child, text=t) for t in texts]
    return Story.objects.get(dossier=world.dossier, child=child), panels


# --- pictures ----------------------------------------------------------------------------------------------


def test_a_photo_is_stored_without_its_metadata_under_a_random_name(world, client_for, child, media):
    client = client_for("circle_member")
    response = client.post(
        _add_url(world, child),
        {
            "text": FIRST,
            "image": upload(jpeg_with_exif(), "IMG_2041.jpg", "image/jpeg"),
            "image_alt": "Een huis in de nacht",
            "revision": 0,
        },
    )
    assert response.status_code == 302
    panel = Panel.objects.get()
    assert panel.text == FIRST and panel.position == 1 and panel.image_content_type == "image/jpeg"
    [stored] = stored_files(media)
    assert stored.name == panel.image_name and "IMG_2041" not in stored.name and len(stored.stem) >= 32
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    content = stored.read_bytes()
    assert b"KringCam" not in content and b"Exif" not in content and b"Geheim" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG" and len(image.getexif()) == 0 and image.size == (64, 48)


def test_a_sideways_photo_is_turned_upright_before_its_metadata_goes(world, child, media):
    panel = services.panel_add(
        actor=None,
        dossier=world.dossier,
        child=child,
        text=FIRST,
        image=upload(jpeg_with_exif(size=(64, 48), orientation=6), "foto.jpg", "image/jpeg"),
    )
    assert (panel.image_width, panel.image_height) == (48, 64)


def test_the_picture_is_served_only_through_the_authorised_view_and_every_look_is_audited(
    world, client_for, child, media
):
    panel = services.panel_add(
        actor=None, dossier=world.dossier, child=child, text=FIRST, image=upload(png()), image_alt="Een huis"
    )
    url = _panel_url(world, "childvoice_panel_image", panel)
    page = client_for("circle_member").get(_child_url(world, child)).content.decode()
    assert f'src="{url}"' in page and 'alt="Een huis"' in page
    assert panel.image_name not in page  # the stored name never leaves the server

    response = client_for("circle_member").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == (media / panel.image_name).read_bytes()
    entry = AuditEntry.objects.filter(object_type="childvoice.panel").latest("sequence")
    assert entry.action == "read" and entry.fields == ["image"] and entry.object_id == str(panel.pk)
    assert entry.actor_id == world.circle_member.pk

    for persona in ("other_team", "other_org", "privacy_officer"):
        assert client_for(persona).get(url).status_code == 404, persona
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("break_glass").get(url).status_code == 200
    # the media directory has no URL of its own
    assert client_for("circle_member").get(f"/media/childvoice/{panel.image_name}").status_code == 404


def test_a_pdf_renamed_to_png_is_refused_with_a_clear_message_and_nothing_is_saved(
    world, client_for, child, media
):
    fake = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    response = client_for("circle_member").post(
        _add_url(world, child), {"text": FIRST, "image": upload(fake, "tekening.png"), "revision": 0}
    )
    assert response.status_code == 400
    assert "Dit bestand is geen afbeelding die kring kan gebruiken" in response.content.decode()
    assert not Story.objects.exists() and not Panel.objects.exists() and stored_files(media) == []


def test_an_oversized_picture_is_refused_with_its_size_and_nothing_is_saved(
    world, client_for, child, media, settings
):
    settings.KRING_CHILD_VOICE_MAX_IMAGE_MB = 1
    big = noise_png(700)  # about 1.4 MB
    assert len(big) > 1024 * 1024
    response = client_for("circle_member").post(
        _add_url(world, child), {"text": FIRST, "image": upload(big), "revision": 0}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "De afbeelding is te groot" in page and "hoogstens 1 MB" in page
    assert not Panel.objects.exists() and stored_files(media) == []


def test_a_text_file_a_broken_image_and_an_empty_text_are_refused(world, child, media):
    from django.core.exceptions import ValidationError

    truncated = png()[:60]
    for image, text in ((upload(b"gewoon tekst", "notitie.gif"), FIRST), (upload(truncated), FIRST)):
        with pytest.raises(ValidationError) as error:
            services.panel_add(actor=None, dossier=world.dossier, child=child, text=text, image=image)
        assert "image" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.panel_add(actor=None, dossier=world.dossier, child=child, text="  ", image=upload(png()))
    assert "text" in error.value.message_dict
    assert not Panel.objects.exists() and stored_files(media) == []


# --- order, changes and who did them -----------------------------------------------------------------------


def test_panels_are_reordered_with_move_buttons_and_every_change_says_who_and_when(world, client_for, child):
    story, (_first, _second, third) = _story(world, child, FIRST, SECOND, THIRD)
    client = client_for("circle_member")
    page = client.get(_child_url(world, child)).content.decode()
    assert 'aria-label="Deel 3 omhoog verplaatsen"' in page
    assert 'aria-label="Deel 1 omlaag verplaatsen"' in page

    response = client.post(
        _panel_url(world, "childvoice_panel_move", third), {"direction": "up", "revision": story.revision}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#panel-{third.pk}")
    order = list(Panel.objects.filter(story=story).order_by("position").values_list("text", flat=True))
    assert order == [FIRST, THIRD, SECOND]

    change = StoryChange.objects.filter(story=story).first()
    assert change.kind == ChangeKind.MOVED_UP and change.changed_by == world.circle_member
    assert change.panel_number == 2
    page = client.get(_child_url(world, child)).content.decode()
    assert page.index(THIRD) < page.index(SECOND)
    assert "Deel 2: naar boven verplaatst" in page


def test_the_first_panel_cannot_move_up(world, client_for, child):
    story, (first, _second) = _story(world, child, FIRST, SECOND)
    client = client_for("circle_member")
    response = client.post(
        _panel_url(world, "childvoice_panel_move", first),
        {"direction": "up", "revision": story.revision},
        follow=True,
    )
    assert "Dit deel is al het eerste." in response.content.decode()
    assert list(Panel.objects.order_by("position").values_list("text", flat=True)) == [FIRST, SECOND]


def test_a_change_made_on_an_old_revision_is_refused_and_loses_nobodys_work(world, client_for, child):
    story, (first, _second) = _story(world, child, FIRST, SECOND)
    seen = story.revision
    services.panel_change(
        actor=None, panel=first, text="Mama werkte 's nachts.", revision=seen
    )  # someone else
    response = client_for("circle_member").post(
        _panel_url(world, "childvoice_panel_change", first), {"text": "Iets anders", "revision": seen}
    )
    assert response.status_code == 400
    assert "Iemand anders heeft dit verhaal intussen veranderd" in response.content.decode()
    assert Panel.objects.get(pk=first.pk).text == "Mama werkte 's nachts."
    moved = client_for("circle_member").post(
        _panel_url(world, "childvoice_panel_move", first),
        {"direction": "down", "revision": seen},
        follow=True,
    )
    assert "Iemand anders heeft dit verhaal intussen veranderd" in moved.content.decode()
    assert Panel.objects.get(pk=first.pk).position == 1


def test_a_changed_text_keeps_the_earlier_text_readable(world, client_for, child):
    story, (first,) = _story(world, child, FIRST)
    client = client_for("team_lead")
    response = client.post(
        _panel_url(world, "childvoice_panel_change", first),
        {"text": "Mama moest 's nachts werken.", "image_alt": "", "revision": story.revision},
    )
    assert response.status_code == 302
    change = StoryChange.objects.filter(kind=ChangeKind.TEXT_CHANGED).get()
    assert change.previous_text == FIRST and change.changed_by == world.team_lead
    page = client.get(_child_url(world, child)).content.decode()
    assert "Mama moest &#x27;s nachts werken." in page and FIRST.replace("'", "&#x27;") in page


def test_a_picture_is_replaced_and_removed_and_the_old_file_goes(
    world, client_for, child, media, django_capture_on_commit_callbacks
):
    panel = services.panel_add(
        actor=None, dossier=world.dossier, child=child, text=FIRST, image=upload(png())
    )
    old = panel.image_name
    client = client_for("circle_member")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _panel_url(world, "childvoice_panel_change", panel),
            {"text": FIRST, "image": upload(png(colour=(0, 0, 0))), "revision": 1},
        )
    panel.refresh_from_db()
    assert panel.image_name != old and [p.name for p in stored_files(media)] == [panel.image_name]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _panel_url(world, "childvoice_panel_change", panel),
            {"text": FIRST, "remove_image": "on", "revision": 2},
        )
    panel.refresh_from_db()
    assert not panel.has_image and stored_files(media) == []
    kinds = list(StoryChange.objects.order_by("revision").values_list("kind", flat=True))
    assert kinds == [ChangeKind.PANEL_ADDED, ChangeKind.IMAGE_REPLACED, ChangeKind.IMAGE_REMOVED]


def test_a_removed_panel_closes_the_gap_and_its_text_stays_in_the_changes(
    world, client_for, child, media, django_capture_on_commit_callbacks
):
    story, (_first, second, _third) = _story(world, child, FIRST, SECOND, THIRD)
    services.panel_change(actor=None, panel=second, text=SECOND, image=upload(png()), revision=story.revision)
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("circle_member").post(
            _panel_url(world, "childvoice_panel_remove", second), {"revision": story.revision}
        )
    assert response.status_code == 302
    assert list(Panel.objects.order_by("position").values_list("text", "position")) == [
        (FIRST, 1),
        (THIRD, 2),
    ]
    removed = StoryChange.objects.get(kind=ChangeKind.PANEL_REMOVED)
    assert removed.previous_text == SECOND and removed.panel_number == 2
    assert stored_files(media) == []
    entry = AuditEntry.objects.filter(action="delete").get()
    assert entry.object_type == "childvoice.panel" and entry.object_id == str(second.pk)


# --- the printed story -------------------------------------------------------------------------------------


def test_the_story_prints_as_a_real_pdf_with_its_pictures(world, client_for, child):
    services.panel_add(
        actor=None, dossier=world.dossier, child=child, text=FIRST, image=upload(jpeg_with_exif(), "a.jpg")
    )
    services.panel_add(
        actor=None, dossier=world.dossier, child=child, text=SECOND, image=upload(png()), revision=1
    )
    services.panel_add(actor=None, dossier=world.dossier, child=child, text=THIRD, revision=2)
    url = reverse("childvoice_print", kwargs={"dossier_id": world.dossier.pk, "child_id": child.pk})
    response = client_for("circle_member").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert f"Het verhaal van {child.first_name}" in text
    for panel_text in (FIRST, SECOND, THIRD):
        assert " ".join(panel_text.split()) in text, panel_text
    assert sum(len(page.images) for page in reader.pages) == 2
    assert b"KringCam" not in response.content
    entry = AuditEntry.objects.filter(action="export").latest("sequence")
    assert entry.fields == ["story", "three_houses"] and entry.dossier_id == world.dossier.pk
    for persona in ("other_team", "other_org"):
        assert client_for(persona).get(url).status_code == 404


def test_a_picture_missing_from_the_storage_does_not_break_page_or_print(world, client_for, child, media):
    panel = services.panel_add(
        actor=None, dossier=world.dossier, child=child, text=FIRST, image=upload(png())
    )
    (media / panel.image_name).unlink()
    client = client_for("circle_member")
    assert client.get(_panel_url(world, "childvoice_panel_image", panel)).status_code == 404
    url = reverse("childvoice_print", kwargs={"dossier_id": world.dossier.pk, "child_id": child.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert FIRST.split()[0] in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


# --- who must not see --------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_who_is_not_in_the_dossier_gets_404_everywhere(world, client_for, child, persona):
    _story(world, child, FIRST)
    client = client_for(persona)
    for url in (
        reverse("childvoice_overview", kwargs={"dossier_id": world.dossier.pk}),
        _child_url(world, child),
    ):
        response = client.get(url)
        assert response.status_code == 404 and FIRST.encode() not in response.content
    response = client.post(_add_url(world, child), {"text": SECOND, "revision": 1})
    assert response.status_code == 404
    assert Panel.objects.count() == 1


def test_emergency_access_reads_the_story_but_cannot_change_it(world, client_for, child):
    story, (first,) = _story(world, child, FIRST)
    client = client_for("break_glass")
    page = client.get(_child_url(world, child)).content.decode()
    assert "Mama moest" in page and 'name="text"' not in page and "omhoog" not in page
    assert client.post(_add_url(world, child), {"text": SECOND, "revision": 1}).status_code == 404
    assert (
        client.post(
            _panel_url(world, "childvoice_panel_remove", first), {"revision": story.revision}
        ).status_code
        == 404
    )
    assert Panel.objects.count() == 1
    read = AuditEntry.objects.filter(actor_id=world.break_glass.pk, action="read").latest("sequence")
    assert read.purpose == "break_glass"


def _seat(world, organisation, role=Role.CASE_WORKER):
    return CircleMemberFactory(
        dossier=world.dossier,
        membership=MembershipFactory(team=None, organisation=organisation, role=role),
        started_on=date(2026, 1, 1),
    ).user


def test_the_police_never_sees_the_childs_voice_even_when_a_consent_shares_the_safety_plan(
    world, client_for, child
):
    from django.test import Client

    _story(world, child, FIRST)
    police = OrganisationFactory(name="Politie Wijland", kind=OrganisationKind.POLICE)
    officer = _seat(world, police, Role.CHAIN_PARTNER)
    ConsentFactory(
        dossier=world.dossier,
        given_by=child,
        given_on=date(2026, 5, 1),
        scope="De wijkagent mag het veiligheidsplan zien.",
        shared_with=police,
        sections=[Section.SAFETY_PLAN.value],
    )
    assert decide(officer, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed  # the policy opens it
    client = Client()
    client.force_login(officer)
    for url in (
        reverse("childvoice_overview", kwargs={"dossier_id": world.dossier.pk}),
        _child_url(world, child),
    ):
        response = client.get(url)
        assert response.status_code == 404 and FIRST.encode() not in response.content
    with pytest.raises(Exception) as refused:
        services.panel_add(actor=officer, dossier=world.dossier, child=child, text=SECOND)
    assert refused.typename == "PermissionDenied"
    denied = AuditEntry.objects.filter(actor_id=officer.pk, outcome="denied")
    assert denied.count() == 3


def test_a_care_provider_under_a_compulsory_measure_makes_the_story_with_the_child(world, child):
    from django.test import Client

    crisis = OrganisationFactory(name="De Kajuit", kind=OrganisationKind.CARE_PROVIDER)
    worker = _seat(world, crisis)
    MeasureFactory(dossier=world.dossier, child=child, kind="nl_ots", started_on=date(2026, 3, 1))
    client = Client()
    client.force_login(worker)
    response = client.post(_add_url(world, child), {"text": FIRST, "revision": 0})
    assert response.status_code == 302
    assert Panel.objects.get().updated_by == worker


def test_a_child_of_another_dossier_is_404(world, client_for):
    other = DossierFactory(owning_team=world.dossier.owning_team)
    stranger = other.children.get()
    client = client_for("circle_member")
    assert client.get(_child_url(world, stranger)).status_code == 404
    assert client.post(_add_url(world, stranger), {"text": FIRST, "revision": 0}).status_code == 404
    story = Story.objects.create(dossier=other, child=stranger)
    panel = Panel.objects.create(story=story, position=1, text="Niet van jou")
    for name in ("childvoice_panel_image", "childvoice_panel_remove"):
        method = client.get if name.endswith("image") else client.post
        assert method(_panel_url(world, name, panel), {"revision": 0}).status_code == 404
    assert Panel.objects.filter(pk=panel.pk).exists()


# --- the page stays fast -----------------------------------------------------------------------------------


def test_the_childs_page_does_a_fixed_number_of_queries_however_long_the_story(world, client_for, child):
    client = client_for("circle_member")
    url = _child_url(world, child)
    story, _panels = _story(world, child, FIRST, SECOND)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    revision = Story.objects.get(pk=story.pk).revision
    for number in range(10):
        services.panel_add(
            actor=world.circle_member,
            dossier=world.dossier,
            child=child,
            text=f"Stap {number}",
            image=upload(png()) if number % 2 else None,
            revision=revision + number,
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


# --- the API -----------------------------------------------------------------------------------------------


def test_the_api_lists_stories_as_metadata_and_changes_them_with_the_revision(world, api, child):
    created = api("post", "api:add_panel", {"text": FIRST, "revision": 0}, child_id=child.pk)
    assert created.status_code == 201, created.content
    second = api("post", "api:add_panel", {"text": SECOND}, child_id=child.pk).json()
    services.panel_change(
        actor=None, panel=Panel.objects.get(pk=second["id"]), text=SECOND, image=upload(png()), revision=2
    )
    [story] = api("get", "api:list_stories").json()
    assert story["child_id"] == child.pk and story["revision"] == 3
    assert [p["text"] for p in story["panels"]] == [FIRST, SECOND]
    with_picture = story["panels"][1]
    assert with_picture["has_image"] and with_picture["image_content_type"] == "image/png"
    assert with_picture["image_url"] == reverse(
        "childvoice_panel_image", kwargs={"dossier_id": world.dossier.pk, "panel_id": second["id"]}
    )
    assert "image_name" not in with_picture

    stale = api("post", "api:move_panel", {"direction": "up", "revision": 2}, panel_id=second["id"])
    assert stale.status_code == 422 and "intussen veranderd" in stale.content.decode()
    moved = api("post", "api:move_panel", {"direction": "up", "revision": 3}, panel_id=second["id"])
    assert moved.status_code == 200 and moved.json()["position"] == 1
    changed = api(
        "post", "api:change_panel", {"text": "Louis huilde.", "revision": 4}, panel_id=created.json()["id"]
    )
    assert changed.status_code == 200 and changed.json()["text"] == "Louis huilde."
    removed = api("post", "api:remove_panel", {"revision": 5}, panel_id=second["id"])
    assert removed.status_code == 204
    assert [p["text"] for p in api("get", "api:list_stories").json()[0]["panels"]] == ["Louis huilde."]


def test_the_api_refuses_bad_input_and_readers_without_rights(world, api, child):
    assert api("post", "api:add_panel", {"text": "  "}, child_id=child.pk).status_code == 422
    assert api("post", "api:add_panel", {"text": "x" * 2001}, child_id=child.pk).status_code == 422
    assert (
        api("post", "api:add_panel", {"text": FIRST}, user=world.break_glass, child_id=child.pk).status_code
        == 404
    )
    for persona in ("other_team", "other_org"):
        assert api("get", "api:list_stories", user=world.user(persona)).status_code == 404
    assert not Panel.objects.exists()
