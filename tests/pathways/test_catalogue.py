"""The shipped pathway templates are data in English; every text a user reads is in the catalogue and shown in
the reader's language."""

from django.utils import translation

from kring.pathways.catalogue import TEMPLATE_TEXTS, translated
from kring.pathways.loader import read_fixture
from kring.ui.templatetags.kring import catalogue


def _texts() -> set[str]:
    texts = set()
    for template in read_fixture():
        texts |= {template["name"], template.get("description", "")}
        texts |= {condition["label"] for condition in template.get("extension_conditions", [])}
        texts |= {step["title"] for step in template["steps"]}
    return texts - {""}


def test_every_text_of_the_templates_is_marked_for_translation():
    assert _texts() <= set(TEMPLATE_TEXTS)


def test_every_text_of_the_templates_has_a_dutch_translation():
    with translation.override("nl"):
        untranslated = {text for text in _texts() if translated(text) == text and text != "BMO"}
    assert not untranslated


def test_a_step_title_reads_in_the_readers_language_and_an_unknown_text_as_written():
    title = "End of the urgency procedure; the ordinary procedure follows"
    with translation.override("nl"):
        assert catalogue(title) == "Einde van de hoogdringende procedure; de gewone procedure volgt"
        assert catalogue("A step someone typed") == "A step someone typed"
    with translation.override("en"):
        assert catalogue(title) == title
