from typing import Any

from django import template

from kring.portal.selectors import open_alerts_for

register = template.Library()


@register.inclusion_tag("portal/_worker_alerts.html", takes_context=True)
def portal_alerts(context: dict[str, Any]) -> dict[str, Any]:
    """The unanswered "I don't feel safe" alerts for the worker looking at their start page."""
    request = context.get("request")
    return {
        "alerts": open_alerts_for(user=getattr(request, "user", None)),
        "csrf_token": context.get("csrf_token"),
    }
