"""The caseload lists: my dossiers and my team's, filters, search, pagination, audit and query counts."""

from datetime import date, timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from kring.accounts.models import OrganisationKind, Role
from kring.audit.models import AuditEntry
from kring.cases import caseload as caseload_module
from kring.cases.caseload import CaseloadFilters, Cursor, Scope, caseload_for_user
from kring.cases.caseload_forms import CaseloadFilterForm, parse_birth_date
from kring.cases.models import (
    CircleMember,
    Contact,
    ContactKind,
    Dossier,
    DossierEvent,
    DossierStatus,
    EventKind,
    Measure,
    MeasureKind,
    Person,
)
from kring.cases.services import dossier_event_add
from kring.cases.services.history import contact_register

from ..conftest import PERSONAS
from ..factories import MeasureFactory, MembershipFactory, OrganisationFactory, TeamFactory
from ..queries import count_queries as _queries

TODAY = date(2026, 6, 15)
A = "anonymous"

# For the lead, to add to tests/cases/matrix.py (the same statuses are asserted in test_team_list_matrix):
#   "dossier_team_list": Case("get", expect={A: 302}),
TEAM_LIST_STATUSES = {persona: 200 for persona in PERSONAS} | {A: 302}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(f"{TODAY.isoformat()} 10:00 +02:00", tick=False):
        yield


def _dossier(
    team,
    *,
    title: str,
    reference: str,
    children=(("Kind", "Test", date(2015, 1, 1)),),
    seat=None,
    status: str = DossierStatus.OPEN,
    opened_on: date = date(2026, 1, 5),
) -> Dossier:
    dossier = Dossier.objects.create(
        reference=reference,
        title=title,
        jurisdiction="NL",
        owning_team=team,
        status=status,
        opened_on=opened_on,
    )
    dossier.children.add(
        *(Person.objects.create(first_name=f, last_name=la, date_of_birth=born) for f, la, born in children)
    )
    if seat is not None:
        CircleMember.objects.create(
            dossier=dossier, user=seat.user, membership=seat, case_role="gezinsvoogd", started_on=opened_on
        )
    return dossier


def _measure(
    dossier, kind=MeasureKind.NL_OTS, *, started_on=date(2026, 1, 10), planned_end_on=None, ended_on=None
):
    return MeasureFactory(
        dossier=dossier,
        child=dossier.children.first(),
        kind=kind,
        started_on=started_on,
        planned_end_on=planned_end_on,
        ended_on=ended_on,
    )


def _event(dossier, day: date) -> DossierEvent:
    # through the service, which keeps the dossier's denormalised last-event date
    return dossier_event_add(dossier=dossier, kind=EventKind.MEETING, day=day, summary="Gesprek", actor=None)


@pytest.fixture
def seat(world):
    """The circle member's membership in Team Noord (the team of the world's dossier)."""
    return world.circle_member.memberships.get()


@pytest.fixture
def caseload(world, seat):
    """Three more Team Noord dossiers with the circle member seated, and one of Team Noord without her."""
    noord = world.dossier.owning_team
    world.dossier.children.update(first_name="Fenna", last_name="Visser", date_of_birth=date(2013, 4, 2))
    return {
        "bakker": _dossier(
            noord,
            title="Gezin Bakker",
            reference="KR-NL-2026-0101",
            children=(("Noor", "de Jong", date(2014, 3, 7)), ("Sem", "de Jong", date(2018, 11, 30))),
            seat=seat,
        ),
        "yilmaz": _dossier(
            noord,
            title="Gezin Yilmaz",
            reference="KR-NL-2026-0102",
            children=(("Elif", "Yilmaz", date(2012, 5, 1)),),
            seat=seat,
        ),
        "closed": _dossier(
            noord,
            title="Gezin Smit",
            reference="KR-NL-2025-0103",
            children=(("Daan", "Smit", date(2010, 2, 2)),),
            seat=seat,
            status=DossierStatus.CLOSED,
            opened_on=date(2025, 2, 1),
        ),
        "not_seated": _dossier(
            noord, title="Gezin Mulder", reference="KR-NL-2026-0104", children=(("Lotte", "Mulder", None),)
        ),
    }


def _titles(client, url_name: str = "dossier_list", **params) -> list[str]:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return [d.title for d in response.context["page_obj"].object_list]


# --- search -------------------------------------------------------------------------------------------------


def test_it_finds_a_child_by_part_of_the_name_whatever_the_case(caseload, client_for):
    client = client_for("circle_member")
    assert _titles(client, q="NOO") == ["Gezin Bakker"]
    assert _titles(client, q="jong") == ["Gezin Bakker"]
    assert _titles(client, q="elif") == ["Gezin Yilmaz"]


