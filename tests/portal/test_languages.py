"""The portal in Dutch, English, Arabic (right to left), Turkish and Polish, chosen by the person;
professional pages keep nl/nl-be/en; every text a family meets has its own ar, tr and pl translation
(family_msgids.py)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kring.portal.models import FamilyAccount

from .conftest import verified_client
from .family_msgids import family_msgids, untranslated


def test_the_family_templates_have_texts_to_check():
    msgids = family_msgids()
    assert len(msgids) > 80 and "I don't feel safe" in msgids


def test_every_text_a_family_meets_is_collected():
    msgids = family_msgids()
    # the portal, the login and authenticator-app pages, the invitation e-mail, self-entry, the questionnaires
    for text in (
        "I don't feel safe",
        "Log in to kring",
        "Set up the second step to log in",
        "Open the app on your phone. Type the code of 6 numbers that you see.",
        "An invitation to kring",
        "Thank you!",
        "What grade do you give the help, from 1 to 10?",
        "I am worth it.",
        "Who sees what",
    ):
        assert text in msgids, text
    # but not what only a worker reads
    assert "Whose address and whereabouts" not in msgids  # the worker's shield form
    assert "The seven anchors (worker)" not in msgids  # a professional's questionnaire


@pytest.mark.parametrize("language", ["ar", "tr", "pl"])
def test_every_family_text_has_its_own_translation(language):
    """Own, not fallen back to: Django fills a missing Arabic text with kring's default language."""
    msgids = family_msgids()
    assert [f"{msgids[msgid]}: {msgid}" for msgid in untranslated(language, msgids)] == []


def test_an_arabic_page_renders_right_to_left(family):
    client = verified_client(family.user("young_12"))
    start = reverse("portal_dossier", args=[family.dossier.pk])
    response = client.post(reverse("portal_language"), {"language": "ar", "next": start})
    assert response.status_code == 302 and response["Location"] == start

    page = client.get(start).content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "لا أشعر بالأمان" in page  # "I don't feel safe"
    assert "I don't feel safe" not in page
    # kept on the account: the next login on another phone opens in Arabic too
    assert FamilyAccount.objects.get(pk=family.accounts["young_12"].pk).language == "ar"
    other_phone = verified_client(family.user("young_12"))
    assert 'lang="ar" dir="rtl"' in other_phone.get(start).content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [("tr", "Planınız"), ("pl", "Twój plan"), ("en", "Your plan")],  # noqa: RUF001 (Turkish dotless i)
)
def test_turkish_polish_english_left_to_right(family, language, text):
    client = verified_client(family.user("parent_authority"))
    client.post(reverse("portal_language"), {"language": language})
    page = client.get(reverse("portal_plan", args=[family.dossier.pk])).content.decode()
    assert f'<html lang="{language}" dir="ltr">' in page and text in page


def test_the_portal_switch_offers_five_languages_and_refuses_others(family):
    client = verified_client(family.user("parent_authority"))
    page = client.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    for code in ("nl", "en", "ar", "tr", "pl"):
        assert f'name="language" value="{code}"' in page
    client.post(reverse("portal_language"), {"language": "de"})
    assert FamilyAccount.objects.get(pk=family.accounts["parent_authority"].pk).language == ""


def test_professional_pages_keep_their_languages(world, family):
    worker = Client()
    worker.force_login(world.circle_member)
    worker.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = worker.get(reverse("portal_login")).content.decode()  # a portal page may be Arabic
    assert 'lang="ar"' in page
    worker_page = worker.get(reverse("portal_family_accounts", args=[family.dossier.pk]))
    assert 'lang="nl"' in worker_page.content.decode()
    # the professional switch offers no portal-only language
    assert 'value="ar"' not in worker_page.content.decode()


def _in_arabic() -> Client:
    client = Client()
    client.post(reverse("portal_language"), {"language": "ar", "next": reverse("portal_login")})
    return client


def test_the_way_in_is_arabic_right_to_left(db):
    """The portal's login and invitation pages, and the pages a family passes through on the way in: the
    password login and the authenticator app (in the portal's layout, in the person's language)."""
    client = _in_arabic()
    pages = {
        reverse("portal_login"): "سجّل الدخول إلى kring الخاص بك",
        reverse("portal_invitation_code"): "دعوتك",  # "your invitation"
        reverse("login") + "?next=/gezin/": "سجّل الدخول إلى kring",
    }
    for url, text in pages.items():
        page = client.get(url).content.decode()
        assert '<html lang="ar" dir="rtl">' in page, url
        assert text in page, url
        assert "Log in" not in page and "Inloggen" not in page, url
    assert (
        "kring-portal" in client.get(reverse("login") + "?next=/gezin/").content.decode()
    )  # the portal's layout


def test_the_authenticator_app_pages_in_arabic(family):
    client = Client()
    client.force_login(family.user("foster_parent"))  # logged in, no second step yet
    client.post(reverse("portal_language"), {"language": "ar"})
    setup = client.get(reverse("mfa_setup") + "?next=/gezin/").content.decode()
    assert '<html lang="ar" dir="rtl">' in setup and "إعداد الخطوة الثانية لتسجيل الدخول" in setup
    assert "authenticator app" not in setup.replace("Authenticator", "")


def test_a_worker_keeps_the_professional_login(db):
    page = Client().get(reverse("login")).content.decode()
    assert 'lang="nl"' in page and "kring-portal" not in page


def test_the_self_entry_pages_offer_and_speak_the_familys_languages(db):
    client = Client()
    client.post(reverse("portal_language"), {"language": "ar", "next": reverse("self_entry_done")})
    page = client.get(reverse("self_entry_done")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "شكراً!" in page
    for code in ("nl", "en", "ar", "tr", "pl"):
        assert f'name="language" value="{code}"' in page


def test_the_invitation_email_speaks_all_five_languages(world, family, django_capture_on_commit_callbacks):
    from django.core import mail

    from kring.portal import services

    FamilyAccount.objects.filter(person=family.foster.person).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            actor=world.circle_member,
            dossier=family.dossier,
            person=family.foster.person,
            kind="foster_parent",
            email="anja@example.org",
        )
    body = mail.outbox[-1].body
    for words in ("Je bent uitgenodigd", "You are invited", "أنت مدعو", "davet edildiniz", "Zapraszamy"):
        assert words in body, words
