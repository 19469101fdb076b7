"""The portal's pages and API as a family member and a worker meet them."""

import re
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.access.family import family_decide
from kring.audit.models import AuditEntry
from kring.cases.models import DossierStatus
from kring.portal.models import FamilyAccount, FamilySignature, Invitation, UnsafeAlert
from kring.portal.selectors import OpenPortal, person_file_openings_entries
from kring.safety import services as safety
from kring.safety.models import JournalEntry, Signature

from ..conftest import World
from ..factories import DossierFactory
from .conftest import MOTHER_PHONE, MOTHER_WHEREABOUTS, Verified, verified_client


def _worker(world: World) -> Client:
    client = Client()
    client.force_login(world.circle_member)
    return client


def test_the_shielded_address_never_reaches_the_other_parent(family, family_client):
    father = family_client("parent_no_authority")
    pages = [
        father.get(reverse("portal_plan", args=[family.dossier.pk])),
        father.get(reverse("api:portal_plan", args=[family.dossier.pk])),
        father.get(reverse("portal_journal", args=[family.dossier.pk])),
        father.get(reverse("portal_dossier", args=[family.dossier.pk])),
    ]
    # the father carries no rule with the mother, so let him see the whole plan: still no address
    family.version.rules.get(text__startswith="Als mama").participants.add(family.father)
    pages.append(father.get(reverse("portal_plan", args=[family.dossier.pk])))
    pages.append(father.get(reverse("api:portal_plan", args=[family.dossier.pk])))
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert MOTHER_PHONE not in body and MOTHER_WHEREABOUTS not in body
    assert "Fatima" in pages[-2].content.decode()  # he sees who carries the rule, not where she is
    grandmother = family_client("network_member").get(reverse("portal_plan", args=[family.dossier.pk]))
    assert MOTHER_PHONE in grandmother.content.decode()


def test_a_16_year_old_sees_what_a_12_year_old_does_not(family, family_client):
    noor = family_client("young_12").get(reverse("portal_plan", args=[family.dossier.pk])).content.decode()
    sami = family_client("young_16").get(reverse("portal_plan", args=[family.dossier.pk])).content.decode()
    bottom_line = "Karim komt niet in het huis van Fatima."
    assert bottom_line in sami and bottom_line not in noor
    assert "zit er aan de keukentafel" in sami and "zit er aan de keukentafel" not in noor
    # each reads the worries about themselves, not those about the other
    assert family.danger_noor.text in noor and family.danger_sami.text not in noor
    assert family.danger_sami.text in sami and family.danger_noor.text not in sami
    mother = family_client("parent_authority").get(reverse("portal_plan", args=[family.dossier.pk]))
    assert (
        family.danger_noor.text in mother.content.decode()
        and family.danger_sami.text in mother.content.decode()
    )
    assert (
        family_client("young_12").get(reverse("portal_file_openings", args=[family.dossier.pk])).status_code
        == 404
    )
    assert (
        family_client("young_16").get(reverse("portal_file_openings", args=[family.dossier.pk])).status_code
        == 200
    )


def test_a_network_member_sees_only_the_rules_they_carry(family, family_client):
    body = (
        family_client("network_member").get(reverse("portal_plan", args=[family.dossier.pk])).content.decode()
    )
    assert "Als mama huilt, belt Noor oma Lieke." in body
    assert "Karim belt alleen via de gezinsvoogd." not in body
    assert "Karim komt niet in het huis" not in body  # no bottom lines


def test_who_opened_my_file_equals_the_access_log(world, family, family_client):
    _worker(world).get(reverse("dossier_detail", args=[family.dossier.pk]))
    Client().get("/")  # nothing logged for an anonymous visitor
    glass = Client()
    glass.force_login(world.break_glass)
    glass.get(reverse("dossier_detail", args=[family.dossier.pk]))
    family_client("young_12").get(reverse("portal_plan", args=[family.dossier.pk]))
    mother = family_client("parent_authority")
    response = mother.get(reverse("portal_file_openings", args=[family.dossier.pk]))
    shown = [int(n) for n in re.findall(r'data-sequence="(\d+)"', response.content.decode())]
    account = family.accounts["parent_authority"]
    decision = family_decide(Verified(account.user), account)
    opened = OpenPortal(account=account, dossier=family.dossier, decision=decision)
    assert shown == list(person_file_openings_entries(opened=opened).values_list("sequence", flat=True))
    assert len(shown) >= 3
    body = response.content.decode()
    assert "Jeugdbescherming Noordkust" in body and "Noodtoegang" in body
    assert "Crisis na sluitingstijd" in body  # the emergency's reason
    assert world.circle_member.get_full_name() in body  # professionals of the circle by name
    assert "gezinslid" in body  # the young person's read, as a family member
    api = mother.get(reverse("api:portal_file_openings", args=[family.dossier.pk])).json()
    assert len(api) == len(shown)


