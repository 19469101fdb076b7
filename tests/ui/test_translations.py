from pathlib import Path

import polib
import pytest
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "kring"
# The project's catalogue, and those of the apps that keep their own (safety, pathways, feedback, chain …).
CATALOGUES = sorted(SRC.glob("**/locale/*/LC_MESSAGES/django.po"))


def test_every_app_catalogue_has_dutch_and_english():
    for nl in (po for po in CATALOGUES if po.parts[-3] == "nl"):
        assert (nl.parents[2] / "en" / "LC_MESSAGES" / "django.po").exists(), nl


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_the_catalogue_is_compiled_and_current(catalogue, tmp_path):
    po = polib.pofile(str(catalogue))
    compiled = tmp_path / "django.mo"
    po.save_as_mofile(str(compiled))
    shipped = polib.mofile(str(catalogue.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in shipped} == {e.msgid: e.msgstr for e in polib.mofile(str(compiled))}, (
        "Run `make messages` to compile the translations"
    )


@pytest.mark.parametrize(
    "catalogue", [p for p in CATALOGUES if p.parts[-3] == "nl"], ids=lambda p: str(p.relative_to(SRC))
)
def test_every_dutch_string_is_translated(catalogue):
    po = polib.pofile(str(catalogue))
    missing = [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]
    assert not missing, f"Translate these in {catalogue}: {missing[:10]}"


def test_dutch_is_the_default_whatever_the_browser_says(client, db):
    response = client.get("/login/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="nl" dir="ltr">' in response.content.decode()
    with translation.override("nl"):
        assert translation.gettext("Log in") == "Inloggen"


def test_age_counts_whole_years_in_the_configured_zone():
    from datetime import date

    import time_machine

    from kring.ui.templatetags.kring import age

    with time_machine.travel("2026-06-01 22:30 +00:00"):  # already 2 June in Amsterdam
        assert age(date(2014, 6, 2)) == 12
        assert age(date(2014, 6, 3)) == 11
    assert age(None) is None
