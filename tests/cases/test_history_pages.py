"""The history pages of a dossier: legal frame and lead, consent, who sees what, and the timelines."""

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext, override

from kring.access.policy import SECTION_LABELS, Action, Section, ShareBasis, decide, organisation_shares
from kring.accounts.models import OrganisationKind, Role
from kring.audit.models import AuditEntry
from kring.cases.models import (
    YEAR_OR_DATE_REQUIRED,
    AuthorityKind,
    Consent,
    ConsentStep,
    DossierEvent,
    EventKind,
    FamilyTimelineEntry,
    Measure,
    MeasureExtension,
    MeasureKind,
    ParticipantRole,
    Person,
)
from kring.cases.services import history

from ..factories import (
    ConsentFactory,
    DossierFactory,
    MeasureFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
)
from ..queries import count_queries as _queries

PAGES = ("dossier_measures", "dossier_consent", "dossier_sharing", "dossier_timeline")

# Seed 000, "Perspectief 2: hulpverleningslijn en juridische lijn": the life line of a young person.
SEED_000 = [
    ("good", 2005, "geboorte"),
    ("worries", 2009, "scheiding ouders"),
    ("help", 2010, "opvoedondersteuning"),
    ("help", 2012, "logopedie"),
    ("people", 2015, "bij vader wonen i.p.v. moeder"),
    ("help", 2016, "speltherapie loyaliteit"),
    ("help", 2017, "praktijkonderwijs"),
    ("legal", 2019, "diefstal"),
    ("legal", 2019, "diefstal met geweld"),
    ("good", 2021, "diploma gehaald"),
    ("people", 2022, "contactherstel met moeder"),
]


@pytest.fixture
def family(world):
    """World's dossier with a 13-year-old, her mother (with authority) and an aunt without authority."""
    child = world.dossier.children.get()
    child.first_name, child.date_of_birth = "Noor", date(2013, 4, 2)
    child.save()
    mother = Person.objects.create(first_name="Fatma", last_name="Visser", date_of_birth=date(1985, 1, 1))
    aunt = Person.objects.create(first_name="Lieke", last_name="Visser")
    for person, role, relation in (
        (mother, ParticipantRole.PARENT, "moeder"),
        (aunt, ParticipantRole.INFORMAL, "tante"),
    ):
        ParticipantFactory(dossier=world.dossier, person=person, role=role, relation=relation)
    history.authority_record(
        actor=None,
        dossier=world.dossier,
        child=child,
        holder=mother,
        kind=AuthorityKind.PARENTAL,
        started_on=child.date_of_birth,
    )
    return {"child": child, "mother": mother, "aunt": aunt}


def _seat(world, name: str, kind: str, username: str, role: str = Role.CASE_WORKER):
    """A worker of a new organisation of `kind`, with a seat in the dossier's circle."""
    organisation = OrganisationFactory(name=name, kind=kind)
    membership = MembershipFactory(team=None, organisation=organisation, role=role, user__username=username)
    world.dossier.circle.create(
        user=membership.user, membership=membership, case_role=username, started_on=date(2026, 1, 1)
    )
    return membership


@pytest.fixture
def local_team(world):
    return _seat(world, "Wijkteam Oost", OrganisationKind.LOCAL_TEAM, "wijk")


def _url(name: str, world, **kwargs) -> str:
    return reverse(name, kwargs={"dossier_id": world.dossier.pk, **kwargs})


def _text(response) -> str:
    return response.content.decode()


def _nl(message, **params) -> str:
    """A service's message as the page shows it: in Dutch (the default language), HTML-escaped."""
    with override("nl"):
        return escape(str(message) % params if params else str(message))


def _ots(world, family, **kwargs) -> Measure:
    values = {"kind": MeasureKind.NL_OTS, "started_on": date(2026, 3, 1), "planned_end_on": date(2027, 3, 1)}
    return history.measure_start(
        actor=world.circle_member, dossier=world.dossier, child=family["child"], **{**values, **kwargs}
    )


