"""Services for instruments and their administrations: the only place that writes them.

Every write by a professional goes through the access policy (Section.FEEDBACK, Action.EDIT; a refusal is
audited and raises 404) and is audited with field names only, never answers. `actor=None` is the system (demo
data). Self-entry by a respondent without an account lives in self_entry.py and ends here as well."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.access.policy import Action, Section
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append, audit_append_entries, audit_entry
from kring.cases.services import authorise

from .models import (
    FROZEN_MESSAGE,
    Administration,
    AgreementStatus,
    Answer,
    EntryMode,
    ImprovementAgreement,
    Instrument,
    Item,
    Moment,
    Topic,
)
from .scoring import validate_answers

ITEM_FIELDS = (
    "key",
    "order",
    "text",
    "heading",
    "answer_type",
    "low_label",
    "high_label",
    "min_value",
    "max_value",
    "subscale",
    "required",
)

ALREADY_SUBMITTED = gettext_lazy(
    "This questionnaire has already been filled in. Your answers were saved only once."
)
NOT_FOR_RESPONDENT = gettext_lazy("This questionnaire is not meant for this respondent.")
OTHER_DOSSIER_CONTACT = gettext_lazy("This contact belongs to another dossier.")
MOMENT_NEEDED = gettext_lazy("Choose the moment: the start, during or the end of the help.")
NOT_IN_FUTURE = gettext_lazy("The date cannot lie in the future.")
ONLY_OWN_LINK = gettext_lazy("Only the respondent's own link fills in on their own.")
# what only the respondent themselves does (their link, their family portal): never a professional's choice
RESPONDENT_ONLY = (EntryMode.SELF_ENTRY, EntryMode.PORTAL)
UNKNOWN_INSTRUMENT = gettext_lazy("There is no questionnaire with this code (and version).")
LABEL_MAX = 50  # a first name at most: nothing more of the dossier is shown to a respondent


def _refuse_if_frozen(instrument: Instrument) -> None:
    if instrument.is_frozen:
        raise ValidationError(FROZEN_MESSAGE)


@transaction.atomic
def instrument_item_update(item: Item, **changes: Any) -> Item:
    """Change an item of an instrument that has not been answered yet."""
    _refuse_if_frozen(item.instrument)
    for field, value in changes.items():
        if field not in ITEM_FIELDS:
            raise ValidationError(_("Unknown field: %(field)s") % {"field": field})
        setattr(item, field, value)
    item.save()
    return item


@transaction.atomic
def instrument_revise(
    instrument: Instrument, *, items: list[dict] | None = None, **changes: Any
) -> Instrument:
    """Make the next version of an instrument, copying its items (or using the given ones)."""
    latest = Instrument.objects.filter(slug=instrument.slug).order_by("-version").first()
    assert latest is not None  # the instrument itself has this slug
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


def instrument_latest(slug: str) -> Instrument | None:
    return Instrument.objects.filter(slug=slug).order_by("-version").first()


PLAN_AUDIT_FIELDS = ["instrument", "respondent_type", "respondent_label", "moment", "contact"]
ANSWER_AUDIT_FIELDS = ["answers", "taken_on", "entry_mode", "submitted_at"]


def _check_plan(
    instrument: Instrument, dossier: Any, respondent_type: str, moment: str, contact: Any
) -> None:
    errors: dict[str, list] = {}
    if instrument.respondent_types and respondent_type not in instrument.respondent_types:
        errors["respondent_type"] = [NOT_FOR_RESPONDENT]
    if contact is not None and contact.dossier_id != dossier.pk:
        errors["contact"] = [OTHER_DOSSIER_CONTACT]
    if moment and moment not in Moment.values:
        errors["moment"] = [MOMENT_NEEDED]
    if instrument.due == "start_middle_end" and not moment:
        errors["moment"] = [MOMENT_NEEDED]
    if errors:
        raise ValidationError(errors)


def _record(
    *,
    actor: User | None,
    instrument: Instrument,
    dossier: Any,
    respondent_type: str,
    respondent_label: str,
    moment: str,
    contact: Any,
    answers: dict | None,
    entry_mode: str,
    taken_on: date | None,
) -> Administration:
    """Plan an administration and, with answers, submit it in the same go: one write, one audit entry."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    if entry_mode in RESPONDENT_ONLY:
        raise ValidationError({"entry_mode": ONLY_OWN_LINK})
    _check_plan(instrument, dossier, respondent_type, moment, contact)
    fields = list(PLAN_AUDIT_FIELDS)
    with transaction.atomic():
        administration = Administration.objects.create(
            instrument=instrument,
            dossier=dossier,
            contact=contact,
            respondent_type=respondent_type,
            respondent_label=respondent_label.strip()[:LABEL_MAX],
            moment=moment,
            created_by=actor,
        )
        if answers is not None:
            _store_answers(
                administration, answers, entry_mode=entry_mode, entered_by=actor, taken_on=taken_on
            )
            fields += ANSWER_AUDIT_FIELDS
        audit_append(
            actor=audit_actor, action=AuditAction.CREATE, dossier=dossier, obj=administration, fields=fields
        )
    return administration


