"""The dossier page's intake facts: how the case came in, authority per child, and the links to work them."""

from typing import Any

from django import template

from kring.access.policy import Action, Section, decide, may_open_dossier

from ..intake import authority_by_child
from ..models import CaseOrigin
from ..selectors import dossier_audit_read

register = template.Library()


@register.inclusion_tag("cases/intake/_dossier_facts.html", takes_context=True)
def dossier_intake_facts(context: Any) -> dict[str, Any]:
    """Authority is part of the family's network: shown (and its read audited) only to readers who see that
    section. Queries: origin, authority, the audit entry and the edit decision, whatever the size."""
    dossier, decision, user = context["dossier"], context["decision"], context["request"].user
    sections = context.get("nav_sections") or context.get("sections") or set()
    facts: dict[str, Any] = {"dossier": dossier, "show_summary": Section.SUMMARY in sections}
    if facts["show_summary"]:
        facts["origin"] = CaseOrigin.objects.filter(dossier=dossier).first()
    if Section.NETWORK in sections:
        dossier_audit_read(user=user, dossier=dossier, decision=decision, sections=[Section.NETWORK])
        grouped = authority_by_child(dossier)
        facts["authority_rows"] = [(child, grouped.get(child.pk, [])) for child in dossier.children.all()]
        facts["may_edit"] = decide(user, Action.EDIT, dossier, Section.SUMMARY).allowed
    return facts


@register.inclusion_tag("cases/intake/_new_dossier_link.html", takes_context=True)
def new_dossier_link(context: Any) -> dict[str, Any]:
    """The "new dossier" link on the caseload, for case workers and team leads (one query)."""
    return {"show": may_open_dossier(context["request"].user)}
