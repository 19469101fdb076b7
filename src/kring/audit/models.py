from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    LOGIN = "login", _("login")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOCKED_OUT = "locked_out", _("locked out")
    LOGOUT = "logout", _("logout")
    SESSIONS_ENDED = "sessions_ended", _("sessions ended")
    MFA_SETUP = "mfa_setup", _("two-factor set up")
    MFA_VERIFIED = "mfa_verified", _("two-factor verified")
    MFA_FAILED = "mfa_failed", _("two-factor failed")
    BREAK_GLASS = "break_glass", _("emergency access")


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    DENIED = "denied", _("denied")


class AuditPurpose(models.TextChoices):
    NORMAL = "normal", _("normal work")
    BREAK_GLASS = "break_glass", _("emergency access")
    OVERSIGHT = "oversight", _("oversight")
    AUTHENTICATION = "authentication", _("authentication")
    ADMINISTRATION = "administration", _("administration")


class AuditEntry(models.Model):
    """One append-only entry (NEN 7513 fields), signed with a keyed MAC and chained to the previous one.

    Entries name dossiers and objects by id and reference, never by foreign key, so that they outlive the
    data they describe. Field *names* are recorded for writes, never values.

    Appending takes no lock: `sequence` comes from the database (an identity column / autoincrement) and the
    entry is signed (`mac`, with the key named by `key_id`) as it is inserted. The chain fields
    (`chain_position`, `previous_hash`, `entry_hash`) are filled in afterwards by the one chainer
    (`kring.audit.services.audit_chain_pending`), in the order in which entries became visible to it; they are
    the only fields that may change, once, from empty, at the position right after the chain head (a
    PostgreSQL trigger enforces it and moves the head; audit/0007).
    """

    sequence = models.BigAutoField(primary_key=True)
    uid = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    outcome = models.CharField(max_length=10, choices=AuditOutcome.choices)
    purpose = models.CharField(max_length=20, choices=AuditPurpose.choices, default=AuditPurpose.NORMAL)
    reason = models.TextField(blank=True)
    dossier_id = models.UUIDField(null=True, blank=True, db_index=True)
    dossier_reference = models.CharField(max_length=32, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    fields = models.JSONField(default=list, blank=True)
    export_format = models.CharField(max_length=20, blank=True)
    client_ip = models.CharField(max_length=45, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    key_id = models.CharField(max_length=32, blank=True)
    mac = models.CharField(max_length=64, blank=True)
    chain_position = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        default_permissions = ("view",)
        indexes = [
            # The chainer's queue: only unchained entries are in this index, so it stays tiny.
            models.Index(
                fields=["sequence"], condition=models.Q(chain_position__isnull=True), name="audit_unchained"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.outcome}"


class AuditChainHead(models.Model):
    """Where the chain ends: the last chain position and its hash. Only the chainer locks this row (appends
    never touch it), so that two chainers cannot fork the chain."""

    last_sequence = models.PositiveBigIntegerField(default=0)  # the last *chain position*
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"audit chain head at {self.last_sequence}"
