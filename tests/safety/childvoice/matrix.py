"""Permission-matrix cases for the child's voice (tests/access/test_permission_matrix.py collects them).

Pages: the circle, the team lead and emergency access read; everybody else 404 (the police in the world is not
in the circle; see test_story.py for the police with a seat and a consent), the anonymous visitor the login
page. Writes: the circle and the team lead are sent back to the page; emergency access is read-only (404).
API: readers 200, writers 200/201/204, the anonymous caller 401."""

from kring.safety.childvoice import services
from kring.safety.childvoice.models import Panel
from tests.permissions import A, Case

from .conftest import png, upload

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}
READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}


def _dossier(w) -> dict:
    return {"dossier_id": w.dossier.pk}


def _child(w) -> dict:
    return {**_dossier(w), "child_id": w.dossier.children.get().pk}


def _panel(w) -> Panel:
    """The first panel of the child's story, with a picture (made once per world)."""
    panel = Panel.objects.filter(story__dossier=w.dossier).order_by("position").first()
    if panel is None:
        child = w.dossier.children.get()
        services.panel_add(actor=None, dossier=w.dossier, child=child, text="Eerste", image=upload(png()))
        panel = services.panel_add(actor=None, dossier=w.dossier, child=child, text="Tweede", revision=1)
        panel = Panel.objects.get(story__dossier=w.dossier, position=1)
    return panel


def _with_panel(w) -> dict:
    return {**_dossier(w), "panel_id": _panel(w).pk}


def _revision(w) -> dict:
    return {"revision": _panel(w).story.revision}


CASES: dict[str, Case] = {
    "childvoice_overview": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "childvoice_child": Case("get", kwargs=_child, expect=PAGE, default=404),
    "childvoice_print": Case("get", kwargs=_child, expect=PAGE, default=404),
    "childvoice_panel_image": Case("get", kwargs=_with_panel, expect=PAGE, default=404),
    "childvoice_panel_add": Case(
        "post", kwargs=_child, data={"text": "Wat er gebeurde.", "revision": ""}, expect=WRITE, default=404
    ),
    "childvoice_panel_change": Case(
        "post",
        kwargs=_with_panel,
        data=lambda w: {"text": "Anders verteld.", **_revision(w)},
        expect=WRITE,
        default=404,
    ),
    "childvoice_panel_move": Case(
        "post",
        kwargs=_with_panel,
        data=lambda w: {"direction": "down", **_revision(w)},
        expect=WRITE,
        default=404,
    ),
    "childvoice_panel_remove": Case("post", kwargs=_with_panel, data=_revision, expect=WRITE, default=404),
    "childvoice_houses_save": Case(
        "post",
        kwargs=_child,
        data={"worries": "Dat ik niet naar huis mag.", "talked_on": "2026-11-12"},
        expect=WRITE,
        default=404,
    ),
    "api:list_three_houses": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:save_three_houses": Case(
        "post",
        kwargs=_child,
        data={"dreams": "Naar huis.", "talked_on": "2026-11-12"},
        json=True,
        expect={"circle_member": 201, "team_lead": 201, A: 401},
        default=404,
    ),
    "api:list_stories": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:add_panel": Case(
        "post",
        kwargs=_child,
        data={"text": "Wat er gebeurde."},
        json=True,
        expect={"circle_member": 201, "team_lead": 201, A: 401},
        default=404,
    ),
    "api:change_panel": Case(
        "post",
        kwargs=_with_panel,
        data=lambda w: {"text": "Anders verteld.", **_revision(w)},
        json=True,
        expect={"circle_member": 200, "team_lead": 200, A: 401},
        default=404,
    ),
    "api:move_panel": Case(
        "post",
        kwargs=_with_panel,
        data=lambda w: {"direction": "down", **_revision(w)},
        json=True,
        expect={"circle_member": 200, "team_lead": 200, A: 401},
        default=404,
    ),
    "api:remove_panel": Case(
        "post",
        kwargs=_with_panel,
        data=_revision,
        json=True,
        expect={"circle_member": 204, "team_lead": 204, A: 401},
        default=404,
    ),
}
