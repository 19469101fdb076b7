"""The access log in words: the codes an entry stores (a role, a model label, field and section names) as the
privacy officer reads them, in the page's language. The entry itself keeps the codes (they are part of the
hash chain and the CSV export, for programs); the page names them in words."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Section
from kring.accounts.models import Role

from .models import AuditEntry

# Parts of a dossier (kring.access.policy.Section), named for professionals.
SECTION_WORDS = {
    Section.SUMMARY: _("summary"),
    Section.CHILDREN: _("children"),
    Section.CIRCLE: _("circle"),
    Section.NETWORK: _("network"),
    Section.MEASURES: _("measures"),
    Section.CONSENTS: _("consents"),
    Section.TIMELINE: _("timeline"),
    Section.SAFETY_PLAN: _("safety plan"),
    Section.CONTACTS: _("contacts"),
    Section.PATHWAY: _("pathway"),
    Section.FEEDBACK: _("feedback"),
}
# What oversight reads and lists name instead of a field (kring.audit.views and others).
OTHER_WORDS = {
    "audit_log": _("access log"),
    "list": _("list"),
    "old_acquaintances": _("old acquaintances"),
}


def _humane(code: str) -> str:
    return code.replace("_", " ").replace(".", " ")


def role_words(code: str) -> str:
    if not code:
        return ""
    try:
        return str(Role(code).label)
    except ValueError:
        return _humane(code)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def object_words(label: str) -> str:
    """`cases.dossier` → "dossier"; a name kring does not know as words without underscores."""
    if not label:
        return ""
    model = _model(label)
    if model is not None:
        return str(model._meta.verbose_name)
    return str(OTHER_WORDS.get(label, _humane(label)))


def field_words(name: str, label: str = "") -> str:
    """A field of the object (its verbose name), a part of the dossier, or a name of the log itself."""
    if name in SECTION_WORDS:
        return str(SECTION_WORDS[Section(name)])
    if name in OTHER_WORDS:
        return str(OTHER_WORDS[name])
    model = _model(label) if label else None
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            pass
        else:
            verbose = getattr(field, "verbose_name", None)
            if verbose:
                return str(verbose)
    return gettext(_humane(name))


def entry_words(entry: AuditEntry) -> dict[str, str]:
    """The columns of one entry in words: role, object and fields."""
    return {
        "role": role_words(entry.role),
        "object": capfirst(object_words(entry.object_type)),
        "fields": ", ".join(field_words(name, entry.object_type) for name in entry.fields or ()),
    }
