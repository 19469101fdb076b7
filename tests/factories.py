from datetime import date

import factory
from factory.django import DjangoModelFactory

from kring.accounts.models import Membership, Organisation, OrganisationKind, Role, Team, User
from kring.cases.models import CircleMember, Dossier, Person


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
