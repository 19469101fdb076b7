import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Country, Membership, Team


class Gender(models.TextChoices):
    FEMALE = "female", _("girl / woman")
    MALE = "male", _("boy / man")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("not recorded")


class Person(models.Model):
    """A child, young person or relative. One record, however many dossiers the person appears in."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    school = models.CharField(_("school or work"), max_length=200, blank=True)
    living_situation = models.CharField(
        _("living situation"), max_length=200, blank=True, help_text=_("e.g. 'with mother and her partner'")
    )
    language = models.CharField(_("language at home"), max_length=100, blank=True)
    lvb = models.BooleanField(
        _("mild intellectual disability (LVB)"),
        default=False,
        help_text=_("Indication of a mild intellectual disability: explain things in words and pictures."),
    )

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

    def refresh_activity(self) -> int:
        """Recompute the denormalised `last_event_on` and `last_contact_on` of these dossiers from their
        history and contacts, in one UPDATE. The one definition of both columns: the services that add an
        event or a contact call it, and so do seed_bulk, the migration that added them and
        `manage.py dossier_refresh_activity`. A recompute, not an increment, so a backdated entry is right."""
        newest_event = DossierEvent.objects.filter(dossier=models.OuterRef("pk")).order_by("-occurred_on")
        newest_contact = Contact.objects.filter(dossier=models.OuterRef("pk")).order_by("-occurred_on")
        return self.update(
            last_event_on=models.Subquery(newest_event.values("occurred_on")[:1]),
            last_contact_on=models.Subquery(newest_contact.values("occurred_on")[:1]),
        )


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
    # Denormalised for the caseload lists, which filter on them over every dossier a reader may open; kept
    # by the services that add events and contacts (DossierQuerySet.refresh_activity). None: none yet.
    last_event_on = models.DateField(_("last event"), null=True, blank=True, editable=False)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "reference"]
        indexes = [
            # The caseload order (open first, newest first, reference) within one status, so that a page is
            # an index range scan that stops after 26 rows instead of a sort of every visible dossier; the
            # second serves the team list (one owning team).
            models.Index(fields=["status", "-opened_on", "reference"], name="dossier_caseload_order"),
            models.Index(
                fields=["owning_team", "status", "-opened_on", "reference"],
                name="dossier_team_caseload_order",
            ),
        ]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self) -> str:
        return self.reference

    @cached_property
    def is_youth_probation(self) -> bool:
        """Whether a youth probation measure ever ran here: the dossier then works with Signs of Success."""
        return self.measures.filter(kind__in=YOUTH_PROBATION_MEASURES).exists()


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


class ParticipantRole(models.TextChoices):
    PARENT = "parent", _("parent")
    CARER = "carer", _("carer")
    INFORMAL = "informal", _("informal network")
    # A volunteer adult from the network who stands by the child or young person on their own (a steunfiguur;
    # a meter or peter in Flanders): part of the informal network wherever that counts.
    SUPPORTER = "supporter", _("supporting adult")


# The roles of the family's own network (not the parents and carers): who carries a rule of the safety plan
NETWORK_ROLES = (ParticipantRole.INFORMAL, ParticipantRole.SUPPORTER)


class Closeness(models.TextChoices):
    INNER = "inner", _("inner circle")
    WIDER = "wider", _("wider network")


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def current(self) -> "ParticipantQuerySet":
        return self.filter(ended_on__isnull=True)


class Participant(models.Model):
    """A parent, carer or member of the informal network in a dossier (the children are `Dossier.children`).

    The same Person may take part in several dossiers — a grandmother in two families — without a second
    record.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    relation = models.CharField(
        _("relation to the family"),
        max_length=100,
        help_text=_("e.g. 'mother', 'grandmother', 'football coach'"),
    )
    closeness = models.CharField(
        _("closeness"), max_length=10, choices=Closeness.choices, default=Closeness.WIDER
    )
    lives_with_child = models.BooleanField(_("lives with the child"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["role", "person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["dossier", "person"], name="unique_participant")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.person} ({self.relation})"


class AuthorityKind(models.TextChoices):
    PARENTAL = "parental", _("parental authority")
    GUARDIAN = "guardian", _("guardian")


class AuthoritySource(models.TextChoices):
    """Where an authority comes from (the ground of the gezag)."""

    BY_LAW = "by_law", _("by law, at birth or recognition")
    COURT_DECISION = "court_decision", _("court decision")
    GUARDIANSHIP_INSTITUTION = "guardianship_institution", _("guardianship by an institution")
    GUARDIANSHIP_PERSON = "guardianship_person", _("guardianship by a person")


class Authority(models.Model):
    """Who holds authority (gezag) over a child, and when. A fact about the child, not about the dossier."""

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="authorities")
    holder = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="authority_over", null=True, blank=True
    )
    holder_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AuthorityKind.choices)
    source = models.CharField(
        _("source"),
        max_length=30,
        choices=AuthoritySource.choices,
        blank=True,
        help_text=_("Empty: not recorded."),
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["started_on"]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(holder__isnull=False) | models.Q(holder_organisation__isnull=False),
                name="authority_has_a_holder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.holder or self.holder_organisation} → {self.child}"

    def holds_on(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day <= self.ended_on)

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date lies before the start date.")})


class MeasureKind(models.TextChoices):
    NL_VOLUNTARY = "nl_voluntary", _("voluntary framework")
    NL_SAVE = "nl_save", _("SAVE guidance (voluntary, preventive)")
    NL_OTS = "nl_ots", _("supervision order (OTS)")
    NL_GUARDIANSHIP = "nl_guardianship", _("guardianship (voogdij)")
    NL_YOUTH_PROBATION = "nl_youth_probation", _("youth probation")
    NL_YOUTH_PROBATION_CONDITIONAL = (
        "nl_youth_probation_conditional",
        _("youth probation: conditional sentence"),
    )
    NL_YOUTH_PROBATION_PRETRIAL = (
        "nl_youth_probation_pretrial",
        _("youth probation: suspended pre-trial detention"),
    )
    BE_VOLUNTARY = "be_voluntary", _("voluntary youth care")
    BE_MANO = "be_mano", _("socially necessary youth care (MANO)")
    BE_URGENCY = "be_urgency", _("urgency procedure (hoogdringendheid)")
    BE_COURT_ORDERED = "be_court_ordered", _("court-ordered youth care")


YOUTH_PROBATION_MEASURES = frozenset(
    {
        MeasureKind.NL_YOUTH_PROBATION,
        MeasureKind.NL_YOUTH_PROBATION_CONDITIONAL,
        MeasureKind.NL_YOUTH_PROBATION_PRETRIAL,
    }
)
COMPULSORY_MEASURES = frozenset(
    {
        MeasureKind.NL_OTS,
        MeasureKind.NL_GUARDIANSHIP,
        MeasureKind.NL_YOUTH_PROBATION,
        MeasureKind.NL_YOUTH_PROBATION_CONDITIONAL,
        MeasureKind.NL_YOUTH_PROBATION_PRETRIAL,
        MeasureKind.BE_URGENCY,
        MeasureKind.BE_COURT_ORDERED,
    }
)


def measure_jurisdiction(kind: str) -> str:
    return kind.split("_", 1)[0].upper()


class EndReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("goals reached")
    EARLY_POSITIVE_CLOSURE = "early_positive_closure", _("early positive closure")
    SCALED_DOWN = "scaled_down", _("scaled down to voluntary help")
    ESCALATED = "escalated", _("escalated to a heavier measure")
    TRANSFERRED = "transferred", _("transferred to another organisation")
    TURNED_18 = "turned_18", _("turned 18")
    COURT_ENDED = "court_ended", _("ended by the court")
    MOVED = "moved", _("family moved away")
    OTHER = "other", _("other")


class MeasureQuerySet(models.QuerySet["Measure"]):
    def running_on(self, day: date) -> "MeasureQuerySet":
        return self.filter(started_on__lte=day).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=day)
        )


