"""The mapping of a meeting: three columns, versions per meeting, what changed, the quick htmx form."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kring.audit.models import AuditEntry
from kring.cases.models import CircleMember
from kring.safety import mapping as services
from kring.safety.models import Mapping, MappingItem

from ..factories import DossierFactory
from .conftest import seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client_for):
    return client_for("circle_member")


@pytest.fixture
def mother(world):
    return seat(world.dossier, "Nathalie", "parent", "mama")


@pytest.fixture
def first(world, mother):
    """Mapping 1 of the network meeting on 22 October: one item in four elements, scale 2."""
    seat_ = CircleMember.objects.get(dossier=world.dossier)
    mapping = services.mapping_create(
        actor=world.circle_member,
        dossier=world.dossier,
        held_on=date(2026, 10, 22),
        meeting="Netwerkberaad",
        participants=[mother],
        circle_members=[seat_],
        safety_scale=2,
    )
    for element, text in (
        ("past_harm", "Emma en Louis waren 's nachts alleen thuis."),
        ("danger", "Louis kan iets overkomen als niemand hem hoort."),
        ("strength", "Oma Rita wil helpen."),
        ("next_step", "Buurvrouw Nicole vragen voor het plan."),
    ):
        services.mapping_item_add(actor=world.circle_member, mapping=mapping, element=element, text=text)
    return mapping


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"dossier_id": world.dossier.pk, **kwargs})


def _second(world, first):
    """Mapping 2: one item changed, one removed, one added, one moved to another element; scale 5."""
    second = services.mapping_create(
        actor=world.circle_member, dossier=world.dossier, held_on=date(2026, 11, 5), safety_scale=5
    )
    items = {i.element: i for i in second.items.all()}
    services.mapping_item_update(
        actor=world.circle_member,
        item=items["strength"],
        element="strength",
        text="Oma Rita slaapt op weekdagen bij de kinderen.",
        revision=items["strength"].revision,
    )
    services.mapping_item_update(
        actor=world.circle_member,
        item=items["next_step"],
        element="existing_safety",
        text=items["next_step"].text,
        revision=1,
    )
    services.mapping_item_remove(actor=world.circle_member, item=items["danger"])
    services.mapping_item_add(
        actor=world.circle_member, mapping=second, element="complicating", text="Mama heeft schulden."
    )
    return second


def test_a_new_meeting_copies_the_items_and_the_earlier_mapping_stays_as_it_was(world, first):
    second = _second(world, first)
    assert second.number == 2
    assert [i.text for i in first.items.all()] == [
        "Emma en Louis waren 's nachts alleen thuis.",
        "Louis kan iets overkomen als niemand hem hoort.",
        "Oma Rita wil helpen.",
        "Buurvrouw Nicole vragen voor het plan.",
    ]
    assert first.safety_scale == 2 and second.items.count() == 4
    with translation.override("en"), pytest.raises(ValidationError, match="earlier mapping"):
        services.mapping_item_add(actor=world.circle_member, mapping=first, element="danger", text="Te laat")
    assert first.items.count() == 4


def test_compare_shows_added_removed_and_changed_items(world, first, client):
    second = _second(world, first)
    comparison = services.mapping_compare(first, second)
    assert [c.after.text for c in comparison.added] == ["Mama heeft schulden."]
    assert [c.before.text for c in comparison.removed] == ["Louis kan iets overkomen als niemand hem hoort."]
    changed = {c.before.text: c.after for c in comparison.changed}
    assert changed["Oma Rita wil helpen."].text == "Oma Rita slaapt op weekdagen bij de kinderen."
    assert changed["Buurvrouw Nicole vragen voor het plan."].element == "existing_safety"
    assert comparison.unchanged == 1 and comparison.scale_changed
    assert comparison.left == sorted(["Nathalie Lambrecht", world.circle_member.get_full_name()])
    assert comparison.joined == []

    page = client.get(_url("safety_mapping_changes", world) + "?from=1&to=2")
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('data-kind="added"') == 1 and body.count('data-kind="removed"') == 1
    assert body.count('data-kind="changed"') == 2
    assert "Mama heeft schulden." in body and "<del>Oma Rita wil helpen.</del>" in body
    assert "Veiligheidsschaal: 2 → 5" in body
    # and the other way round: what was added is now removed
    back = client.get(_url("safety_mapping_changes", world) + "?from=2&to=1").content.decode()
    assert back.count('data-kind="removed"') == 1 and "Mama heeft schulden." in back


def test_the_mapping_page_shows_three_columns_and_the_summary_of_changes(world, first, client):
    _second(world, first)
    body = client.get(_url("safety_mapping", world)).content.decode()
    for heading in ("Waar maken we ons zorgen over?", "Wat gaat er goed?", "Wat moet er gebeuren?"):
        assert heading in body
    assert "Sinds mapping 1: 1 toegevoegd, 2 veranderd, 1 verwijderd." in body
    assert 'data-testid="safety-scale">5 van 10' in body
    earlier = client.get(_url("safety_mapping", world) + "?version=1").content.decode()
    assert "Louis kan iets overkomen" in earlier and "Dit is een eerdere mapping" in earlier
    assert 'name="new-held_on"' in earlier and "item-" in earlier
    assert "safety_mapping_item_edit" not in earlier and "/items/add/" not in earlier
    assert client.get(_url("safety_mapping", world) + "?version=9").status_code == 404


def test_quick_add_with_htmx_returns_the_column_with_an_empty_focused_field(world, first, client):
    url = _url("safety_mapping_item_add", world, mapping_id=first.pk)
    response = client.post(
        url,
        {"column": "worries", "worries-element": "complicating", "worries-text": "Schulden bij de bank"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith("<section") and 'id="column-worries"' in body and "Schulden bij de bank" in body
    assert 'id="id_worries-text" value="" maxlength="2000" autocomplete="off" autofocus' in body
    assert '<option value="complicating" selected>' in body  # the element stays as chosen
    assert 'id="mapping-status" role="status" aria-live="polite" hx-swap-oob="true"' in body
    assert "Toegevoegd onder “complicerende factoren”" in body
    assert MappingItem.objects.filter(mapping=first, text="Schulden bij de bank").exists()
    assert AuditEntry.objects.filter(object_type="safety.mappingitem", action="create").count() == 5


def test_quick_add_without_javascript_posts_and_comes_back_to_the_column(world, first, client):
    url = _url("safety_mapping_item_add", world, mapping_id=first.pk)
    response = client.post(
        url, {"column": "needs", "needs-element": "safety_goal", "needs-text": "Altijd een volwassene"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#column-needs")
    assert MappingItem.objects.filter(mapping=first, element="safety_goal").count() == 1


@pytest.mark.parametrize("htmx", [True, False])
def test_an_empty_item_or_an_element_of_another_column_is_refused(world, first, htmx, client):
    url = _url("safety_mapping_item_add", world, mapping_id=first.pk)
    headers = {"HX-Request": "true"} if htmx else {}
    empty = client.post(
        url,
        {"column": "worries", "worries-element": "danger", "worries-text": "  "},
        headers=headers,
        follow=not htmx,
    )
    other = client.post(
        url,
        {"column": "worries", "worries-element": "strength", "worries-text": "Goed"},
        headers=headers,
        follow=not htmx,
    )
    assert "Schrijf iets in het veld voordat u het toevoegt." in empty.content.decode()
    assert "Kies een van de onderdelen van deze kolom." in other.content.decode()
    if htmx:
        assert 'aria-invalid="true"' in empty.content.decode()
    assert first.items.count() == 4


def test_a_stale_edit_is_refused_and_changes_nothing(world, first, client):
    item = first.items.get(element="strength")
    services.mapping_item_update(
        actor=world.circle_member, item=item, element="strength", text="Oma Rita helpt elke dag.", revision=1
    )
    url = _url("safety_mapping_item_edit", world, item_id=item.pk)
    page = client.post(url, {"element": "strength", "text": "Mijn oude versie", "revision": 1}, follow=True)
    assert "Iemand anders heeft dit onderdeel veranderd terwijl u het aanpaste." in page.content.decode()
    item.refresh_from_db()
    assert item.text == "Oma Rita helpt elke dag." and item.revision == 2


def test_bad_meeting_input_gives_a_message_and_saves_nothing(world, first, client):
    stranger = seat(DossierFactory(), "Kobe", "informal", "vreemde")
    url = _url("safety_mapping_add", world)
    scale = client.post(url, {"new-held_on": "2026-11-05", "new-safety_scale": "11"})
    assert scale.status_code == 400 and "Een schaal loopt van 0 tot 10." in scale.content.decode()
    other = client.post(url, {"new-held_on": "2026-11-05", "new-participants": [stranger.pk]})
    assert other.status_code == 400
    with translation.override("en"), pytest.raises(ValidationError, match="family's network"):
        services.mapping_create(
            actor=None, dossier=world.dossier, held_on=date(2026, 11, 5), participants=[stranger]
        )
    with translation.override("en"), pytest.raises(ValidationError, match="0 to 10"):
        services.mapping_create(actor=None, dossier=world.dossier, held_on=date(2026, 11, 5), safety_scale=-1)
    assert Mapping.objects.count() == 1


def _page_queries(client, world, version=None):
    url = _url("safety_mapping", world) + (f"?version={version}" if version else "")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_mapping_page_query_count_is_constant_in_items_and_versions(world, first, client):
    """Two mappings of four items versus six mappings of twenty items, with people on every one; the newest
    mapping (with its forms) and an earlier one (read only).

    The queries: session, user and two-factor check, dossier, the reader's grounds (policy, twice: to read
    and whether they may write), the measures (dossier nav), the mapping versions, the shown and previous
    mapping with their items, participants and circle members, the forms' choices of people, and the audit
    entry with its chain head."""
    people = {
        "participants": list(first.participants.all()),
        "circle_members": list(first.circle_members.all()),
    }
    services.mapping_create(actor=None, dossier=world.dossier, held_on=date(2026, 10, 29), **people)
    small = (_page_queries(client, world), _page_queries(client, world, version=1))
    people["participants"].append(seat(world.dossier, "Rita", "informal", "oma"))
    for n in range(4):
        mapping = services.mapping_create(
            actor=None, dossier=world.dossier, held_on=date(2026, 11, 1 + n), **people
        )
        for i in range(4):
            services.mapping_item_add(actor=None, mapping=mapping, element="strength", text=f"Sterk {n}.{i}")
    assert Mapping.objects.count() == 6 and MappingItem.objects.filter(mapping=mapping).count() == 20
    assert (_page_queries(client, world), _page_queries(client, world, version=1)) == small
    assert _page_queries(client, world, version=4) == small[1]


def test_who_may_not_see_the_mapping_gets_404_and_readers_cannot_write(world, first, client_for):
    page = _url("safety_mapping", world)
    add = _url("safety_mapping_item_add", world, mapping_id=first.pk)
    data = {"column": "worries", "worries-element": "danger", "worries-text": "x"}
    for persona in ("other_team", "other_org", "privacy_officer"):
        assert client_for(persona).get(page).status_code == 404
        assert client_for(persona).post(add, data).status_code == 404
    glass = client_for("break_glass").get(page)
    assert glass.status_code == 200 and "/items/add/" not in glass.content.decode()
    assert client_for("break_glass").post(add, data).status_code == 404
    assert client_for("anonymous").get(page).status_code == 302
    assert first.items.count() == 4
    reads = AuditEntry.objects.filter(dossier_id=world.dossier.pk, action="read", outcome="allowed")
    assert reads.filter(actor_id=world.break_glass.pk, purpose="break_glass").exists()


def test_the_safety_goal_element_shows_the_goals_already_set(world, first, client):
    from kring.safety import statements

    html = client.get(_url("safety_mapping", world)).content.decode()
    needs = html.split('id="column-needs"')[1]
    assert "data-goals-set" in needs and "Er zijn nog geen veiligheidsdoelen gesteld." in needs
    goal = statements.safety_goal_save(
        actor=None,
        dossier=world.dossier,
        language="nl",
        children=[world.dossier.children.get()],
        who_is_worried="de jeugdrechter",
        what_to_see="er 's nachts altijd een volwassene thuis is",
        over_time="de komende zes weken",
    )
    html = client.get(_url("safety_mapping", world)).content.decode()
    goals_set = html.split("data-goals-set")[1].split("</div>")[0]
    assert escape(goal.text) in goals_set and "Veiligheidsdoelen die al gesteld zijn:" in goals_set
    assert html.count("data-goals-set") == 1  # under the safety goals only, not beside the next steps
    # the column served alone after a quick add (htmx) shows them too
    column = client.post(
        _url("safety_mapping_item_add", world, mapping_id=first.pk),
        {"column": "needs", "needs-element": "safety_goal", "needs-text": "Oma slaapt bij hen."},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert escape(goal.text) in column.split("data-goals-set")[1]


@time_machine.travel("2026-11-10 12:00 +01:00", tick=False)
def test_a_meeting_still_to_come_is_refused_like_a_score(world, first, client):
    url = _url("safety_mapping_add", world)
    page = client.post(url, {"new-held_on": "2026-11-11"})
    assert page.status_code == 400
    assert "Een overleg kan niet worden vastgelegd voor een dag die nog moet komen." in page.content.decode()
    assert Mapping.objects.count() == 1
    edit = client.post(
        _url("safety_mapping_edit", world, mapping_id=first.pk), {"edit-held_on": "2026-12-01"}
    )
    first.refresh_from_db()
    assert edit.status_code == 400 and first.held_on == date(2026, 10, 22)
    with translation.override("en"), pytest.raises(ValidationError, match="has not come yet"):
        services.mapping_create(actor=None, dossier=world.dossier, held_on=date(2026, 11, 11))
    assert client.post(url, {"new-held_on": "2026-11-10"}).status_code == 302  # today is fine
