from __future__ import annotations

import factory

from hearth.core.access.roles import CouncilStatus, OrganisationKind
from hearth.core.models import Organisation, Scheme


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme
        django_get_or_create = ("slug",)

    name = "Marshvale Home Choice"
    slug = "marshvale"
    colour = "#0b5e55"
    contact_text = "Phone 01632 960 000"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    scheme = factory.SubFactory(SchemeFactory)
    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = OrganisationKind.COUNCIL
    council_status = CouncilStatus.LIVE_CBL

    class Params:
        landlord = factory.Trait(
            kind=OrganisationKind.LANDLORD,
            council_status="",
            name=factory.Sequence(lambda n: f"Housing Association {n}"),
        )
        partnership = factory.Trait(
            kind=OrganisationKind.PARTNERSHIP, council_status="", name="Partnership team"
        )
        referrer = factory.Trait(
            kind=OrganisationKind.REFERRER, council_status="", name="Hospital discharge team"
        )