# --- access ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_each_page_renders_for_the_circle_member_with_the_dossier_nav(name, world, family, client_for):
    response = client_for("circle_member").get(_url(name, world))
    assert response.status_code == 200
    page = _text(response)
    assert world.dossier.title in page
    for linked in PAGES:
        assert f'href="{_url(linked, world)}"' in page
    assert f'href="{_url(name, world)}" aria-current="page"' in page
    read = AuditEntry.objects.filter(actor_id=world.circle_member.pk, action="read").latest("sequence")
    assert read.dossier_id == world.dossier.pk and read.fields


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
@pytest.mark.parametrize("name", PAGES)
def test_other_teams_and_organisations_get_404_and_see_nothing(name, persona, world, family, client_for):
    response = client_for(persona).get(_url(name, world))
    assert response.status_code == 404
    assert world.dossier.title.encode() not in response.content
    assert AuditEntry.objects.filter(actor_id=world.user(persona).pk, outcome="denied").exists()


def test_emergency_access_reads_without_forms_and_cannot_write(world, family, client_for):
    measure = _ots(world, family)
    consent = history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        scope="x",
    )
    client = client_for("break_glass")
    for name in PAGES:
        response = client.get(_url(name, world))
        assert response.status_code == 200
        assert 'method="post" action="/dossiers/' not in _text(response), name
    posts = [
        (
            _url("dossier_measure_start", world),
            {"child": family["child"].pk, "kind": "nl_ots", "started_on": "2028-01-01"},
        ),
        (
            _url("dossier_measure_extend", world, measure_id=measure.pk),
            {"new_planned_end_on": "2029-01-01", "decided_on": "2027-01-01", "reason": "r"},
        ),
        (
            _url("dossier_measure_end", world, measure_id=measure.pk),
            {"ended_on": "2027-01-01", "end_reason": "goals_reached"},
        ),
        (
            _url("dossier_lead_set", world),
            {
                "organisation": world.dossier.owning_team.organisation_id,
                "cooperation_model": "transfer",
                "since": "2026-01-01",
            },
        ),
        (_url("dossier_scale", world), {"direction": "up", "occurred_on": "2026-01-01", "note": "n"}),
        (
            _url("dossier_consent_give", world),
            {"scope": "x", "given_by": family["mother"].pk, "given_on": "2026-05-03"},
        ),
        (_url("dossier_consent_withdraw", world, consent_id=consent.pk), {"withdrawn_on": "2026-06-01"}),
        (_url("dossier_timeline_add", world), {"line": "good", "year": "2005", "text": "geboorte"}),
    ]
    events = DossierEvent.objects.count()
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert DossierEvent.objects.count() == events
    measure.refresh_from_db()
    consent.refresh_from_db()
    assert (measure.ended_on, measure.extensions.count(), consent.withdrawn_on) == (None, 0, None)
    assert not FamilyTimelineEntry.objects.exists()
    assert not world.dossier.leads.exists()


def test_a_measure_or_consent_of_another_dossier_is_404(world, family, client_for):
    other = DossierFactory(owning_team=world.dossier.owning_team)
    measure = MeasureFactory(
        dossier=other, child=other.children.get(), kind=MeasureKind.NL_OTS, started_on=date(2026, 1, 1)
    )
    consent = ConsentFactory(
        dossier=other, given_by=other.children.get(), given_on=date(2026, 1, 1), scope="x"
    )
    client = client_for("circle_member")
    data = {"ended_on": "2027-01-01", "end_reason": "goals_reached"}
    assert client.post(_url("dossier_measure_end", world, measure_id=measure.pk), data).status_code == 404
    url = _url("dossier_consent_withdraw", world, consent_id=consent.pk)
    assert client.post(url, {"withdrawn_on": "2026-06-01"}).status_code == 404
    measure.refresh_from_db()
    assert measure.ended_on is None


def test_get_on_a_write_endpoint_is_refused(world, client_for):
    assert client_for("circle_member").get(_url("dossier_measure_start", world)).status_code == 405


# --- the legal frame ---------------------------------------------------------------------------------------


