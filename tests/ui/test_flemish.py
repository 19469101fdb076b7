"""Flemish words for Flemish work: the nl_BE catalogue holds only the terms that differ and falls back to nl;
a Flemish organisation's user and a Flemish dossier's pages read them; Dutch-only features are not offered."""

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from kring.safety.models import SetBy

from ..factories import (
    CircleMemberFactory,
    DossierFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)


@pytest.fixture
def frozen():
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        yield


def test_flemish_terms_on_top_of_dutch():
    with translation.override("nl-be"):
        assert translation.gettext("case worker") == "consulent"
        assert translation.gettext("Case worker") == "Consulent"  # a heading of the case script
        assert translation.gettext("judge") == "jeugdrechter"
        assert translation.gettext("urgency procedure (hoogdringendheid)") == "hoogdringendheid"
        assert translation.gettext("Veilig Thuis") == "Vertrouwenscentrum Kindermishandeling"
        assert translation.gettext("Log in") == "Inloggen"  # not in nl_BE: the Dutch word
        # who may set a bottom line: the roles that exist in Flanders
        assert [str(label) for _value, label in SetBy.choices] == ["jeugdrechter", "consulent"]
    with translation.override("nl"):
        assert translation.gettext("judge") == "rechter"
        assert translation.gettext("Veilig Thuis") == "Veilig Thuis"


def _flemish_consulent():
    team = TeamFactory(
        organisation=OrganisationFactory(name="OSD Scheldeland", country="BE"), name="Team Gent"
    )
    return MembershipFactory(team=team, organisation=team.organisation).user


def test_a_flemish_consulent_reads_flemish_and_is_not_offered_the_dutch_signal_index(db, frozen):
    client = Client()
    client.force_login(_flemish_consulent())
    page = client.get("/account/").content.decode()
    assert '<html lang="nl-be" dir="ltr">' in page
    assert 'href="/signals/"' not in page
    assert ">Nederlands<" in page  # the switch offers Dutch and English, not a second "Nederlands"
    # one "Nederlands" per language switch (the header's and the phone menu's), no second one for nl-be
    assert page.count(">Nederlands<") == page.count('action="/i18n/setlang/"') >= 1


def test_a_dutch_case_worker_keeps_dutch_words_and_the_signal_index(db, frozen):
    client = Client()
    client.force_login(MembershipFactory().user)
    page = client.get("/account/").content.decode()
    assert '<html lang="nl" dir="ltr">' in page
    assert 'href="/signals/"' in page


def test_a_flemish_dossier_reads_flemish_and_offers_the_flemish_setters_of_a_bottom_line(db, frozen):
    user = _flemish_consulent()
    membership = user.memberships.get()
    dossier = DossierFactory(reference="KR-BE-2026-0101", jurisdiction="BE", owning_team=membership.team)
    CircleMemberFactory(dossier=dossier, membership=membership, case_role="consulent")
    client = Client()
    client.force_login(user)
    page = client.get(f"/dossiers/{dossier.pk}/safety/").content.decode()
    assert '<html lang="nl-be" dir="ltr">' in page
    assert ">jeugdrechter<" in page and ">consulent<" in page
    assert ">jeugdbeschermer<" not in page and ">rechter<" not in page


def test_english_stays_english_in_flemish_work(db, frozen):
    client = Client()
    client.force_login(_flemish_consulent())
    client.cookies["kring_language"] = "en"
    assert '<html lang="en" dir="ltr">' in client.get("/account/").content.decode()


def test_a_dossier_reads_in_the_words_of_its_jurisdiction_whoever_opens_it(db, frozen):
    dutch = MembershipFactory()
    flemish_dossier = DossierFactory(reference="KR-BE-2026-0102", jurisdiction="BE", owning_team=dutch.team)
    CircleMemberFactory(dossier=flemish_dossier, membership=dutch)
    client = Client()
    client.force_login(dutch.user)
    assert (
        '<html lang="nl-be" dir="ltr">'
        in client.get(f"/dossiers/{flemish_dossier.pk}/safety/").content.decode()
    )
    assert (
        '<html lang="nl" dir="ltr">' in client.get("/account/").content.decode()
    )  # the rest of kring: her own words
    with translation.override("nl"):
        from kring.cases.selectors import dossier_get_for_user

        dossier_get_for_user(user=dutch.user, dossier_id=flemish_dossier.pk)  # outside a request
        assert translation.get_language() == "nl"


def test_a_supporting_adult_is_a_steunfiguur_in_the_netherlands_and_a_meter_or_peter_in_flanders():
    from kring.cases.models import ParticipantRole

    with translation.override("nl"):
        assert str(ParticipantRole.SUPPORTER.label) == "steunfiguur"
    with translation.override("nl-be"):
        assert str(ParticipantRole.SUPPORTER.label) == "meter/peter"
    with translation.override("en"):
        assert str(ParticipantRole.SUPPORTER.label) == "supporting adult"


@pytest.mark.parametrize(
    ("jurisdiction", "term", "not_term"),
    [("BE", "meter/peter", "steunfiguur"), ("NL", "steunfiguur", "meter/peter")],
)
def test_the_network_of_a_dossier_names_the_supporting_adult_in_its_words(
    db, frozen, jurisdiction, term, not_term
):
    from kring.cases.models import ParticipantRole

    from ..factories import ParticipantFactory

    membership = MembershipFactory()
    dossier = DossierFactory(jurisdiction=jurisdiction, owning_team=membership.team)
    CircleMemberFactory(dossier=dossier, membership=membership)
    ParticipantFactory(dossier=dossier, role=ParticipantRole.SUPPORTER, relation="buurvrouw")
    client = Client()
    client.force_login(membership.user)
    page = client.get(f"/dossiers/{dossier.pk}/network/").content.decode()
    assert f"buurvrouw ({term})" in page  # the member's row
    assert f'<option value="supporter">{term}</option>' in page  # the role to choose for a new member
    assert not_term not in page