class Measure(models.Model):
    """A legal frame or measure for one child over time: start, planned end, extensions, end and reason."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="measures")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(_("legal frame"), max_length=40, choices=MeasureKind.choices)
    started_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    ended_on = models.DateField(_("actual end"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=30, choices=EndReason.choices, blank=True)
    decided_by = models.CharField(
        _("decided by"), max_length=200, blank=True, help_text=_("e.g. the youth court of Gent, 3 March 2026")
    )

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        indexes = [
            # the caseload filter "a running measure (of this frame) ends within N days"
            models.Index(fields=["kind", "planned_end_on"], name="measure_kind_planned_end"),
            models.Index(fields=["planned_end_on"], name="measure_planned_end"),
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.started_on:%Y-%m-%d})"

    @property
    def is_compulsory(self) -> bool:
        return self.kind in COMPULSORY_MEASURES


class MeasureExtension(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="extensions")
    decided_on = models.DateField(_("decided on"))
    previous_planned_end_on = models.DateField(_("planned end before"))
    new_planned_end_on = models.DateField(_("new planned end"))
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["decided_on"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.measure} → {self.new_planned_end_on:%Y-%m-%d}"


class CooperationModel(models.TextChoices):
    PARTNER = "partner", _("partner model: the local team keeps the lead")
    TRANSFER = "transfer", _("transfer model: the specialist takes over the lead")


class Lead(models.Model):
    """Who holds the lead (regie) from a date on; the newest row is the current lead."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="leads")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    cooperation_model = models.CharField(
        _("cooperation model"), max_length=20, choices=CooperationModel.choices
    )
    since = models.DateField(_("since"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-since", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_cooperation_model_display()})"


class ConsentStep(models.IntegerChoices):
    """The five graded consents of SAVE guidance (getrapte instemming)."""

    INVOLVEMENT = 1, _("to be involved at all")
    SAFETY_CONVERSATION = 2, _("to a joint conversation about safety, and for informants to give information")
    WORK_ON_CONDITIONS = 3, _("to work on conditions")
    TEST_PLAN = 4, _("to test the plan")
    FOLLOW_CONDITIONS = 5, _("to follow the conditions while the plan runs")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def standing_on(self, day: date) -> "ConsentQuerySet":
        return self.filter(given_on__lte=day).filter(
            models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gt=day)
        )


class Consent(models.Model):
    """A consent given by a parent or the young person: one of the five SAVE steps or a free-form one
    ("school may inform the case worker about attendance"). It may open dossier sections to an organisation,
    and can be withdrawn; withdrawal closes them at once."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="consents")
    step = models.PositiveSmallIntegerField(
        _("SAVE step"), choices=ConsentStep.choices, null=True, blank=True
    )
    scope = models.TextField(_("what the consent covers"))
    given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents_given")
    given_on = models.DateField(_("given on"))
    shared_with = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents_received",
        verbose_name=_("shared with"),
    )
    sections = models.JSONField(_("dossier parts shared"), default=list, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.TextField(_("withdrawal note"), blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["given_on", "step", "id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return self.get_step_display() if self.step else self.scope[:60]


class EventKind(models.TextChoices):
    OPENED = "opened", _("dossier opened")
    MEASURE_STARTED = "measure_started", _("measure started")
    MEASURE_EXTENDED = "measure_extended", _("measure extended")
    MEASURE_ENDED = "measure_ended", _("measure ended")
    CONSENT_GIVEN = "consent_given", _("consent given")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("consent withdrawn")
    LEAD_CHANGED = "lead_changed", _("lead changed")
    SCALED_UP = "scaled_up", _("scaled up")
    SCALED_DOWN = "scaled_down", _("scaled down")
    JOINED = "joined", _("professional joined")
    LEFT = "left", _("professional left")
    MEETING = "meeting", _("meeting")
    JIM_CHOSEN = "jim_chosen", _("trusted adult (JIM) chosen")
    JIM_ENDED = "jim_ended", _("trusted adult (JIM) stopped")
    CHILD_ADDED = "child_added", _("child added")
    CHILD_MOVED_IN = "child_moved_in", _("child moved in from another dossier")
    CHILD_MOVED_OUT = "child_moved_out", _("child moved to another dossier")
    AUTHORITY_RECORDED = "authority_recorded", _("authority recorded")
    AUTHORITY_CHANGED = "authority_changed", _("authority changed")
    AUTHORITY_ENDED = "authority_ended", _("authority ended")
    SUMMARY_EDITED = "summary_edited", _("summary edited")
    TRANSFERRED = "transferred", _("transferred to another team")
    PLACEMENT = "placement", _("placement or residence")
    CLOSURE_PROPOSED = "closure_proposed", _("closure proposed")
    CLOSED = "closed", _("dossier closed")
    REOPENED = "reopened", _("dossier reopened")


class DossierEvent(models.Model):
    """One line in the dossier's history, written by the service that made the change."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=300)
    # A summary a service generated, as a message key and its parameters, so that it reads in the reader's
    # language (kring.cases.event_summaries); empty for a summary a user typed, shown as typed.
    summary_key = models.CharField(max_length=40, blank=True, default="")
    summary_params = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["dossier", "-occurred_on"])]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def display_summary(self) -> str:
        """The summary in the reader's (active) language: a generated one rendered from its key, a typed one
        as typed; the stored text when the key or its parameters are unknown (an older or foreign row)."""
        if not self.summary_key:
            return self.summary
        from .event_summaries import render

        try:
            return render(self.summary_key, self.summary_params)
        except (KeyError, LookupError, TypeError, ValueError):
            return self.summary


