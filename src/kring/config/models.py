"""Operational records of the project itself (no dossier data)."""

from django.db import models
from django.utils import timezone


class RequestKey(models.Model):
    """A write request that was carried out, by the key the reverse proxy gave it (`Idempotency-Key`).

    Stored in the same transaction as the request's writes (`kring.config.retry`): when the proxy sends the
    same request again to another app server (the first one died before its answer arrived), the key is
    found and the first answer is repeated instead of doing the write twice. Holds no personal data: the
    status and the redirect target (kring's URLs carry opaque ids only). Kept for
    `KRING_REQUEST_KEY_MINUTES`.
    """

    key = models.CharField(max_length=64, primary_key=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=2000, blank=True)

    def __str__(self) -> str:
        return f"{self.key} {self.status}"
