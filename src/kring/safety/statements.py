"""Danger statements and safety goals: structured fields that compose a readable sentence (Dutch or English).

The fields are what the worker writes down with the family (who is worried, about which behaviour by whom, the
impact on the child, what could happen; for a goal: what the worried people need to see, over what time).
`compose_danger` and `compose_goal` turn them into one sentence in the statement's language; the worker may
then edit that sentence. Both are kept: the fields for overview and search, the sentence as it was agreed.
A save leaves the worker's sentence alone unless it is empty or the worker asks to compose it again.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import Dossier, Person
from kring.cases.services import authorise

from .models import DangerStatement, SafetyGoal, StatementLanguage
from .services import clean_text

REQUIRED = gettext_lazy("Fill in this field.")
STALE_STATEMENT = gettext_lazy(
    "Someone else changed this while you were editing it. Nothing was saved; the page shows the newest "
    "version, so you can make your change again."
)
NOT_THIS_FAMILY = gettext_lazy("Only the children of this dossier can be chosen.")
OTHER_DOSSIER_STATEMENT = gettext_lazy("This danger statement belongs to another dossier.")
UNKNOWN_LANGUAGE = gettext_lazy("Choose Dutch or English.")

DANGER_FIELDS = ("who_is_worried", "by_whom", "behaviour", "impact", "could_happen")
GOAL_FIELDS = ("who_is_worried", "what_to_see", "over_time")
LIMITS = {"who_is_worried": 300, "by_whom": 200, "over_time": 300}


def _fragment(value: str) -> str:
    """A part of a sentence: spaces tidied, no full stop of its own."""
    return " ".join((value or "").split()).rstrip(" .")


def _children(names: Sequence[str]) -> str:
    return get_text_list(list(names), _("and")) if names else _("the children")


def compose_danger(
    *,
    language: str,
    who_is_worried: str,
    by_whom: str,
    behaviour: str,
    impact: str,
    could_happen: str,
    children: Sequence[str] = (),
) -> str:
    """The danger statement as one readable paragraph in `language` ("nl" or "en")."""
    with translation.override(language):
        return " ".join(
            [
                _("The worry of %(who)s is that %(by_whom)s %(behaviour)s.")
                % {
                    "who": _fragment(who_is_worried),
                    "by_whom": _fragment(by_whom),
                    "behaviour": _fragment(behaviour),
                },
                _("For %(children)s this means: %(impact)s.")
                % {"children": _children(children), "impact": _fragment(impact)},
                _("If nothing changes, the worry is that %(could_happen)s.")
                % {"could_happen": _fragment(could_happen)},
            ]
        )


def compose_goal(
    *, language: str, who_is_worried: str, what_to_see: str, over_time: str = "", children: Sequence[str] = ()
) -> str:
    """The safety goal as one readable sentence in `language` ("nl" or "en")."""
    with translation.override(language):
        safe = ngettext(
            "To give %(who)s confidence that %(children)s is safe",
            "To give %(who)s confidence that %(children)s are safe",
            len(children) if len(children) == 1 else 2,
        ) % {"who": _fragment(who_is_worried), "children": _children(children)}
        see = _("it must be seen that %(what)s") % {"what": _fragment(what_to_see)}
        when = _fragment(over_time)
        return f"{safe}, {see}{', ' + when if when else ''}."


def _names(children: Sequence[Person]) -> list[str]:
    return [child.first_name for child in children]


def _clean(fields: dict[str, Any], required: Sequence[str], optional: Sequence[str] = ()) -> dict[str, str]:
    cleaned = {}
    for name in required:
        cleaned[name] = clean_text(fields.get(name, ""), name, REQUIRED, LIMITS.get(name, 1000))
    for name in optional:
        value = (fields.get(name) or "").strip()
        cleaned[name] = clean_text(value, name, REQUIRED, LIMITS.get(name, 1000)) if value else ""
    return cleaned


def _check(dossier: Dossier, language: str, children: Sequence[Person]) -> None:
    if language not in StatementLanguage.values:
        raise ValidationError({"language": UNKNOWN_LANGUAGE})
    if children:
        allowed = set(dossier.children.values_list("pk", flat=True))
        if any(child.pk not in allowed for child in children):
            raise ValidationError({"children": NOT_THIS_FAMILY})


def _sentence(text: str, composed: str, recompose: bool) -> str:
    text = (text or "").strip()
    if recompose or not text:
        return composed
    return clean_text(text, "text", REQUIRED, 4000)


def _save(
    *,
    actor: Any,
    instance: DangerStatement | SafetyGoal,
    fields: dict[str, Any],
    children: Sequence[Person],
    revision: int | None,
) -> DangerStatement | SafetyGoal:
    """Insert, or update unless someone else saved since `revision` was read; then audit."""
    dossier = instance.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    model = type(instance)
    with transaction.atomic():
        if instance.pk is None:
            for name, value in fields.items():
                setattr(instance, name, value)
            instance.created_by = actor
            instance.save()
            action = AuditAction.CREATE
        else:
            changed = model.objects.filter(pk=instance.pk, revision=revision).update(
                **fields, revision=F("revision") + 1
            )
            if not changed:
                raise ValidationError(STALE_STATEMENT, code="stale")
            instance.refresh_from_db()
            action = AuditAction.UPDATE
        instance.children.set(children)
        audit_append(
            actor=who, action=action, dossier=dossier, obj=instance, fields=sorted([*fields, "children"])
        )
    return instance


def danger_statement_save(
    *,
    actor: Any,
    dossier: Dossier,
    statement: DangerStatement | None = None,
    revision: int | None = None,
    language: str,
    children: Sequence[Person] = (),
    text: str = "",
    recompose: bool = False,
    **fields: Any,
) -> DangerStatement:
    """Add a danger statement (`statement` None) or change one. The sentence is composed from the fields when
    `text` is empty or `recompose` is asked; otherwise the worker's sentence is kept as written."""
    authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    cleaned = _clean(fields, DANGER_FIELDS)
    _check(dossier, language, children)
    composed = compose_danger(language=language, children=_names(children), **cleaned)
    values = {**cleaned, "language": language, "text": _sentence(text, composed, recompose)}
    instance = statement or DangerStatement(dossier=dossier)
    return _save(actor=actor, instance=instance, fields=values, children=children, revision=revision)


