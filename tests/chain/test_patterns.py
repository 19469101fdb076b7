"""Patterns, not incidents: repeat reports and recidivism per person over time, combination problems, many
professionals, waiting too long — the facts, their charts (server-side SVG) and who sees them."""

from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kring.chain import patterns, services
from kring.chain.models import ContextRequest, LegalStatus, PartnerView

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 6, 1, 12, 0))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _case(zsm, reference, incident_on, persons, triggers=(), listed_on=None):
    return services.chain_case_bring_in(
        actor=None,
        table=zsm.table,
        brought_in_by=zsm.orgs["police"],
        reference=reference,
        incident="Incident.",
        incident_on=incident_on,
        listed_on=listed_on or incident_on,
        legal_status=LegalStatus.SUSPECT,
        persons=persons,
        triggers_by_hand=list(triggers),
    )


def _kevin(role="suspect", name="Kevin de Wit"):
    return {"role": role, "name": name, "birth_date": date(2010, 9, 1)}


def _story(zsm):
    """Kevin three times (twice as suspect, once as victim, his name typed differently), a combination case
    with four organisations, an overdue request, a deepening that waits, a plan date passed."""
    first = _case(zsm, "Z-1", date(2026, 1, 10), [_kevin()])
    second = _case(
        zsm,
        "Z-2",
        date(2026, 3, 5),
        [_kevin(name="kevin  de wit"), {"role": "victim", "name": "Sem Bos", "birth_date": date(2011, 1, 1)}],
        triggers=["unclear_custody", "contradictory_facts"],
    )
    third = _case(zsm, "Z-3", date(2026, 3, 20), [_kevin(role="victim")], triggers=["contradictory_facts"])
    _case(
        zsm,
        "Z-4",
        date(2026, 3, 21),
        [{"role": "suspect", "name": "Ada Smit", "birth_date": date(1970, 1, 1)}],
    )
    services.deepening_start(actor=None, case=second)
    ContextRequest.objects.create(
        case=second,
        requested_by=zsm.orgs["prosecution"],
        addressee=zsm.orgs["vt"],
        question="Q",
        need_to_know="N",
        due_at=NOW - timedelta(days=3),
    )
    PartnerView.objects.create(case=second, organisation=zsm.orgs["board"], view="v")
    services.decision_record(
        actor=None,
        case=first,
        measures=["halt"],
        tasks="Halt.",
        decided_on=date(2026, 1, 11),
        look_back_on=date(2026, 5, 1),
    )
    return first, second, third


def test_repeat_reports_and_recidivism_per_person(zsm):
    _story(zsm)
    data = patterns.patterns_for(zsm.users["police"], now=NOW)
    [kevin] = data["repeat"]
    assert kevin.birth_date == date(2010, 9, 1) and [r.reference for r in kevin.reports] == [
        "Z-1",
        "Z-2",
        "Z-3",
    ]
    assert kevin.as_suspect == 2 and kevin.recidivist
    assert data["per_month"] == [("2026-01", {"first": 1}), ("2026-03", {"repeat": 2, "first": 1})]


def test_combination_problems_many_professionals_and_waiting(zsm):
    _story(zsm)
    data = patterns.patterns_for(zsm.users["police"], now=NOW)
    assert data["combinations"] == [("unclear custody + contradictory facts / stomach ache", 1)]
    assert [c.reference for c in data["combination"]] == ["Z-2"]
    # Z-2: police brought it in, prosecution asked Veilig Thuis, the board gave a view
    assert [(c.reference, n) for c, n in data["many"]] == [("Z-2", 4)]
    assert data["involvement"] == [(1, 3), (2, 0), (3, 0), (4, 1)]
    waits = [(w.kind, w.case.reference, w.days) for w in data["waiting"]]
    assert ("request", "Z-2", 3) in waits
    assert ("look_back", "Z-1", 31) in waits
    assert ("decision", "Z-2", (NOW.date() - date(2026, 3, 5)).days) in waits
    assert [w.days for w in data["waiting"]] == sorted((w.days for w in data["waiting"]), reverse=True)


def test_the_specs_are_pure_and_count_in_whole_steps(zsm):
    _story(zsm)
    data = patterns.patterns_for(zsm.users["police"], now=NOW)
    labels = {"first": "first", "repeat": "repeat"}
    one = patterns.per_month_spec(
        data["per_month"], title="t", description="d", axis_title="cases", labels=labels
    )
    two = patterns.per_month_spec(
        data["per_month"], title="t", description="d", axis_title="cases", labels=labels
    )
    assert one == two
    assert one["encoding"]["y"]["axis"]["values"] == [0, 1, 2, 3]  # March: 3 cases
    waiting = patterns.waiting_spec(data["waiting"], title="t", description="d", axis_title="days")
    assert all(isinstance(v, int) for v in waiting["encoding"]["x"]["axis"]["values"])


def test_the_page_draws_every_pattern_as_a_chart_with_a_table_for_members_only(zsm):
    _story(zsm)
    c = Client()
    c.force_login(zsm.users["halt"])
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = c.get(reverse("chain_patterns")).content.decode()
    for key in ("month", "repeat", "combinations", "involvement", "waiting"):
        assert f'data-chart="{key}"' in page, key
        assert f'aria-labelledby="chain-{key}-title chain-{key}-desc"' in page, key
    assert "Kevin de Wit (01-09-2010)" in page and "suspect 2 times" in page
    assert (
        reverse("chain_patterns") in c.get(reverse("chain_table")).content.decode()
    )  # reached from the list
    outside = Client()
    outside.force_login(zsm.users["outside"])
    other = outside.get(reverse("chain_patterns")).content.decode()
    assert "Kevin" not in other and "data-chart" not in other


def test_the_patterns_page_does_not_grow_in_queries(zsm):
    _story(zsm)
    c = Client()
    c.force_login(zsm.users["police"])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert c.get(reverse("chain_patterns")).status_code == 200
        return len(captured)

    few = count()
    for i in range(10):
        case = _case(
            zsm,
            f"Z-X-{i}",
            date(2026, 4, 1 + i),
            [_kevin(), _kevin(role="victim", name=f"Kid {i}")],
            triggers=["contradictory_facts", "unclear_custody"],
        )
        services.deepening_start(actor=None, case=case)
        ContextRequest.objects.create(
            case=case,
            requested_by=zsm.orgs["police"],
            addressee=zsm.orgs["board"],
            question="Q",
            need_to_know="N",
            due_at=timezone.now() - timedelta(days=1),
        )
        PartnerView.objects.create(case=case, organisation=zsm.orgs["halt"], view="v")
    # session, user, memberships, cases + persons + requests (with addressee) + views, audit, navigation
    assert count() == few
