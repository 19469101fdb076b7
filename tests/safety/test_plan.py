import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from kring.cases.models import Participant
from kring.safety import services
from kring.safety.models import PlanRule, SetBy, Signature

from .conftest import SUPERVISED, seat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Service messages in English here; the pages answer in Dutch (the default), checked in Dutch."""
    with translation.override("en"):
        yield


def _rules(case2, adults):
    supervised, three = case2["lines"]
    plan = case2["plan"]
    for i, adult in enumerate(adults):
        services.rule_add(
            actor=None,
            plan=plan,
            text=f"Regel {i}: {adult.relation} is er 's avonds bij de kinderen",
            participants=[adult],
            bottom_lines=[supervised, three],
            when="elke avond",
        )
    return plan


def _failed(plan):
    return [c.label for c in services.plan_checks(services.current_version(plan)) if not c.ok]


def test_seed_hd_case2_two_adults_fail_the_check(case2):
    plan = _rules(case2, case2["network"][:2])
    assert _failed(plan) == ["Adults of the informal network who carry a rule"]
    with pytest.raises(ValidationError, match="cannot be signed yet"):
        services.plan_sign(actor=None, version=services.current_version(plan), participant=case2["mother"])
    assert not Signature.objects.exists()


def test_seed_hd_case2_three_adults_pass_and_sign(case2):
    plan = _rules(case2, case2["network"])
    assert _failed(plan) == []
    version = services.current_version(plan)
    for adult in case2["network"]:
        services.plan_sign(actor=None, version=version, participant=adult)
    version.refresh_from_db()
    assert version.frozen and version.signatures.count() == 3


def test_seed_hd_case2_signed_version_cannot_be_edited(case2, world):
    plan = _rules(case2, case2["network"])
    version = services.current_version(plan)
    services.plan_sign(actor=None, version=version, participant=case2["network"][0])
    rule = version.rules.first()
    with pytest.raises(ValidationError, match="signed"):
        services.rule_update(actor=world.circle_member, rule=rule, text="Anders")
    rule.refresh_from_db()
    assert rule.text.startswith("Regel 0")
    # A change makes a new draft version; the signed one keeps its three rules.
    services.rule_add(
        actor=world.circle_member, plan=plan, text="Nieuwe regel", participants=[case2["mother"]]
    )
    new = services.current_version(plan)
    assert new.number == 2 and not new.frozen and new.rules.count() == 4
    assert version.rules.count() == 3


def test_seed_hd_case2_children_are_not_network_adults(case2):
    """A minor in the informal network does not count as an adult who carries a rule."""
    cousin = seat(case2["plan"].dossier, "Kobe", "informal", "neef", born=date(2015, 1, 1))
    plan = _rules(case2, [*case2["network"][:2], cousin])
    assert "Adults of the informal network who carry a rule" in _failed(plan)


def test_rule_without_responsible_is_refused(case2):
    with pytest.raises(ValidationError, match="responsible"):
        services.rule_add(actor=None, plan=case2["plan"], text="Niemand")
    assert not PlanRule.objects.exists()


def test_signature_by_someone_outside_the_circle_is_refused(case2, client_for):
    from ..factories import DossierFactory

    plan = _rules(case2, case2["network"])
    stranger = Participant.objects.create(
        dossier=DossierFactory(), person=case2["network"][0].person, role="informal", relation="vreemde"
    )
    with pytest.raises(ValidationError, match="Only people of this family"):
        services.plan_sign(actor=None, version=services.current_version(plan), participant=stranger)
    # through the page: a clear message, nothing saved
    response = client_for("circle_member")
    url = reverse("safety_plan_sign", kwargs={"dossier_id": plan.dossier.pk, "plan_id": plan.pk})
    page = response.post(url, {"signer": f"p:{stranger.pk}"}, follow=True)
    assert "Alleen mensen uit het netwerk van dit gezin kunnen dit plan tekenen" in page.content.decode()
    assert not Signature.objects.exists()


def test_rule_without_responsible_via_page_shows_message(case2, client_for):
    plan = case2["plan"]
    url = reverse("safety_rule_add", kwargs={"dossier_id": plan.dossier.pk, "plan_id": plan.pk})
    page = client_for("circle_member").post(url, {"text": "Niemand"}, follow=True)
    assert "Kies minstens één persoon die verantwoordelijk is" in page.content.decode()
    assert not PlanRule.objects.exists()


def test_pdf_contains_rules_and_signatories(case2, client_for):
    plan = _rules(case2, case2["network"])
    for adult in case2["network"]:
        services.plan_sign(actor=None, version=services.current_version(plan), participant=adult)
    for suffix in ("", "?for=family"):
        url = reverse("safety_plan_pdf", kwargs={"dossier_id": plan.dossier.pk, "plan_id": plan.pk})
        response = client_for("circle_member").get(url + suffix)
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        text = " ".join(text.split())
        assert "Regel 0" in text and "grootmoeder" in text
        for name in ("Rita", "Jolien", "Nicole"):
            assert name in text


def _page_queries(client, dossier):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("safety_overview", kwargs={"dossier_id": dossier.pk})).status_code == 200
    return len(ctx.captured_queries)


def test_plan_page_query_count_is_constant(case2, client_for):
    """One plan, one signed version with three rules versus two plans, three versions and more rules."""
    client = client_for("circle_member")
    plan = _rules(case2, case2["network"])
    services.plan_sign(actor=None, version=services.current_version(plan), participant=case2["network"][0])
    dossier = plan.dossier
    first = _page_queries(client, dossier)
    for round_ in range(2):
        services.rule_add(actor=None, plan=plan, text=f"Ronde {round_}", participants=[case2["mother"]])
        for adult in case2["network"]:
            services.plan_sign(actor=None, version=services.current_version(plan), participant=adult)
    other = services.plan_create(actor=None, dossier=dossier, title="Tweede plan")
    services.rule_add(actor=None, plan=other, text="Ook", participants=case2["network"])
    assert services.current_version(plan).number == 3
    assert _page_queries(client, dossier) == first


def test_page_shows_checks_and_who_may_not_write(case2, client_for):
    plan = _rules(case2, case2["network"][:2])
    url = reverse("safety_overview", kwargs={"dossier_id": plan.dossier.pk})
    body = client_for("circle_member").get(url).content.decode()
    assert "Volwassenen uit het netwerk met een afspraak" in body and "2 van minstens 3" in body
    glass = client_for("break_glass").get(url).content.decode()
    assert "Afspraak toevoegen" in body and "Afspraak toevoegen" not in glass
    for persona in ("other_team", "other_org"):
        assert client_for(persona).get(url).status_code == 404
    add = reverse("safety_rule_add", kwargs={"dossier_id": plan.dossier.pk, "plan_id": plan.pk})
    posted = client_for("break_glass").post(add, {"text": "x", "participants": [case2["mother"].pk]})
    assert posted.status_code == 404
    assert client_for("other_org").post(add, {"text": "x"}).status_code == 404
    assert PlanRule.objects.count() == 2


@time_machine.travel("2026-04-20 12:00 +02:00")
def test_several_bottom_lines_in_one_go_and_one_bad_line_saves_none(case2, client_for):
    from kring.safety.models import BottomLine

    dossier = case2["plan"].dossier
    url = reverse("safety_bottom_line_add", kwargs={"dossier_id": dossier.pk})
    client = client_for("circle_member")
    common = {"set_by_kind": SetBy.CASE_WORKER, "set_by_name": "Sanne de Vries", "set_on": "2026-04-20"}
    before = BottomLine.objects.count()
    texts = "Moeder drinkt niet als de kinderen thuis zijn.\n\n  Er is elke avond een volwassene bij.  \n"
    page = client.post(url, {**common, "text": texts}, follow=True).content.decode()
    assert "2 bodemeisen zijn vastgelegd." in page
    added = list(BottomLine.objects.order_by("-pk")[:2])
    assert {line.text for line in added} == {
        "Moeder drinkt niet als de kinderen thuis zijn.",
        "Er is elke avond een volwassene bij.",
    }
    assert all(line.set_by_name == "Sanne de Vries" for line in added)
    # the second line repeats a bottom line the judge set: none of the three is saved, the message says which
    page = client.post(
        url, {**common, "text": f"Nieuw een\n{SUPERVISED}\nNieuw drie"}, follow=True
    ).content.decode()
    assert "Regel 2" in page and "Deze bodemeis is al gesteld." in page and "niets opgeslagen" in page
    assert BottomLine.objects.count() == before + 2
    with translation.override("en"), pytest.raises(ValidationError, match="Line 2"):
        services.bottom_lines_add(
            actor=None, dossier=dossier, texts=["goed", "x" * 2001], set_by_kind=SetBy.JUDGE, set_by_name="r"
        )
    assert BottomLine.objects.count() == before + 2