def test_it_finds_a_child_across_first_and_last_name_in_any_order(caseload, client_for):
    client = client_for("circle_member")
    assert _titles(client, q="noor de jo") == ["Gezin Bakker"]
    assert _titles(client, q="jong  noor") == ["Gezin Bakker"]
    # every word must fit one and the same child: Noor is no Yilmaz
    assert _titles(client, q="noor yilmaz") == []


@pytest.mark.parametrize("written", ["07-03-2014", "7-3-2014", "07/03/2014", "07.03.2014", "2014-03-07"])
def test_it_finds_a_child_by_date_of_birth(written, caseload, client_for):
    assert _titles(client_for("circle_member"), q=written) == ["Gezin Bakker"]


def test_it_finds_a_dossier_by_reference_and_family_name(caseload, client_for):
    client = client_for("circle_member")
    assert _titles(client, q="2026-0102") == ["Gezin Yilmaz"]
    assert _titles(client, q="kr-nl-2026-0101") == ["Gezin Bakker"]
    assert _titles(client, q="smit") == ["Gezin Smit"]


def test_search_never_reaches_beyond_what_the_reader_may_open(caseload, client_for):
    assert _titles(client_for("circle_member"), q="Mulder") == []
    assert _titles(client_for("team_lead"), q="Mulder") == ["Gezin Mulder"]
    assert _titles(client_for("other_team"), q="Jong") == []


@pytest.mark.parametrize("written", ["31-02-2014", "2014-13-01", "00-01-2014"])
def test_a_date_that_does_not_exist_is_a_clear_error_and_shows_nothing(written, caseload, client_for):
    response = client_for("circle_member").get(reverse("dossier_list"), {"q": written})
    assert response.status_code == 200
    content = response.content.decode()
    assert response.context["form"].has_error("q", code="invalid_date")
    assert written in content and 'role="alert"' in content
    assert response.context["invalid"]
    assert list(response.context["page_obj"].object_list) == []
    assert "Gezin Bakker" not in content
    assert not AuditEntry.objects.filter(fields=["list"]).exists()


def test_parse_birth_date_tells_dates_from_text():
    assert parse_birth_date("7-3-2014") == date(2014, 3, 7)
    assert parse_birth_date("2014-03-07") == date(2014, 3, 7)
    assert parse_birth_date("Noor") is None
    assert parse_birth_date("2014") is None


# --- filters ------------------------------------------------------------------------------------------------


def test_legal_frame_counts_only_measures_running_today(caseload, client_for):
    _measure(caseload["bakker"], MeasureKind.NL_OTS, planned_end_on=date(2027, 1, 10))
    _measure(caseload["yilmaz"], MeasureKind.NL_OTS, ended_on=date(2026, 5, 1))  # ended
    _measure(caseload["closed"], MeasureKind.NL_OTS, started_on=date(2026, 7, 1))  # not started yet
    _measure(caseload["yilmaz"], MeasureKind.NL_VOLUNTARY)
    client = client_for("circle_member")
    assert _titles(client, frame=MeasureKind.NL_OTS) == ["Gezin Bakker"]
    assert _titles(client, frame=MeasureKind.NL_VOLUNTARY) == ["Gezin Yilmaz"]
    assert _titles(client, frame=MeasureKind.BE_MANO) == []


@pytest.mark.parametrize("keys", [2_000, 1], ids=["as keys", "as a subquery beyond the keys"])
def test_planned_end_within_days(keys, caseload, client_for, monkeypatch):
    monkeypatch.setattr(caseload_module, "ENDING_KEYS", keys)
    _measure(caseload["bakker"], planned_end_on=TODAY + timedelta(days=10))
    _measure(caseload["yilmaz"], planned_end_on=TODAY + timedelta(days=40))
    _measure(caseload["closed"], planned_end_on=TODAY + timedelta(days=5), ended_on=date(2026, 6, 1))  # ended
    client = client_for("circle_member")
    assert _titles(client, ends_within=10) == ["Gezin Bakker"]
    assert _titles(client, ends_within=9) == []
    assert _titles(client, ends_within=60) == ["Gezin Bakker", "Gezin Yilmaz"]


