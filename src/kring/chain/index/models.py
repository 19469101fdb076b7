"""The signal index: registrations (identity only as keyed hashes and Bloom filters), their blocking
keys, matches between registrations of different organisations, and batch-relink checkpoints."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    SAFETY = "safety", _("safety at home")
    CRIME = "crime", _("crime or nuisance")
    SCHOOL = "school", _("school absence")
    HEALTH = "health", _("health or addiction")
    OTHER = "other", _("other concern")


class Source(models.TextChoices):
    SIGNAL = "signal", _("signal by a professional")
    DOSSIER = "dossier", _("known from a dossier")
    CHAIN = "chain", _("known from a chain-table case")


class FactKind(models.TextChoices):
    """What an existence-only fact fed from a dossier or a chain case says ("old acquaintance"): that it
    exists, never what happened."""

    SUPERVISION_ORDER = "supervision_order", _("supervision order or court-ordered youth care")
    GUARDIANSHIP = "guardianship", _("guardianship")
    YOUTH_PROBATION = "youth_probation", _("youth probation")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis report")
    HALT = "halt", _("Halt")
    PROBATION = "probation", _("probation")
    POLICE = "police", _("police case at the chain table")
    CHAIN_CASE = "chain_case", _("case at the chain table")


class Registration(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_details = models.CharField(_("phone or e-mail"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SIGNAL)
    dossier = models.ForeignKey(
        "cases.Dossier", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    chain_case = models.ForeignKey(
        "chain.ChainCase", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # for facts fed from a dossier or a chain case: what kind, and which record it comes from
    # ("measure:<pk>", "chainperson:<pk>"), so that feeding again updates instead of adding
    fact = models.CharField(_("fact"), max_length=20, choices=FactKind.choices, blank=True)
    subject = models.CharField(max_length=40, blank=True, db_index=True)
    own_reference = models.CharField(_("your own reference"), max_length=100, blank=True)
    registered_on = models.DateField()
    # Informing the family (signals only): the parents always, the young person too from 16. Only whether
    # they were 16 or older when registered is kept, not the birth date.
    young_person_16_plus = models.BooleanField(_("16 or older when registered"), default=False)
    informed_on = models.DateField(_("family informed on"), null=True, blank=True)
    expires_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, blank=True)
    # encodings (no clear-text identity): keyed hashes and Bloom filters, see linkage.py. Surname, first name
    # and birth date are indexed: how often a value occurs weighs an agreement on it.
    bsn_hash = models.CharField(max_length=32, blank=True)
    dob_hash = models.CharField(max_length=32, blank=True, db_index=True)
    dob_swapped_hash = models.CharField(max_length=32, blank=True)
    dob_year_hash = models.CharField(max_length=32, blank=True)
    dob_month_hash = models.CharField(max_length=32, blank=True)
    dob_day_hash = models.CharField(max_length=32, blank=True)
    sex_hash = models.CharField(max_length=32, blank=True)
    postcode_hash = models.CharField(max_length=32, blank=True)
    address_hash = models.CharField(max_length=32, blank=True)
    surname_hash = models.CharField(max_length=32, blank=True, db_index=True)
    surname_sound_hash = models.CharField(max_length=32, blank=True)
    surname_letters_hash = models.CharField(max_length=32, blank=True)
    first_hash = models.CharField(max_length=32, blank=True, db_index=True)
    first_official_hash = models.CharField(max_length=32, blank=True)
    first_official_initial_hash = models.CharField(max_length=32, blank=True)
    first_official_start_hash = models.CharField(max_length=32, blank=True)
    first_letters_hash = models.CharField(max_length=32, blank=True)
    first_initial_hash = models.CharField(max_length=32, blank=True)
    first_is_initial = models.BooleanField(default=False)
    first_clk = models.CharField(max_length=128, blank=True)
    surname_clk = models.CharField(max_length=128, blank=True)
    dob_unsure = models.BooleanField(default=False)
    dob_year_near_hash = models.CharField(max_length=40, blank=True)
    postcode_area_hash = models.CharField(max_length=32, blank=True)
    first_tokens = models.CharField(max_length=64, blank=True)
    surname_tokens = models.CharField(max_length=64, blank=True)
    name_bands = models.CharField(max_length=120, blank=True)
    address_close = models.CharField(max_length=80, blank=True)  # up to 6 keyed hashes (linkage.Encoded)

    class Meta:
        ordering = ["-registered_on", "-pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"#{self.pk} ({self.organisation})"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class BlockKey(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="block_keys")
    key = models.CharField(max_length=40)

    class Meta:
        # the online lookup reads (key -> registration) from the index alone
        indexes = [models.Index(fields=["key", "registration"], name="signal_blockkey_key_reg")]

    def __str__(self) -> str:
        return self.key


class MatchStatus(models.TextChoices):
    MATCH = "match", _("match")
    POSSIBLE = "possible", _("possible match — to confirm")
    DISMISSED = "dismissed", _("dismissed")
    LEAD_AGREED = "lead_agreed", _("coordinator agreed")
    ENDED = "ended", _("ended (registration withdrawn or expired)")


class Match(models.Model):
    first = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    status = models.CharField(max_length=20, choices=MatchStatus.choices)
    found_at = models.DateTimeField(auto_now_add=True)
    coordinator = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dismiss_reason = models.CharField(max_length=300, blank=True)
    # Follow-up: each side records that it contacted the other (a known weakness of the Dutch index is
    # that many matches are never followed up; kring prompts both sides until a lead or a dismissal).
    first_followed_up_at = models.DateTimeField(null=True, blank=True)
    second_followed_up_at = models.DateTimeField(null=True, blank=True)
    # reminders sent to each side while the match is open (reminders.py)
    first_reminded_at = models.DateTimeField(null=True, blank=True)
    second_reminded_at = models.DateTimeField(null=True, blank=True)
    first_reminders = models.PositiveSmallIntegerField(default=0)
    second_reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-found_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="signal_match_unique_pair")]

    def __str__(self) -> str:
        return f"{self.first_id}-{self.second_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        """Still waiting for a coordinator to be agreed or for a dismissal."""
        return self.status in (MatchStatus.MATCH, MatchStatus.POSSIBLE)


class RelinkRun(models.Model):
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    last_registration_id = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    matches_found = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"relink {self.pk}: {self.done}/{self.total}"


class MatcherWeights(models.Model):
    """A table of the matcher's m/u probabilities (linkage.DEFAULT_MU's shape), estimated from the index
    (EM, no labels) or from labelled pairs. The newest row is the one the matcher uses; a relink applies it
    to existing registrations. Older rows stay as the history of what was used when."""

    class Method(models.TextChoices):
        EM = "em", _("estimated from the index (EM)")
        LABELLED = "labelled", _("estimated from labelled pairs")
        FILE = "file", _("loaded from a file")

    created_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=20, choices=Method.choices)
    mu = models.JSONField()
    registrations = models.PositiveIntegerField(default=0)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("matcher weights")
        verbose_name_plural = _("matcher weights")

    def __str__(self) -> str:
        return f"weights {self.pk} ({self.method}, {self.created_at:%Y-%m-%d})"
