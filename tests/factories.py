"""Factories for the objects tests build. Dates are fixed (tests freeze time); what is relative to now
(an emergency grant's expiry, a token's) is computed when the object is built, never at import."""

from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kring.access.models import BreakGlassAccess
from kring.accounts.models import ApiToken, Membership, Organisation, OrganisationKind, Role, Team, User
from kring.cases.models import (
    Authority,
    AuthorityKind,
    AuthoritySource,
    CircleMember,
    Consent,
    Dossier,
    Measure,
    MeasureKind,
    Participant,
    ParticipantRole,
    Person,
    Placement,
    PlacementDecider,
    PlacementKind,
)
from kring.safety.models import SafetyPlan


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Jeugdbescherming Regio {n}")
    kind = OrganisationKind.CERTIFIED_INSTITUTION
    country = "NL"
    require_mfa = False


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Sanne"
    last_name = factory.Sequence(lambda n: f"Bakker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    organisation = factory.LazyAttribute(lambda m: m.team.organisation if m.team else OrganisationFactory())
    role = Role.CASE_WORKER


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Iterator(["Noor", "Daan", "Sem", "Lotte", "Milan"])
    last_name = "de Jong"
    date_of_birth = date(2013, 4, 2)


class DossierFactory(DjangoModelFactory):
    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"KR-NL-2024-{n:04d}")
    title = factory.Sequence(lambda n: f"Gezin de Jong {n}")
    jurisdiction = "NL"
    owning_team = factory.SubFactory(TeamFactory)
    opened_on = date(2026, 3, 2)

    @factory.post_generation
    def with_children(obj, create, extracted, **kwargs):
        if create:
            obj.children.add(*(PersonFactory() for _ in range(extracted or 1)))


class CircleMemberFactory(DjangoModelFactory):
    class Meta:
        model = CircleMember

    dossier = factory.SubFactory(DossierFactory)
    membership = factory.SubFactory(MembershipFactory)
    user = factory.LazyAttribute(lambda c: c.membership.user)
    case_role = "gezinsvoogd"
    assignment = "Voert de ondertoezichtstelling uit."
    started_on = date(2026, 1, 1)


def _a_child_of(dossier: Dossier) -> Person:
    """The dossier's first child; a new one (added to the dossier) when it has none."""
    child = dossier.children.order_by("pk").first()
    if child is None:
        child = PersonFactory()
        dossier.children.add(child)
    return child


class ParticipantFactory(DjangoModelFactory):
    """Someone in the family's network (a parent by default; from today, as the model has it)."""

    class Meta:
        model = Participant

    dossier = factory.SubFactory(DossierFactory)
    person = factory.SubFactory(PersonFactory, first_name="Eva", date_of_birth=date(1985, 6, 1))
    role = ParticipantRole.PARENT
    relation = "moeder"


class MeasureFactory(DjangoModelFactory):
    """A supervision order (OTS) on the dossier's first child, running since 1 January 2026."""

    class Meta:
        model = Measure

    dossier = factory.SubFactory(DossierFactory)
    child = factory.LazyAttribute(lambda m: _a_child_of(m.dossier))
    kind = MeasureKind.NL_OTS
    started_on = date(2026, 1, 1)


class ConsentFactory(DjangoModelFactory):
    """A standing consent given by the dossier's first child (share it with `shared_with`, `sections`)."""

    class Meta:
        model = Consent

    dossier = factory.SubFactory(DossierFactory)
    given_by = factory.LazyAttribute(lambda c: _a_child_of(c.dossier))
    given_on = date(2026, 1, 1)
    scope = "Informatie delen met de school."


class AuthorityFactory(DjangoModelFactory):
    """Parental authority over a child, held by a person (the holder is a new parent by default)."""

    class Meta:
        model = Authority

    child = factory.SubFactory(PersonFactory)
    holder = factory.SubFactory(PersonFactory, first_name="Eva", date_of_birth=date(1985, 6, 1))
    kind = AuthorityKind.PARENTAL
    source = AuthoritySource.BY_LAW
    started_on = date(2013, 4, 2)


class PlacementFactory(DjangoModelFactory):
    """The dossier's first child in a foster family, by the judge's decision."""

    class Meta:
        model = Placement

    dossier = factory.SubFactory(DossierFactory)
    child = factory.LazyAttribute(lambda p: _a_child_of(p.dossier))
    kind = PlacementKind.FOSTER_FAMILY
    started_on = date(2026, 2, 1)
    decided_by = PlacementDecider.JUDGE
    reason = "Thuis is het nu niet veilig genoeg."


class SafetyPlanFactory(DjangoModelFactory):
    class Meta:
        model = SafetyPlan

    dossier = factory.SubFactory(DossierFactory)
    title = "Veiligheidsplan"


class BreakGlassAccessFactory(DjangoModelFactory):
    """An emergency grant that runs four hours from when it is built."""

    class Meta:
        model = BreakGlassAccess

    membership = factory.SubFactory(
        MembershipFactory, team=None, role=Role.BEHAVIOURAL_SCIENTIST, may_break_glass=True
    )
    user = factory.LazyAttribute(lambda g: g.membership.user)
    dossier = factory.SubFactory(DossierFactory)
    reason = "Crisis na sluitingstijd, gezinsvoogd niet bereikbaar."
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=4))


class ApiTokenFactory(DjangoModelFactory):
    """A token row (its digest is not a real token's: for tests that only need one to exist)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = "script"
    digest = factory.Sequence(lambda n: f"{n:064d}")
    prefix = "kr_xxxxx"
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=90))
