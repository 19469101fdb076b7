"""The family's own kring: accounts for parents, young people, foster parents and network members (separate
from professional memberships), the invitations that create them, shielded whereabouts, the child's
"I don't feel safe" alert and the electronic signatures families place themselves.

A family account links a login (accounts.User) to one person of one dossier, with the kind of family member
they are there. What the account may see is decided in kring.access.family, never here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from kring.cases.models import Dossier, Participant, Person


class FamilyKind(models.TextChoices):
    PARENT = "parent", _("parent or carer")
    YOUNG_PERSON = "young_person", _("young person")
    FOSTER_PARENT = "foster_parent", _("foster parent")
    NETWORK_MEMBER = "network_member", _("network member")


class LoginMethod(models.TextChoices):
    PASSWORD_TOTP = "password_totp", _("password and authenticator app")
    PASSKEY = "passkey", _("passkey")
    OIDC = "oidc", _("national login (OpenID Connect)")


class FamilyAccountQuerySet(models.QuerySet["FamilyAccount"]):
    def active(self) -> "FamilyAccountQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class FamilyAccount(models.Model):
    """A family member's access to one dossier. The same login may hold several (a grandmother in two
    families); a revoked account stays as a record of who had access."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_accounts"
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="family_accounts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="family_accounts")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="family_accounts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FamilyKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan_seen_at = models.DateTimeField(null=True, blank=True)
    # the language the person chose in the portal (settings.KRING_PORTAL_LANGUAGES); empty: kring's default
    language = models.CharField(_("language"), max_length=8, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = FamilyAccountQuerySet.as_manager()

    class Meta:
        ordering = ["dossier", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "person"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_family_account_per_person",
            )
        ]
        verbose_name = _("family account")
        verbose_name_plural = _("family accounts")

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.dossier}"


class Invitation(models.Model):
    """A one-time, expiring invitation of a person of the dossier. The link token and the short code shown on
    the worker's screen are stored only as keyed hashes; each is shown once."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="family_invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FamilyKind.choices)
    email = models.EmailField(_("e-mail address"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    account = models.OneToOneField(
        FamilyAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="invitation"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("family invitation")
        verbose_name_plural = _("family invitations")

    def __str__(self) -> str:
        return f"{self.person} · {self.dossier} · {self.created_at:%Y-%m-%d}"


class AddressShield(models.Model):
    """The address and whereabouts of `person` never reach `hidden_from` (e.g. a parent who fled domestic
    violence, shielded from the other parent): not in the portal, not in family prints, not in letters."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="address_shields")
    hidden_from = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "hidden_from"],
                condition=models.Q(ended_at__isnull=True),
                name="one_live_address_shield",
            ),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("hidden_from")), name="address_shield_two_people"
            ),
        ]
        verbose_name = _("shielded address")
        verbose_name_plural = _("shielded addresses")

    def __str__(self) -> str:
        return f"{self.person} ⟂ {self.hidden_from}"


class UnsafeAlert(models.Model):
    """A child pressed "I don't feel safe". No content: who, when, and whether a worker responded."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="unsafe_alerts")
    account = models.ForeignKey(FamilyAccount, on_delete=models.PROTECT, related_name="unsafe_alerts")
    raised_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # set when nobody responded in time and the wider circle was alerted (services.unsafe_alert_escalate)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["dossier", "acknowledged_at"], name="unsafe_alert_open"),
            # the unanswered ones, newest first: where a worker's start page looks for theirs
            models.Index(
                fields=["-raised_at"],
                condition=models.Q(acknowledged_at__isnull=True),
                name="unsafe_alert_unanswered",
            ),
        ]
        verbose_name = _("unsafe alert")
        verbose_name_plural = _("unsafe alerts")

    def __str__(self) -> str:
        return f"{self.account.person} · {self.raised_at:%Y-%m-%d %H:%M}"


class FamilySignature(models.Model):
    """How a family member signed a safety plan version themselves: the signature (safety.Signature), the
    account, the version number signed and how they were logged in."""

    signature = models.OneToOneField(
        "safety.Signature", on_delete=models.PROTECT, related_name="family_signature"
    )
    account = models.ForeignKey(FamilyAccount, on_delete=models.PROTECT, related_name="signatures")
    version_number = models.PositiveIntegerField()
    login_method = models.CharField(max_length=20, choices=LoginMethod.choices)
    signed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("family signature")
        verbose_name_plural = _("family signatures")

    def __str__(self) -> str:
        return f"{self.account.person} · v{self.version_number}"


class BrokerIdentity(models.Model):
    """A login linked to the subject (`sub`) a national login broker (OpenID Connect: DigiD, itsme, CSAM)
    gives the person. Made only when someone logs in at the broker while holding a valid invitation — never by
    matching an e-mail address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="broker_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField()
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_login_per_broker_subject")
        ]
        verbose_name = _("national login link")
        verbose_name_plural = _("national login links")

    def __str__(self) -> str:
        return f"{self.user} · {self.issuer}"


class BrokerDevice(Device):
    """The broker's login as the second step (django-otp): a broker such as DigiD already asks for two steps.
    It takes no codes; kring marks the session verified with it after a broker login (portal.oidc)."""

    class Meta:
        verbose_name = _("national login")
        verbose_name_plural = _("national logins")

    def verify_token(self, token: object) -> bool:
        return False