def test_no_activity_for_weeks_uses_the_newest_event_or_else_the_opening_date(world, caseload, client_for):
    _event(caseload["bakker"], TODAY - timedelta(weeks=10))
    _event(caseload["bakker"], TODAY - timedelta(weeks=1))  # the newest counts
    _event(caseload["yilmaz"], TODAY - timedelta(weeks=9))
    # Gezin Smit and the world's Gezin Visser have no events: opened 2025-02-01 and 2026-03-02
    client = client_for("circle_member")
    assert _titles(client, inactive_weeks=8) == ["Gezin Visser", "Gezin Yilmaz", "Gezin Smit"]
    assert _titles(client, inactive_weeks=20) == ["Gezin Smit"]
    assert _titles(client, inactive_weeks=1) == ["Gezin Visser", "Gezin Bakker", "Gezin Yilmaz", "Gezin Smit"]


def test_no_contact_for_weeks_uses_the_newest_contact_or_else_the_opening_date(world, caseload, client_for):
    contact = {"minutes": 60, "kind": ContactKind.HOME_VISIT, "worker": world.circle_member, "actor": None}
    contact_register(dossier=caseload["bakker"], occurred_on=TODAY - timedelta(weeks=10), **contact)
    contact_register(dossier=caseload["bakker"], occurred_on=TODAY - timedelta(weeks=1), **contact)
    contact_register(dossier=caseload["yilmaz"], occurred_on=TODAY - timedelta(weeks=9), **contact)
    _event(caseload["closed"], TODAY - timedelta(days=2))  # activity is not contact
    client = client_for("circle_member")
    assert _titles(client, no_contact_weeks=8) == ["Gezin Visser", "Gezin Yilmaz", "Gezin Smit"]
    assert _titles(client, no_contact_weeks=20) == ["Gezin Smit"]
    page = client.get(reverse("dossier_list")).content.decode()
    assert "Last contact" in page or "Laatste contact" in page


def test_status_filter_and_open_dossiers_first(world, caseload, client_for):
    client = client_for("circle_member")
    assert _titles(client, status="closed") == ["Gezin Smit"]
    assert _titles(client) == ["Gezin Visser", "Gezin Bakker", "Gezin Yilmaz", "Gezin Smit"]


def test_filters_combine(caseload, client_for):
    _measure(caseload["bakker"], planned_end_on=TODAY + timedelta(days=10))
    _measure(caseload["yilmaz"], planned_end_on=TODAY + timedelta(days=10))
    client = client_for("circle_member")
    assert _titles(client, frame=MeasureKind.NL_OTS, ends_within=30, q="elif", status="open") == [
        "Gezin Yilmaz"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"ends_within": "abc"},
        {"ends_within": "0"},
        {"ends_within": "-3"},
        {"ends_within": "100000"},
        {"inactive_weeks": "1.5"},
        {"inactive_weeks": "9999"},
        {"frame": "nl_nonsense"},
        {"status": "archived"},
        {"q": "x" * 101},
    ],
)
def test_invalid_filter_input_shows_a_message_and_no_dossiers(params, caseload, client_for):
    response = client_for("circle_member").get(reverse("dossier_list"), params)
    assert response.status_code == 200
    assert response.context["invalid"]
    assert response.context["page_obj"].count == 0 and not response.context["page_obj"].object_list
    assert 'role="alert"' in response.content.decode()
    assert "Gezin Bakker" not in response.content.decode()


def test_the_form_labels_every_field(client_for, world):
    content = client_for("circle_member").get(reverse("dossier_list")).content.decode()
    for name in CaseloadFilterForm.base_fields:
        assert f'for="id_{name}"' in content


# --- what a reader of another organisation sees -------------------------------------------------------------


@pytest.fixture
def police_seat(world):
    """The police chain partner gets a seat in the world's dossier, which has a running OTS."""
    membership = world.other_org.memberships.get()
    CircleMember.objects.create(
        dossier=world.dossier, user=world.other_org, membership=membership, case_role="wijkagent"
    )
    _measure(world.dossier, planned_end_on=TODAY + timedelta(days=10))
    _event(world.dossier, TODAY - timedelta(days=3))
    return membership


def test_another_organisation_sees_the_dossier_but_not_its_measures_or_history(
    world, police_seat, client_for
):
    response = client_for("other_org").get(reverse("dossier_list"))
    (row,) = response.context["page_obj"].object_list
    assert row.pk == world.dossier.pk
    assert not row.whole_dossier
    assert row.frames == [] and row.planned_end is None and row.last_activity is None
    content = response.content.decode()
    assert "Not shared with your organisation" in content or "Niet gedeeld" in content
    table = content[content.index("<table") : content.index("</table>")]
    assert "OTS" not in table and "ondertoezichtstelling" not in table


