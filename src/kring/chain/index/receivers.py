"""Keep the index's facts in step with dossiers and chain cases (see feed.py): listen to the other apps'
models, never edit them. Each receiver only schedules a sync after the commit (no query of its own, so the
saving code's query count does not change); a rolled-back save feeds nothing."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kring.cases.models import CircleMember, Measure, Person
from kring.chain.models import ChainCase, ChainPerson

from . import feed


def _after_commit(sync, pk) -> None:
    if pk is not None:
        transaction.on_commit(partial(feed.run_safely, sync, pk))


@receiver(post_save, sender=Measure, dispatch_uid="signal_index_measure_saved")
@receiver(post_delete, sender=Measure, dispatch_uid="signal_index_measure_deleted")
def measure_changed(sender, instance: Measure, **kwargs) -> None:
    if instance.kind in feed.MEASURE_FACTS:
        _after_commit(feed.sync_dossier, instance.dossier_id)


@receiver(post_save, sender=CircleMember, dispatch_uid="signal_index_circle_saved")
def circle_changed(sender, instance: CircleMember, **kwargs) -> None:
    _after_commit(feed.sync_dossier, instance.dossier_id)  # the contact person may have changed


@receiver(post_save, sender=Person, dispatch_uid="signal_index_person_saved")
def person_changed(sender, instance: Person, created: bool = False, **kwargs) -> None:
    if not created:  # a new person has no measure yet; a changed name or birth date changes the facts
        _after_commit(feed.sync_person, instance.pk)


@receiver(post_save, sender=ChainCase, dispatch_uid="signal_index_chain_case_saved")
def chain_case_changed(sender, instance: ChainCase, **kwargs) -> None:
    _after_commit(feed.sync_chain_case, instance.pk)


@receiver(post_save, sender=ChainPerson, dispatch_uid="signal_index_chain_person_saved")
@receiver(post_delete, sender=ChainPerson, dispatch_uid="signal_index_chain_person_deleted")
def chain_person_changed(sender, instance: ChainPerson, **kwargs) -> None:
    _after_commit(feed.sync_chain_case, instance.case_id)
