"""The demo councils' allocation policies: version 1 of each, published from 1 April 2026.

Called by `manage.py demo_seed`. Running it again changes nothing: a council that already has a
version 1 is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from hearth.core import clock
from hearth.core.access.actor import SYSTEM
from hearth.core.access.roles import OrganisationKind
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation
from hearth.demo import partnership
from hearth.demo.policies import demo_policy_texts
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import (
    document_data,
    document_from_text,
    document_read,
    document_to_text,
)

# Adopted before any demo application was sent, so every decision has a policy to rest on.
DEMO_EFFECTIVE_FROM = dt.date(2019, 4, 1)


def demo_policies_seed() -> int:
    """Publish each demo policy whose council exists; returns how many versions it created."""
    system = SYSTEM
    created = 0
    for slug, text in demo_policy_texts().items():
        councils = Organisation.objects.filter(
            scheme__slug=partnership.SCHEME_SLUG, slug=slug, kind=OrganisationKind.COUNCIL
        )
        for council in councils:
            with transaction.atomic():
                if PolicyVersion.objects.filter(council=council, number=1).exists():
                    continue
                document = document_from_text(text)
                version = PolicyVersion.objects.create(
                    council=council,
                    number=1,
                    status=PolicyStatus.PUBLISHED,
                    title=document.title[:200],
                    document=document_data(document),
                    source_text=text,
                    change_summary="The allocation scheme as adopted by the council.",
                    effective_from=DEMO_EFFECTIVE_FROM,
                    published_at=clock.now(),
                )
                audit_record(
                    actor=system,
                    verb="policy.published",
                    target=version,
                    organisation=council,
                    changes=changes_of(
                        after={
                            "status": PolicyStatus.PUBLISHED.value,
                            "effective_from": DEMO_EFFECTIVE_FROM,
                        }
                    ),
                )
                created += 1
    return created + _demo_draft()


def _demo_draft() -> int:
    """A draft for Eastmere to try a change on: debt-free households ahead of a bedroom match."""
    current = PolicyVersion.objects.filter(
        council__scheme__slug=partnership.SCHEME_SLUG, council__slug="eastmere", number=1
    ).first()
    if current is None or PolicyVersion.objects.filter(council=current.council, number=2).exists():
        return 0
    data = dict(current.document)
    shortlist = dict(data["shortlist"])
    order = [dict(key) for key in shortlist["order"]]
    keys = [key["key"] for key in order]
    if "bedroom_match" in keys and "no_housing_debt" in keys:
        a, b = keys.index("bedroom_match"), keys.index("no_housing_debt")
        order[a], order[b] = order[b], order[a]
    shortlist["order"] = order
    data["shortlist"] = shortlist
    document = document_read(data)
    with transaction.atomic():
        draft = PolicyVersion.objects.create(
            council=current.council,
            number=2,
            title=document.title[:200],
            document=document_data(document),
            source_text=document_to_text(document),
            change_summary="Proposed: households with no housing debt ahead of a bedroom match.",
            based_on=current,
        )
        audit_record(
            actor=SYSTEM,
            verb="policy.draft_created",
            target=draft,
            organisation=current.council,
        )
    return 1