def test_every_family_read_and_refusal_is_in_the_access_log(family, family_client):
    user = family.user("young_12")
    family_client("young_12").get(reverse("portal_plan", args=[family.dossier.pk]))
    family_client("young_12").get(reverse("portal_file_openings", args=[family.dossier.pk]))
    entries = AuditEntry.objects.filter(actor_id=user.pk, dossier_id=family.dossier.pk)
    read = entries.get(outcome="allowed", action="read")
    assert read.role == "family_young_person"
    assert set(read.fields) == {
        "portal:danger_statements",
        "portal:safety_goals",
        "portal:safety_plan",
        "portal:scales",
    }
    assert entries.filter(outcome="denied").count() == 1


def test_what_changed_since_you_last_looked(family, family_client):
    client = family_client("parent_authority")
    url = reverse("portal_plan", args=[family.dossier.pk])
    first = client.get(url).content.decode()
    assert "Wat is er veranderd" not in first  # the first look: everything is new
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        safety.plan_sign(actor=None, version=family.version, participant=family.grandmother)
        safety.rule_add(
            actor=None, plan=family.version.plan, text="Oma haalt Noor op.", participants=[family.grandmother]
        )
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        client = verified_client(family.user("parent_authority"))  # the first session has ended meanwhile
        second = client.get(url).content.decode()
        assert "Er is een nieuwe versie van het veiligheidsplan" in second
        assert "Oma haalt Noor op." in second
        third = client.get(url).content.decode()
        assert "Er is niets veranderd sinds je laatst keek." in third


def test_sign_through_the_page_and_refuse_a_superseded_version(family, family_client):
    mother = family_client("parent_authority")
    url = reverse("portal_sign", args=[family.dossier.pk, family.version.pk])
    assert mother.post(url, {}).status_code == 302  # without the tick: nothing
    assert not Signature.objects.exists()
    mother.post(url, {"agree": "yes"})
    recorded = FamilySignature.objects.get()
    assert (recorded.account, recorded.version_number, recorded.login_method) == (
        family.accounts["parent_authority"],
        1,
        "password_totp",
    )
    safety.rule_add(
        actor=None, plan=family.version.plan, text="Nieuwe afspraak", participants=[family.grandmother]
    )
    grandmother = family_client("network_member")
    response = grandmother.post(
        reverse("portal_sign", args=[family.dossier.pk, family.version.pk]), {"agree": "yes"}, follow=True
    )
    assert "nieuwere versie van dit plan" in response.content.decode()
    assert Signature.objects.count() == 1
    api = grandmother.post(
        reverse("api:portal_sign", args=[family.dossier.pk, family.version.pk]),
        content_type="application/json",
    )
    assert api.status_code == 409 and "nieuwere versie" in api.json()["detail"]


def test_a_journal_entry_on_a_closed_dossier_is_refused_and_nothing_saved(family, family_client):
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    client = family_client("network_member")
    before = JournalEntry.objects.count()
    response = client.post(
        reverse("portal_journal", args=[family.dossier.pk]),
        {"happened_on": "2026-12-05", "kind": "note", "text": "Ging goed."},
        follow=True,
    )
    assert "Dit dossier is gesloten" in response.content.decode()
    api = client.post(
        reverse("api:portal_journal_add", args=[family.dossier.pk]),
        data='{"happened_on": "2026-12-05", "text": "Ging goed."}',
        content_type="application/json",
    )
    assert api.status_code == 409
    assert JournalEntry.objects.count() == before
    assert client.get(reverse("portal_journal", args=[family.dossier.pk])).context["form"] is None


