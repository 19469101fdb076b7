"""The demo caseload tells the child's voice of seed 004 case 2 (Emma, Lambrecht: story and three houses)
and seed 001 (Dylan)."""

import io

from django.core.management import call_command

from kring.cases.models import Dossier
from kring.safety.childvoice.models import Panel, Story, ThreeHouses

from .conftest import stored_files


def test_seed_demo_gives_emma_and_dylan_their_story_once(db, media):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    lambrecht = Dossier.objects.get(reference="KR-BE-2026-0002")
    emma = lambrecht.children.get(first_name="Emma")
    story = Story.objects.get(dossier=lambrecht, child=emma)
    panels = list(Panel.objects.filter(story=story).order_by("position"))
    assert len(panels) == 6 and story.revision == 6
    assert "Op een nacht bleef Louis huilen." in panels[2].text
    assert sum(panel.has_image for panel in panels) == 6 and all(panel.image_alt for panel in panels)
    houses = list(ThreeHouses.objects.filter(dossier=lambrecht, child=emma))
    assert [h.version for h in houses] == [2, 1] and "juf worden" in houses[0].dreams
    louis = lambrecht.children.get(first_name="Louis")
    assert not Story.objects.filter(child=louis).exists()  # "later the youngest", as in the seed
    dylan_story = Story.objects.get(dossier__reference="KR-NL-2026-0001")
    assert dylan_story.panels.count() == 4
    assert len(stored_files(media)) == 6 + 3