def administration_plan(
    *,
    actor: User,
    instrument: Instrument,
    dossier: Any,
    respondent_type: str,
    respondent_label: str = "",
    moment: str = "",
    contact: Any = None,
) -> Administration:
    """A questionnaire waiting for answers: to be filled in through a self-entry link, together on the
    worker's screen, or by the professional."""
    return _record(
        actor=actor,
        instrument=instrument,
        dossier=dossier,
        respondent_type=respondent_type,
        respondent_label=respondent_label,
        moment=moment,
        contact=contact,
        answers=None,
        entry_mode=EntryMode.ENTERED,
        taken_on=None,
    )


def _store_answers(
    administration: Administration,
    answers: dict,
    *,
    entry_mode: str,
    entered_by: User | None,
    taken_on: date | None,
) -> Administration:
    """Check and store the answers of a waiting administration; the caller holds the transaction. The
    conditional update makes a second submission (a double click, two tabs) store nothing."""
    instrument = administration.instrument
    cleaned = validate_answers(instrument, answers)
    if entry_mode not in EntryMode.values:
        raise ValidationError({"entry_mode": _("Unknown way of filling in.")})
    taken_on = taken_on or timezone.localdate()
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": NOT_IN_FUTURE})
    now = timezone.now()
    claimed = Administration.objects.filter(pk=administration.pk, submitted_at__isnull=True).update(
        submitted_at=now, taken_on=taken_on, entry_mode=entry_mode, entered_by=entered_by
    )
    if not claimed:
        raise ValidationError(ALREADY_SUBMITTED)
    administration.submitted_at, administration.taken_on = now, taken_on
    administration.entry_mode, administration.entered_by = entry_mode, entered_by
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


def administration_answer(
    *,
    actor: User,
    administration: Administration,
    answers: dict,
    entry_mode: str = EntryMode.TOGETHER,
    taken_on: date | None = None,
) -> Administration:
    """A professional submits the answers of a waiting administration: together with the respondent on the
    worker's screen (recorded as the respondent's, 'filled in together' noted), or entered by the
    professional (their own answers, or copied from paper). Refuses, storing nothing, on a wrong or missing
    answer and when the questionnaire was already filled in."""
    dossier = administration.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    if entry_mode in RESPONDENT_ONLY:
        raise ValidationError({"entry_mode": ONLY_OWN_LINK})
    with transaction.atomic():
        _store_answers(administration, answers, entry_mode=entry_mode, entered_by=actor, taken_on=taken_on)
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=dossier,
            obj=administration,
            fields=ANSWER_AUDIT_FIELDS,
        )
    return administration


def administration_submit(
    *,
    actor: User | None = None,
    instrument: Instrument,
    dossier: Any,
    respondent_type: str,
    answers: dict,
    respondent_label: str = "",
    contact: Any = None,
    taken_on: date | None = None,
    moment: str = "",
    entry_mode: str = EntryMode.ENTERED,
) -> Administration:
    """Plan and answer in one go (one audit entry). Refuses, storing nothing, if an answer is wrong or
    missing. `actor` is the professional who submits; None is the system (demo data)."""
    return _record(
        actor=actor,
        instrument=instrument,
        dossier=dossier,
        respondent_type=respondent_type,
        respondent_label=respondent_label,
        moment=moment,
        contact=contact,
        answers=answers,
        entry_mode=entry_mode,
        taken_on=taken_on,
    )


def administration_withdraw(*, actor: User, administration: Administration) -> None:
    """Take back a questionnaire that is still waiting for answers (its links stop working with it)."""
    dossier = administration.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    with transaction.atomic():
        ref = (administration._meta.label_lower, str(administration.pk))
        deleted, _rows = Administration.objects.filter(
            pk=administration.pk, submitted_at__isnull=True
        ).delete()
        if not deleted:
            raise ValidationError(ALREADY_SUBMITTED)
        audit_append(actor=audit_actor, action=AuditAction.DELETE, dossier=dossier, object_ref=ref)


