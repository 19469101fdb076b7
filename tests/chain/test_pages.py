"""The chain table in the browser's language of forms: bring in a case, the daily list, context requests,
joint interpretation, the decision and the look-back. Who may and who may not, bad input that saves
nothing, concurrent edits that are caught, and query counts that do not grow."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.chain import services
from kring.chain.models import ChainCase, ChainPerson, ContextRequest, PartnerView, Stage

from .conftest import bring_in, english_client, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    yield


client = english_client


def _text(response) -> str:
    return response.content.decode()


def _case(zsm, reference="ZSM-P-1", deepen=True, **extra):
    return bring_in(zsm, reference, deepen, **extra)


def _intake(zsm, **changes) -> dict:
    data = {
        "table": zsm.table.pk,
        "brought_in_by": zsm.orgs["police"].pk,
        "reference": "ZSM-NEW-1",
        "incident": "Stole three cans of cola; seems confused.",
        "incident_on": "2026-03-02",
        "listed_on": "2026-03-03",
        "legal_status": "arrested",
        "persons-TOTAL_FORMS": "3",
        "persons-INITIAL_FORMS": "0",
        "persons-MIN_NUM_FORMS": "0",
        "persons-MAX_NUM_FORMS": "20",
        "persons-0-role": "suspect",
        "persons-0-name": "Gerrit Smeets",
        "persons-0-birth_date": "1965-01-10",
        "persons-0-problems": "0",
        "persons-0-intellectual_disability": "on",
        "persons-1-role": "",
        "persons-1-name": "",
        "persons-1-birth_date": "",
        "persons-1-problems": "0",
        "persons-2-role": "",
        "persons-2-name": "",
        "persons-2-birth_date": "",
        "persons-2-problems": "0",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- bringing in a case ------------------------------------------------------------------------------------


def test_it_brings_in_a_case_with_persons_and_flags_triggers(zsm):
    police = client(zsm.users["police"])
    page = police.get(reverse("chain_case_new"))
    assert page.status_code == 200
    assert 'for="id_persons-0-birth_date"' in _text(page)  # every input has its label
    response = police.post(
        reverse("chain_case_new"),
        _intake(
            zsm,
            **{
                "persons-1-role": "child_present",
                "persons-1-name": "Lotte Smeets",
                "persons-1-birth_date": "2016-05-05",
                "persons-1-custody_unclear": "on",
                "triggers_by_hand": "contradictory_facts",
            },
        ),
    )
    case = ChainCase.objects.get(reference="ZSM-NEW-1")
    assert response.status_code == 302 and response["Location"] == reverse("chain_case", args=[case.pk])
    assert case.brought_in_by == zsm.orgs["police"] and case.listed_on == date(2026, 3, 3)
    assert sorted(case.triggers) == ["contradictory_facts", "intellectual_disability", "unclear_custody"]
    assert case.triggers_by_hand == ["contradictory_facts"]
    assert [(p.role, p.name) for p in case.persons.all()] == [
        ("suspect", "Gerrit Smeets"),
        ("child_present", "Lotte Smeets"),
    ]
    assert AuditEntry.objects.filter(action="create", object_type="chain.chaincase").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"incident_on": "2026-02-30"}, "Enter a valid date."),
        ({"persons-0-birth_date": "1965-13-01"}, "Enter a valid date."),
        ({"incident_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "cannot be in the future"),
        ({"persons-0-birth_date": "2026-04-01"}, "A person cannot be born after the incident."),
        ({"listed_on": "2026-03-01"}, "A case cannot be on the list before the incident."),
        (
            {
                "persons-0-role": "",
                "persons-0-name": "",
                "persons-0-birth_date": "",
                "persons-0-intellectual_disability": None,
            },
            "Name at least one person involved.",
        ),
        ({"persons-0-role": ""}, "This field is required."),
        ({"persons-1-name": "Someone"}, "This field is required."),
        ({"incident": "  "}, "This field is required."),
        ({"persons-0-problems": "-1"}, "greater than or equal to 0"),
    ],
)
def test_bad_intake_shows_a_clear_message_and_saves_nothing(zsm, changes, message):
    response = client(zsm.users["police"]).post(reverse("chain_case_new"), _intake(zsm, **changes))
    assert response.status_code == 400
    assert message in _text(response)
    assert not ChainCase.objects.exists() and not ChainPerson.objects.exists()


def test_a_reference_in_use_is_refused(zsm):
    _case(zsm, "ZSM-NEW-1")
    response = client(zsm.users["police"]).post(reverse("chain_case_new"), _intake(zsm))
    assert response.status_code == 400 and "This reference is already in use." in _text(response)
    assert ChainCase.objects.count() == 1


def test_add_another_person_keeps_what_was_typed_without_errors(zsm):
    data = _intake(zsm, add_person="1", **{"persons-1-name": "Half typed"})
    response = client(zsm.users["police"]).post(reverse("chain_case_new"), data)
    page = _text(response)
    assert response.status_code == 200 and not ChainCase.objects.exists()
    assert 'name="persons-3-role"' in page and 'name="persons-4-role"' not in page
    assert 'value="Gerrit Smeets"' in page and 'value="Half typed"' in page
    assert "This field is required." not in page and "autofocus" in page


def test_the_intake_preview_shows_what_the_rules_flag(zsm):
    data = _intake(
        zsm,
        **{
            "persons-1-role": "suspect",
            "persons-1-name": "Jordy",
            "persons-1-birth_date": "2010-09-01",
            "persons-1-problems": "3",
        },
    )
    response = client(zsm.users["police"]).post(
        reverse("chain_intake_preview"), data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "intellectual disability" in _text(response) and "young person with many problems" in _text(
        response
    )
    assert not ChainCase.objects.exists()


def test_only_partners_at_a_table_bring_in_cases(zsm):
    assert client(zsm.users["outside"]).get(reverse("chain_case_new")).status_code == 404
    assert client(zsm.users["outside"]).post(reverse("chain_case_new"), _intake(zsm)).status_code == 404
    # a partner cannot bring in a case in another organisation's name
    response = client(zsm.users["halt"]).post(reverse("chain_case_new"), _intake(zsm))
    assert response.status_code == 400 and not ChainCase.objects.exists()


# --- the daily list ----------------------------------------------------------------------------------------


def test_the_daily_list_shows_the_day_the_open_cases_and_look_backs_due(zsm):
    today = timezone.localdate()
    listed_today = _case(zsm, "ZSM-TODAY", listed_on=today, deepen=False)
    earlier = _case(zsm, "ZSM-EARLIER", listed_on=date(2026, 2, 2))
    services.decision_record(
        actor=zsm.users["police"],
        case=earlier,
        measures=["halt"],
        tasks="Halt: hours.",
        decided_on=date(2026, 2, 3),
        look_back_on=today - timedelta(days=1),
    )
    page = _text(client(zsm.users["halt"]).get(reverse("chain_table")))
    assert "ZSM-TODAY" in page and "ZSM-EARLIER" in page
    assert page.index("Plan date reached") < page.index(
        reverse("chain_case", args=[earlier.pk]) + "#step-look-back"
    )
    other_day = _text(client(zsm.users["halt"]).get(reverse("chain_table") + "?day=2026-02-02"))
    assert "On the list of" in other_day
    assert reverse("chain_case", args=[listed_today.pk]) in other_day  # still open, so under "Still open"
    bad = _text(client(zsm.users["halt"]).get(reverse("chain_table") + "?day=2026-02-31"))
    assert "That is not a date" in bad
    assert "ZSM-TODAY" not in _text(client(zsm.users["outside"]).get(reverse("chain_table")))


def test_the_daily_list_does_not_grow_in_queries(zsm):
    police = client(zsm.users["police"])

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            case = _case(zsm, f"ZSM-Q-{i}")
            services.context_request_send(
                actor=zsm.users["probation"],
                case=case,
                requested_by=zsm.orgs["probation"],
                addressee=zsm.orgs["police"],
                question="Known?",
                need_to_know="Risk.",
                due_at=soon(),
                about=list(case.persons.all()),
            )

    grow(0, 2)
    few = _queries(police, reverse("chain_table"))
    grow(2, 10)
    # session, user, memberships (rules), cases of the day + persons, open cases + persons, incoming
    # requests + about, tables, audit (lookup + batches), navigation
    assert _queries(police, reverse("chain_table")) == few


def _queries(c: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = c.get(url)
    assert response.status_code == 200
    return len(captured)


# --- context requests --------------------------------------------------------------------------------------


def _request_data(zsm, case, **changes) -> dict:
    data = {
        "requested_by": zsm.orgs["police"].pk,
        "addressee": zsm.orgs["board"].pk,
        "about": [p.pk for p in case.persons.all()],
        "question": "Is the family known to the board?",
        "need_to_know": "Whether the children are safe at home.",
        "due_at": (timezone.localtime() + timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(changes)
    return data


def test_a_context_request_goes_to_a_named_partner_who_answers_and_only_they_read_it(zsm):
    case = _case(zsm)
    police = client(zsm.users["police"])
    response = police.post(reverse("chain_request_new", args=[case.pk]), _request_data(zsm, case))
    assert response.status_code == 302
    req = ContextRequest.objects.get()
    assert req.addressee == zsm.orgs["board"] and sorted(p.name for p in req.about.all()) == [
        "Mila Bos",
        "Rik Bos",
    ]
    # the board finds it on its daily list, with whom it is about, and answers there
    board = client(zsm.users["board"])
    page = _text(board.get(reverse("chain_table")))
    assert "Is the family known to the board?" in page and "Mila Bos" in page
    answered = board.post(
        reverse("chain_request_answer", args=[req.pk]), {"answer": "Yes: a report in 2024."}
    )
    assert answered.status_code == 302 and answered["Location"] == reverse("chain_table")
    # requester, addressee and chair read question and answer; Halt at the same table does not
    for key in ("police", "board", "prosecution"):
        assert "a report in 2024" in _text(
            client(zsm.users[key]).get(reverse("chain_case", args=[case.pk]))
        ), key
    halt_page = _text(client(zsm.users["halt"]).get(reverse("chain_case", args=[case.pk])))
    assert "Is the family known" not in halt_page and "a report in 2024" not in halt_page
    assert "Only the requesting partner, the chair and the partner asked" in halt_page
    assert "Is the family known" not in _text(client(zsm.users["halt"]).get(reverse("chain_table")))
    assert (
        client(zsm.users["halt"])
        .post(reverse("chain_request_answer", args=[req.pk]), {"answer": "x"})
        .status_code
        == 404
    )


def test_an_addressee_outside_the_table_sees_only_its_request(zsm):
    case = _case(zsm)
    client(zsm.users["police"]).post(
        reverse("chain_request_new", args=[case.pk]),
        _request_data(
            zsm, case, addressee=zsm.orgs["local"].pk, about=[case.persons.get(name="Mila Bos").pk]
        ),
    )
    local = client(zsm.users["local"])
    page = _text(local.get(reverse("chain_table")))
    assert "Is the family known to the board?" in page and "Mila Bos" in page
    assert "Rik Bos" not in page and "Fight at home" not in page  # not the case, only whom it is about
    assert local.get(reverse("chain_case", args=[case.pk])).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_at": "2026-02-30T10:00"}, "Enter a valid date/time."),
        ({"due_at": "2020-01-01T10:00"}, "The due time must be in the future."),
        ({"need_to_know": ""}, "This field is required."),
        ({"addressee": ""}, "This field is required."),
    ],
)
def test_a_bad_context_request_is_not_sent(zsm, changes, message):
    case = _case(zsm)
    response = client(zsm.users["police"]).post(
        reverse("chain_request_new", args=[case.pk]), _request_data(zsm, case, **changes)
    )
    assert response.status_code == 400 and message in _text(response)
    assert not ContextRequest.objects.exists()


def test_asking_yourself_or_about_persons_of_another_case_is_refused(zsm):
    case = _case(zsm)
    other = _case(zsm, "ZSM-OTHER")
    police = client(zsm.users["police"])
    response = police.post(
        reverse("chain_request_new", args=[case.pk]),
        _request_data(zsm, case, addressee=zsm.orgs["police"].pk),
    )
    assert response.status_code == 400
    response = police.post(
        reverse("chain_request_new", args=[case.pk]),
        _request_data(zsm, case, about=[other.persons.first().pk]),
    )
    assert response.status_code == 400
    assert not ContextRequest.objects.exists()


def test_a_request_is_answered_once_a_second_answer_is_told(zsm):
    case = _case(zsm)
    req = services.context_request_send(
        actor=zsm.users["police"],
        case=case,
        requested_by=zsm.orgs["police"],
        addressee=zsm.orgs["board"],
        question="Known?",
        need_to_know="Risk.",
        due_at=soon(),
    )
    board = client(zsm.users["board"])
    assert board.post(reverse("chain_request_answer", args=[req.pk]), {"answer": "First."}).status_code == 302
    second = board.post(reverse("chain_request_answer", args=[req.pk]), {"answer": "Second.", "from": "case"})
    assert second.status_code == 409 and "already been answered" in _text(second)
    req.refresh_from_db()
    assert req.answer == "First."
    empty = board.post(reverse("chain_request_answer", args=[req.pk]), {"answer": " "})
    assert empty.status_code == 400


# --- joint interpretation ----------------------------------------------------------------------------------


def test_each_partner_gives_its_own_view_side_by_side(zsm):
    case = _case(zsm)
    url = reverse("chain_view_record", args=[case.pk])
    board = client(zsm.users["board"])
    assert (
        board.post(
            url, {"organisation": zsm.orgs["board"].pk, "view": "Known since 2024.", "version": 0}
        ).status_code
        == 302
    )
    probation = client(zsm.users["probation"])
    assert (
        probation.post(
            url, {"organisation": zsm.orgs["probation"].pk, "view": "He asks for help.", "version": 0}
        ).status_code
        == 302
    )
    page = _text(client(zsm.users["police"]).get(reverse("chain_case", args=[case.pk])))
    assert "Known since 2024." in page and "He asks for help." in page
    assert 'class="chain-views"' in page
    # nobody writes another organisation's view
    forged = board.post(url, {"organisation": zsm.orgs["probation"].pk, "view": "Not yours.", "version": 1})
    assert forged.status_code == 404
    assert PartnerView.objects.get(organisation=zsm.orgs["probation"]).view == "He asks for help."


def test_a_view_changed_meanwhile_is_not_overwritten(zsm):
    case = _case(zsm)
    url = reverse("chain_view_record", args=[case.pk])
    board = client(zsm.users["board"])
    board.post(url, {"organisation": zsm.orgs["board"].pk, "view": "First.", "version": 0})
    board.post(url, {"organisation": zsm.orgs["board"].pk, "view": "Colleague's change.", "version": 1})
    stale = board.post(url, {"organisation": zsm.orgs["board"].pk, "view": "My change.", "version": 1})
    assert stale.status_code == 409
    page = _text(stale)
    assert "changed this view while you were working on it" in page
    assert "My change." in page and 'name="version" value="2"' in page
    assert PartnerView.objects.get().view == "Colleague's change."


def test_hypotheses_and_a_stale_version_of_the_case(zsm):
    case = _case(zsm)
    url = reverse("chain_hypotheses", args=[case.pk])
    police = client(zsm.users["police"])
    assert (
        police.post(
            url, {"hypotheses": "With help at home, no new fight.", "version": case.version}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.hypothesis_list == ["With help at home, no new fight."]
    stale = police.post(url, {"hypotheses": "Overwrite.", "version": case.version - 1})
    assert stale.status_code == 409 and "Someone else changed this case" in _text(stale)
    assert f'name="version" value="{case.version}"' in _text(stale) and "Overwrite." in _text(stale)
    case.refresh_from_db()
    assert case.hypotheses == "With help at home, no new fight."
    assert police.post(url, {"hypotheses": "", "version": case.version}).status_code == 400


# --- the decision and the look-back ------------------------------------------------------------------------


def _decision(case, **changes) -> dict:
    data = {
        "measures": ["dismissal_with_help", "local_team"],
        "tasks": "Local team: visits twice a week.\nPolice: community officer drops by.",
        "decided_on": "2026-02-03",
        "look_back_on": "2026-05-03",
        "version": case.version,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"decided_on": "2026-02-30"}, "Enter a valid date."),
        ({"look_back_on": "2026-02-01"}, "The date to look back must be after the decision."),
        ({"decided_on": "2026-01-01"}, "The decision cannot be before the incident."),
        ({"measures": []}, "Choose at least one part of the decision"),
        ({"measures": ["lock_him_up"]}, "Select a valid choice."),
        ({"tasks": ""}, "This field is required."),
    ],
)
def test_a_bad_decision_is_not_recorded(zsm, changes, message):
    case = _case(zsm)
    response = client(zsm.users["prosecution"]).post(
        reverse("chain_decision", args=[case.pk]), _decision(case, **changes)
    )
    assert response.status_code == 400 and message in _text(response)
    case.refresh_from_db()
    assert case.decided_on is None and case.stage == Stage.DEEPENING


def test_the_decision_then_the_look_back_at_the_plan_date(zsm):
    case = _case(zsm)
    om = client(zsm.users["prosecution"])
    assert om.post(reverse("chain_decision", args=[case.pk]), _decision(case)).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.DECIDED and case.look_back_on == date(2026, 5, 3)
    page = _text(om.get(reverse("chain_case", args=[case.pk])))
    assert "referral to local team" in page and "<li>Police: community officer drops by.</li>" in page
    stale = om.post(
        reverse("chain_look_back", args=[case.pk]), {"what_happened": "x", "version": case.version - 1}
    )
    assert stale.status_code == 409
    done = om.post(
        reverse("chain_look_back", args=[case.pk]),
        {"what_happened": "No new fights.", "lessons": "Ask the school too.", "version": case.version},
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.lessons == "Ask the school too."
    closed = _text(om.get(reverse("chain_case", args=[case.pk])))
    assert "No new fights." in closed and 'action="' + reverse("chain_decision", args=[case.pk]) not in closed


def test_two_people_deciding_at_once_the_second_is_told(zsm):
    case = _case(zsm)
    shown = case.version
    om, board = client(zsm.users["prosecution"]), client(zsm.users["board"])
    assert (
        om.post(reverse("chain_decision", args=[case.pk]), _decision(case, version=shown)).status_code == 302
    )
    second = board.post(
        reverse("chain_decision", args=[case.pk]), _decision(case, version=shown, measures=["prosecution"])
    )
    assert second.status_code == 409 and "Someone else changed this case" in _text(second)
    case.refresh_from_db()
    assert case.decision_measures == ["dismissal_with_help", "local_team"]


def test_triggers_by_hand_and_deepening_through_the_page(zsm):
    case = _case(zsm, deepen=False)
    police = client(zsm.users["police"])
    response = police.post(
        reverse("chain_case_triggers", args=[case.pk]),
        {"triggers": ["unclear_custody"], "version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.triggers == ["unclear_custody"]
    assert (
        police.post(reverse("chain_case_deepen", args=[case.pk]), {"version": case.version}).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.stage == Stage.DEEPENING
    again = police.post(reverse("chain_case_deepen", args=[case.pk]), {"version": case.version})
    assert again.status_code == 400


def test_outsiders_cannot_write_to_a_case(zsm):
    case = _case(zsm)
    outside = client(zsm.users["outside"])
    for name, data in (
        ("chain_case_triggers", {"triggers": [], "version": case.version}),
        ("chain_hypotheses", {"hypotheses": "x", "version": case.version}),
        ("chain_decision", _decision(case)),
        ("chain_request_new", _request_data(zsm, case)),
        ("chain_view_record", {"organisation": zsm.orgs["outside"].pk, "view": "x", "version": 0}),
    ):
        assert outside.post(reverse(name, args=[case.pk]), data).status_code == 404, name
    case.refresh_from_db()
    assert case.hypotheses == "" and case.decided_on is None and not case.requests.exists()


def test_the_case_page_does_not_grow_in_queries(zsm):
    case = _case(zsm)
    police = client(zsm.users["police"])
    url = reverse("chain_case", args=[case.pk])

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            ChainPerson.objects.create(case=case, role="other", name=f"P {i}", birth_date=date(2000, 1, 1))
            req = ContextRequest.objects.create(
                case=case,
                requested_by=zsm.orgs["board"] if i % 2 else zsm.orgs["police"],
                addressee=zsm.orgs["vt"],
                question="Q",
                need_to_know="N",
                due_at=soon(),
            )
            req.about.set(case.persons.all())

    grow(0, 2)
    PartnerView.objects.create(case=case, organisation=zsm.orgs["police"], view="v")
    few = _queries(police, url)
    grow(2, 10)
    for key in ("board", "probation", "halt"):
        PartnerView.objects.create(case=case, organisation=zsm.orgs[key], view="v")
    # session, user, memberships, case, table membership (rules), persons, requests + about, members, views,
    # forms' choices (addressees, minors), audit (lookup + batches), navigation
    assert _queries(police, url) == few


@pytest.mark.parametrize("extra", [{"add_person": "1"}, {}])
def test_a_tampered_row_count_is_no_server_error(zsm, extra):
    data = _intake(zsm, **{"persons-TOTAL_FORMS": "many"}, **extra)
    response = client(zsm.users["police"]).post(reverse("chain_case_new"), data)
    assert response.status_code == (200 if extra else 400)
    assert not ChainCase.objects.exists()