def safety_goal_save(
    *,
    actor: Any,
    dossier: Dossier,
    goal: SafetyGoal | None = None,
    revision: int | None = None,
    language: str,
    children: Sequence[Person] = (),
    danger_statement: DangerStatement | None = None,
    text: str = "",
    recompose: bool = False,
    **fields: Any,
) -> SafetyGoal:
    """Add a safety goal (`goal` None) or change one; the sentence as for danger statements."""
    authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    cleaned = _clean(fields, ("who_is_worried", "what_to_see"), ("over_time",))
    _check(dossier, language, children)
    if danger_statement is not None and danger_statement.dossier_id != dossier.pk:
        raise ValidationError({"danger_statement": OTHER_DOSSIER_STATEMENT})
    composed = compose_goal(language=language, children=_names(children), **cleaned)
    values = {
        **cleaned,
        "language": language,
        "danger_statement": danger_statement,
        "text": _sentence(text, composed, recompose),
    }
    instance = goal or SafetyGoal(dossier=dossier)
    return _save(actor=actor, instance=instance, fields=values, children=children, revision=revision)


def danger_preview(data: dict[str, Any]) -> str:
    """The sentence the fields in `data` (a form's cleaned data) compose, without saving anything."""
    return compose_danger(
        language=data["language"],
        children=_names(data.get("children") or ()),
        **{f: data[f] for f in DANGER_FIELDS},
    )


def goal_preview(data: dict[str, Any]) -> str:
    return compose_goal(
        language=data["language"],
        children=_names(data.get("children") or ()),
        **{f: data.get(f) or "" for f in GOAL_FIELDS},
    )
