"""The network around the child (practice model §2): the trusted adult the young person chose (JIM), the
search for lost relatives (Family Finding) and who sits at the kitchen table with the family.

Who the people are lives in kring.cases (Person, Participant for parents, carers and the informal network,
CircleMember for professionals); this app records what they are to each other.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.cases.models import CircleMember, Dossier, Participant, Person

END_BEFORE_START = _("The end date lies before the start date.")
CONSENT_INCOMPLETE = _("Record both who gave the parental consent and when.")


class Jim(models.Model):
    """A JIM (jouw ingebrachte mentor): a trusted adult from the network, chosen by the young person."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="jims")
    young_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="jims_chosen", verbose_name=_("young person")
    )
    jim = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="jim_for", verbose_name=_("JIM")
    )
    chosen_on = models.DateField(_("chosen on"))
    parental_consent_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jim_consents_given",
        verbose_name=_("parental consent given by"),
    )
    parental_consent_on = models.DateField(_("parental consent given on"), null=True, blank=True)
    # Whether the JIM lived with the young person when chosen: allowed, but the page keeps saying so.
    lives_with_young_person = models.BooleanField(_("lives in the same house"), default=False)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-chosen_on", "-id"]
        verbose_name = _("JIM")
        verbose_name_plural = _("JIMs")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "young_person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_jim_per_young_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.jim.person} → {self.young_person}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def clean(self) -> None:
        if (self.parental_consent_by_id is None) != (self.parental_consent_on is None):
            raise ValidationError(CONSENT_INCOMPLETE)
        if self.ended_on and self.chosen_on and self.ended_on < self.chosen_on:
            raise ValidationError({"ended_on": END_BEFORE_START})


class FamilyFindingStatus(models.TextChoices):
    SEARCHED = "searched", _("searched")
    FOUND = "found", _("found")
    CONTACTED = "contacted", _("contacted")
    WILLING = "willing", _("willing to take part")
    NOT_WILLING = "not_willing", _("not willing")
    NO_CONTACT_POSSIBLE = "no_contact_possible", _("no contact possible")


class FamilyFindingEntry(models.Model):
    """One relative searched for in Family Finding: who, how they are related, how far the search got."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="family_finding")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(
        _("relation to the child"), max_length=100, help_text=_("e.g. 'uncle on father's side'")
    )
    status = models.CharField(
        _("status"), max_length=30, choices=FamilyFindingStatus.choices, default=FamilyFindingStatus.SEARCHED
    )
    noted_on = models.DateField(_("date"))
    outcome = models.TextField(_("outcome"), blank=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="family_finding_entries",
        verbose_name=_("now in the network as"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Family Finding entry")
        verbose_name_plural = _("Family Finding entries")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class TableSeat(models.Model):
    """A seat at the kitchen table with the family: a member of the family's network or a professional,
    with the task they have at the table."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="table_seats")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="table_seats"
    )
    circle_member = models.ForeignKey(
        CircleMember, on_delete=models.CASCADE, null=True, blank=True, related_name="table_seats"
    )
    task = models.TextField(_("task at the table"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("seat at the kitchen table")
        verbose_name_plural = _("seats at the kitchen table")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(participant__isnull=False, circle_member__isnull=True)
                    | models.Q(participant__isnull=True, circle_member__isnull=False)
                ),
                name="table_seat_has_one_occupant",
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(participant__isnull=False),
                name="one_seat_per_participant",
            ),
            models.UniqueConstraint(
                fields=["circle_member"],
                condition=models.Q(circle_member__isnull=False),
                name="one_seat_per_circle_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupant}: {self.task[:40]}"

    @property
    def is_professional(self) -> bool:
        return self.circle_member_id is not None

    @property
    def occupant(self) -> Participant | CircleMember:
        return self.circle_member if self.circle_member_id else self.participant
