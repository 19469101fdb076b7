"""'Who sees what' in the portal: the professionals' tab's own answer (access.policy.organisation_shares via
kring.cases.selectors.who_sees_what), for whoever holds the file, through the portal's door, audited."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.access.policy import Section, organisation_shares
from kring.audit.models import AuditAction, AuditEntry
from kring.cases.selectors import sharing_organisations


def _sections(page: str, attribute: str) -> set[str]:
    return set(re.findall(rf'{attribute}="([a-z_]+)"', page))


def test_the_mother_sees_which_organisation_sees_which_part_as_the_policy_says(
    family, family_client, client_for
):
    client = family_client("parent_authority")
    start = client.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    url = reverse("portal_who_sees_what", args=[family.dossier.pk])
    assert f'href="{url}"' in start  # linked from the start page

    page = client.get(url).content.decode()

    organisations = sharing_organisations(dossier=family.dossier)
    assert organisations and all(o.name in page for o in organisations)
    shares = {
        (o.name, s.value)
        for o in organisations
        for s in organisation_shares(family.dossier, o, timezone.localdate())
    }
    seen = set()
    for block in page.split("<section")[1:]:
        name = next(o.name for o in organisations if o.name in block)
        seen |= {(name, section) for section in _sections(block, "data-section")}
        assert not _sections(block, "data-section") & _sections(block, "data-hidden-section")
    assert seen == shares
    # the professionals' own tab says the same
    tab = client_for("circle_member").get(reverse("dossier_sharing", args=[family.dossier.pk]))
    assert tab.status_code == 200
    assert _sections(tab.content.decode(), "data-section") == {section for _name, section in shares}


def test_no_data_about_other_family_members(family, family_client):
    page = family_client("young_16").get(reverse("portal_who_sees_what", args=[family.dossier.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "El Amrani" not in text  # no family member's name (the family's surname)
    for other in ("Fatima", "Karim", "Lieke", "Anja", "Noor "):
        assert other not in text


def test_it_goes_through_the_door_and_is_in_the_access_log(family, family_client):
    family_client("parent_authority").get(reverse("portal_who_sees_what", args=[family.dossier.pk]))
    reads = AuditEntry.objects.filter(
        action=AuditAction.READ, actor_id=family.user("parent_authority").pk, dossier_id=family.dossier.pk
    )
    assert any("portal:who_sees_what" in entry.fields for entry in reads)  # (no JSON contains on SQLite)
    # everyone with an account finds it on their start page
    for persona in ("parent_no_authority", "young_12", "network_member", "foster_parent"):
        start = family_client(persona).get(reverse("portal_dossier", args=[family.dossier.pk]))
        assert "wie-ziet-wat" in start.content.decode()


OWN_SECTIONS = {
    "young_12": {"children", "safety_plan", "contacts", "feedback"},
    "parent_no_authority": {"network", "safety_plan", "contacts", "feedback"},
    "foster_parent": {"network", "safety_plan", "contacts", "feedback"},
    "network_member": {"safety_plan", "feedback"},  # what they wrote
}


@pytest.mark.parametrize("persona", sorted(OWN_SECTIONS))
def test_the_others_see_who_sees_their_own_data_and_nothing_else(persona, family, family_client):
    client = family_client(persona)
    page = client.get(reverse("portal_who_sees_what", args=[family.dossier.pk])).content.decode()
    assert "data-own-parts" in page
    mentioned = _sections(page, "data-section") | _sections(page, "data-hidden-section")
    assert mentioned and mentioned <= OWN_SECTIONS[persona]
    # of each organisation: what it sees of their own data, exactly as the policy says
    organisations = sharing_organisations(dossier=family.dossier)
    for block in page.split("<section")[1:]:
        organisation = next(o for o in organisations if o.name in block)
        shares = {s.value for s in organisation_shares(family.dossier, organisation, timezone.localdate())}
        assert _sections(block, "data-section") == shares & OWN_SECTIONS[persona]
        assert _sections(block, "data-hidden-section") == OWN_SECTIONS[persona] - shares
    found = client.get(reverse("api:portal_who_sees_what", args=[family.dossier.pk])).json()
    listed = {part["section"] for item in found for part in item["sees"] + item["does_not_see"]}
    assert listed <= OWN_SECTIONS[persona]


def test_whoever_holds_the_file_sees_it_for_the_whole_file(family, family_client):
    for persona in ("parent_authority", "young_16"):
        page = family_client(persona).get(reverse("portal_who_sees_what", args=[family.dossier.pk]))
        text = page.content.decode()
        assert "data-own-parts" not in text
        assert _sections(text, "data-section") | _sections(text, "data-hidden-section") == {
            s.value for s in Section
        }


def test_the_api_gives_the_same_answer(family, family_client):
    client = family_client("parent_authority")
    found = client.get(reverse("api:portal_who_sees_what", args=[family.dossier.pk])).json()
    organisations = sharing_organisations(dossier=family.dossier)
    assert [item["organisation"] for item in found] == [o.name for o in organisations]
    for item, organisation in zip(found, organisations, strict=True):
        shares = organisation_shares(family.dossier, organisation, timezone.localdate())
        assert {part["section"] for part in item["sees"]} == {s.value for s in shares}
        assert all(part["why"] for part in item["sees"])


def test_in_arabic(family, family_client):
    client = family_client("young_16")
    client.post(reverse("portal_language"), {"language": "ar"})
    page = client.get(reverse("portal_who_sees_what", args=[family.dossier.pk])).content.decode()
    assert 'dir="rtl"' in page and "Who sees what" not in page
