"""Data the insights tests make more than once."""

from datetime import date, timedelta

from kring.cases.models import Measure

from ..factories import DossierFactory


def ended_measures(team, count, reason="goals_reached"):
    """`count` child-protection measures of `team`, each in a dossier of its own, ending from 1 Dec 2025."""
    for index in range(count):
        dossier = DossierFactory(owning_team=team)
        Measure.objects.create(
            dossier=dossier,
            child=dossier.children.get(),
            kind="nl_ots",
            started_on=date(2025, 6, 1),
            ended_on=date(2025, 12, 1) + timedelta(days=index),
            end_reason=reason,
        )
