"""Access rules for the policy admin pages, merged into tests/test_access_matrix.py.

`RULES` maps URL names to rules (see tests/access_rules.py). `objects(world)` creates what those
URLs name, in the world's home organisations; `url_kwargs(objects, name, principal)` gives the
URL arguments for one principal, or None for URLs this module does not know.

Who gets what:
- reading (versions, a version, exports, comparison): `VIEW_POLICY`, which council register,
  lettings and team-leader roles and policy admins hold for their own council, and scheme
  admins for every council in their scheme; anyone else's council answers 404;
- drafting, editing, publishing and previews on households: `EDIT_POLICY`, the council's own
  policy admins only. Scheme admins read but get 403 here; other councils' admins get 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hearth.core import clock
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import Organisation
from hearth.demo.policies import demo_policy_texts
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from tests.access_rules import FORBIDDEN, OK, REDIRECT, Principal, Rule, capability

read = capability(Capability.VIEW_POLICY, scoped=True)
edit = capability(Capability.EDIT_POLICY, scoped=True)


def councils_page(p: Principal) -> int:
    """Scheme admins choose a council; council staff are sent on to their own council's."""
    if p.name == "anonymous":
        return REDIRECT
    if not p.can(Capability.VIEW_POLICY):
        return FORBIDDEN
    return OK if p.kind == OrganisationKind.PARTNERSHIP else REDIRECT


RULES: dict[str, Rule] = {
    "policy:councils": councils_page,
    "policy:versions": read,
    "policy:compare": read,
    "policy:version": read,
    "policy:version_yaml": read,
    "policy:version_json": read,
    "policy:draft_new": edit,
    "policy:draft_import": edit,
    "policy:version_edit": edit,
    "policy:version_order": edit,
    "policy:version_delete": edit,
    "policy:version_publish": edit,
    "policy:preview_household": edit,
    "policy:preview_ranking": edit,
}

# URLs that name a version: the editing pages name the draft, the others the published one.
ON_PUBLISHED = {"policy:version", "policy:version_yaml", "policy:version_json"}
ON_DRAFT = {
    "policy:version_edit",
    "policy:version_order",
    "policy:version_delete",
    "policy:version_publish",
    "policy:preview_household",
    "policy:preview_ranking",
}


@dataclass(frozen=True)
class Objects:
    council: Organisation
    published: PolicyVersion
    draft: PolicyVersion


def _version(council: Organisation, number: int, *, published: bool) -> PolicyVersion:
    text = demo_policy_texts()["marshvale-city"].replace(
        "council: marshvale-city\n", f"council: {council.slug}\n", 1
    )
    document = document_from_text(text)
    return PolicyVersion.objects.create(
        council=council,
        number=number,
        status=PolicyStatus.PUBLISHED if published else PolicyStatus.DRAFT,
        title=document.title,
        document=document_data(document),
        source_text=text,
        effective_from=dt.date(2026, 4, 1) if published else None,
        published_at=clock.now() if published else None,
    )


def objects(world: Any) -> Objects:
    council = world.home[OrganisationKind.COUNCIL]
    # Numbered clear of the versions other areas' rules create for the same council.
    return Objects(
        council=council,
        published=_version(council, 11, published=True),
        draft=_version(council, 12, published=False),
    )


def url_kwargs(objects: Objects, name: str, principal: Principal) -> dict[str, object] | None:
    if name not in RULES:
        return None
    if name == "policy:councils":
        return {}
    kwargs: dict[str, object] = {"council": objects.council.slug}
    if name in ON_DRAFT:
        kwargs["number"] = objects.draft.number
    elif name in ON_PUBLISHED:
        kwargs["number"] = objects.published.number
    return kwargs