class TimelineLine(models.TextChoices):
    """The family's four timelines of "Dit zijn wij!", and the legal line beside the help line."""

    GOOD = "good", _("good things")
    WORRIES = "worries", _("worries")
    PEOPLE = "people", _("important people")
    HELP = "help", _("help received")
    LEGAL = "legal", _("legal line")


TIMELINE_FIRST_YEAR = 1900
TIMELINE_LAST_YEAR = 2100
YEAR_DOES_NOT_MATCH_DATE = _("The year does not match the date.")
YEAR_OR_DATE_REQUIRED = _("Give a year or a date.")


class FamilyTimelineEntry(models.Model):
    """One moment in the family's own story ("Dit zijn wij!"), on one of its timelines. Families often
    remember the year, not the day: `year` is always there, `date` only when it is known."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="family_timeline")
    line = models.CharField(_("timeline"), max_length=10, choices=TimelineLine.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), blank=True, help_text=_("Taken from the date if empty.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    text = models.CharField(_("what happened"), max_length=200)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["year", models.F("date").asc(nulls_first=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=TIMELINE_FIRST_YEAR, year__lte=TIMELINE_LAST_YEAR),
                name="family_timeline_year_in_range",
            )
        ]
        verbose_name = _("family timeline entry")
        verbose_name_plural = _("family timeline entries")

    def __str__(self) -> str:
        return f"{self.year} {self.get_line_display()}: {self.text}"

    def clean(self) -> None:
        if self.year is None and self.date is not None:
            self.year = self.date.year
        if self.year is None:
            raise ValidationError({"year": YEAR_OR_DATE_REQUIRED})
        if self.date is not None and self.date.year != self.year:
            raise ValidationError({"year": YEAR_DOES_NOT_MATCH_DATE})
        if not TIMELINE_FIRST_YEAR <= self.year <= TIMELINE_LAST_YEAR:
            raise ValidationError(
                {
                    "year": _("Give a year between %(first)s and %(last)s.")
                    % {"first": TIMELINE_FIRST_YEAR, "last": TIMELINE_LAST_YEAR}
                }
            )


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("home visit")
    OFFICE = "office", _("meeting at the office")
    PHONE = "phone", _("phone call")
    VIDEO = "video", _("video call")
    NETWORK_MEETING = "network_meeting", _("network meeting")
    SCHOOL = "school", _("meeting at school or day care")
    OTHER = "other", _("other contact")


CONTACT_MAX_MINUTES = 24 * 60


class Contact(models.Model):
    """A contact of a professional with the client system: when, how long, what kind, with whom. The sum of
    these minutes is the dossier's direct-contact time (the intensity of the help)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="contacts")
    occurred_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(
        _("duration in minutes"),
        validators=[MinValueValidator(1), MaxValueValidator(CONTACT_MAX_MINUTES)],
    )
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    people = models.ManyToManyField(
        Person, related_name="contacts", blank=True, verbose_name=_("with whom (family and network)")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("professional"),
    )
    note = models.CharField(_("short note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["dossier", "-occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=CONTACT_MAX_MINUTES),
                name="contact_minutes_in_range",
            )
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.get_kind_display()} ({self.minutes} min)"