def test_write_a_journal_entry_with_a_rule(family, family_client):
    client = family_client("network_member")
    rule = family.version.rules.get(text__startswith="Als mama")
    response = client.post(
        reverse("portal_journal", args=[family.dossier.pk]),
        {
            "happened_on": "2026-12-05",
            "kind": "went_well",
            "text": "Noor belde me, ik ging erheen.",
            "rule": rule.pk,
        },
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get()
    assert entry.rule == rule and entry.said_by_participant == family.grandmother
    bad = client.post(
        reverse("portal_journal", args=[family.dossier.pk]),
        {"happened_on": "2026-12-05", "kind": "note", "text": " "},
    )
    assert bad.status_code == 400 and JournalEntry.objects.count() == 1


def test_the_child_says_i_dont_feel_safe_and_the_worker_sees_it(world, family, family_client):
    response = family_client("young_12").post(reverse("portal_unsafe", args=[family.dossier.pk]))
    assert response.status_code == 200 and "Bel 112" in response.content.decode()
    worker = _worker(world)
    start = worker.get(reverse("dossier_list")).content.decode()
    assert "Een kind voelt zich niet veilig" in start and "Noor" in start
    other = Client()
    other.force_login(world.other_team)
    assert "Een kind voelt zich niet veilig" not in other.get(reverse("dossier_list")).content.decode()
    alert = UnsafeAlert.objects.get()
    assert worker.post(reverse("portal_alert_acknowledge", args=[alert.pk])).status_code == 302
    assert "Een kind voelt zich niet veilig" not in worker.get(reverse("dossier_list")).content.decode()


def test_the_worker_invites_with_a_code_and_the_parent_makes_an_account(world, family):
    FamilyAccount.objects.filter(person=family.foster.person).delete()
    worker = _worker(world)
    page = worker.get(reverse("portal_family_accounts", args=[family.dossier.pk]))
    assert page.status_code == 200 and "Iemand uitnodigen" in page.content.decode()
    made = worker.post(
        reverse("portal_family_accounts", args=[family.dossier.pk]),
        {"person": family.foster.person_id, "kind": "foster_parent", "email": ""},
    )
    assert made.status_code == 200
    code = made.context["new"].code
    assert code in made.content.decode()
    parent = Client()
    assert parent.post(reverse("portal_invitation_code"), {"code": code}).status_code == 302
    form = parent.get(reverse("portal_invitation_accept"))
    assert "Welkom, Anja" in form.content.decode()
    done = parent.post(
        reverse("portal_invitation_accept"),
        {
            "username": "anja",
            "password": "pleegzorg is mooi werk",
            "password_again": "pleegzorg is mooi werk",
        },
    )
    assert done.status_code == 302 and done["Location"].startswith(reverse("portal_second_step"))
    second = parent.get(done["Location"]).content.decode()
    assert "Maak een passkey" in second and reverse("mfa_setup") in second
    account = FamilyAccount.objects.get(user__username="anja")
    # before the second step, the portal sends the parent to set it up
    assert parent.get(reverse("portal_plan", args=[family.dossier.pk]))["Location"].startswith(
        reverse("portal_second_step")
    )
    again = Client().post(reverse("portal_invitation_code"), {"code": code})
    assert again.status_code == 400 and "al gebruikt" in again.content.decode()
    verified = verified_client(account.user)
    assert verified.get(reverse("home"))["Location"] == reverse("portal_home")
    assert verified.get(reverse("portal_home"))["Location"] == reverse(
        "portal_dossier", args=[family.dossier.pk]
    )
    # the worker stops the account
    worker.post(
        reverse("portal_account_revoke", args=[family.dossier.pk, account.pk]), {"reason": "verhuisd"}
    )
    account.refresh_from_db()
    assert account.revoked_at is not None


def test_an_expired_link_says_so_in_plain_words(world, family):
    FamilyAccount.objects.filter(person=family.foster.person).delete()
    from kring.portal import services

    new = services.invitation_create(
        actor=world.circle_member, dossier=family.dossier, person=family.foster.person, kind="foster_parent"
    )
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = Client().get(reverse("portal_invitation_link", args=[new.token]))
    assert response.status_code == 400 and "verlopen" in response.content.decode()
    assert Invitation.objects.get().used_at is None


def test_a_family_login_opens_nothing_of_the_professionals(world, family, family_client):
    client = family_client("parent_authority")
    assert client.get(reverse("dossier_detail", args=[family.dossier.pk])).status_code == 404
    assert client.get(reverse("api:get_dossier", args=[family.dossier.pk])).status_code == 404
    assert family.dossier.title not in client.get(reverse("dossier_list")).content.decode()
    assert client.get(reverse("api:list_dossiers")).json()["items"] == []
    assert client.get(reverse("portal_family_accounts", args=[family.dossier.pk])).status_code == 404


def test_another_familys_file_is_404_like_a_file_that_does_not_exist(family, family_client):
    from ..factories import DossierFactory

    other = DossierFactory()
    client = family_client("parent_authority")
    for dossier_id in (other.pk, "00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        assert client.get(reverse("portal_plan", args=[dossier_id])).status_code == 404
    assert other.title not in client.get(reverse("portal_home"), follow=True).content.decode()


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get(reverse("api:openapi-json")).json()["paths"]
    for path in (
        "/api/v1/portal/accounts",
        "/api/v1/portal/{dossier_id}/plan",
        "/api/v1/portal/{dossier_id}/plan/versions/{version_id}/sign",
        "/api/v1/portal/{dossier_id}/journal",
        "/api/v1/portal/{dossier_id}/unsafe",
        "/api/v1/portal/{dossier_id}/file-openings",
    ):
        assert path in paths, path


def test_the_family_api_lists_the_accounts_with_their_parts(family, family_client):
    body = family_client("young_12").get(reverse("api:portal_accounts")).json()
    assert body == [
        {
            "dossier_id": str(family.dossier.pk),
            "family": family.dossier.title,
            "kind": "young_person",
            "parts": [
                "danger_statements",
                "how_am_i_doing",
                "ik_plan",
                "journal",
                "questionnaires_for_you",
                "safety_goals",
                "safety_plan",
                "scale_questions",
                "scales",
                "story",
                "three_houses",
                "who_sees_what",  # about their own parts
            ],
        }
    ]


def test_the_plan_page_does_not_grow_with_the_plan(family, family_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = family_client("parent_authority")
    url = reverse("portal_plan", args=[family.dossier.pk])
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(10):
        safety.rule_add(
            actor=None,
            plan=family.version.plan,
            text=f"Afspraak {n}",
            participants=[family.mother, family.grandmother],
        )
    assert queries() == few


def test_scores_and_agreements_follow_the_person(family, family_client):
    from datetime import date

    from kring.cases.models import Consent
    from kring.safety.models import ScaleRating

    ScaleRating.objects.create(
        dossier=family.dossier, question="safety", child=family.noor, score=3, rated_on=date(2026, 12, 1)
    )
    ScaleRating.objects.create(
        dossier=family.dossier, question="safety", child=family.sami, score=8, rated_on=date(2026, 12, 1)
    )
    Consent.objects.create(
        dossier=family.dossier,
        given_by=family.sami,
        given_on=date(2026, 11, 1),
        scope="School mag de voogd bellen",
    )
    Consent.objects.create(
        dossier=family.dossier,
        given_by=family.mother.person,
        given_on=date(2026, 11, 1),
        scope="Gesprek met de huisarts",
    )
    noor = family_client("young_12").get(reverse("api:portal_plan", args=[family.dossier.pk])).json()
    sami = family_client("young_16").get(reverse("api:portal_plan", args=[family.dossier.pk])).json()
    mother = (
        family_client("parent_authority").get(reverse("api:portal_plan", args=[family.dossier.pk])).json()
    )
    assert [s["score"] for s in noor["scores"]] == [3] and noor["agreements"] == []
    assert [s["score"] for s in sami["scores"]] == [8]
    assert [a["text"] for a in sami["agreements"]] == ["School mag de voogd bellen"]
    assert sorted(s["score"] for s in mother["scores"]) == [3, 8] and len(mother["agreements"]) == 2
    grandmother = (
        family_client("network_member").get(reverse("api:portal_plan", args=[family.dossier.pk])).json()
    )
    assert grandmother["scores"] == [] and grandmother["agreements"] == []
    page = family_client("young_12").get(reverse("portal_plan", args=[family.dossier.pk])).content.decode()
    assert "De cijfers" in page and "Waar je toestemming voor gaf" not in page


def test_the_worker_shields_an_address_and_the_portal_follows(world, family, family_client):
    from kring.portal.models import AddressShield

    AddressShield.objects.all().delete()
    father = family_client("parent_no_authority")
    family.version.rules.get(text__startswith="Als mama").participants.add(family.father)
    assert MOTHER_PHONE in father.get(reverse("portal_plan", args=[family.dossier.pk])).content.decode()
    worker = _worker(world)
    page = worker.get(reverse("portal_family_accounts", args=[family.dossier.pk])).content.decode()
    assert "Geen adres is afgeschermd." in page
    response = worker.post(
        reverse("portal_address_shield_add", args=[family.dossier.pk]),
        {"person": family.mother.person_id, "hidden_from": family.father.person_id, "reason": "Veilig Thuis"},
        follow=True,
    )
    assert "Het adres is afgeschermd" in response.content.decode()
    assert MOTHER_PHONE not in father.get(reverse("portal_plan", args=[family.dossier.pk])).content.decode()
    twice = worker.post(
        reverse("portal_address_shield_add", args=[family.dossier.pk]),
        {"person": family.mother.person_id, "hidden_from": family.father.person_id},
        follow=True,
    )
    assert "al afgeschermd" in twice.content.decode() and AddressShield.objects.count() == 1


def test_a_list_of_files_is_in_the_access_log(world, family):
    from .conftest import family_account

    grandmother = family.accounts["network_member"]
    other = family_account(DossierFactory(), grandmother.person, "network_member", username="oma-tweede")
    other.user = grandmother.user
    other.save()
    client = verified_client(grandmother.user)
    page = client.get(reverse("portal_home"))
    assert page.status_code == 200 and family.dossier.title in page.content.decode()
    api = client.get(reverse("api:portal_accounts")).json()
    assert len(api) == 2
    listed = AuditEntry.objects.filter(actor_id=grandmother.user_id, fields=["portal:list"])
    assert sorted(str(e.dossier_id) for e in listed) == sorted(
        2 * [str(family.dossier.pk), str(other.dossier_id)]
    )
