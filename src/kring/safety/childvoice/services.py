"""Writes of the child's voice: each checks the access rule (kring.access.childvoice), validates before it
saves anything, records who changed what (StoryChange) and writes the change to the audit log (field names
only).

A change to an existing story names the story `revision` the writer saw: if someone else changed the story in
the meantime the change is refused with CHANGED_MEANWHILE and nothing is saved, so no work is lost unseen.
"""

from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.childvoice import decide_child_voice
from kring.access.policy import Action, refuse_if_closed
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier, Person
from kring.cases.selectors import dossier_refusal_audit
from kring.cases.services import SYSTEM

from . import images
from .models import (
    HOUSE_TEXT_MAX,
    IMAGE_ALT_MAX,
    PANEL_TEXT_MAX,
    WORDS_MAX,
    ChangeKind,
    Feeling,
    HowAmIDoing,
    Panel,
    Story,
    StoryChange,
    ThreeHouses,
)

MAX_PANELS = 60

NOT_A_CHILD_OF_THIS_DOSSIER = _("This child is not in this dossier.")
TEXT_REQUIRED = _("Write what this panel tells.")
TEXT_TOO_LONG = _("The text is too long: at most %(max)s characters.")
ALT_TOO_LONG = _("The description of the picture is too long: at most %(max)s characters.")
CHANGED_MEANWHILE = _(
    "Someone else changed this story in the meantime. Look at the story as it is now and make your change "
    "again."
)
TOO_MANY_PANELS = _("A story has at most %(max)s panels.")
ALREADY_FIRST = _("This panel is already the first one.")
ALREADY_LAST = _("This panel is already the last one.")
UNKNOWN_DIRECTION = _("Move a panel up or down.")
REVISION_REQUIRED = _("Say which version of the story you changed (the revision).")


def require_child(dossier: Dossier, child: Person) -> None:
    if not dossier.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": NOT_A_CHILD_OF_THIS_DOSSIER})


def _clean_text(text: str, image_alt: str) -> tuple[str, str]:
    text = (text or "").strip()
    image_alt = (image_alt or "").strip()
    errors: dict[str, list] = {}
    if not text:
        errors["text"] = [ValidationError(TEXT_REQUIRED)]
    elif len(text) > PANEL_TEXT_MAX:
        errors["text"] = [ValidationError(TEXT_TOO_LONG, params={"max": PANEL_TEXT_MAX})]
    if len(image_alt) > IMAGE_ALT_MAX:
        errors["image_alt"] = [ValidationError(ALT_TOO_LONG, params={"max": IMAGE_ALT_MAX})]
    if errors:
        raise ValidationError(errors)
    return text, image_alt


def _clean_image(image: Any) -> images.CleanImage | None:
    if image is None:
        return None
    try:
        return images.clean_image(image)
    except ValidationError as error:
        raise ValidationError({"image": error.error_list}) from None


def _locked_story(story: Story, revision: int | None, *, required: bool = True) -> Story:
    """The story, locked for this transaction, after checking that nobody changed it since `revision`."""
    locked = Story.objects.select_for_update().get(pk=story.pk)
    if revision is None:
        if required:
            raise ValidationError({"revision": REVISION_REQUIRED})
    elif locked.revision != revision:
        raise ValidationError(CHANGED_MEANWHILE)
    return locked


def _next_revision(story: Story) -> int:
    story.revision += 1
    story.save(update_fields=["revision", "updated_at"])
    return story.revision


def _record(
    story: Story, panel: Panel | None, kind: str, number: int, actor: User | None, previous: str = ""
) -> None:
    StoryChange.objects.create(
        story=story,
        panel=panel,
        kind=kind,
        panel_number=number,
        previous_text=previous,
        revision=story.revision,
        changed_by=actor or None,
    )


def _apply_image(panel: Panel, clean: images.CleanImage | None, name: str) -> None:
    panel.image_name = name
    panel.image_content_type = clean.content_type if clean else ""
    panel.image_width = clean.width if clean else None
    panel.image_height = clean.height if clean else None


