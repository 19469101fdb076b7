"""Exports of dossier data (PDF, CSV) that leave an export entry only when the file was made."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

Opened = TypeVar("Opened")
Made = TypeVar("Made")


def export_or_nothing(open_export: Callable[[], Opened], make: Callable[[Opened], Made]) -> Made:
    """Open the dossier to export (`open_export` calls the door with an export format, which logs the export)
    and `make` the file from what it opened — in one transaction, so that an export that failed (a missing
    part, 404; a broken renderer) leaves no export entry. A refusal by the door is no failed export: its
    denied entry is kept, and the refusal raised once the transaction is committed."""
    refusal: Exception | None = None
    with transaction.atomic():
        try:
            opened = open_export()
        except (Http404, PermissionDenied) as error:
            refusal = error
        else:
            return make(opened)
    assert refusal is not None
    raise refusal