def test_another_organisation_cannot_filter_on_measures_or_history(world, police_seat, client_for):
    client = client_for("other_org")
    assert _titles(client, q="Visser") == [
        "Gezin Visser"
    ]  # children and the family are shared with the circle
    assert _titles(client, frame=MeasureKind.NL_OTS) == []
    assert _titles(client, ends_within=30) == []
    assert _titles(client, inactive_weeks=1) == []
    # whereas the owning organisation's case worker finds it
    assert _titles(client_for("circle_member"), frame=MeasureKind.NL_OTS) == ["Gezin Visser"]


def test_the_list_shows_running_frames_planned_end_and_last_activity(world, caseload, client_for):
    _measure(caseload["bakker"], MeasureKind.NL_OTS, planned_end_on=TODAY + timedelta(days=10))
    _measure(caseload["bakker"], MeasureKind.NL_OTS, started_on=date(2024, 1, 1), ended_on=date(2025, 1, 1))
    _event(caseload["bakker"], date(2026, 6, 1))
    response = client_for("circle_member").get(reverse("dossier_list"), {"q": "Bakker"})
    (row,) = response.context["page_obj"].object_list
    assert row.frames == [str(MeasureKind.NL_OTS.label)]
    assert row.planned_end == TODAY + timedelta(days=10) and row.ends_soon
    assert row.last_activity == date(2026, 6, 1)
    assert [child.first_name for child in row.children.all()] == ["Noor", "Sem"]
    content = response.content.decode()
    assert "Noor (12)" in content and "Sem (7)" in content
    assert "KR-NL-2026-0101" in content


# --- my team's dossiers -------------------------------------------------------------------------------------


@pytest.fixture
def teams(world, seat, caseload):
    """A dossier of Team Zuid with the other-team case worker seated."""
    zuid_seat = world.other_team.memberships.get()
    zuid = _dossier(zuid_seat.team, title="Gezin Zuid", reference="KR-NL-2026-0201", seat=zuid_seat)
    return {"zuid": zuid}


def test_the_team_lead_sees_all_of_her_team(world, teams, client_for):
    response = client_for("team_lead").get(reverse("dossier_team_list"))
    rows = response.context["page_obj"].object_list
    assert sorted(r.title for r in rows) == [
        "Gezin Bakker",
        "Gezin Mulder",
        "Gezin Smit",
        "Gezin Visser",
        "Gezin Yilmaz",
    ]
    assert all(row.whole_dossier for row in rows)


def test_emergency_access_lists_the_dossier_without_its_measures_or_history(world, police_seat, client_for):
    (row,) = client_for("break_glass").get(reverse("dossier_list")).context["page_obj"].object_list
    assert row.pk == world.dossier.pk and not row.whole_dossier and row.frames == []
    assert _titles(client_for("break_glass"), frame=MeasureKind.NL_OTS) == []


def test_a_case_worker_sees_only_the_team_dossiers_she_may_open(world, teams, client_for):
    titles = _titles(client_for("circle_member"), "dossier_team_list")
    assert sorted(titles) == ["Gezin Bakker", "Gezin Smit", "Gezin Visser", "Gezin Yilmaz"]


def test_another_team_sees_its_own_team_only(world, teams, client_for):
    assert _titles(client_for("other_team"), "dossier_team_list") == ["Gezin Zuid"]


def test_the_team_list_leaves_out_dossiers_of_other_teams_that_i_may_open(world, teams, seat, client_for):
    # the Noord case worker also sits in the Team Zuid dossier: in her list, not in her team's list
    CircleMember.objects.create(
        dossier=teams["zuid"], user=world.circle_member, membership=seat, case_role="vervanger"
    )
    client = client_for("circle_member")
    assert "Gezin Zuid" in _titles(client)
    assert "Gezin Zuid" not in _titles(client, "dossier_team_list")


@pytest.mark.parametrize("persona", ["other_org", "break_glass", "privacy_officer"])
def test_people_without_a_team_have_an_empty_team_list(persona, world, teams, client_for):
    assert _titles(client_for(persona), "dossier_team_list") == []


def test_the_team_list_filters_too(world, teams, client_for):
    client = client_for("team_lead")
    assert _titles(client, "dossier_team_list", q="lotte") == ["Gezin Mulder"]
    assert _titles(client, "dossier_team_list", status="closed") == ["Gezin Smit"]


def test_a_team_member_who_left_sees_no_team_list(world, teams, seat, client_for):
    seat.is_active = False
    seat.save()
    assert _titles(client_for("circle_member"), "dossier_team_list") == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_team_list_matrix(persona, world, client_for):
    response = client_for(persona).get(reverse("dossier_team_list"))
    assert response.status_code == TEAM_LIST_STATUSES[persona]