def _store(clean: images.CleanImage | None) -> str:
    return images.store_image(clean) if clean is not None else ""


def child_voice_authorise(actor: User | None, dossier: Dossier) -> Actor:
    """The audit actor for a write to the child's voice; a refusal is audited and raised as PermissionDenied
    (DossierClosed for a closed dossier), as cases.services.authorise does. `actor` None is the system
    (seed_demo). Call it outside the write's transaction."""
    if actor is None:
        return SYSTEM
    decision = decide_child_voice(actor, Action.EDIT, dossier)
    if not decision.allowed:
        dossier_refusal_audit(actor, dossier, Action.EDIT)
        refuse_if_closed(decision)
        raise PermissionDenied
    return Actor.for_user(actor, decision.membership)


def _forget_on_failure(name: str) -> None:
    """A stored picture whose database write failed is removed again."""
    images.delete_image(name)


def panel_add(
    *,
    actor: User | None,
    dossier: Dossier,
    child: Person,
    text: str,
    image: Any = None,
    image_alt: str = "",
    revision: int | None = None,
) -> Panel:
    """Add a panel at the end of the child's story (the story is made with its first panel). Adding loses
    nobody's work, so `revision` is optional; when given (0: "there was no story yet") it must still hold."""
    audit_actor = child_voice_authorise(actor, dossier)
    require_child(dossier, child)
    text, image_alt = _clean_text(text, image_alt)
    clean = _clean_image(image)
    name = _store(clean)
    try:
        with transaction.atomic():
            story, _created = Story.objects.get_or_create(
                dossier=dossier, child=child, defaults={"created_by": actor or None, "revision": 0}
            )
            story = _locked_story(story, revision, required=False)
            count = story.panels.count()
            if count >= MAX_PANELS:
                raise ValidationError(TOO_MANY_PANELS, params={"max": MAX_PANELS})
            panel = Panel(
                story=story, position=count + 1, text=text, image_alt=image_alt, updated_by=actor or None
            )
            _apply_image(panel, clean, name)
            panel.save()
            _next_revision(story)
            _record(story, panel, ChangeKind.PANEL_ADDED, panel.position, actor)
            audit_append(
                actor=audit_actor,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=panel,
                fields=["text", "image_alt", *(["image"] if clean else [])],
            )
    except BaseException:
        _forget_on_failure(name)
        raise
    return panel


def panel_change(
    *,
    actor: User | None,
    panel: Panel,
    text: str,
    image_alt: str = "",
    image: Any = None,
    remove_image: bool = False,
    revision: int | None,
) -> Panel:
    """Change a panel's text, the description of its picture, or the picture itself (a new picture replaces
    the old one; `remove_image` takes it away). The earlier text stays readable in the story's changes."""
    story = panel.story
    audit_actor = child_voice_authorise(actor, story.dossier)
    text, image_alt = _clean_text(text, image_alt)
    clean = _clean_image(image)
    name = _store(clean)
    try:
        with transaction.atomic():
            story = _locked_story(story, revision)
            panel = Panel.objects.select_for_update().get(pk=panel.pk)
            old_text, old_image = panel.text, panel.image_name
            changed: list[str] = []
            kinds: list[str] = []
            if text != panel.text:
                changed.append("text")
                kinds.append(ChangeKind.TEXT_CHANGED)
            if image_alt != panel.image_alt:
                changed.append("image_alt")
                kinds.append(ChangeKind.DESCRIPTION_CHANGED)
            if clean is not None:
                changed.append("image")
                kinds.append(ChangeKind.IMAGE_REPLACED if old_image else ChangeKind.IMAGE_ADDED)
                _apply_image(panel, clean, name)
            elif remove_image and old_image:
                changed.append("image")
                kinds.append(ChangeKind.IMAGE_REMOVED)
                _apply_image(panel, None, "")
            if not changed:
                return panel
            panel.text, panel.image_alt, panel.updated_by = text, image_alt, actor or None
            panel.save()
            _next_revision(story)
            for kind in kinds:
                previous = old_text if kind == ChangeKind.TEXT_CHANGED else ""
                _record(story, panel, kind, panel.position, actor, previous)
            audit_append(
                actor=audit_actor, action=AuditAction.UPDATE, dossier=story.dossier, obj=panel, fields=changed
            )
            if old_image and panel.image_name != old_image:
                transaction.on_commit(lambda: images.delete_image(old_image))
    except BaseException:
        _forget_on_failure(name)
        raise
    return panel


