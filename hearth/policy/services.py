"""Writes to a council's allocation policy: drafts, imports, edits, shortlist order, publishing.

Only the council's own policy admins (`EDIT_POLICY`) change its policy. A draft is checked in
full on every save (`document_read`): nothing is stored unless the whole document is valid.
Published versions never change: every write to a version is a conditional update on
`status = draft`, so a version published a moment ago cannot be edited by a second tab.
Version numbers are the next number for the council, worked out inside the transaction with
the council row locked; the database's unique constraint backs that up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.audit import AuditChanges, audit_record, changes_of
from hearth.core.models import Organisation
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document import ORDER_KEYS, OrderKey, PolicyDocument
from hearth.policy.rules.document_read import (
    document_data,
    document_from_text,
)
from hearth.policy.rules.document_reader import FieldProblem, PolicyDocumentError
from hearth.policy.selectors import policy_in_force, policy_preference_gaps

MAX_TEXT_LENGTH = 500_000  # characters; a full scheme is about 10,000


class PolicyTextError(ValidationError):
    """The text is not a valid policy document. `problems` names each field and the reason.

    The messages sit under `field` (the form field holding the text), one per problem, each
    naming the field path and, where it can be found, the line of the text.
    """

    def __init__(
        self, problems: Sequence[FieldProblem], *, text: str = "", field: str = "source_text"
    ) -> None:
        self.problems = list(problems)
        lines = _problem_lines(text, self.problems)
        super().__init__(
            {
                field: [
                    ValidationError(_problem_message(p, line), code="policy")
                    for p, line in zip(self.problems, lines, strict=True)
                ]
            }
        )


def _problem_message(problem: FieldProblem, line: int | None) -> str:
    if not problem.path:
        message = problem.message
        return message[:1].upper() + message[1:]
    where = _("%(path)s (line %(line)s)") % {"path": problem.path, "line": line} if line else ""
    return f"{where or problem.path}: {problem.message}"


# --- Finding a field in the text ----------------------------------------------------------------


def _path_parts(path: str) -> list[str | int]:
    """ "shortlist.order[2].key" -> ["shortlist", "order", 2, "key"]."""
    parts: list[str | int] = []
    for piece in path.split("."):
        name, _sep, rest = piece.partition("[")
        if name:
            parts.append(name)
        for index in rest.replace("]", "").split("[") if rest else ():
            if index.isdigit():
                parts.append(int(index))
    return parts


def _node_line(root: yaml.Node, path: str) -> int | None:
    """The line (from 1) where `path` is written, or the nearest enclosing field that is."""
    node: yaml.Node = root
    line: int | None = None
    for part in _path_parts(path):
        found: yaml.Node | None = None
        if isinstance(part, str) and isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    line, found = key.start_mark.line + 1, value
                    break
        elif (
            isinstance(part, int) and isinstance(node, yaml.SequenceNode) and part < len(node.value)
        ):
            found = node.value[part]
            line = found.start_mark.line + 1
        if found is None:
            break
        node = found
    return line


def _problem_lines(text: str, problems: Sequence[FieldProblem]) -> list[int | None]:
    if not text or not any(p.path for p in problems):
        return [None] * len(problems)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    if root is None:
        return [None] * len(problems)
    return [_node_line(root, p.path) if p.path else None for p in problems]


# --- Checks -------------------------------------------------------------------------------------


def _require_editor(actor: Actor, council: Organisation) -> None:
    """Only the council's own policy admins change its policy."""
    if (
        not actor.can(Capability.EDIT_POLICY)
        or actor.organisation is None
        or actor.organisation.pk != council.pk
        or council.kind != OrganisationKind.COUNCIL
    ):
        raise PermissionDenied