def self_entry_record(administration: Administration, answers: dict, link: Any, actor: Actor) -> None:
    """Store a respondent's own answers through a link (self_entry.py checked the link and holds the
    transaction): audited as the respondent's write, and the link as used."""
    _store_answers(administration, answers, entry_mode=EntryMode.SELF_ENTRY, entered_by=None, taken_on=None)
    audit_append_entries(
        [
            audit_entry(
                actor=actor,
                action=AuditAction.UPDATE,
                dossier=administration.dossier,
                obj=administration,
                fields=ANSWER_AUDIT_FIELDS,
            ),
            audit_entry(
                actor=actor,
                action=AuditAction.UPDATE,
                dossier=administration.dossier,
                obj=link,
                fields=["used_at"],
            ),
        ]
    )


def portal_entry_record(
    *, administration: Administration, answers: dict, actor: Actor, entered_by: User
) -> Administration:
    """Store a respondent's own answers given in the family portal (kring.portal.services checked the family
    policy first): filled in once — a second time, or after the link was used, stores nothing — and audited
    as the respondent's write."""
    with transaction.atomic():
        _store_answers(
            administration, answers, entry_mode=EntryMode.PORTAL, entered_by=entered_by, taken_on=None
        )
        audit_append(
            actor=actor,
            action=AuditAction.UPDATE,
            dossier=administration.dossier,
            obj=administration,
            fields=ANSWER_AUDIT_FIELDS,
        )
    return administration


# --- Samen Sterker: improvement agreements ------------------------------------------------------------------

AGREEMENT_TEXT_NEEDED = gettext_lazy("Write down what you agree on.")
AGREEMENT_WHO_NEEDED = gettext_lazy("Write down who does it.")
UNKNOWN_TOPIC = gettext_lazy("Choose one of the five topics.")
DUE_BEFORE_MADE = gettext_lazy("The date it should be done by lies before the day it was agreed.")
DONE_BEFORE_MADE = gettext_lazy("It cannot be done before the day it was agreed.")
NOT_SAMEN_STERKER = gettext_lazy("An agreement follows from a Samen Sterker conversation in this dossier.")
CHANGED_MEANWHILE = gettext_lazy(
    "Someone else changed this agreement in the meantime. Look at it again and try once more."
)
AGREEMENT_FIELDS = ["topic", "text", "who", "made_on", "due_on", "made_in"]


def agreement_add(
    *,
    actor: User,
    dossier: Any,
    topic: str,
    text: str,
    who: str,
    made_on: date | None = None,
    due_on: date | None = None,
    made_in: Administration | None = None,
) -> ImprovementAgreement:
    """Record an improvement agreement of a Samen Sterker conversation; it stays open until it is done."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    made_on = made_on or timezone.localdate()
    errors: dict[str, list] = {}
    if topic not in Topic.values:
        errors["topic"] = [UNKNOWN_TOPIC]
    if not (text or "").strip():
        errors["text"] = [AGREEMENT_TEXT_NEEDED]
    if not (who or "").strip():
        errors["who"] = [AGREEMENT_WHO_NEEDED]
    if made_on > timezone.localdate():
        errors["made_on"] = [NOT_IN_FUTURE]
    if due_on is not None and due_on < made_on:
        errors["due_on"] = [DUE_BEFORE_MADE]
    if made_in is not None and (
        made_in.dossier_id != dossier.pk or made_in.instrument.slug != "samen-sterker"
    ):
        errors["made_in"] = [NOT_SAMEN_STERKER]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        agreement = ImprovementAgreement(
            dossier=dossier,
            made_in=made_in,
            made_on=made_on,
            topic=topic,
            text=text.strip(),
            who=who.strip(),
            due_on=due_on,
            recorded_by=actor,
        )
        agreement.full_clean()
        agreement.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=agreement,
            fields=AGREEMENT_FIELDS,
        )
    return agreement


def agreement_set_status(
    *,
    actor: User,
    agreement: ImprovementAgreement,
    status: str,
    version: int,
    done_on: date | None = None,
) -> ImprovementAgreement:
    """Mark an agreement done (on a day) or open again. `version` is the one the user saw: when someone else
    changed the agreement meanwhile, nothing changes and the user is told to look again."""
    dossier = agreement.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == AgreementStatus.DONE:
        done_on = done_on or timezone.localdate()
        if done_on < agreement.made_on:
            raise ValidationError({"done_on": DONE_BEFORE_MADE})
        if done_on > timezone.localdate():
            raise ValidationError({"done_on": NOT_IN_FUTURE})
    else:
        done_on = None
    with transaction.atomic():
        changed = ImprovementAgreement.objects.filter(pk=agreement.pk, version=version).update(
            status=status, done_on=done_on, version=F("version") + 1
        )
        if not changed:
            raise ValidationError(CHANGED_MEANWHILE)
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=dossier,
            obj=agreement,
            fields=["status", "done_on"],
        )
    agreement.refresh_from_db()
    return agreement
