"""The demo tells the feedback stories through the services, and seeding twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from kring.accounts.models import User
from kring.cases.models import Dossier
from kring.feedback.models import Administration, ImprovementAgreement
from kring.feedback.scoring import score

pytestmark = pytest.mark.django_db


def test_the_demo_tells_every_feedback_story_and_seeding_twice_changes_nothing(client):
    call_command("seed_demo", stdout=StringIO())
    counts = (Administration.objects.count(), ImprovementAgreement.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Administration.objects.count(), ImprovementAgreement.objects.count()) == counts
    # seeding the whole demo is slow: one seed, every story checked
    check_seed_exit_demo_reproduces_seed_004_case_1()
    check_samen_sterker_demo_in_gezin_bakker(client)
    check_life_domain_matrix_demo_for_dylan_and_sasja(client)
    check_anchors_demo_for_sasja(client)
    check_self_check_demo()


def _client(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def check_seed_exit_demo_reproduces_seed_004_case_1():
    dossier = Dossier.objects.get(reference="KR-BE-2025-0001")
    results = {
        a.respondent_type: score(a.instrument, a.answers_by_key())
        for a in Administration.objects.filter(dossier=dossier, instrument__slug="exit")
    }
    assert results["parent"] == {"subscales": {"result": 3.8, "process": 4.0}, "report_grade": 10}
    assert results["young_person"] == {"subscales": {"result": 3.2, "process": 2.8}, "report_grade": 5}


def check_samen_sterker_demo_in_gezin_bakker(client):
    dossier = Dossier.objects.get(reference="KR-NL-2026-0004")
    conversations = Administration.objects.filter(dossier=dossier, instrument__slug="samen-sterker")
    assert conversations.count() == 5
    assert set(conversations.values_list("entry_mode", flat=True)) == {"together", "entered"}
    agreements = ImprovementAgreement.objects.filter(dossier=dossier)
    assert sorted(agreements.values_list("status", flat=True)) == ["done", "open", "open", "open"]
    html = _client(client, "anna.devries").get(reverse("feedback_samen_sterker", args=[dossier.pk])).content
    assert "Anna belt nu altijd op tijd" in html.decode()


def check_life_domain_matrix_demo_for_dylan_and_sasja(client):
    from kring.feedback.selectors import lgm_matrix

    dylan = Dossier.objects.get(reference="KR-NL-2026-0001")
    matrix = lgm_matrix(dylan, "start")
    assert matrix.moments == ["start", "during", "end"]
    assert matrix.informants == ["young_person", "parent", "school", "professional"]
    assert next(line for line in matrix.domains if line.code == "friends").informants_differ
    sasja = Dossier.objects.get(reference="KR-NL-2025-0007")
    family = next(line for line in lgm_matrix(sasja).domains if line.code == "family")
    assert family.spread == 5
    response = _client(client, "sanne.meijer").get(
        reverse("feedback_lgm", args=[dylan.pk]), {"moment": "during"}
    )
    assert response.status_code == 200 and "Boksen bij Mo" in response.content.decode()


def check_anchors_demo_for_sasja(client):
    from kring.feedback.selectors import anchors_overview

    sasja = Dossier.objects.get(reference="KR-NL-2025-0007")
    overview = anchors_overview(sasja)
    assert len(overview.results.rows) == 8
    worth = overview.lines[0]
    assert [v for _d, v in worth.youth] == [3, 5, 6, 7] and worth.gap == -1
    response = _client(client, "sanne.meijer").get(reverse("feedback_anchors", args=[sasja.pk]))
    assert response.status_code == 200 and "Ik ben de moeite waard." in response.content.decode()


def check_self_check_demo():
    from kring.feedback.selectors import self_check_overview

    sasja = self_check_overview(Dossier.objects.get(reference="KR-NL-2025-0007"))
    assert len(sasja.results.rows) == 2
    assert [row.result["subscales"]["steps"] for row in sasja.results.rows] == [2.5, 3.3]
