"""What a dossier's pathways leave open, for cases' "close the dossier" (registered in PathwaysConfig.ready):
a running or paused pathway, and reminders still waiting to be sent. Two queries."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.cases.closure_items import OpenItem
from kring.cases.models import Dossier

from .catalogue import translated
from .models import Pathway, PathwayState, Reminder, ReminderState

WAITING = (ReminderState.PENDING, ReminderState.SENDING)


def pathway_open_items(dossier: Dossier, day: date) -> list[OpenItem]:
    url = reverse("pathway_overview", args=[dossier.pk])
    messages = {
        PathwayState.RUNNING: _("The pathway %(name)s still runs: close it."),
        PathwayState.PAUSED: _("The pathway %(name)s is paused: resume it and close it."),
    }
    unended = Pathway.objects.filter(dossier=dossier, state__in=list(messages)).select_related("template")
    items = [
        OpenItem("pathway", messages[pathway.state] % {"name": translated(pathway.template.name)}, url)
        for pathway in unended
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
