"""The access log names roles, objects and fields in words, never by their codes."""

from types import SimpleNamespace

from django.utils import translation

from kring.audit.words import entry_words, field_words, object_words, role_words
from kring.cases.models import Dossier


def test_codes_in_words_in_the_readers_language():
    entry = SimpleNamespace(
        role="case_worker", object_type="cases.dossier", fields=["safety_plan", "summary"]
    )
    with translation.override("nl"):
        words = entry_words(entry)
        assert words["role"] == "jeugdbeschermer"
        assert words["object"] == "Dossier"
        assert words["fields"] == "veiligheidsplan, samenvatting"
        assert object_words("audit_log") == "toegangslog"
        assert role_words("") == ""
    with translation.override("en"):
        assert entry_words(entry)["fields"] == "safety plan, summary"


def test_a_field_of_the_object_by_its_verbose_name_and_an_unknown_code_without_underscores():
    with translation.override("en"):
        verbose = Dossier._meta.get_field("opened_on").verbose_name
        assert field_words("opened_on", "cases.dossier") == str(verbose)
        assert field_words("some_new_field", "cases.dossier") == "some new field"
        assert object_words("kring.unknown_thing") == "kring unknown thing"
