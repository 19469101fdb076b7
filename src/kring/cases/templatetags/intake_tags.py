"""The dossier page's intake facts: how the case came in, authority per child, and the links to work them."""

from typing import Any

from django import template

from kring.access.policy import Section, may_open_dossier, may_write

from ..models import CaseOrigin
from ..services.intake import authority_by_child

register = template.Library()


@register.inclusion_tag("cases/intake/_dossier_facts.html", takes_context=True)
def dossier_intake_facts(context: Any) -> dict[str, Any]:
    """How the case came in, and the authority over the children for readers who see the family's network
    (the dossier page audits that read with its other sections). Two queries, whatever the dossier's size."""
    dossier, decision, sections = context["dossier"], context["decision"], context["sections"]
    facts: dict[str, Any] = {"dossier": dossier}
    if Section.SUMMARY in sections:
        facts["origin"] = CaseOrigin.objects.filter(dossier=dossier).first()
    if Section.NETWORK in sections:
        grouped = authority_by_child(dossier)
        facts["authority_rows"] = [(child, grouped.get(child.pk, [])) for child in dossier.children.all()]
        # the same answer as decide(EDIT, SUMMARY), from the grounds the page already has
        facts["may_edit"] = Section.SUMMARY in sections and may_write(dossier, decision)
    return facts


@register.inclusion_tag("cases/intake/_new_dossier_link.html", takes_context=True)
def new_dossier_link(context: Any) -> dict[str, Any]:
    """The "new dossier" link on the caseload, for case workers and team leads (one query)."""
    return {"show": may_open_dossier(context["request"].user)}