def test_a_measure_is_started_extended_and_ended_through_the_page(world, family, client_for):
    client = client_for("circle_member")
    response = client.post(
        _url("dossier_measure_start", world),
        {
            "child": family["child"].pk,
            "kind": MeasureKind.NL_OTS,
            "started_on": "2026-03-01",
            "planned_end_on": "2027-03-01",
            "decided_by": "kinderrechter Rechtbank Noordkust",
        },
        follow=True,
    )
    assert response.redirect_chain == [(_url("dossier_measures", world), 302)]
    assert "kinderrechter Rechtbank Noordkust" in _text(response)
    assert 'role="status"' in _text(response)  # the success message
    measure = world.dossier.measures.get()
    client.post(
        _url("dossier_measure_extend", world, measure_id=measure.pk),
        {
            "new_planned_end_on": "2028-03-01",
            "decided_on": "2027-02-10",
            "reason": "Veiligheid nog niet stabiel.",
        },
    )
    client.post(
        _url("dossier_measure_end", world, measure_id=measure.pk),
        {"ended_on": "2027-09-01", "end_reason": "goals_reached"},
    )
    measure.refresh_from_db()
    assert (measure.planned_end_on, measure.ended_on, measure.end_reason) == (
        date(2028, 3, 1),
        date(2027, 9, 1),
        "goals_reached",
    )
    page = _text(client.get(_url("dossier_measures", world)))
    assert "Veiligheid nog niet stabiel." in page
    assert f'action="{_url("dossier_measure_end", world, measure_id=measure.pk)}"' not in page  # ended


