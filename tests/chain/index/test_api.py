"""The signal-index API: register, my registrations, my matches (whom to contact, never why), the steps on a
match, withdrawal — and who must not see or do what."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.chain.index import services
from kring.chain.index.models import Match, MatchStatus, Registration

from ...factories import MembershipFactory, OrganisationFactory

SASJA = {
    "first_name": "Sasja",
    "last_name": "Jansen",
    "date_of_birth": "2012-03-08",
    "postcode": "9711 AA",
    "house_number": "4",
    "category": "safety",
    "contact_name": "Ans Contact",
    "contact_details": "06-12345678",
    "own_reference": "JB-SECRET-REF",
}


def post(client, name, data=None, **kwargs):
    return client.post(reverse(name, kwargs=kwargs), json.dumps(data or {}), content_type="application/json")


def register(client, **changes):
    return post(client, "api:register_signal", {**SASJA, **changes})


@pytest.fixture
def matched(world, client_for):
    """Youth protection registers Sasja (category safety), the police registers "Sasha Janssen": a match."""
    youth, police = client_for("circle_member"), client_for("other_org")
    first = register(youth)
    assert first.status_code == 201, first.content
    second = register(
        police,
        first_name="Sasha",
        last_name="Janssen",
        category="crime",
        contact_name="Agent Bas",
        own_reference="POL-REF",
    )
    assert second.status_code == 201 and second.json()["matches_found"] == 1
    return youth, police, Match.objects.get()


def test_it_registers_and_reports_matches_on_arrival(matched):
    youth, _police, match = matched
    mine = youth.get(reverse("api:list_signal_registrations")).json()
    assert mine["count"] == 1
    assert mine["items"][0]["own_reference"] == "JB-SECRET-REF"
    assert mine["items"][0]["category"] == "safety"
    assert match.status == MatchStatus.MATCH


def test_it_shows_the_other_side_only_whom_to_contact(matched):
    _youth, police, match = matched
    body = police.get(reverse("api:list_signal_matches")).content.decode()
    item = police.get(reverse("api:get_signal_match", kwargs={"match_id": match.pk})).json()
    assert item["other_organisation"] == "Jeugdbescherming Noordkust"
    assert item["other_contact"] == "Ans Contact" and item["other_contact_details"] == "06-12345678"
    assert item["your_reference"] == "POL-REF"
    for secret in ("JB-SECRET-REF", "safety", "Jansen", "2012-03-08", "9711"):
        assert secret not in body, secret
    assert item["next_step"] == "contact"


def test_it_never_shows_another_organisations_registration(matched, world, client_for):
    _youth, police, _match = matched
    youth_reg = Registration.objects.get(own_reference="JB-SECRET-REF")
    assert police.get(reverse("api:get_signal_registration", args=[youth_reg.pk])).status_code == 404
    listed = police.get(reverse("api:list_signal_registrations")).json()["items"]
    assert [r["own_reference"] for r in listed] == ["POL-REF"]
    response = post(
        police, "api:withdraw_signal_registration", {"reason": "unjustified"}, registration_id=youth_reg.pk
    )
    assert response.status_code == 404
    assert Registration.objects.get(pk=youth_reg.pk).ended_on is None


def test_an_outsider_sees_no_match(matched, db, client):
    _youth, _police, match = matched
    outsider = MembershipFactory(team=None, organisation=OrganisationFactory(name="Halt Noord")).user
    client.force_login(outsider)
    assert client.get(reverse("api:get_signal_match", args=[match.pk])).status_code == 404
    assert client.get(reverse("api:list_signal_matches")).json()["count"] == 0
    assert post(client, "api:dismiss_signal_match", {"reason": "x"}, match_id=match.pk).status_code == 404
    assert Match.objects.get(pk=match.pk).status == MatchStatus.MATCH


def test_anonymous_gets_401(db, client):
    assert client.get(reverse("api:list_signal_matches")).status_code == 401
    assert register(client).status_code == 401
    assert not Registration.objects.exists()


def test_follow_up_coordinator_and_no_dismissal_afterwards(matched, world):
    youth, police, match = matched
    followed = post(police, "api:follow_up_signal_match", match_id=match.pk).json()
    assert followed["you_followed_up"] and not followed["other_followed_up"]
    assert followed["next_step"] == "lead"
    seen_by_youth = youth.get(reverse("api:get_signal_match", args=[match.pk])).json()
    assert seen_by_youth["other_followed_up"] and seen_by_youth["next_step"] == "contact"
    youth_org = world.circle_member.memberships.get().organisation
    agreed = post(youth, "api:agree_signal_coordinator", {"organisation_id": youth_org.pk}, match_id=match.pk)
    assert agreed.status_code == 200
    assert agreed.json()["coordinator"] == youth_org.name and agreed.json()["next_step"] == ""
    late = post(police, "api:dismiss_signal_match", {"reason": "Toch niet"}, match_id=match.pk)
    assert late.status_code == 422
    assert Match.objects.get(pk=match.pk).status == MatchStatus.LEAD_AGREED


def test_coordinator_must_be_one_of_the_two(matched):
    youth, _police, match = matched
    stranger = OrganisationFactory(name="Zorg Elders")
    response = post(
        youth, "api:agree_signal_coordinator", {"organisation_id": stranger.pk}, match_id=match.pk
    )
    assert response.status_code == 422
    assert "Kies een van de twee organisaties" in " ".join(response.json()["errors"])
    assert Match.objects.get(pk=match.pk).coordinator is None


def test_dismissal_needs_a_reason_which_only_the_dismisser_reads(matched):
    youth, police, match = matched
    empty = post(police, "api:dismiss_signal_match", {"reason": "  "}, match_id=match.pk)
    assert empty.status_code == 422 and Match.objects.get(pk=match.pk).status == MatchStatus.MATCH
    done = post(police, "api:dismiss_signal_match", {"reason": "Andere moeder"}, match_id=match.pk).json()
    assert done["status"] == "dismissed" and done["dismiss_reason"] == "Andere moeder"
    other = youth.get(reverse("api:get_signal_match", args=[match.pk])).json()
    assert other["dismissed_by"] == "Politie Noordkust" and other["dismiss_reason"] == ""


def test_withdrawal_removes_the_match_for_the_other_side(matched):
    youth, police, match = matched
    reg = Registration.objects.get(own_reference="JB-SECRET-REF")
    response = post(
        youth, "api:withdraw_signal_registration", {"reason": "concern_gone"}, registration_id=reg.pk
    )
    assert response.status_code == 204
    assert police.get(reverse("api:get_signal_match", args=[match.pk])).status_code == 404
    assert police.get(reverse("api:list_signal_matches")).json()["count"] == 0
    assert youth.get(reverse("api:list_signal_registrations")).json()["count"] == 0


def test_two_sides_deciding_at_once_do_not_overwrite_each_other(matched, world):
    _youth, _police, match = matched
    stale = Match.objects.get(pk=match.pk)  # both sides loaded the match while it was open
    services.match_decide(
        actor_user=world.other_org, match=match, decision="dismiss", reason="Andere jongere"
    )
    youth_org = world.circle_member.memberships.get().organisation
    with pytest.raises(ValidationError):
        services.match_decide(
            actor_user=world.circle_member, match=stale, decision="lead", coordinator=youth_org
        )
    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED and match.coordinator is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"bsn": "123456789"}, "elfproef"),
        ({"date_of_birth": "2099-01-01"}, "toekomst"),
        ({"first_name": " ", "last_name": " "}, "achternaam"),
        ({"contact_details": " "}, "contact"),
        ({"date_of_birth": "2012-02-31"}, None),
        ({"category": "gossip"}, None),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(world, client_for, changes, message):
    response = register(client_for("circle_member"), **changes)
    assert response.status_code == 422
    if message:
        assert message in json.dumps(response.json(), ensure_ascii=False).lower()
    assert not Registration.objects.exists()


def test_registering_for_an_organisation_not_yours_is_refused(world, client_for):
    police = world.other_org.memberships.get().organisation
    response = register(client_for("circle_member"), organisation_id=police.pk)
    assert response.status_code == 422
    assert not Registration.objects.exists()


def test_every_query_is_audited(matched, world):
    youth, police, match = matched
    before = AuditEntry.objects.count()
    police.get(reverse("api:list_signal_matches"))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.object_type, entry.object_id) == ("read", "signal_index.match", str(match.pk))
    assert entry.actor_id == world.other_org.pk
    youth.get(reverse("api:list_signal_registrations"))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry.object_type == "signal_index.registration" and entry.actor_id == world.circle_member.pk
    # the match itself, made on arrival, was written to the log too
    assert AuditEntry.objects.filter(object_type="signal_index.match", action="create").count() == 1


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_lists_take_a_constant_number_of_queries(matched, world, client_for):
    youth, _police, _match = matched
    urls = [reverse("api:list_signal_matches"), reverse("api:list_signal_registrations")]
    few = [_queries(youth, url) for url in urls]
    police = world.other_org.memberships.get().organisation
    for i, name in enumerate(["Daan", "Eva", "Noor", "Mila"]):
        identity = {"first_name": name, "last_name": "Visser", "date_of_birth": date(2010, 1 + i, 20)}
        for user, org in ((world.circle_member, None), (world.other_org, police)):
            services.registration_create(
                actor_user=user,
                organisation=org or user.memberships.get().organisation,
                contact_name="C",
                contact_details="D",
                category="other",
                identity=identity,
            )
    assert Match.objects.count() == 5
    assert [_queries(youth, url) for url in urls] == few