@pytest.mark.parametrize("walk", [False, True])
def test_the_selector_is_never_wider_than_the_policy(walk, world, teams, monkeypatch):
    from kring.access.policy import dossier_visible_row, dossiers_visible_to

    monkeypatch.setattr(caseload_module, "walks", lambda user: walk)
    users = (world.circle_member, world.team_lead, world.other_team, world.other_org, world.break_glass)
    for user in (*users, world.privacy_officer):
        visible = set(dossiers_visible_to(user).values_list("pk", flat=True))
        # the row-by-row form the walked lists use is the same rule set as the policy's query
        assert set(Dossier.objects.filter(dossier_visible_row(user)).values_list("pk", flat=True)) == visible
        mine = set(caseload_for_user(user=user, scope=Scope.MINE, filters=CaseloadFilterForm().filters()))
        assert {d.pk for d in mine} == visible
        team = set(caseload_for_user(user=user, scope=Scope.TEAM, filters=CaseloadFilterForm().filters()))
        assert {d.pk for d in team} <= visible


# --- pagination and htmx ------------------------------------------------------------------------------------


def _many(team, seat, count: int, *, prefix: str = "Gezin Veen", first_name: str = "Noor") -> list[Dossier]:
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            reference=f"KR-NL-{prefix[-4:].upper()}-{n:04d}",
            title=f"{prefix} {n:03d}",
            jurisdiction="NL",
            owning_team=team,
            opened_on=date(2026, 1, 1) - timedelta(days=n),
        )
        for n in range(count)
    )
    people = Person.objects.bulk_create(
        Person(first_name=first_name, last_name=f"Veen {n}", date_of_birth=date(2016, 1, 1))
        for n in range(count)
    )
    Dossier.children.through.objects.bulk_create(
        Dossier.children.through(dossier_id=d.pk, person_id=p.pk)
        for d, p in zip(dossiers, people, strict=True)
    )
    CircleMember.objects.bulk_create(
        CircleMember(
            dossier=d, user=seat.user, membership=seat, case_role="gezinsvoogd", started_on=date(2025, 1, 1)
        )
        for d in dossiers
    )
    return dossiers


def test_pagination_keeps_the_filters(world, seat, client_for):
    # a name no factory makes up, so the world's own dossier never matches the search
    _many(world.dossier.owning_team, seat, 30, first_name="Noorvlinder")
    _many(world.dossier.owning_team, seat, 10, prefix="Gezin Anders", first_name="Piet")
    client = client_for("circle_member")
    response = client.get(reverse("dossier_list"), {"q": "noorvlinder", "status": "open"})
    page = response.context["page_obj"]
    assert page.count == 30 and not page.count_capped and len(page.object_list) == 25
    assert page.previous_cursor is None and page.next_cursor == Cursor.of(page.object_list[-1]).encode()
    content = response.content.decode()
    assert f"?q=noorvlinder&amp;status=open&amp;after={quote(page.next_cursor)}" in content
    second = client.get(
        reverse("dossier_list"), {"q": "noorvlinder", "status": "open", "after": page.next_cursor}
    )
    second_page = second.context["page_obj"]
    titles = [d.title for d in second_page.object_list]
    assert len(titles) == 5 and all(t.startswith("Gezin Veen") for t in titles)
    assert not set(titles) & {d.title for d in page.object_list}
    assert second_page.next_cursor is None
    assert "?q=noorvlinder&amp;status=open" in second.content.decode()  # back to page 1, filters kept
    back = client.get(
        reverse("dossier_list"), {"q": "noorvlinder", "status": "open", "before": second_page.previous_cursor}
    )
    assert [d.title for d in back.context["page_obj"].object_list] == [d.title for d in page.object_list]
    assert back.context["page_obj"].previous_cursor is None


@pytest.mark.parametrize("walk", [False, True])
def test_pages_follow_the_caseload_order_in_both_directions(walk, world, seat, client_for, monkeypatch):
    """Open dossiers first, newest first, by reference; the same whether the page is gathered or walked."""
    monkeypatch.setattr(caseload_module, "walks", lambda user: walk)
    team = world.dossier.owning_team
    _many(team, seat, 40)
    closed = _many(team, seat, 30, prefix="Gezin Dicht")
    Dossier.objects.filter(pk__in=[d.pk for d in closed]).update(status=DossierStatus.CLOSED)
    client = client_for("circle_member")
    visible = list(caseload_for_user(user=seat.user, scope=Scope.MINE, filters=CaseloadFilters()))
    visible.sort(key=lambda d: (d.status != DossierStatus.OPEN, -d.opened_on.toordinal(), d.reference))
    expected = [d.reference for d in visible]
    seen, params, pages = [], {}, []
    while True:
        page = client.get(reverse("dossier_list"), params).context["page_obj"]
        pages.append(page)
        seen += [d.reference for d in page.object_list]
        if not page.next_cursor:
            break
        params = {"after": page.next_cursor}
    assert seen == expected and len(pages) == 3
    backwards = []
    params = {"before": pages[-1].previous_cursor}
    while True:
        page = client.get(reverse("dossier_list"), params).context["page_obj"]
        backwards = [d.reference for d in page.object_list] + backwards
        if not page.previous_cursor:
            break
        params = {"before": page.previous_cursor}
    assert backwards == expected[: len(backwards)] and len(backwards) == 50


