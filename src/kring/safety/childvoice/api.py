"""The child's voice in the API: the words-and-pictures stories (panels as metadata and text) and the three
houses. Pictures are not sent through the API: `image_url` names the authorised, audited page that serves them
to a logged-in browser; they are uploaded on the page. The same door as the pages (selectors.child_voice_open,
with the rule of kring.access.childvoice)."""

from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from kring.access.policy import Action
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate

from . import services
from .models import HOUSE_TEXT_MAX, IMAGE_ALT_MAX, PANEL_TEXT_MAX, Panel, Story, ThreeHouses
from .selectors import child_get, child_voice_open, panel_get, panels_queryset

router = Router(tags=["The child's voice"])


class PanelOut(Schema):
    id: int
    position: int
    text: str
    image_alt: str
    has_image: bool
    image_url: str | None = Field(description="The picture, for a logged-in browser session (audited)")
    image_content_type: str
    image_width: int | None
    image_height: int | None
    updated_at: datetime

    @staticmethod
    def resolve_image_url(obj: Panel) -> str | None:
        if not obj.has_image:
            return None
        return reverse(
            "childvoice_panel_image", kwargs={"dossier_id": obj.story.dossier_id, "panel_id": obj.pk}
        )


class StoryChangeOut(Schema):
    revision: int
    kind: str
    panel_number: int
    previous_text: str
    changed_at: datetime


class StoryOut(Schema):
    child_id: int
    revision: int = Field(description="Send it back with a change; a change on another revision is refused")
    panels: list[PanelOut]
    changes: list[StoryChangeOut]

    @staticmethod
    def resolve_panels(obj: Story) -> list[Panel]:
        return obj.panel_list

    @staticmethod
    def resolve_changes(obj: Story) -> list[Any]:
        return list(obj.changes.all())


class PanelIn(Schema):
    text: str = Field(max_length=PANEL_TEXT_MAX)
    image_alt: str = Field("", max_length=IMAGE_ALT_MAX)
    revision: int | None = Field(None, ge=0, description="The story's revision you saw (0: no story yet)")


class PanelChangeIn(Schema):
    text: str = Field(max_length=PANEL_TEXT_MAX)
    image_alt: str = Field("", max_length=IMAGE_ALT_MAX)
    remove_image: bool = False
    revision: int = Field(ge=0)


class RevisionIn(Schema):
    revision: int = Field(ge=0)


class PanelMoveIn(Schema):
    direction: str = Field(pattern="^(up|down)$")
    revision: int = Field(ge=0)


def _panel(request: HttpRequest, dossier_id: str, panel_id: int) -> Panel:
    """A panel of the dossier's stories, the dossier opened to change the child's voice."""
    dossier = child_voice_open(user=request.auth, dossier_id=dossier_id, action=Action.EDIT).dossier
    return panel_get(dossier=dossier, panel_id=panel_id)


@router.get(
    "/dossiers/{dossier_id}/child-voice/stories",
    response={200: list[StoryOut], 401: ErrorOut, 404: ErrorOut},
    summary="The words-and-pictures stories of the children of a dossier",
)
def list_stories(request: HttpRequest, dossier_id: str) -> Any:
    dossier = child_voice_open(user=request.auth, dossier_id=dossier_id).dossier
    stories = list(
        Story.objects.filter(dossier=dossier)
        .order_by("child__date_of_birth", "child_id")
        .prefetch_related(Prefetch("panels", queryset=panels_queryset(), to_attr="panel_list"), "changes")
    )
    return stories


@router.post(
    "/dossiers/{dossier_id}/child-voice/children/{child_id}/panels",
    response={201: PanelOut, **WRITE_ERRORS},
    summary="Add a panel (text) at the end of a child's story",
)
def add_panel(request: HttpRequest, dossier_id: str, child_id: int, payload: PanelIn) -> Any:
    dossier = child_voice_open(user=request.auth, dossier_id=dossier_id, action=Action.EDIT).dossier
    child = child_get(dossier=dossier, child_id=child_id)
    panel = services.panel_add(
        actor=request.auth,
        dossier=dossier,
        child=child,
        text=payload.text,
        image_alt=payload.image_alt,
        revision=payload.revision,
    )
    return Status(201, panel)


@router.post(
    "/dossiers/{dossier_id}/child-voice/panels/{panel_id}",
    response={200: PanelOut, **WRITE_ERRORS},
    summary="Change the text of a panel, or remove its picture",
)
def change_panel(request: HttpRequest, dossier_id: str, panel_id: int, payload: PanelChangeIn) -> Any:
    panel = _panel(request, dossier_id, panel_id)
    return services.panel_change(actor=request.auth, panel=panel, **payload.dict())


@router.post(
    "/dossiers/{dossier_id}/child-voice/panels/{panel_id}/move",
    response={200: PanelOut, **WRITE_ERRORS},
    summary="Move a panel up or down in its story",
)
def move_panel(request: HttpRequest, dossier_id: str, panel_id: int, payload: PanelMoveIn) -> Any:
    panel = _panel(request, dossier_id, panel_id)
    return services.panel_move(actor=request.auth, panel=panel, **payload.dict())


@router.post(
    "/dossiers/{dossier_id}/child-voice/panels/{panel_id}/remove",
    response={204: None, **WRITE_ERRORS},
    summary="Take a panel out of its story (its text stays in the story's changes)",
)
def remove_panel(request: HttpRequest, dossier_id: str, panel_id: int, payload: RevisionIn) -> Any:
    panel = _panel(request, dossier_id, panel_id)
    services.panel_remove(actor=request.auth, panel=panel, revision=payload.revision)
    return Status(204, None)


class ThreeHousesOut(Schema):
    child_id: int
    version: int
    worries: str
    good_things: str
    dreams: str
    talked_on: IsoDate
    recorded_at: datetime


class ThreeHousesIn(Schema):
    worries: str = Field("", max_length=HOUSE_TEXT_MAX)
    good_things: str = Field("", max_length=HOUSE_TEXT_MAX)
    dreams: str = Field("", max_length=HOUSE_TEXT_MAX)
    talked_on: IsoDate
    based_on: int | None = Field(
        None,
        ge=0,
        description="The version you started from (0: none yet); refused when no longer the newest",
    )


@router.get(
    "/dossiers/{dossier_id}/child-voice/three-houses",
    response={200: list[ThreeHousesOut], 401: ErrorOut, 404: ErrorOut},
    summary="The three houses of the children of a dossier, every version, newest first per child",
)
def list_three_houses(request: HttpRequest, dossier_id: str) -> Any:
    dossier = child_voice_open(user=request.auth, dossier_id=dossier_id).dossier
    return list(ThreeHouses.objects.filter(dossier=dossier).order_by("child_id", "-version"))


@router.post(
    "/dossiers/{dossier_id}/child-voice/children/{child_id}/three-houses",
    response={201: ThreeHousesOut, **WRITE_ERRORS},
    summary="Save a new version of a child's three houses, in the child's own words",
)
def save_three_houses(request: HttpRequest, dossier_id: str, child_id: int, payload: ThreeHousesIn) -> Any:
    dossier = child_voice_open(user=request.auth, dossier_id=dossier_id, action=Action.EDIT).dossier
    child = child_get(dossier=dossier, child_id=child_id)
    houses = services.three_houses_save(actor=request.auth, dossier=dossier, child=child, **payload.dict())
    return Status(201, houses)
