"""The portal in Dutch, English, Arabic (right to left), Turkish and Polish, chosen by the person;
professional pages keep nl/nl-be/en; the portal's catalogues are complete for the family's templates."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from kring.portal.family_texts import FAMILY_TEXTS
from kring.portal.models import FamilyAccount

from .conftest import verified_client

TEMPLATES = Path(settings.SRC_DIR) / "portal" / "templates" / "portal"
WORKER_TEMPLATES = {"_worker_alerts.html"}  # and everything under worker/: for professionals (nl/en)
GETTEXT = re.compile(r"gettext\(u('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\)")


def family_template_msgids() -> dict[str, str]:
    found = {}
    for path in sorted(TEMPLATES.glob("*.html")):
        if path.name in WORKER_TEMPLATES:
            continue
        for literal in GETTEXT.findall(templatize(path.read_text(encoding="utf-8"))):
            found[ast.literal_eval(literal)] = path.name
    return found


def test_the_family_templates_have_texts_to_check():
    msgids = family_template_msgids()
    assert len(msgids) > 80 and "I don't feel safe" in msgids


@pytest.mark.parametrize("language", ["ar", "tr", "pl"])
def test_no_family_text_left_untranslated(language):
    untranslated = []
    with translation.override(language):
        for msgid, template in family_template_msgids().items():
            if translation.gettext(msgid) == msgid:
                untranslated.append(f"{template}: {msgid}")
        untranslated += [msgid for msgid in FAMILY_TEXTS if translation.gettext(msgid) == msgid]
    assert untranslated == []


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