def test_only_the_dossiers_own_legal_frames_are_offered(world, family, client_for):
    page = _text(client_for("circle_member").get(_url("dossier_measures", world)))
    assert f'value="{MeasureKind.NL_OTS}"' in page
    assert 'value="be_' not in page
    response = client_for("circle_member").post(
        _url("dossier_measure_start", world),
        {"child": family["child"].pk, "kind": MeasureKind.BE_MANO, "started_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert 'id="id_start_kind_error"' in _text(response)
    assert not Measure.objects.exists()


def test_an_end_before_the_start_is_shown_and_nothing_is_saved(world, family, client_for):
    client = client_for("circle_member")
    response = client.post(
        _url("dossier_measure_start", world),
        {
            "child": family["child"].pk,
            "kind": "nl_ots",
            "started_on": "2026-03-01",
            "planned_end_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert _nl(history.END_BEFORE_START) in _text(response)
    assert not Measure.objects.exists()

    measure = _ots(world, family)
    response = client.post(
        _url("dossier_measure_end", world, measure_id=measure.pk),
        {"ended_on": "2026-02-01", "end_reason": "goals_reached"},
    )
    assert _nl(history.END_BEFORE_START) in _text(response)
    assert f'id="id_end_{measure.pk}_ended_on_error"' in _text(response)
    measure.refresh_from_db()
    assert measure.ended_on is None


def test_an_overlapping_measure_is_shown_and_nothing_is_saved(world, family, client_for):
    _ots(world, family)
    response = client_for("circle_member").post(
        _url("dossier_measure_start", world),
        {
            "child": family["child"].pk,
            "kind": "nl_ots",
            "started_on": "2026-09-01",
            "planned_end_on": "2027-09-01",
        },
    )
    assert response.status_code == 200
    assert _nl(history.OVERLAPPING_MEASURE, start=date(2026, 3, 1)) in _text(response)
    assert world.dossier.measures.count() == 1
    assert DossierEvent.objects.filter(kind=EventKind.MEASURE_STARTED).count() == 1


def test_an_extension_without_a_reason_is_shown_and_nothing_is_saved(world, family, client_for):
    measure = _ots(world, family)
    response = client_for("circle_member").post(
        _url("dossier_measure_extend", world, measure_id=measure.pk),
        {"new_planned_end_on": "2028-03-01", "decided_on": "2027-02-01", "reason": "   "},
    )
    assert response.status_code == 200
    page = _text(response)
    assert _nl(history.REASON_REQUIRED) in page
    assert f'id="id_extend_{measure.pk}_reason_error"' in page
    assert "<details" in page and " open>" in page  # the form with the error is unfolded
    assert not MeasureExtension.objects.exists()
    measure.refresh_from_db()
    assert measure.planned_end_on == date(2027, 3, 1)


def test_an_end_without_a_reason_is_shown_and_nothing_is_saved(world, family, client_for):
    measure = _ots(world, family)
    response = client_for("circle_member").post(
        _url("dossier_measure_end", world, measure_id=measure.pk),
        {"ended_on": "2027-01-01", "end_reason": ""},
    )
    assert _nl(history.END_REASON_REQUIRED) in _text(response)
    measure.refresh_from_db()
    assert measure.ended_on is None


def test_the_lead_and_scaling_are_recorded_and_shown(world, family, local_team, client_for):
    client = client_for("circle_member")
    response = client.post(
        _url("dossier_lead_set", world),
        {"organisation": local_team.organisation_id, "cooperation_model": "partner", "since": "2026-01-05"},
        follow=True,
    )
    assert response.status_code == 200
    page = _text(response)
    assert "Wijkteam Oost" in page
    assert world.dossier.leads.get().cooperation_model == "partner"
    response = client.post(
        _url("dossier_scale", world),
        {"direction": "down", "occurred_on": "2026-10-01", "note": "Terug naar het wijkteam."},
    )
    assert response.status_code == 302
    assert world.dossier.events.filter(
        kind=EventKind.SCALED_DOWN, summary="Terug naar het wijkteam."
    ).exists()
    assert "Terug naar het wijkteam." in _text(client.get(_url("dossier_measures", world)))


def test_the_lead_goes_only_to_an_organisation_in_the_circle_and_scaling_needs_a_reason(
    world, family, client_for
):
    outsider = OrganisationFactory(name="Elders")
    client = client_for("circle_member")
    response = client.post(
        _url("dossier_lead_set", world),
        {"organisation": outsider.pk, "cooperation_model": "partner", "since": "2026-01-05"},
    )
    assert response.status_code == 200 and 'id="id_lead_organisation_error"' in _text(response)
    response = client.post(
        _url("dossier_scale", world), {"direction": "up", "occurred_on": "2026-10-01", "note": ""}
    )
    assert _nl(history.REASON_REQUIRED) in _text(response)
    assert not world.dossier.leads.exists()
    assert not world.dossier.events.exists()


# --- consent -----------------------------------------------------------------------------------------------


def test_the_ladder_shows_which_steps_have_standing_consent(world, family, client_for):
    for step in (ConsentStep.INVOLVEMENT, ConsentStep.SAFETY_CONVERSATION):
        history.consent_give(
            actor=world.circle_member,
            dossier=world.dossier,
            given_by=family["mother"],
            given_on=date(2026, 5, 3),
            step=step,
            scope=f"Stap {step}",
        )
    withdrawn = history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        step=ConsentStep.WORK_ON_CONDITIONS,
        scope="Stap 3",
    )
    history.consent_withdraw(actor=world.circle_member, consent=withdrawn, withdrawn_on=date(2026, 5, 10))
    page = _text(client_for("circle_member").get(_url("dossier_consent", world)))
    ladder = page[page.index('class="kring-ladder"') : page.index("</ol>")]
    steps = ladder.split('<li class="kring-ladder__step')[1:]
    assert len(steps) == 5
    assert [("kring-ladder__step--given" in step) for step in steps] == [True, True, False, False, False]
    assert "Fatma Visser" in steps[0] and "3 mei 2026" in steps[0]
    assert "10 mei 2026" in steps[2]  # withdrawn


def test_a_consent_is_given_and_withdrawn_through_the_page(world, family, local_team, client_for):
    client = client_for("circle_member")
    response = client.post(
        _url("dossier_consent_give", world),
        {
            "step": "2",
            "scope": "Het wijkteam mag het veiligheidsplan lezen.",
            "given_by": family["mother"].pk,
            "given_on": "2026-05-03",
            "shared_with": local_team.organisation_id,
            "sections": ["safety_plan", "summary"],
        },
    )
    assert response.status_code == 302
    consent = world.dossier.consents.get()
    assert (consent.step, consent.sections) == (2, ["safety_plan", "summary"])
    assert decide(local_team.user, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed
    page = _text(client.get(_url("dossier_consent", world)))
    assert _nl(SECTION_LABELS[Section.SAFETY_PLAN]) in page and "Wijkteam Oost" in page
    withdraw = f'action="{_url("dossier_consent_withdraw", world, consent_id=consent.pk)}"'
    assert withdraw in page
    response = client.post(
        _url("dossier_consent_withdraw", world, consent_id=consent.pk),
        {"withdrawn_on": timezone.localdate().isoformat(), "note": "Moeder trekt in."},
    )
    assert response.status_code == 302
    assert not decide(local_team.user, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed
    assert withdraw not in _text(client.get(_url("dossier_consent", world)))  # withdrawn: nothing to withdraw


@pytest.mark.parametrize("who", ["aunt", "young_child"])
def test_consent_by_someone_without_authority_is_shown_and_nothing_is_saved(who, world, family, client_for):
    person = family["aunt"] if who == "aunt" else family["child"]
    if who == "young_child":
        person.date_of_birth = date(2016, 1, 1)  # 10 on the day
        person.save()
    response = client_for("circle_member").post(
        _url("dossier_consent_give", world),
        {"step": "1", "scope": "Betrokkenheid", "given_by": person.pk, "given_on": "2026-05-03"},
    )
    assert response.status_code == 200
    page = _text(response)
    assert _nl(history.NO_AUTHORITY, person=person) in page
    assert 'id="id_consent_given_by_error"' in page
    assert not Consent.objects.exists()
    assert not DossierEvent.objects.exists()


def test_consent_is_given_only_by_the_family_and_shared_only_within_the_circle(world, family, client_for):
    stranger = Person.objects.create(first_name="Bram", last_name="Elders", date_of_birth=date(1980, 1, 1))
    outsider = OrganisationFactory(name="Halt Elders", kind=OrganisationKind.HALT)
    client = client_for("circle_member")
    page = _text(client.get(_url("dossier_consent", world)))
    assert "Fatma Visser" in page and "Bram Elders" not in page
    assert (
        "Halt Elders" not in page
        and world.dossier.owning_team.organisation.name not in page.split("id_consent_shared_with")[1]
    )
    for data in (
        {"given_by": stranger.pk},
        {"given_by": family["mother"].pk, "shared_with": outsider.pk, "sections": ["summary"]},
        {"given_by": family["mother"].pk, "sections": ["diary"]},
    ):
        response = client.post(
            _url("dossier_consent_give", world), {"scope": "x", "given_on": "2026-05-03", **data}
        )
        assert response.status_code == 200
    assert not Consent.objects.exists()


def test_sections_without_an_organisation_are_refused_with_the_services_message(world, family, client_for):
    response = client_for("circle_member").post(
        _url("dossier_consent_give", world),
        {"scope": "x", "given_by": family["mother"].pk, "given_on": "2026-05-03", "sections": ["summary"]},
    )
    assert _nl(history.SHARED_SECTIONS_NEED_AN_ORGANISATION) in _text(response)
    assert not Consent.objects.exists()


def test_withdrawing_before_giving_is_shown_and_nothing_is_saved(world, family, client_for):
    consent = history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        scope="x",
    )
    response = client_for("circle_member").post(
        _url("dossier_consent_withdraw", world, consent_id=consent.pk), {"withdrawn_on": "2026-05-01"}
    )
    assert _nl(history.WITHDRAWN_BEFORE_GIVEN) in _text(response)
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


# --- who sees what -----------------------------------------------------------------------------------------


class _SharingParser(HTMLParser):
    """Which sections the page says each organisation sees (data-section) and not (data-hidden-section)."""

    def __init__(self) -> None:
        super().__init__()
        self.organisation: str | None = None
        self.sees: dict[str, set[str]] = {}
        self.hidden: dict[str, set[str]] = {}
        self.bases: dict[str, set[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-organisation" in attrs:
            self.organisation = attrs["data-organisation"]
            self.sees[self.organisation], self.hidden[self.organisation] = set(), set()
            self.bases[self.organisation] = set()
        if "data-basis" in attrs:
            self.bases[self.organisation].add(attrs["data-basis"])
        if "data-section" in attrs:
            self.sees[self.organisation].add(attrs["data-section"])
        if "data-hidden-section" in attrs:
            self.hidden[self.organisation].add(attrs["data-hidden-section"])


def test_the_sharing_page_says_what_the_policy_allows_for_a_member_of_each_organisation(
    world, family, local_team, client_for
):
    """The owner, a local team with consent, a youth court under a running compulsory measure and the police
    with only a seat: for a member of each, the parts the page names are exactly those decide() opens."""
    court = _seat(world, "Rechtbank Noordkust", OrganisationKind.COURT, "rechter")
    police = world.other_org.memberships.get()
    world.dossier.circle.create(
        user=world.other_org, membership=police, case_role="jeugdagent", started_on=date(2026, 1, 1)
    )
    _ots(world, family, started_on=date(2025, 1, 1), planned_end_on=date(2035, 1, 1))
    history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        step=ConsentStep.SAFETY_CONVERSATION,
        scope="Het wijkteam mag het verhaal en de tijdlijn lezen.",
        shared_with=local_team.organisation,
        sections=["summary", "timeline"],
    )
    response = client_for("circle_member").get(_url("dossier_sharing", world))
    page = _text(response)
    parser = _SharingParser()
    parser.feed(page)
    members = {
        world.dossier.owning_team.organisation_id: world.circle_member,
        local_team.organisation_id: local_team.user,
        court.organisation_id: court.user,
        police.organisation_id: world.other_org,
    }
    assert set(parser.sees) == {str(pk) for pk in members}
    for organisation_id, member in members.items():
        allowed = {s.value for s in Section if decide(member, Action.VIEW, world.dossier, s).allowed}
        assert parser.sees[str(organisation_id)] == allowed, member.username
        assert parser.hidden[str(organisation_id)] == {s.value for s in Section} - allowed
    # and why, in the family's words
    assert parser.bases[str(local_team.organisation_id)] == {
        ShareBasis.IN_CIRCLE,
        ShareBasis.CONSENT,
        ShareBasis.MEASURE,  # the running supervision order opens the safety plan to the local team
    }
    assert parser.bases[str(court.organisation_id)] == {ShareBasis.IN_CIRCLE, ShareBasis.MEASURE}
    assert parser.bases[str(police.organisation_id)] == {ShareBasis.IN_CIRCLE}
    assert parser.bases[str(world.dossier.owning_team.organisation_id)] == {ShareBasis.OWN_ORGANISATION}
    with override("nl"):
        assert (
            escape(
                gettext("Because you agreed on %(date)s.") % {"date": date_format(date(2026, 5, 3), "j F Y")}
            )
            in page
        )
        assert escape(gettext("Because the judge ordered a measure.")) in page
    assert organisation_shares(world.dossier, police.organisation).keys() == {
        Section.CHILDREN,
        Section.CIRCLE,
    }
    assert "data-print" in page  # ui/print.js makes the button print


# --- the timelines -----------------------------------------------------------------------------------------


def test_the_seed_life_line_renders_as_a_chart_with_a_table(world, family, client_for):
    client = client_for("circle_member")
    for line, year, text in SEED_000:
        response = client.post(
            _url("dossier_timeline_add", world), {"line": line, "year": year, "text": text}
        )
        assert response.status_code == 302
    page = _text(client.get(_url("dossier_timeline", world)))
    svg = page[page.index("<svg ") : page.index("</svg>")]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    for _line, year, text in SEED_000:
        assert f">{escape(text)}</text>" in svg
        assert f">{year}</text>" in svg  # on the time axis
    table = page[page.index('id="timeline-table"') :]
    assert all(escape(text) in table for _line, _year, text in SEED_000)
    assert AuditEntry.objects.filter(object_type="cases.familytimelineentry").count() == len(SEED_000)


def test_the_legal_line_shows_the_measures_beside_the_help(world, family, client_for):
    _ots(world, family)
    FamilyTimelineEntry.objects.create(dossier=world.dossier, line="help", year=2026, text="gezinscoach")
    page = _text(client_for("circle_member").get(_url("dossier_timeline", world)))
    assert "(Noor)</text>" in page  # the measure's bar on the legal line carries its child's name


def test_a_timeline_entry_needs_a_year_or_a_date_that_agree(world, client_for):
    client = client_for("circle_member")
    response = client.post(_url("dossier_timeline_add", world), {"line": "good", "text": "diploma"})
    assert _nl(YEAR_OR_DATE_REQUIRED) in _text(response)
    response = client.post(
        _url("dossier_timeline_add", world),
        {"line": "good", "year": "2020", "date": "2021-06-30", "text": "diploma"},
    )
    assert 'id="id_entry_year_error"' in _text(response)
    assert not FamilyTimelineEntry.objects.exists()
    response = client.post(
        _url("dossier_timeline_add", world), {"line": "good", "date": "2021-06-30", "text": "diploma"}
    )
    assert response.status_code == 302
    assert FamilyTimelineEntry.objects.get().year == 2021


def test_the_dossier_history_is_listed_newest_first_in_pages(world, client_for):
    DossierEvent.objects.bulk_create(
        DossierEvent(
            dossier=world.dossier,
            kind=EventKind.MEETING,
            occurred_on=date(2026, 1, 1) + timedelta(days=i),
            summary=f"overleg {i}",
        )
        for i in range(30)
    )
    client = client_for("circle_member")
    page = _text(client.get(_url("dossier_timeline", world)))
    assert page.index("overleg 29") < page.index("overleg 28")
    assert "overleg 4<" not in page
    assert "overleg 4<" in _text(client.get(_url("dossier_timeline", world) + "?page=2"))


# --- the nav -----------------------------------------------------------------------------------------------


def test_the_nav_shows_only_what_the_reader_may_see(world, family, local_team, client_for):
    _ots(world, family)  # the court's papers: not for the local team, also not on its legal line
    history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        scope="Het wijkteam mag de tijdlijn zien.",
        shared_with=local_team.organisation,
        sections=["timeline"],
    )
    client = client_for("circle_member")
    client.force_login(local_team.user)
    response = client.get(_url("dossier_timeline", world))
    assert response.status_code == 200
    read = AuditEntry.objects.filter(actor_id=local_team.user_id, action="read").latest("sequence")
    assert read.fields == ["timeline"]  # not the measures: the legal line leaves them out for this reader
    page = _text(response)
    assert f'href="{_url("dossier_timeline", world)}"' in page
    for hidden in ("dossier_measures", "dossier_consent", "dossier_sharing"):
        assert f'href="{_url(hidden, world)}"' not in page
        assert client.get(_url(hidden, world)).status_code == 404
    assert 'action="' + _url("dossier_timeline_add", world) + '"' in page  # a shared part may be added to
    assert "(Noor)" not in page


def test_the_dossier_overview_has_the_nav(world, client_for):
    page = _text(client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk])))
    assert f'href="{reverse("dossier_detail", args=[world.dossier.pk])}" aria-current="page"' in page


# --- query counts ------------------------------------------------------------------------------------------


def _events(world, count: int) -> None:
    DossierEvent.objects.bulk_create(
        DossierEvent(
            dossier=world.dossier,
            kind=EventKind.MEETING,
            occurred_on=date(2020, 1, 1) + timedelta(days=i % 2000),
            summary=f"overleg {i}",
            recorded_by=world.circle_member,
        )
        for i in range(count)
    )


def test_the_timeline_page_does_not_grow_with_the_history(world, family, client_for):
    client = client_for("circle_member")
    for line, year, text in SEED_000:
        FamilyTimelineEntry.objects.create(dossier=world.dossier, line=line, year=year, text=text)
    _ots(world, family)
    _events(world, 20)
    few = _queries(client, _url("dossier_timeline", world))
    _events(world, 1980)
    many = _queries(client, _url("dossier_timeline", world))
    # session, user, MFA requirement, dossier with team, grounds (grants, seats, led teams), audit (one
    # insert), may edit (grants, seats, led teams), events (count, page),
    # family timeline, measures, navigation (emergency access, privacy officer)
    assert many == few
    assert many <= 26


def test_the_measures_page_does_not_grow_with_the_measures(world, family, client_for):
    client = client_for("circle_member")

    def measures(count: int) -> None:
        for i in range(count):
            child = Person.objects.create(
                first_name=f"Kind{i}", last_name="Visser", date_of_birth=date(2012, 1, 1)
            )
            world.dossier.children.add(child)
            measure = MeasureFactory(
                dossier=world.dossier,
                child=child,
                kind=MeasureKind.NL_OTS,
                started_on=date(2025, 1, 1),
                planned_end_on=date(2026, 1, 1),
            )
            MeasureExtension.objects.create(
                measure=measure,
                decided_on=date(2025, 12, 1),
                previous_planned_end_on=date(2026, 1, 1),
                new_planned_end_on=date(2027, 1, 1),
                reason="Nog nodig.",
            )

    measures(2)
    few = _queries(client, _url("dossier_measures", world))
    measures(38)
    many = _queries(client, _url("dossier_measures", world))
    # session, user, MFA requirement, dossier with team, grounds (3), audit (5), may edit (3), children,
    # measures with their extensions (2), leads, scalings, organisations for the lead form (2), children for
    # the start form, navigation (emergency access, privacy officer)
    assert many == few
    assert many <= 28
