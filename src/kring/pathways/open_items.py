"""What a dossier's pathways leave open, for cases' "close the dossier" (registered in PathwaysConfig.ready):
a running pathway, and reminders still waiting to be sent. Two queries."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.cases.closure_items import OpenItem
from kring.cases.models import Dossier

from .models import Pathway, PathwayState, Reminder, ReminderState

WAITING = (ReminderState.PENDING, ReminderState.SENDING)


def pathway_open_items(dossier: Dossier, day: date) -> list[OpenItem]:
    url = reverse("pathway_overview", args=[dossier.pk])
    items = [
        OpenItem(
            "pathway", _("The pathway %(name)s still runs: close it.") % {"name": pathway.template.name}, url
        )
        for pathway in Pathway.objects.filter(dossier=dossier, state=PathwayState.RUNNING).select_related(
            "template"
        )
    ]
    waiting = Reminder.objects.filter(step__pathway__dossier=dossier, state__in=WAITING).count()
    if waiting:
        text = ngettext(
            "%(count)d reminder still waits to be sent: close the pathway or mark its step done.",
            "%(count)d reminders still wait to be sent: close the pathway or mark their steps done.",
            waiting,
        ) % {"count": waiting}
        items.append(OpenItem("reminder", text, url))
    return items