class OriginKind(models.TextChoices):
    """How a case came in."""

    COURT_ORDER = "court_order", _("court order")
    BOARD_REQUEST = "board_request", _("request of the child protection board")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis / VK")
    LOCAL_TEAM = "local_team", _("local team")
    CHAIN_TABLE = "chain_table", _("chain table")
    SELF_REFERRAL = "self_referral", _("self-referral")


class CaseOrigin(models.Model):
    """How and when the case came in: one per dossier, written at intake."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="origin")
    kind = models.CharField(_("came in through"), max_length=20, choices=OriginKind.choices)
    came_in_on = models.DateField(_("came in on"))
    note = models.CharField(
        _("referrer or note"), max_length=300, blank=True, help_text=_("e.g. the court's decision number")
    )

    class Meta:
        verbose_name = _("case origin")
        verbose_name_plural = _("case origins")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.came_in_on:%Y-%m-%d})"


# --- placement and residence (where a child lives, over time) ----------------------------------------------


class PlacementKind(models.TextChoices):
    AT_HOME = "at_home", _("at home")
    NETWORK = "network", _("with the network (kinship care)")
    FOSTER_FAMILY = "foster_family", _("foster family")
    CRISIS = "crisis", _("crisis placement")
    RESIDENTIAL_GROUP = "residential_group", _("residential group")
    SECURE_YOUTH_CARE = "secure_youth_care", _("secure youth care")
    INDEPENDENT = "independent", _("living independently")


class PlacementDecider(models.TextChoices):
    JUDGE = "judge", _("the judge")
    CASE_WORKER = "case_worker", _("the case worker")
    PARENTS = "parents", _("the parents (voluntary)")


class Placement(models.Model):
    """Where a child lives from a date on, who decided it and why. A stay runs from `started_on` up to the day
    the child moved on (`ended_on`, the first day elsewhere); one child's stays never overlap. The urgency
    procedure's day-6 decision (return home, or extend the crisis placement) is recorded on these rows."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="placements")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="placements")
    kind = models.CharField(_("where the child lives"), max_length=30, choices=PlacementKind.choices)
    started_on = models.DateField(_("from"))
    planned_end_on = models.DateField(_("planned until"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=20, choices=PlacementDecider.choices)
    decided_by_name = models.CharField(
        _("name of who decided"), max_length=200, blank=True, help_text=_("e.g. the youth court of Gent")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    place = models.CharField(
        _("where exactly"), max_length=200, blank=True, help_text=_("e.g. the crisis unit, or grandmother")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "id"]
        indexes = [models.Index(fields=["child", "started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="placement_ends_after_start",
            )
        ]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.started_on:%Y-%m-%d})"


# --- closing and reopening a dossier (four eyes) ------------------------------------------------------------


class ClosureStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed: the dossier is closed")
    REJECTED = "rejected", _("not confirmed")
    REOPENED = "reopened", _("closed, later reopened")


class DossierClosure(models.Model):
    """A proposal to close a dossier, the team lead's decision on it, and (later) its reopening. The worker
    proposes with a summary; a team lead of the owning team other than the proposer confirms. The closure
    date is where retention starts counting."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="closures")
    status = models.CharField(
        _("status"), max_length=10, choices=ClosureStatus.choices, default=ClosureStatus.PROPOSED
    )
    summary = models.TextField(_("closing summary"), max_length=4000)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("proposed on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("note with the decision"), max_length=2000, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopened_on = models.DateField(_("reopened on"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(status="proposed"),
                name="one_open_closure_proposal_per_dossier",
            )
        ]
        verbose_name = _("dossier closure")
        verbose_name_plural = _("dossier closures")

    def __str__(self) -> str:
        return f"{self.dossier} · {self.get_status_display()}"