def panel_move(*, actor: User | None, panel: Panel, direction: str, revision: int | None) -> Panel:
    """Swap a panel with the one above ("up") or below ("down") it."""
    story = panel.story
    audit_actor = child_voice_authorise(actor, story.dossier)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": UNKNOWN_DIRECTION})
    with transaction.atomic():
        story = _locked_story(story, revision)
        panel = Panel.objects.get(pk=panel.pk)
        target = panel.position - 1 if direction == "up" else panel.position + 1
        other = Panel.objects.filter(story=story, position=target).first()
        if other is None:
            raise ValidationError(ALREADY_FIRST if direction == "up" else ALREADY_LAST)
        # Through position 0 (never used), so that the one-position-per-story constraint holds at every step.
        old = panel.position
        Panel.objects.filter(pk=panel.pk).update(position=0)
        Panel.objects.filter(pk=other.pk).update(position=old)
        Panel.objects.filter(pk=panel.pk).update(position=target, updated_by=actor or None)
        panel.position = target
        _next_revision(story)
        kind = ChangeKind.MOVED_UP if direction == "up" else ChangeKind.MOVED_DOWN
        _record(story, panel, kind, target, actor)
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=story.dossier,
            obj=panel,
            fields=["position"],
        )
    return panel


def panel_remove(*, actor: User, panel: Panel, revision: int | None) -> None:
    """Take a panel out of the story; the panels after it move up. Its text stays in the story's changes."""
    story = panel.story
    audit_actor = child_voice_authorise(actor, story.dossier)
    with transaction.atomic():
        story = _locked_story(story, revision)
        panel = Panel.objects.get(pk=panel.pk)
        position, text, image_name, pk = panel.position, panel.text, panel.image_name, panel.pk
        panel.delete()
        for later in Panel.objects.filter(story=story, position__gt=position).order_by("position"):
            Panel.objects.filter(pk=later.pk).update(position=later.position - 1)
        _next_revision(story)
        _record(story, None, ChangeKind.PANEL_REMOVED, position, actor, text)
        audit_append(
            actor=audit_actor,
            action=AuditAction.DELETE,
            dossier=story.dossier,
            object_ref=(Panel._meta.label_lower, str(pk)),
            fields=["text", "image"] if image_name else ["text"],
        )
        if image_name:
            transaction.on_commit(lambda: images.delete_image(image_name))


# --- the three houses --------------------------------------------------------------------------------------

HOUSE_REQUIRED = _("Write down what the child says in at least one of the three houses.")
HOUSE_TOO_LONG = _("This house is too long: at most %(max)s characters.")
TALKED_ON_REQUIRED = _("Give the date of the conversation.")
TALKED_IN_FUTURE = _("The conversation cannot be on a date in the future.")
HOUSES_SAVED_MEANWHILE = _(
    "Someone else saved the three houses of this child in the meantime. Look at the newest version and save "
    "yours again."
)


def three_houses_save(
    *,
    actor: User | None,
    dossier: Dossier,
    child: Person,
    worries: str = "",
    good_things: str = "",
    dreams: str = "",
    talked_on: date,
    based_on: int | None = None,
) -> ThreeHouses:
    """Save a new version of the child's three houses, in the child's own words. `based_on` is the version
    the writer started from (0: none yet); when given, it must still be the newest."""
    audit_actor = child_voice_authorise(actor, dossier)
    return three_houses_write(
        audit_actor=audit_actor,
        recorded_by=actor,
        dossier=dossier,
        child=child,
        worries=worries,
        good_things=good_things,
        dreams=dreams,
        talked_on=talked_on,
        based_on=based_on,
    )