def _document_checked(text: str, council: Organisation, *, field: str) -> PolicyDocument:
    """Read and validate the text; the document must be this council's."""
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            {field: _("The policy text is too long. It must be under 500,000 characters.")}
        )
    if not text.strip():
        raise ValidationError({field: _("Enter the policy document")})
    try:
        document = document_from_text(text)
    except PolicyDocumentError as problem:
        raise PolicyTextError(problem.problems, text=text, field=field) from problem
    if document.council != council.slug:
        raise PolicyTextError(
            [
                FieldProblem(
                    "council",
                    _("must be '%(slug)s', the council this version belongs to (it is '%(found)s')")
                    % {"slug": council.slug, "found": document.council},
                )
            ],
            text=text,
            field=field,
        )
    return document


def _next_number(council: Organisation) -> int:
    """The council's next version number. Call inside the transaction that creates it."""
    # Serialise version creation per council (SQLite serialises writers anyway).
    Organisation.objects.select_for_update().filter(pk=council.pk).first()
    highest = PolicyVersion.objects.filter(council=council).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def _version_create(
    *,
    actor: Actor,
    council: Organisation,
    data: dict[str, Any],
    title: str,
    source_text: str,
    based_on: PolicyVersion | None,
    verb: str,
    changes: AuditChanges,
) -> PolicyVersion:
    try:
        with transaction.atomic():
            version = PolicyVersion.objects.create(
                council=council,
                number=_next_number(council),
                status=PolicyStatus.DRAFT,
                title=title[:200],
                document=data,
                source_text=source_text,
                based_on=based_on,
                created_by=actor.user,
            )
            audit_record(
                actor=actor,
                verb=verb,
                target=version,
                organisation=council,
                changes=changes_of(after={"number": version.number}) | changes,
            )
    except IntegrityError as clash:
        raise ValidationError(
            _("Someone else created a version of this policy at the same moment. Try again.")
        ) from clash
    return version


def _sections_changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))


def _draft_save(
    *,
    actor: Actor,
    version: PolicyVersion,
    document: PolicyDocument,
    source_text: str,
    change_summary: str,
    verb: str,
    changes: AuditChanges,
) -> PolicyVersion:
    """Store a new text on a draft: a conditional update, so a published version never moves."""
    data = document_data(document)
    current = (
        PolicyVersion.objects.filter(pk=version.pk)
        .values("status", "document", "change_summary")
        .first()
    )
    if current is None or current["status"] != PolicyStatus.DRAFT:
        raise ValidationError(_published_message(version))
    now = clock.now()
    updated = PolicyVersion.objects.filter(pk=version.pk, status=PolicyStatus.DRAFT).update(
        document=data,
        source_text=source_text,
        title=document.title[:200],
        change_summary=change_summary,
        updated_at=now,
    )
    if updated != 1:
        raise ValidationError(_published_message(version))
    audit_record(
        actor=actor,
        verb=verb,
        target=version,
        organisation=version.council,
        changes=changes_of(
            before={"change_summary": current["change_summary"]},
            after={"change_summary": change_summary},
            context={"sections_changed": _sections_changed(current["document"] or {}, data)},
        )
        | changes,
    )
    version.document = data
    version.source_text = source_text
    version.title = document.title[:200]
    version.change_summary = change_summary
    version.updated_at = now
    return version


def _published_message(version: PolicyVersion) -> str:
    return _(
        "Version %(number)s has been published, so it cannot be changed. "
        "Start a new draft to make changes."
    ) % {"number": version.number}


# --- Services -----------------------------------------------------------------------------------


def policy_draft_create(
    *, actor: Actor, council: Organisation, based_on: PolicyVersion | None = None
) -> PolicyVersion:
    """A new draft: a copy of `based_on`, or of the version in force today.

    With nothing in force yet, the latest version is copied. A council with no versions at
    all starts by importing a policy file (`policy_import`).
    """
    _require_editor(actor, council)
    if based_on is None:
        based_on = (
            policy_in_force(council, clock.today())
            or PolicyVersion.objects.filter(council=council).order_by("-number").first()
        )
        if based_on is None:
            raise ValidationError(
                _("There is no version to copy yet. Import a policy file to start the first one.")
            )
    elif based_on.council_id != council.pk:
        raise PermissionDenied
    return _version_create(
        actor=actor,
        council=council,
        data=based_on.document,
        title=based_on.title,
        source_text=based_on.source_text,
        based_on=based_on,
        verb="policy.draft_created",
        changes=changes_of(after={"based_on": based_on.number}),
    )


