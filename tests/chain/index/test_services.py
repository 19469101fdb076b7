from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.chain.index import services
from kring.chain.index.models import Match, MatchStatus, Registration
from kring.chain.index.selectors import old_acquaintances

SASJA = {
    "first_name": "Sasja",
    "prefix": "",
    "last_name": "Jansen",
    "date_of_birth": date(2012, 3, 8),
    "bsn": "",
    "postcode": "9711 AA",
    "house_number": "4",
}


def register(user, org, category="crime", ref="REF", **identity):
    return services.registration_create(
        actor_user=user,
        organisation=org,
        contact_name="A. Contact",
        contact_details="06-12345678",
        category=category,
        identity={**SASJA, **identity},
        own_reference=ref,
    )


def orgs(world):
    return world.circle_member.memberships.get().organisation, world.other_org.memberships.get().organisation


def test_match_on_arrival_and_privacy(world, client_for):
    youth, police = orgs(world)
    register(world.circle_member, youth, category="safety", ref="YOUTH-SECRET")
    register(world.other_org, police, category="crime", first_name="Sasha", last_name="Janssen")
    match = Match.objects.get()
    assert match.status == MatchStatus.MATCH
    full = client_for("other_org").get(reverse("signal_index")).content.decode()
    page = full.split('id="register-heading"')[0]  # everything except the empty registration form
    assert youth.name in page and "A. Contact" in page
    # the other organisation's category and reference never show
    assert "safety at home" not in page and "YOUTH-SECRET" not in full


def test_withdrawn_and_expired_no_longer_match(world):
    youth, police = orgs(world)
    first = register(world.circle_member, youth)
    services.registration_end(actor_user=world.circle_member, registration=first, reason="concern_gone")
    register(world.other_org, police)
    assert not Match.objects.exists()
    second = Registration.objects.get(organisation=police)
    Registration.objects.filter(pk=second.pk).update(expires_on=date.today() - timedelta(days=1))
    register(world.circle_member, youth)
    assert not Match.objects.exists()


def test_withdrawal_removes_matches_for_others(world):
    youth, police = orgs(world)
    first = register(world.circle_member, youth)
    register(world.other_org, police)
    assert Match.objects.count() == 1
    services.registration_end(actor_user=world.circle_member, registration=first, reason="unjustified")
    assert not Match.objects.exists()


def test_other_organisation_cannot_withdraw(world):
    youth, _ = orgs(world)
    first = register(world.circle_member, youth)
    with pytest.raises(PermissionDenied):
        services.registration_end(actor_user=world.other_org, registration=first, reason="unjustified")


def test_every_query_audited(world):
    youth, _police = orgs(world)
    before = AuditEntry.objects.count()
    register(world.circle_member, youth)
    assert AuditEntry.objects.count() >= before + 2  # create + match query
    before = AuditEntry.objects.count()
    found = old_acquaintances(
        user=world.other_org, first_name="Sasja", last_name="Jansen", date_of_birth=date(2012, 3, 8)
    )
    assert found and found[0]["organisation"] == youth.name and "category" not in found[0]
    assert found[0]["kind"] == "signaal van een professional"  # never its category
    assert AuditEntry.objects.count() == before + 2  # the query, and the registration it disclosed


@pytest.mark.parametrize(
    "bad",
    [
        {"date_of_birth": date(2099, 1, 1)},
        {"bsn": "123456789"},
        {"first_name": "", "last_name": ""},
        {"date_of_birth": date(1990, 1, 1)},
    ],
)
def test_bad_input_nothing_stored(world, bad):
    youth, _ = orgs(world)
    with pytest.raises(ValidationError) as error:
        register(world.circle_member, youth, **bad)
    assert error.value.messages
    assert not Registration.objects.exists()


def test_page_shows_clear_messages_for_impossible_date(world, client_for):
    response = client_for("circle_member").post(
        reverse("signal_index_register"),
        {
            "first_name": "Sasja",
            "last_name": "Jansen",
            "date_of_birth": "2012-02-31",
            "category": "crime",
            "contact_name": "X",
            "contact_details": "Y",
            "bsn": "123456789",
        },
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert "date_of_birth" in response.context["form"].errors


def test_possible_match_confirm_and_lead(world):
    youth, police = orgs(world)
    register(world.circle_member, youth, postcode="", house_number="")
    register(world.other_org, police, first_name="S.", postcode="", house_number="")
    match = Match.objects.get()
    if match.status == MatchStatus.POSSIBLE:
        services.match_decide(actor_user=world.other_org, match=match, decision="confirm")
    services.match_decide(actor_user=world.other_org, match=match, decision="lead", coordinator=youth)
    match.refresh_from_db()
    assert match.status == MatchStatus.LEAD_AGREED and match.coordinator == youth
    with pytest.raises(ValidationError):
        services.match_decide(actor_user=world.other_org, match=match, decision="dismiss", reason="")


def test_expiry_at_23_and_two_years():
    assert services.expiry_for(date(2026, 1, 1), date(2004, 6, 1)) == date(2027, 6, 1)
    assert services.expiry_for(date(2026, 1, 1), date(2015, 6, 1)) == date(2028, 1, 1)