def three_houses_write(
    *,
    audit_actor: Actor,
    recorded_by: Any,
    dossier: Dossier,
    child: Person,
    worries: str = "",
    good_things: str = "",
    dreams: str = "",
    talked_on: date,
    based_on: int | None = None,
) -> ThreeHouses:
    """The write of `three_houses_save`, after a policy allowed it: the professionals' (above) or the family's
    (kring.portal.services.family_three_houses_save, the young person writing their own houses)."""
    require_child(dossier, child)
    texts = {"worries": worries, "good_things": good_things, "dreams": dreams}
    texts = {name: (text or "").strip() for name, text in texts.items()}
    errors: dict[str, list] = {}
    for name, text in texts.items():
        if len(text) > HOUSE_TEXT_MAX:
            errors[name] = [ValidationError(HOUSE_TOO_LONG, params={"max": HOUSE_TEXT_MAX})]
    if not any(texts.values()):
        errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(HOUSE_REQUIRED))
    if talked_on is None:
        errors["talked_on"] = [ValidationError(TALKED_ON_REQUIRED)]
    elif talked_on > timezone.localdate():
        errors["talked_on"] = [ValidationError(TALKED_IN_FUTURE)]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            # The versions are read under a lock; a first version written at the same moment by someone else
            # trips the one-version constraint instead, and gets the same message.
            versions = ThreeHouses.objects.select_for_update().filter(dossier=dossier, child=child)
            latest = max(versions.values_list("version", flat=True), default=0)
            if based_on is not None and based_on != latest:
                raise ValidationError(HOUSES_SAVED_MEANWHILE)
            houses = ThreeHouses.objects.create(
                dossier=dossier,
                child=child,
                version=latest + 1,
                talked_on=talked_on,
                recorded_by=recorded_by or None,
                **texts,
            )
            audit_append(
                actor=audit_actor,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=houses,
                fields=[*texts, "talked_on"],
            )
    except IntegrityError:
        raise ValidationError(HOUSES_SAVED_MEANWHILE) from None
    return houses


FEELING_REQUIRED = _("Choose how you are doing.")
FEELING_UNKNOWN = _("Choose one of the five faces.")
WORDS_TOO_LONG = _("Use at most %(max)s characters.")


def how_am_i_doing_write(
    *, audit_actor: Actor, recorded_by: Any, dossier: Dossier, child: Person, feeling: Any, words: str = ""
) -> HowAmIDoing:
    """The young person says how they are doing today, after the family policy allowed it
    (kring.portal.services_child). One answer per child per day: a second one that day replaces the first
    (audited as a change, so the log keeps that it was changed); nothing is saved on bad input."""
    require_child(dossier, child)
    words = " ".join((words or "").split())
    errors: dict[str, list] = {}
    if feeling in (None, ""):
        errors["feeling"] = [ValidationError(FEELING_REQUIRED, code="required")]
    else:
        try:
            feeling = int(feeling)
        except (TypeError, ValueError):
            feeling = None
        if feeling not in Feeling.values:
            errors["feeling"] = [ValidationError(FEELING_UNKNOWN, code="invalid_choice")]
    if len(words) > WORDS_MAX:
        errors["words"] = [ValidationError(WORDS_TOO_LONG, params={"max": WORDS_MAX})]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # the day's row is locked (or made) so two answers at the same moment do not both make one
        answer, created = HowAmIDoing.objects.select_for_update().get_or_create(
            dossier=dossier,
            child=child,
            day=timezone.localdate(),
            defaults={
                "feeling": feeling,
                "words": words,
                "recorded_by": recorded_by or None,
                "recorded_at": timezone.now(),
            },
        )
        if not created:
            answer.feeling, answer.words = feeling, words
            answer.recorded_by, answer.recorded_at = recorded_by or None, timezone.now()
            answer.save(update_fields=["feeling", "words", "recorded_by", "recorded_at"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            dossier=dossier,
            obj=answer,
            fields=["feeling", "words"],
        )
    return answer
