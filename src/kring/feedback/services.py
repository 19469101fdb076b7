"""Services for instruments and their administrations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.services import authorise

from .models import FROZEN_MESSAGE, Administration, Answer, Instrument, Item
from .scoring import validate_answers

ITEM_FIELDS = ("key", "order", "text", "answer_type", "min_value", "max_value", "subscale", "required")


def _refuse_if_frozen(instrument: Instrument) -> None:
    if instrument.is_frozen:
        raise ValidationError(FROZEN_MESSAGE)


@transaction.atomic
def instrument_item_update(item: Item, **changes) -> Item:
    """Change an item of an instrument that has not been answered yet."""
    _refuse_if_frozen(item.instrument)
    for field, value in changes.items():
        if field not in ITEM_FIELDS:
            raise ValidationError(_("Unknown field: %(field)s") % {"field": field})
        setattr(item, field, value)
    item.save()
    return item


@transaction.atomic
def instrument_revise(instrument: Instrument, *, items: list[dict] | None = None, **changes) -> Instrument:
    """Make the next version of an instrument, copying its items (or using the given ones)."""
    latest = Instrument.objects.filter(slug=instrument.slug).order_by("-version").first()
    new = Instrument.objects.create(
        slug=instrument.slug,
        version=latest.version + 1,
        name=changes.pop("name", instrument.name),
        purpose=changes.pop("purpose", instrument.purpose),
        respondent_types=changes.pop("respondent_types", list(instrument.respondent_types)),
        due=changes.pop("due", instrument.due),
    )
    if changes:
        raise ValidationError(_("Unknown field: %(field)s") % {"field": ", ".join(changes)})
    rows = (
        items
        if items is not None
        else [{field: getattr(item, field) for field in ITEM_FIELDS} for item in instrument.items.all()]
    )
    for order, row in enumerate(rows):
        Item.objects.create(instrument=new, **{"order": order, **row})
    return new


ANSWER_AUDIT_FIELDS = ["instrument", "respondent_type", "respondent_label", "contact", "taken_on", "answers"]


def administration_submit(
    *,
    actor=None,
    instrument: Instrument,
    dossier,
    respondent_type: str,
    answers: dict,
    respondent_label: str = "",
    contact=None,
    taken_on=None,
) -> Administration:
    """Store one filled-in questionnaire; refuses (storing nothing) if an answer is wrong or missing.

    `actor` is the professional who submits (also in fill-in-together mode, for the respondent); the access
    policy decides (Section.FEEDBACK, EDIT) and the write is audited. None is the system (demo data)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    with transaction.atomic():
        administration = _administration_store(
            instrument, dossier, respondent_type, answers, respondent_label, contact, taken_on
        )
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=administration,
            fields=ANSWER_AUDIT_FIELDS,
        )
    return administration


def _administration_store(instrument, dossier, respondent_type, answers, respondent_label, contact, taken_on):
    cleaned = validate_answers(instrument, answers)
    if instrument.respondent_types and respondent_type not in instrument.respondent_types:
        raise ValidationError({"respondent_type": _("This questionnaire is not meant for this respondent.")})
    if contact is not None and contact.dossier_id != dossier.pk:
        raise ValidationError({"contact": _("This contact belongs to another dossier.")})
    administration = Administration.objects.create(
        instrument=instrument,
        dossier=dossier,
        contact=contact,
        respondent_type=respondent_type,
        respondent_label=respondent_label,
        taken_on=taken_on or timezone.localdate(),
    )
    items = {item.key: item for item in instrument.items.all()}
    Answer.objects.bulk_create(
        Answer(
            administration=administration,
            item=items[key],
            value=None if not items[key].is_numeric else value,
            text=value if not items[key].is_numeric else "",
        )
        for key, value in cleaned.items()
    )
    instrument.freeze()
    return administration
