from django import template

from kring.audit import words
from kring.audit.models import AuditEntry

register = template.Library()


@register.filter
def role_words(code: str) -> str:
    return words.role_words(code)


@register.filter
def object_words(label: str) -> str:
    return words.object_words(label)


@register.filter
def fields_words(entry: AuditEntry) -> str:
    return words.entry_words(entry)["fields"]