def policy_import(*, actor: Actor, council: Organisation, text: str) -> PolicyVersion:
    """A new draft from a YAML or JSON file. Nothing is saved unless the whole file is valid."""
    _require_editor(actor, council)
    document = _document_checked(text, council, field="file")
    return _version_create(
        actor=actor,
        council=council,
        data=document_data(document),
        title=document.title,
        source_text=text.replace("\r\n", "\n"),
        based_on=None,
        verb="policy.imported",
        changes=AuditChanges(),
    )


def policy_draft_update(
    *, actor: Actor, version: PolicyVersion, source_text: str, change_summary: str
) -> PolicyVersion:
    """Replace a draft's text. Raises `PolicyTextError` (a ValidationError) naming each
    problem's field path; nothing is saved unless the whole document is valid."""
    _require_editor(actor, version.council)
    if version.is_published:
        raise ValidationError(_published_message(version))
    source_text = source_text.replace("\r\n", "\n")
    document = _document_checked(source_text, version.council, field="source_text")
    with transaction.atomic():
        return _draft_save(
            actor=actor,
            version=version,
            document=document,
            source_text=source_text,
            change_summary=change_summary.strip(),
            verb="policy.draft_updated",
            changes=AuditChanges(),
        )


def _order_entry(key: OrderKey) -> dict[str, str]:
    entry = {"key": key.key}
    if key.prefer:
        entry["prefer"] = key.prefer
    if key.to:
        entry["to"] = key.to
    if key.key == "expression":
        entry["expression"] = key.expression
        entry["label"] = key.label
    return entry


def _last_end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection's end mark runs on past comments)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    children = node.value
    if not children:
        return int(node.end_mark.index)
    last = children[-1]
    return _last_end(last[1] if isinstance(last, tuple) else last)


def _text_with_order(text: str, order: Sequence[OrderKey]) -> str:
    """The text with only `shortlist.order` rewritten, so comments and layout elsewhere stay.

    Falls back to writing the whole document out again if the order can't be found.
    """
    entries = [_order_entry(k) for k in order]
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node = _node_at(_node_at(root, "shortlist"), "order")
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise LookupError("no shortlist order in the text")
    start, end = node.start_mark.index, _last_end(node)
    if node.flow_style:
        written = yaml.safe_dump(
            entries, default_flow_style=True, sort_keys=False, width=10**6
        ).strip()
    else:
        indent = " " * node.start_mark.column
        lines = yaml.safe_dump(entries, default_flow_style=False, sort_keys=False).rstrip("\n")
        written = ("\n" + indent).join(lines.split("\n"))
    return text[:start] + written + text[end:]