# The scaling questions as the family member reads them (B1, "you"): what 0 and 10 mean.
FAMILY_SCALE_QUESTIONS = {
    "safety": _("How safe are the children now? 0 = not safe at all, 10 = safe enough, the help can stop."),
    "progress": _("How far are we? 0 = nothing has changed yet, 10 = we reached what we wanted."),
    "willingness": _("How much do you want to do what is needed? 0 = not at all, 10 = completely."),
    "confidence": _("How sure are you that it will work? 0 = not sure at all, 10 = completely sure."),
    "capacity": _("How well can you do what is needed? 0 = not at all, 10 = completely."),
}


class ScaleQuestionAsked(models.Model):
    """A scaling question a case worker put to one family member: it waits in their portal until they score
    it (0-10, with an optional word); their score is then a rating in the dossier's scale history
    (safety.ScaleRating, with them as the rater)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="scale_questions_asked")
    account = models.ForeignKey(FamilyAccount, on_delete=models.PROTECT, related_name="scale_questions")
    question = models.CharField(_("question"), max_length=20)  # safety.ScaleQuestion
    custom_question = models.CharField(_("own question"), max_length=300, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    rating = models.OneToOneField(
        "safety.ScaleRating", on_delete=models.PROTECT, null=True, blank=True, related_name="asked"
    )

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True, rating__isnull=True)
                | models.Q(answered_at__isnull=False, rating__isnull=False),
                name="scale_question_answered_with_rating",
            )
        ]
        verbose_name = _("scaling question put to a family member")
        verbose_name_plural = _("scaling questions put to family members")

    def __str__(self) -> str:
        return f"{self.account_id} · {self.question} · {self.asked_at:%Y-%m-%d}"

    @property
    def family_text(self) -> str:
        """The question in the family member's words: the worker's own question, or the standard one in B1."""
        if self.custom_question:
            return self.custom_question
        return str(FAMILY_SCALE_QUESTIONS.get(self.question, self.question))


class QuestionnaireAsked(models.Model):
    """A waiting questionnaire (feedback.Administration) put in a family member's portal: they fill it in
    there after logging in, once, without a link. The self-entry link keeps working beside it; whichever is
    used first fills it in."""

    administration = models.OneToOneField(
        "feedback.Administration", on_delete=models.CASCADE, related_name="asked_in_portal"
    )
    account = models.ForeignKey(FamilyAccount, on_delete=models.PROTECT, related_name="questionnaires")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()

    class Meta:
        ordering = ["-asked_at", "-id"]
        verbose_name = _("questionnaire in the portal")
        verbose_name_plural = _("questionnaires in the portal")

    def __str__(self) -> str:
        return f"{self.account_id} · {self.administration_id}"


class NoticeFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("at once")
    DAILY = "daily", _("once a day")
    WEEKLY = "weekly", _("once a week")
    NEVER = "never", _("never")


class NoticeChoice(models.Model):
    """How often a family login hears "there is something new in kring for you" by e-mail (one choice per
    login, for all its files). Without a row: once a day (NOTICE_DEFAULT in kring.portal.notices)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_notice_choice"
    )
    frequency = models.CharField(_("how often"), max_length=12, choices=NoticeFrequency.choices)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("e-mail choice")
        verbose_name_plural = _("e-mail choices")

    def __str__(self) -> str:
        return f"{self.user} · {self.frequency}"


class NoticeState(models.TextChoices):
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    UNCONFIRMED = "unconfirmed", _("unconfirmed")  # the worker died between claiming and sending


class FamilyNotice(models.Model):
    """One e-mail "there is something new in kring for you" (no content): the record of what was notified,
    so that nothing is notified twice. `slot` (the day, the week, or the minute for "at once") is unique per
    login; `covered_until` is the moment up to which changes were counted; `accounts` are the family accounts
    in which something new was found (their ids: which files, never what)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_notices"
    )
    slot = models.CharField(max_length=40)
    frequency = models.CharField(max_length=12, choices=NoticeFrequency.choices)
    covered_until = models.DateTimeField()
    accounts = models.JSONField(default=list)
    state = models.CharField(max_length=12, choices=NoticeState.choices, default=NoticeState.SENDING)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-covered_until", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "slot"], name="one_family_notice_per_slot")]
        verbose_name = _("family e-mail notice")
        verbose_name_plural = _("family e-mail notices")

    def __str__(self) -> str:
        return f"{self.user} · {self.slot}"


class FamilyView(models.Model):
    """ "My view": a family member's own view on a plan version they may see, kept beside it (the version is
    never changed), shown to the professionals on the plan's page and printed with it."""

    account = models.ForeignKey(FamilyAccount, on_delete=models.PROTECT, related_name="views")
    version = models.ForeignKey("safety.PlanVersion", on_delete=models.CASCADE, related_name="family_views")
    text = models.TextField(_("my view"), max_length=2000)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]
        verbose_name = _("family member's view")
        verbose_name_plural = _("family members' views")

    def __str__(self) -> str:
        return f"{self.account.person} · v{self.version_id}"


class FamilyAdviceView(models.Model):
    """ "My view" beside an approved version of the advice to the judge: a family member's own view, kept
    beside it (the signed version is never changed), shown to the professionals on the advice's page."""

    account = models.ForeignKey(FamilyAccount, on_delete=models.PROTECT, related_name="advice_views")
    version = models.ForeignKey(
        "safety.JudgeAdviceVersion", on_delete=models.CASCADE, related_name="family_views"
    )
    text = models.TextField(_("my view"), max_length=2000)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]
        verbose_name = _("family member's view on an advice")
        verbose_name_plural = _("family members' views on advices")

    def __str__(self) -> str:
        return f"{self.account.person} · advice v{self.version_id}"
