from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    NL = "NL", _("the Netherlands")
    BE = "BE", _("Flanders (Belgium)")


class OrganisationKind(models.TextChoices):
    CERTIFIED_INSTITUTION = "certified_institution", _("certified institution (youth protection)")
    COURT_SOCIAL_SERVICE = "court_social_service", _("court social service (OSD/SDJ/OCJ)")
    CHILD_PROTECTION_BOARD = "child_protection_board", _("child protection board")
    POLICE = "police", _("police")
    PROSECUTION = "prosecution", _("public prosecution")
    HALT = "halt", _("Halt")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    LOCAL_TEAM = "local_team", _("local team")
    CARE_PROVIDER = "care_provider", _("care provider")
    COURT = "court", _("court")
    PROBATION = "probation", _("probation service")
    VICTIM_SUPPORT = "victim_support", _("victim support")
    VEILIGHEIDSHUIS = "veiligheidshuis", _("Veiligheidshuis (safety house)")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.NL)
    require_mfa = models.BooleanField(
        _("require two-factor login"),
        default=True,
        help_text=_("Professionals of this organisation must log in with an authenticator app."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class User(AbstractUser):
    """A professional who logs in. Family members get no account here (the portal comes later)."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("case worker")
    TEAM_LEAD = "team_lead", _("team lead")
    BEHAVIOURAL_SCIENTIST = "behavioural_scientist", _("behavioural scientist")
    CHAIN_PARTNER = "chain_partner", _("chain partner")
    JUDGE = "judge", _("judge")
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")
    FUNCTIONAL_ADMIN = "functional_admin", _("functional administrator")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(is_active=True)


class Membership(models.Model):
    """A user's role in one organisation (and optionally one team). A user may have several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    may_break_glass = models.BooleanField(
        _("may use emergency access"),
        default=False,
        help_text=_("Designated to open a dossier of this organisation outside the circle, with a reason."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "team", "role"], name="unique_membership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.team_id and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("The team belongs to another organisation.")})


class UserSession(models.Model):
    """The sessions a user has open, so that disabling an account or "log out everywhere" can end them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="open_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("open session")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_verified = models.BooleanField(
        default=False, help_text=_("Created in a session that passed two-factor login.")
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
