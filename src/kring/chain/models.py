"""The chain table: chain cases brought in by partners, their deepening and the decision (afdoening).

Chain cases are not dossiers: access goes by organisation (see kring.access.chain)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation, OrganisationKind

# The kinds of organisation that sit at a chain table (practice model §1, §7): the ZSM core (police,
# prosecution, probation, child protection board, victim support), extended with Halt, Veilig Thuis and the
# Veiligheidshuis; youth probation is done by the certified institutions.
CHAIN_PARTNER_KINDS = (
    OrganisationKind.POLICE,
    OrganisationKind.PROSECUTION,
    OrganisationKind.PROBATION,
    OrganisationKind.CHILD_PROTECTION_BOARD,
    OrganisationKind.VICTIM_SUPPORT,
    OrganisationKind.HALT,
    OrganisationKind.VEILIG_THUIS,
    OrganisationKind.VEILIGHEIDSHUIS,
    OrganisationKind.CERTIFIED_INSTITUTION,
)


class ChainTable(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    members = models.ManyToManyField(Organisation, related_name="chain_tables", verbose_name=_("partners"))
    chair = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="chaired_tables", verbose_name=_("chair")
    )

    def __str__(self) -> str:
        return self.name


class Trigger(models.TextChoices):
    INTELLECTUAL_DISABILITY = "intellectual_disability", _("intellectual disability")
    YOUNG_MANY_PROBLEMS = "young_many_problems", _("young person with many problems")
    UNCLEAR_CUSTODY = "unclear_custody", _("unclear custody")
    CONTRADICTORY_FACTS = "contradictory_facts", _("contradictory facts / stomach ache")


class LegalStatus(models.TextChoices):
    REPORT = "report", _("report, no suspect yet")
    SUSPECT = "suspect", _("suspect heard")
    ARRESTED = "arrested", _("arrested")
    ON_REMAND = "on_remand", _("in custody")
    NO_CRIMINAL = "no_criminal", _("no criminal offence (care signal)")


class DecisionMeasure(models.TextChoices):
    """The parts of a decision (afdoening): a mix of care and punishment."""

    DISMISSAL_WITH_HELP = "dismissal_with_help", _("dismissal with help")
    CORRECTIVE_TALK = "corrective_talk", _("corrective talk")
    HALT = "halt", _("Halt hours")
    LOCAL_TEAM = "local_team", _("referral to local team")
    VOLUNTARY_HELP = "voluntary_help", _("voluntary help")
    VICTIM_SUPPORT = "victim_support", _("support for the victim")
    VEILIGHEIDSHUIS = "veiligheidshuis", _("case consultation at the Veiligheidshuis")
    PROTECTION_INVESTIGATION = "protection_investigation", _("investigation by the child protection board")
    PROSECUTION = "prosecution", _("prosecution")


class Stage(models.TextChoices):
    INTAKE = "intake", _("intake")
    DEEPENING = "deepening", _("deepening")
    DECIDED = "decided", _("decided")
    CLOSED = "closed", _("looked back and closed")


class ChainCase(models.Model):
    table = models.ForeignKey(ChainTable, on_delete=models.PROTECT, related_name="cases")
    brought_in_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("brought in by")
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    incident = models.TextField(_("incident"))
    incident_on = models.DateField(_("date of the incident"))
    legal_status = models.CharField(_("legal status"), max_length=20, choices=LegalStatus.choices)
    listed_on = models.DateField(_("on the list of"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.INTAKE)
    triggers = models.JSONField(_("triggers for deepening"), default=list, blank=True)
    triggers_by_hand = models.JSONField(_("triggers chosen by hand"), default=list, blank=True)
    # (b) joint interpretation
    hypotheses = models.TextField(_("testable hypotheses"), blank=True)
    # (c) decision (afdoening)
    decision_measures = models.JSONField(_("decision: care and punishment"), default=list, blank=True)
    decision_tasks = models.TextField(_("who does what"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    look_back_on = models.DateField(_("look back on"), null=True, blank=True)
    what_happened = models.TextField(_("what happened next"), blank=True)
    lessons = models.TextField(_("what we learn"), blank=True)
    # A deepened case can open or link a dossier; the link goes when the dossier is destroyed (retention).
    dossier = models.ForeignKey(
        "cases.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="chain_cases"
    )
    dossier_linked_at = models.DateTimeField(_("dossier linked at"), null=True, blank=True)
    dossier_linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Optimistic locking: every change of the case raises the version; a form carries the version it showed.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-listed_on", "reference"]
        indexes = [models.Index(fields=["table", "listed_on"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def trigger_labels(self) -> list[str]:
        """In the order of the intake rules, so that the same combination always reads the same."""
        return [str(label) for value, label in Trigger.choices if value in self.triggers]

    @property
    def measure_labels(self) -> list[str]:
        return [str(DecisionMeasure(m).label) for m in self.decision_measures if m in DecisionMeasure.values]

    @property
    def hypothesis_list(self) -> list[str]:
        return [line.strip() for line in self.hypotheses.splitlines() if line.strip()]

    @property
    def task_list(self) -> list[str]:
        return [line.strip() for line in self.decision_tasks.splitlines() if line.strip()]


class InvolvedRole(models.TextChoices):
    SUSPECT = "suspect", _("suspect")
    VICTIM = "victim", _("victim")
    OTHER = "other", _("other involved")
    CHILD_PRESENT = "child_present", _("child present")


class ChainPerson(models.Model):
    case = models.ForeignKey(ChainCase, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role"), max_length=20, choices=InvolvedRole.choices)
    name = models.CharField(_("name"), max_length=200)
    birth_date = models.DateField(_("birth date"))
    intellectual_disability = models.BooleanField(
        _("intellectual disability (known or suspected)"), default=False
    )
    problems = models.PositiveSmallIntegerField(_("number of known problems"), default=0)
    custody_unclear = models.BooleanField(_("custody unclear"), default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ContextRequest(models.Model):
    case = models.ForeignKey(ChainCase, on_delete=models.CASCADE, related_name="requests")
    requested_by = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    addressee = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="chain_requests")
    question = models.TextField(_("question"))
    need_to_know = models.TextField(_("need to know: why the table needs this"))
    due_at = models.DateTimeField(_("due"))
    # Whom the question is about: the addressee sees these persons (name, birth date), not the whole case.
    about = models.ManyToManyField(ChainPerson, blank=True, related_name="requests", verbose_name=_("about"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} -> {self.addressee}"


class PartnerView(models.Model):
    """(b) joint interpretation: each partner's view, side by side."""

    case = models.ForeignKey(ChainCase, on_delete=models.CASCADE, related_name="views")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    view = models.TextField(_("view"))
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="chain_one_view_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.case} / {self.organisation}"
