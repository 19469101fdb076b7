"""The child's space in the portal's API (/api/v1/portal/…): "how am I doing" and the young person's own
words-and-pictures story. The same door (selectors.portal_open), policy and services as the pages."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from kring.access.family import FamilyAction, FamilyPart
from kring.safety.childvoice.models import WORDS_MAX
from kring.ui.input_guard import IsoDate

from . import selectors, selectors_child, services_child
from .api import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["portal"])


class HowAmIDoingIn(Schema):
    feeling: int = Field(..., ge=1, le=5, description="5 very good, 4 good, 3 okay, 2 not good, 1 very bad")
    words: str = Field("", max_length=WORDS_MAX)


class HowAmIDoingOut(Schema):
    day: IsoDate
    feeling: int
    feeling_label: str
    words: str
    recorded_at: datetime


def _answer_out(answer: Any) -> dict[str, Any]:
    return {
        "day": answer.day,
        "feeling": answer.feeling,
        "feeling_label": str(answer.get_feeling_display()),
        "words": answer.words,
        "recorded_at": answer.recorded_at,
    }


@router.get(
    "/portal/{dossier_id}/how-am-i-doing",
    response={200: list[HowAmIDoingOut], **READ_ERRORS},
    operation_id="portal_how_am_i_doing",
)
def portal_how_am_i_doing(request: HttpRequest, dossier_id: UUID) -> list[dict[str, Any]]:
    """What the young person said about how they are doing, newest day first (only the young person)."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.HOW_AM_I_DOING]
    )
    return [_answer_out(answer) for answer in selectors_child.family_how_am_i_doing(opened=opened)]


@router.post(
    "/portal/{dossier_id}/how-am-i-doing",
    response={201: HowAmIDoingOut, **WRITE_ERRORS},
    operation_id="portal_how_am_i_doing_say",
)
def portal_how_am_i_doing_say(request: HttpRequest, dossier_id: UUID, data: HowAmIDoingIn) -> Any:
    """The young person says how they are doing today; a second answer the same day replaces the first
    (closed dossier: 409; no or an unknown feeling: 422; nothing saved)."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, action=FamilyAction.SAY_HOW_I_AM_DOING
    )
    answer = services_child.family_how_am_i_doing_save(
        decision=opened.decision, feeling=data.feeling, words=data.words
    )
    return Status(201, _answer_out(answer))


class StoryPartOut(Schema):
    number: int
    text: str
    picture_url: str | None
    picture_alt: str


@router.get(
    "/portal/{dossier_id}/story",
    response={200: list[StoryPartOut], **READ_ERRORS},
    operation_id="portal_story",
)
def portal_story(request: HttpRequest, dossier_id: UUID) -> list[dict[str, Any]]:
    """The young person's own words-and-pictures story, part by part (the picture at its own audited URL)."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.STORY])
    return [
        {
            "number": number,
            "text": panel.text,
            "picture_url": reverse("portal_story_picture", args=[opened.dossier.pk, panel.pk])
            if panel.has_image
            else None,
            "picture_alt": panel.image_alt,
        }
        for number, panel in enumerate(selectors_child.family_story_panels(opened=opened), start=1)
    ]
