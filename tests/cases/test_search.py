"""The name index behind the caseload search (kring.cases.search, migration cases/0013): the database keeps it
whoever writes a person, so it must follow every insert, rename and delete. On SQLite this also fails when a
later migration rebuilds cases_person and so drops the index's triggers."""

import pytest

from kring.cases.models import Person
from kring.cases.search import people_named

pytestmark = pytest.mark.django_db


def _named(text: str) -> set[str]:
    return {f"{p.first_name} {p.last_name}" for p in Person.objects.filter(people_named(text))}


@pytest.fixture
def people():
    return {
        "emma": Person.objects.create(first_name="Emma-Lou", last_name="de Vries"),
        "noah": Person.objects.create(first_name="Noah", last_name="Hemmati"),
        "odd": Person.objects.create(first_name="Jo", last_name="50%_af"),
    }


def test_a_name_is_found_by_any_part_whatever_the_case(people):
    assert _named("EMMA") == {"Emma-Lou de Vries", "Noah Hemmati"}
    assert _named("lou") == {"Emma-Lou de Vries"}
    assert _named("vries emma") == {"Emma-Lou de Vries"}
    assert _named("noah vries") == set()  # every word in one and the same person


def test_short_words_and_wildcards_are_matched_literally(people):
    assert _named("de emma") == {"Emma-Lou de Vries"}
    assert _named("jo") == {"Jo 50%_af"}
    assert _named("%_a") == {"Jo 50%_af"}
    assert _named("%") == {"Jo 50%_af"}
    assert _named('"vries"') == set()  # quotes are part of the word, not the index's syntax


def test_the_index_follows_inserts_renames_and_deletes(people):
    people["emma"].first_name = "Fenna"
    people["emma"].save()
    Person.objects.filter(pk=people["noah"].pk).update(last_name="Jansen")
    Person.objects.create(first_name="Emmanuel", last_name="Ruiz")
    assert _named("emma") == {"Emmanuel Ruiz"}
    assert _named("fenna vries") == {"Fenna de Vries"}
    people["odd"].delete()
    assert _named("jo") == set()


def _titled(text: str) -> set[str]:
    from kring.cases.models import Dossier
    from kring.cases.search import dossiers_titled

    return set(Dossier.objects.filter(pk__in=dossiers_titled(text)).values_list("title", flat=True))


def test_the_dossier_index_follows_inserts_renames_and_deletes(world):
    """cases/0014: a dossier is found by a part of its reference or title, whoever writes it."""
    from kring.cases.models import Dossier

    team = world.dossier.owning_team
    bakker = Dossier.objects.create(reference="KR-NL-2026-7001", title="Gezin Bakker", owning_team=team)
    Dossier.objects.create(reference="KR-NL-2026-7002", title="Gezin 50%_af", owning_team=team)
    assert _titled("BAKK") == _titled("nl-2026-7001") == {"Gezin Bakker"}
    assert _titled("%_a") == {"Gezin 50%_af"}  # literally, also when shorter than a trigram
    assert _titled("ba") == {"Gezin Bakker"}
    bakker.title = "Gezin de Boer"
    bakker.save()
    Dossier.objects.filter(reference="KR-NL-2026-7002").update(reference="KR-BE-2026-9")
    assert _titled("bakker") == set()
    assert _titled("boer") == {"Gezin de Boer"}
    assert _titled("be-2026-9") == {"Gezin 50%_af"}
    bakker.delete()
    assert _titled("boer") == set()