def _node_at(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value  # type: ignore[no-any-return]
    return None


def policy_order_set(
    *, actor: Actor, version: PolicyVersion, keys: Sequence[OrderKey]
) -> PolicyVersion:
    """Set a draft's shortlist order (the chain of tie-breaks), leaving the rest of its text."""
    _require_editor(actor, version.council)
    if version.is_published:
        raise ValidationError(_published_message(version))
    order = tuple(keys)
    if not order:
        raise ValidationError({"keys": _("Choose at least one way to order the shortlist")})
    unknown = [k.key for k in order if k.key not in ORDER_KEYS]
    if unknown:
        raise ValidationError({"keys": _("Choose from the keys listed")})
    try:
        text = _text_with_order(version.source_text, order)
        document = document_from_text(text)
        if document.shortlist.order != order:
            raise LookupError("the rewritten text reads differently")
    except (LookupError, yaml.YAMLError, PolicyDocumentError):
        # The text could not be edited in place: write the whole document out again.
        try:
            base = document_from_text(version.source_text)
        except PolicyDocumentError as problem:
            raise PolicyTextError(problem.problems, field="keys") from problem
        data = document_data(base)
        data["shortlist"]["order"] = [_order_entry(k) for k in order]
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        try:
            document = document_from_text(text)
        except PolicyDocumentError as problem:
            raise PolicyTextError(problem.problems, field="keys") from problem
    if document.council != version.council.slug:
        raise PolicyTextError(
            [FieldProblem("council", _("must be the council this version belongs to"))],
            field="keys",
        )
    # A local connection to the home's own area is told apart from one to the council's.
    before = [
        ":".join(str(part) for part in (entry.get("key", ""), entry.get("to")) if part)
        for entry in (version.document.get("shortlist") or {}).get("order", [])
    ]
    with transaction.atomic():
        return _draft_save(
            actor=actor,
            version=version,
            document=document,
            source_text=text,
            change_summary=version.change_summary,
            verb="policy.order_set",
            changes=changes_of(
                before={"shortlist_order": before},
                after={"shortlist_order": [f"{k.key}:{k.to}" if k.to else k.key for k in order]},
            ),
        )


def policy_draft_delete(*, actor: Actor, version: PolicyVersion) -> None:
    """Delete a draft. Published versions are kept for ever."""
    _require_editor(actor, version.council)
    with transaction.atomic():
        locked = PolicyVersion.objects.select_for_update().filter(pk=version.pk).first()
        if locked is None:
            return
        if locked.is_published:
            raise ValidationError(_published_message(locked))
        audit_record(
            actor=actor,
            verb="policy.draft_deleted",
            target=locked,
            organisation=version.council,
            changes=changes_of(before={"number": locked.number}),
        )
        try:
            with transaction.atomic():
                deleted, _by_model = PolicyVersion.objects.filter(
                    pk=locked.pk, status=PolicyStatus.DRAFT
                ).delete()
        except ProtectedError as kept:
            raise ValidationError(
                _("Another version was copied from this draft, so it cannot be deleted.")
            ) from kept
        if not deleted:
            raise ValidationError(_published_message(locked))


def policy_publish(
    *,
    actor: Actor,
    version: PolicyVersion,
    effective_from: dt.date,
    acknowledge_gaps: bool,
) -> PolicyVersion:
    """Publish a draft from `effective_from` (today or later). It never changes again.

    Assessments made for that date onwards use it (`policy_in_force`). If a reasonable
    preference group has no route to priority, the admin must acknowledge the warning.
    """
    _require_editor(actor, version.council)
    if effective_from < clock.today():
        raise ValidationError(
            {"effective_from": _("Effective date must be today or in the future")}
        )
    with transaction.atomic():
        locked = (
            PolicyVersion.objects.select_for_update()
            .select_related("council")
            .filter(pk=version.pk)
            .first()
        )
        if locked is None or locked.is_published:
            raise ValidationError(_published_message(version))
        try:
            document = document_from_text(locked.source_text)
        except PolicyDocumentError as problem:
            raise PolicyTextError(problem.problems, text=locked.source_text) from problem
        gaps = policy_preference_gaps(document)
        if gaps and not acknowledge_gaps:
            raise ValidationError(
                {
                    "acknowledge_gaps": _(
                        "Confirm that you have read the warning about reasonable preference"
                    )
                }
            )
        now = clock.now()
        updated = PolicyVersion.objects.filter(pk=locked.pk, status=PolicyStatus.DRAFT).update(
            status=PolicyStatus.PUBLISHED,
            effective_from=effective_from,
            published_by=actor.user,
            published_at=now,
            updated_at=now,
        )
        if updated != 1:
            raise ValidationError(_published_message(version))
        audit_record(
            actor=actor,
            verb="policy.published",
            target=locked,
            organisation=locked.council,
            changes=changes_of(
                before={"status": PolicyStatus.DRAFT.value},
                after={"status": PolicyStatus.PUBLISHED.value, "effective_from": effective_from},
                context={"preference_gaps_acknowledged": gaps} if gaps else None,
            ),
        )
    version.status = PolicyStatus.PUBLISHED
    version.effective_from = effective_from
    version.published_by = actor.user
    version.published_at = now
    version.updated_at = now
    return version
