import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Country, Membership, Team


class Person(models.Model):
    """A child, young person or relative. One record, however many dossiers the person appears in."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class DossierStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


def children_prefetch() -> models.Prefetch:
    return models.Prefetch("children", queryset=Person.objects.order_by("date_of_birth"))


class DossierQuerySet(models.QuerySet["Dossier"]):
    def with_children(self) -> "DossierQuerySet":
        return self.prefetch_related(children_prefetch())


class Dossier(models.Model):
    """One shared dossier around one or more children and their family."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    title = models.CharField(_("family"), max_length=200, help_text=_("e.g. 'Family Jansen'"))
    summary = models.TextField(_("summary"), blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Country.choices)
    owning_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="dossiers")
    status = models.CharField(
        _("status"), max_length=10, choices=DossierStatus.choices, default=DossierStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    children = models.ManyToManyField(Person, related_name="dossiers", verbose_name=_("children"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "reference"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self) -> str:
        return self.reference


class CircleMemberQuerySet(models.QuerySet["CircleMember"]):
    def current(self) -> "CircleMemberQuerySet":
        today = timezone.localdate()
        return self.filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=today), started_on__lte=today
        )


class CircleMember(models.Model):
    """A professional in the circle around the child, with their assignment (opdracht) in this case."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="circle")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="circle_memberships"
    )
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="circle_memberships")
    case_role = models.CharField(_("role in this case"), max_length=100, help_text=_("e.g. family guardian"))
    assignment = models.TextField(_("assignment"), blank=True, help_text=_("The mandate for this case."))
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = CircleMemberQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("circle member")
        verbose_name_plural = _("circle members")

    def __str__(self) -> str:
        return f"{self.user} · {self.case_role}"

    def clean(self) -> None:
        if self.membership_id and self.membership.user_id != self.user_id:
            raise ValidationError({"membership": _("This membership belongs to someone else.")})
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date lies before the start date.")})