def test_a_cursor_that_is_no_cursor_or_past_the_end_gives_the_first_page(world, seat, client_for):
    _many(world.dossier.owning_team, seat, 30)
    client = client_for("circle_member")
    first = [d.pk for d in client.get(reverse("dossier_list")).context["page_obj"].object_list]
    for params in ({"after": "x"}, {"before": "1~not-a-date~KR"}, {"after": "0~1900-01-01~A"}):
        response = client.get(reverse("dossier_list"), params)
        assert [d.pk for d in response.context["page_obj"].object_list] == first


def test_a_long_list_says_more_than_its_count_cap(world, seat, client_for, monkeypatch):
    monkeypatch.setattr(caseload_module, "COUNT_CAP", 20)
    _many(world.dossier.owning_team, seat, 30)
    response = client_for("circle_member").get(reverse("dossier_list"))
    page = response.context["page_obj"]
    assert page.count_capped and page.count == 20
    assert (
        "more than 20 dossiers" in response.content.decode()
        or "meer dan 20 dossiers" in response.content.decode()
    )


def test_the_filter_form_asks_for_the_results_alone(caseload, client_for):
    client = client_for("circle_member")
    response = client.get(
        reverse("dossier_list"),
        {"q": "noor"},
        headers={"HX-Request": "true", "HX-Target": "caseload-results"},
    )
    content = response.content.decode()
    assert "<html" not in content and "Gezin Bakker" in content and "<table" in content
    assert "HX-Target" in response["Vary"]
    full = client.get(reverse("dossier_list"), {"q": "noor"})
    assert "<html" in full.content.decode()
    assert 'hx-get="/dossiers/"' in full.content.decode() and 'hx-push-url="true"' in full.content.decode()
    restore = client.get(
        reverse("dossier_list"),
        {"q": "noor"},
        headers={"HX-Request": "true", "HX-Target": "caseload-results", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.content.decode()


# --- audit --------------------------------------------------------------------------------------------------


def test_every_listed_dossier_and_only_those_is_audited_once(world, seat, client_for):
    dossiers = _many(world.dossier.owning_team, seat, 30)
    response = client_for("circle_member").get(reverse("dossier_list"))
    shown = {d.pk for d in response.context["page_obj"].object_list}
    entries = AuditEntry.objects.filter(fields=["list"], actor_id=world.circle_member.pk)
    assert len(shown) == 25
    assert sorted(str(e.dossier_id) for e in entries) == sorted(str(pk) for pk in shown)
    assert len({e.request_id for e in entries}) == 1
    assert {e.action for e in entries} == {"read"}
    assert len({d.pk for d in dossiers} | {world.dossier.pk}) == 31


def test_a_filtered_list_audits_only_the_matches(caseload, world, client_for):
    client_for("circle_member").get(reverse("dossier_list"), {"q": "elif"})
    entries = AuditEntry.objects.filter(fields=["list"])
    assert [e.dossier_id for e in entries] == [caseload["yilmaz"].pk]


def test_the_team_list_audits_the_team_leads_listing_as_team_lead(world, teams, client_for):
    client_for("team_lead").get(reverse("dossier_team_list"))
    entries = AuditEntry.objects.filter(fields=["list"], actor_id=world.team_lead.pk)
    assert entries.count() == 5
    assert {e.role for e in entries} == {Role.TEAM_LEAD}


# --- query counts -------------------------------------------------------------------------------------------

ALL_FILTERS = {"q": "noor", "status": "open", "frame": "nl_ots", "ends_within": "365", "inactive_weeks": "1"}


def _with_history(dossiers: list[Dossier]) -> None:
    for dossier in dossiers:
        _measure(dossier, planned_end_on=TODAY + timedelta(days=30))
        _event(dossier, TODAY - timedelta(weeks=10))


# The queries of a caseload page, by how it finds its dossiers (kring.cases.caseload.walks):
#   every page: session, user, MFA requirement (the reader's memberships with team and organisation, loaded
#     once for the whole request: kring.access.policy.current_memberships; a device), whether the reader
#     walks (many seats; a team lead walks, known from the memberships, as are the team list's teams);
#   gathered (a reader with few dossiers, a filter on planned ends, a search by a reader with many seats):
#     every matching key (sorted and paged in Python, counted exactly); with a filter on planned ends, the
#     keys of the dossiers whose running measure ends that soon first, on PostgreSQL (handed to it as values);
#   walked (a team lead or a reader with many seats): the keys of the open and of the other dossiers (two
#     index range scans from the cursor), the bounded count;
#   then: the page's rows (team, organisation, whole-dossier flag, the reader's seat), their children, their
#   running measures, audit (one insert: the log is chained afterwards; the grounds per dossier from the
#   rows' seats and the memberships, emergency grants only for a designated member), navigation (an
#   insights grant; the rest from the memberships, as is the "new dossier" link), the unanswered "I don't
#   feel safe" alerts (kring.portal).
LIST_QUERIES = {(False, False): 12, (True, False): 14, (False, True): 12, (True, True): 12}


@pytest.mark.parametrize("walk", [False, True])
@pytest.mark.parametrize("url_name", ["dossier_list", "dossier_team_list"])
@pytest.mark.parametrize("params", [{}, ALL_FILTERS])
def test_the_list_does_not_grow_with_the_number_of_dossiers(
    walk, url_name, params, world, seat, client_for, monkeypatch
):
    real_walks = caseload_module.walks
    monkeypatch.setattr(caseload_module, "walks", lambda user: real_walks(user) or walk)
    client = client_for("circle_member")
    team = world.dossier.owning_team
    _with_history(_many(team, seat, 5))
    few = _queries(client, reverse(url_name), params)
    _with_history(_many(team, seat, 195, prefix="Gezin Meer"))
    many = _queries(client, reverse(url_name), params)
    ending_keys = 1 if params and connection.vendor == "postgresql" else 0
    assert few == many == LIST_QUERIES[walk, bool(params)] + ending_keys


def test_a_reader_with_many_seats_walks_and_the_page_costs_the_same(world, seat, client_for, monkeypatch):
    monkeypatch.setattr(caseload_module, "WALK_FROM_SEATS", 10)
    client = client_for("circle_member")
    _many(world.dossier.owning_team, seat, 5)
    assert not caseload_module.walks(seat.user)
    _many(world.dossier.owning_team, seat, 20, prefix="Gezin Meer")
    assert caseload_module.walks(seat.user)
    assert _queries(client, reverse("dossier_list")) == LIST_QUERIES[True, False]
    _many(world.dossier.owning_team, seat, 60, prefix="Gezin Veel")
    assert _queries(client, reverse("dossier_list")) == LIST_QUERIES[True, False]


def test_the_list_does_not_grow_with_children_or_events(world, seat, client_for):
    client = client_for("circle_member")
    (dossier,) = _many(world.dossier.owning_team, seat, 1)
    _with_history([dossier])
    few = _queries(client, reverse("dossier_list"), ALL_FILTERS)
    children = Person.objects.bulk_create(
        Person(first_name="Noor", last_name=f"Broer {n}", date_of_birth=date(2010, 1, 1)) for n in range(200)
    )
    dossier.children.add(*children)
    Measure.objects.bulk_create(
        Measure(dossier=dossier, child=child, kind=MeasureKind.NL_OTS, started_on=date(2026, 1, 1))
        for child in children
    )
    DossierEvent.objects.bulk_create(
        DossierEvent(
            dossier=dossier,
            kind=EventKind.MEETING,
            occurred_on=TODAY - timedelta(days=70 + n % 300),
            summary="x",
        )
        for n in range(2_000)
    )
    Dossier.objects.filter(pk=dossier.pk).refresh_activity()  # a bulk load past the service
    many = _queries(client, reverse("dossier_list"), ALL_FILTERS)
    assert many == few
    response = client.get(reverse("dossier_list"), ALL_FILTERS)
    row = next(r for r in response.context["page_obj"].object_list if r.pk == dossier.pk)
    assert row.children.count() == 201
    assert row.last_activity == TODAY - timedelta(weeks=10)


def test_an_invalid_filter_costs_no_dossier_queries(world, client_for):
    client = client_for("circle_member")
    assert _queries(client, reverse("dossier_list"), {"ends_within": "x"}) <= 8


# --- another organisation's team ----------------------------------------------------------------------------


def test_a_team_lead_of_another_organisation_sees_none_of_ours(world, caseload, client_for):
    other = TeamFactory(organisation=OrganisationFactory(kind=OrganisationKind.LOCAL_TEAM), name="Team Noord")
    lead = MembershipFactory(team=other, role=Role.TEAM_LEAD).user
    client = client_for("anonymous")
    client.force_login(lead)
    assert _titles(client, "dossier_team_list") == []
    assert _titles(client) == []


# --- the denormalised activity columns ----------------------------------------------------------------------


def _columns(dossier) -> tuple:
    dossier.refresh_from_db(fields=["last_event_on", "last_contact_on"])
    return dossier.last_event_on, dossier.last_contact_on


def _recomputed(dossier) -> tuple:
    events = DossierEvent.objects.filter(dossier=dossier).order_by("-occurred_on").first()
    contacts = Contact.objects.filter(dossier=dossier).order_by("-occurred_on").first()
    return (events.occurred_on if events else None, contacts.occurred_on if contacts else None)


def test_every_writing_service_keeps_the_activity_columns(caseload, world, seat):
    from kring.cases.services import circle_member_add, circle_member_end
    from kring.cases.services.history import dossier_scale, measure_end, measure_start

    dossier, actor = caseload["bakker"], world.team_lead
    assert _columns(dossier) == (None, None)  # nothing recorded yet: the lists use the opening date
    measure = measure_start(
        actor=actor,
        dossier=dossier,
        child=dossier.children.first(),
        kind=MeasureKind.NL_OTS,
        started_on=TODAY - timedelta(days=40),
        planned_end_on=TODAY + timedelta(days=300),
    )
    assert _columns(dossier) == (TODAY - timedelta(days=40), None) == _recomputed(dossier)
    dossier_scale(
        actor=actor, dossier=dossier, up=True, occurred_on=TODAY - timedelta(days=20), note="zorgen"
    )
    assert _columns(dossier) == _recomputed(dossier) == (TODAY - timedelta(days=20), None)
    member = circle_member_add(
        actor=actor,
        dossier=dossier,
        membership=MembershipFactory(team=dossier.owning_team, role=Role.CASE_WORKER),
        case_role="gedragswetenschapper",
        assignment="",
        started_on=TODAY - timedelta(days=10),
    )
    assert _columns(dossier) == _recomputed(dossier)
    circle_member_end(actor=actor, member=member, ended_on=TODAY)
    measure_end(actor=actor, measure=measure, ended_on=TODAY - timedelta(days=1), end_reason="goals_reached")
    contact_register(
        actor=actor,
        dossier=dossier,
        occurred_on=TODAY - timedelta(days=3),
        minutes=45,
        kind=ContactKind.PHONE,
        worker=world.circle_member,
    )
    assert _columns(dossier) == _recomputed(dossier)
    assert _columns(dossier)[1] == TODAY - timedelta(days=3)
    # a backdated entry does not move the date back
    _event(dossier, TODAY - timedelta(days=300))
    contact_register(
        actor=actor,
        dossier=dossier,
        occurred_on=date(2026, 2, 1),
        minutes=10,
        kind=ContactKind.PHONE,
        worker=actor,
    )
    assert _columns(dossier) == _recomputed(dossier)
    assert _columns(dossier)[1] == TODAY - timedelta(days=3)
    # other dossiers are untouched
    assert _columns(caseload["yilmaz"]) == (None, None)


def test_the_command_and_the_migration_compute_the_columns_for_existing_rows(caseload, world):
    from importlib import import_module
    from io import StringIO

    from django.apps import apps
    from django.core.management import call_command

    dossier = caseload["yilmaz"]
    DossierEvent.objects.create(
        dossier=dossier, kind=EventKind.MEETING, occurred_on=date(2026, 5, 1), summary="x"
    )
    Contact.objects.create(
        dossier=dossier,
        occurred_on=date(2026, 4, 1),
        minutes=5,
        kind=ContactKind.PHONE,
        worker=world.circle_member,
    )
    assert _columns(dossier) == (None, None)  # written past the services
    call_command("dossier_refresh_activity", stdout=StringIO())
    assert _columns(dossier) == (date(2026, 5, 1), date(2026, 4, 1))
    Dossier.objects.update(last_event_on=None, last_contact_on=None)
    migration = import_module("kring.cases.migrations.0006_dossier_activity_and_caseload_indexes")
    migration.fill_activity(apps, None)
    assert _columns(dossier) == (date(2026, 5, 1), date(2026, 4, 1))
    assert _columns(caseload["bakker"]) == (None, None)
