"""Feedback and outcomes in the API: instrument definitions, administrations (plan, answer), self-entry links,
scored results and Samen Sterker's improvement agreements.

The same access policy and audit log as the pages: a dossier is opened through the door (dossier_open,
Section.FEEDBACK; 404 for anyone who may not see it, audited), which logs the read; writes go through the
services, which check the policy again and audit them. Definitions are no dossier data: any logged-in user or
token may read them."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import StrictFloat, StrictInt, StrictStr

from kring.access.policy import Action, Section
from kring.cases.models import Contact
from kring.cases.selectors import dossier_open
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate

from . import self_entry, services
from .models import (
    Administration,
    AgreementStatus,
    EntryMode,
    ImprovementAgreement,
    Instrument,
    Moment,
    RespondentType,
    Topic,
)
from .scoring import score
from .selectors import dossier_agreements, dossier_results, off_track_ids

router = Router(tags=["Feedback and outcomes"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
AnswerValue = StrictInt | StrictFloat | StrictStr | None
MAX_ID = 2**31 - 1  # ids and versions the database holds; larger ones are refused (422), not crashed on
ID = Path(..., ge=1, le=MAX_ID)


# --- schemas ------------------------------------------------------------------------------------------------


class ItemOut(Schema):
    id: str = Field(alias="key")
    question: str = Field(alias="display_text")
    heading: str = Field(alias="display_heading")
    type: str = Field(alias="answer_type")
    min: int | None = Field(alias="min_value")
    max: int | None = Field(alias="max_value")
    subscale: str
    required: bool


class InstrumentOut(Schema):
    slug: str
    version: int
    name: str = Field(alias="display_name")
    purpose: str = Field(alias="display_purpose")
    respondent_types: list[str]
    due: str
    frozen: bool = Field(alias="is_frozen")
    items: list[ItemOut]

    @staticmethod
    def resolve_items(instrument: Instrument) -> list[Any]:
        return list(instrument.items.all())


class ResultOut(Schema):
    subscales: dict[str, float] = Field(default_factory=dict)
    report_grade: int | None = None


class AdministrationOut(Schema):
    id: int
    instrument: str
    version: int
    respondent_type: str
    respondent_label: str
    moment: str
    contact_id: int | None
    status: str
    taken_on: IsoDate | None
    submitted_at: datetime | None
    entry_mode: str | None
    answers: dict[str, Any]
    result: ResultOut | None


class AdministrationIn(Schema):
    instrument: str = Field(max_length=50, description="the instrument's slug, e.g. 'exit'")
    version: int | None = Field(None, ge=1, le=MAX_ID, description="default: the latest version")
    respondent_type: RespondentType
    respondent_label: str = Field(
        "", max_length=50, description="a first name shown to the respondent, or none"
    )
    moment: Moment | None = None
    contact_id: int | None = Field(None, ge=1, le=MAX_ID)
    answers: dict[str, AnswerValue] | None = Field(
        None, max_length=200, description="item id → value; given: submitted at once, left out: waiting"
    )
    entry_mode: EntryMode = EntryMode.ENTERED
    taken_on: IsoDate | None = None


class AnswersIn(Schema):
    answers: dict[str, AnswerValue] = Field(max_length=200)
    entry_mode: EntryMode = EntryMode.TOGETHER
    taken_on: IsoDate | None = None


class LinkIn(Schema):
    valid_hours: int | None = Field(
        None, ge=1, le=MAX_ID, description="default: the configured validity (72 hours)"
    )


class LinkOut(Schema):
    url: str = Field(description="shown once: only a hash of the token is kept")
    expires_at: datetime


class ResultRowOut(Schema):
    administration_id: int
    version: int
    taken_on: IsoDate
    respondent_type: str
    moment: str
    entry_mode: str
    score: float | None
    subscales: dict[str, float]
    report_grade: int | None
    off_track: bool


class InstrumentResultsOut(Schema):
    instrument: str
    name: str
    rows: list[ResultRowOut]


class AgreementOut(Schema):
    id: int
    topic: str
    text: str
    who: str
    made_on: IsoDate
    due_on: IsoDate | None
    status: str
    done_on: IsoDate | None
    version: int


class AgreementIn(Schema):
    topic: Topic
    text: str = Field(min_length=1, max_length=300)
    who: str = Field(min_length=1, max_length=100)
    made_on: IsoDate | None = None
    due_on: IsoDate | None = None
    made_in_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="the Samen Sterker administration it follows from"
    )


class AgreementStatusIn(Schema):
    status: AgreementStatus
    version: int = Field(
        ge=1, le=MAX_ID, description="the version you saw; a change by someone else meanwhile is refused"
    )
    done_on: IsoDate | None = None


# --- helpers ------------------------------------------------------------------------------------------------


def _answers(administration: Administration) -> dict[str, Any]:
    return {
        answer.item.key: (float(answer.value) if answer.item.is_numeric else answer.text)
        for answer in administration.answers.all()
    }


def _administration_out(administration: Administration) -> dict[str, Any]:
    answers = _answers(administration) if administration.is_submitted else {}
    return {
        "id": administration.pk,
        "instrument": administration.instrument.slug,
        "version": administration.instrument.version,
        "respondent_type": administration.respondent_type,
        "respondent_label": administration.respondent_label,
        "moment": administration.moment,
        "contact_id": administration.contact_id,
        "status": "submitted" if administration.is_submitted else "waiting",
        "taken_on": administration.taken_on if administration.is_submitted else None,
        "submitted_at": administration.submitted_at,
        "entry_mode": administration.entry_mode if administration.is_submitted else None,
        "answers": answers,
        "result": score(administration.instrument, answers) if administration.is_submitted else None,
    }


def _with_answers(queryset: Any) -> Any:
    return queryset.select_related("instrument").prefetch_related("instrument__items", "answers__item")


# --- definitions --------------------------------------------------------------------------------------------


@router.get(
    "/feedback/instruments",
    response={200: list[InstrumentOut], 401: ErrorOut, 422: ErrorOut},
    summary="The instruments with their items (latest versions, or all with all_versions=true)",
)
def list_instruments(request: HttpRequest, all_versions: bool = False) -> Any:
    instruments = list(Instrument.objects.prefetch_related("items").order_by("slug", "-version"))
    if not all_versions:
        latest: dict[str, Instrument] = {}
        for instrument in instruments:
            latest.setdefault(instrument.slug, instrument)
        instruments = list(latest.values())
    return instruments


@router.get(
    "/feedback/instruments/{slug}",
    response={200: InstrumentOut, **READ_ERRORS},
    summary="One instrument with its items (the latest version, or ?version=N)",
)
def get_instrument(
    request: HttpRequest, slug: str, version: int | None = Query(None, ge=1, le=MAX_ID)
) -> Any:
    versions = Instrument.objects.filter(slug=slug).prefetch_related("items")
    if version is not None:
        versions = versions.filter(version=version)
    instrument = versions.order_by("-version").first()
    if instrument is None:
        raise Http404
    return instrument


# --- administrations ----------------------------------------------------------------------------------------


@router.get(
    "/dossiers/{dossier_id}/feedback/administrations",
    response={200: list[AdministrationOut], **READ_ERRORS},
    summary="The questionnaires of a dossier, newest first: waiting ones and submitted ones with answers",
)
def list_administrations(
    request: HttpRequest, dossier_id: str, instrument: str | None = None, status: str | None = None
) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.FEEDBACK]).dossier
    administrations = _with_answers(Administration.objects.filter(dossier=dossier)).order_by(
        "-taken_on", "-created_at"
    )
    if instrument:
        administrations = administrations.filter(instrument__slug=instrument)
    if status == "waiting":
        administrations = administrations.waiting()
    elif status == "submitted":
        administrations = administrations.submitted()
    return [_administration_out(a) for a in administrations]


def _instrument(slug: str, version: int | None) -> Instrument:
    versions = Instrument.objects.filter(slug=slug)
    if version is not None:
        versions = versions.filter(version=version)
    instrument = versions.order_by("-version").first()
    if instrument is None:
        raise ValidationError({"instrument": [services.UNKNOWN_INSTRUMENT]})
    return instrument


@router.post(
    "/dossiers/{dossier_id}/feedback/administrations",
    response={201: AdministrationOut, **WRITE_ERRORS},
    summary="Plan a questionnaire (without answers: it waits) or submit it at once (with answers)",
)
def create_administration(request: HttpRequest, dossier_id: str, payload: AdministrationIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    instrument = _instrument(payload.instrument, payload.version)
    contact = None
    if payload.contact_id is not None:
        contact = Contact.objects.filter(pk=payload.contact_id, dossier=dossier).first()
        if contact is None:
            raise ValidationError({"contact": [services.OTHER_DOSSIER_CONTACT]})
    common = {
        "actor": request.auth,
        "instrument": instrument,
        "dossier": dossier,
        "respondent_type": payload.respondent_type.value,
        "respondent_label": payload.respondent_label,
        "moment": payload.moment.value if payload.moment else "",
        "contact": contact,
    }
    if payload.answers is None:
        administration = services.administration_plan(**common)
    else:
        administration = services.administration_submit(
            **common,
            answers=payload.answers,
            entry_mode=payload.entry_mode.value,
            taken_on=payload.taken_on,
        )
    return Status(201, _administration_out(_with_answers(Administration.objects).get(pk=administration.pk)))


def _waiting(dossier: Any, administration_id: int) -> Administration:
    return get_object_or_404(
        Administration.objects.select_related("instrument", "dossier"), pk=administration_id, dossier=dossier
    )


@router.post(
    "/dossiers/{dossier_id}/feedback/administrations/{administration_id}/answers",
    response={200: AdministrationOut, **WRITE_ERRORS},
    summary="Submit the answers of a waiting questionnaire (once; a second submission is refused)",
)
def submit_answers(
    request: HttpRequest, dossier_id: str, payload: AnswersIn, administration_id: int = ID
) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    administration = _waiting(dossier, administration_id)
    services.administration_answer(
        actor=request.auth,
        administration=administration,
        answers=payload.answers,
        entry_mode=payload.entry_mode.value,
        taken_on=payload.taken_on,
    )
    return _administration_out(_with_answers(Administration.objects).get(pk=administration.pk))


@router.post(
    "/dossiers/{dossier_id}/feedback/administrations/{administration_id}/links",
    response={201: LinkOut, **WRITE_ERRORS},
    summary="A one-time self-entry link for the respondent (earlier links stop working)",
)
def create_self_entry_link(
    request: HttpRequest, dossier_id: str, payload: LinkIn, administration_id: int = ID
) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    administration = _waiting(dossier, administration_id)
    made = self_entry.self_entry_link_create(
        actor=request.auth, administration=administration, valid_hours=payload.valid_hours
    )
    url = request.build_absolute_uri(reverse("self_entry", args=[made.token]))
    return Status(201, {"url": url, "expires_at": made.link.expires_at})


# --- results ------------------------------------------------------------------------------------------------


@router.get(
    "/dossiers/{dossier_id}/feedback/results",
    response={200: list[InstrumentResultsOut], **READ_ERRORS},
    summary="Scored results per instrument over time, with the off-track signal per respondent",
)
def get_feedback_results(request: HttpRequest, dossier_id: str, instrument: str | None = None) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.FEEDBACK]).dossier
    out = []
    for group in dossier_results(dossier, instrument):
        flagged = off_track_ids(group)
        out.append(
            {
                "instrument": group.slug,
                "name": group.name,
                "rows": [
                    {
                        "administration_id": row.administration.pk,
                        "version": row.administration.instrument.version,
                        "taken_on": row.administration.taken_on,
                        "respondent_type": row.administration.respondent_type,
                        "moment": row.administration.moment,
                        "entry_mode": row.administration.entry_mode,
                        "score": row.main_score,
                        "subscales": row.result.get("subscales", {}),
                        "report_grade": row.result.get("report_grade"),
                        "off_track": row.administration.pk in flagged,
                    }
                    for row in group.rows
                ],
            }
        )
    return out


# --- Samen Sterker: improvement agreements ------------------------------------------------------------------


@router.get(
    "/dossiers/{dossier_id}/feedback/agreements",
    response={200: list[AgreementOut], **READ_ERRORS},
    summary="Samen Sterker's improvement agreements, open ones first",
)
def list_improvement_agreements(request: HttpRequest, dossier_id: str) -> Any:
    return dossier_agreements(
        dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.FEEDBACK]).dossier
    )


@router.post(
    "/dossiers/{dossier_id}/feedback/agreements",
    response={201: AgreementOut, **WRITE_ERRORS},
    summary="Record an improvement agreement",
)
def add_improvement_agreement(request: HttpRequest, dossier_id: str, payload: AgreementIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    made_in = None
    if payload.made_in_id is not None:
        made_in = Administration.objects.select_related("instrument").filter(pk=payload.made_in_id).first()
        if made_in is None:
            raise ValidationError({"made_in": [services.NOT_SAMEN_STERKER]})
    agreement = services.agreement_add(
        actor=request.auth,
        dossier=dossier,
        topic=payload.topic.value,
        text=payload.text,
        who=payload.who,
        made_on=payload.made_on,
        due_on=payload.due_on,
        made_in=made_in,
    )
    return Status(201, agreement)


@router.post(
    "/dossiers/{dossier_id}/feedback/agreements/{agreement_id}/status",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Mark an improvement agreement done (on a day) or open again",
)
def set_improvement_agreement_status(
    request: HttpRequest, dossier_id: str, payload: AgreementStatusIn, agreement_id: int = ID
) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    agreement = get_object_or_404(
        ImprovementAgreement.objects.select_related("dossier"), pk=agreement_id, dossier=dossier
    )
    return services.agreement_set_status(
        actor=request.auth,
        agreement=agreement,
        status=payload.status.value,
        version=payload.version,
        done_on=payload.done_on,
    )
