"""Staff pages for a council's allocation policy: versions, readable rules, drafts, publishing.

Council staff with `VIEW_POLICY` read their own council's versions; scheme admins read every
council's. Only the council's policy admins (`EDIT_POLICY`) draft, edit and publish.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.govuk import govuk_date
from hearth.core.forms.submit import form_submit, posted
from hearth.core.models import Organisation
from hearth.policy import selectors, services
from hearth.policy.documents.compare import sections_compared, text_diff
from hearth.policy.documents.loaded import document_of_or_none
from hearth.policy.documents.readable import policy_sections
from hearth.policy.forms import (
    ORDER_POSITIONS,
    CompareForm,
    DraftDeleteForm,
    DraftEditForm,
    DraftNewForm,
    ImportForm,
    PublishForm,
    ShortlistOrderForm,
    order_token,
)
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document_read import document_data, document_to_text
from hearth.policy.simulation.selectors import simulations_read_all, simulations_run_own

view_policy = capability_required(Capability.VIEW_POLICY)
edit_policy = capability_required(Capability.EDIT_POLICY)

STATE_LABELS = {
    "in_force": gettext_lazy("In force"),
    "scheduled": gettext_lazy("Scheduled"),
    "superseded": gettext_lazy("Replaced"),
    "draft": gettext_lazy("Draft"),
}


def _council(request: HttpRequest, slug: str) -> Organisation:
    return selectors.policy_council_get(actor=request_actor(request), slug=slug)


def _version(request: HttpRequest, slug: str, number: int) -> PolicyVersion:
    actor = request_actor(request)
    council = selectors.policy_council_get(actor=actor, slug=slug)
    return selectors.policy_version_get(actor=actor, council=council, number=number)


def _editable_version(request: HttpRequest, slug: str, number: int) -> PolicyVersion:
    """A version of the actor's own council, for the editing pages (404 for anyone else's)."""
    version = _version(request, slug, number)
    if not selectors.policy_editable_by(request_actor(request), version.council):
        raise Http404
    return version


def _version_url(version: PolicyVersion) -> str:
    return reverse("policy:version", args=[version.council.slug, version.number])


def _to_version(version: PolicyVersion) -> HttpResponse:
    return redirect(_version_url(version))


def _locked_page(request: HttpRequest, version: PolicyVersion) -> HttpResponse:
    """What the editing pages say about a published version: it can't change."""
    return render(request, "policy/version_locked.html", {"version": version})


@view_policy
def councils(request: HttpRequest) -> HttpResponse:
    """Scheme admins choose a council; council staff go straight to their own council's."""
    actor = request_actor(request)
    found = selectors.policy_councils_list(actor=actor)
    overview = selectors.policy_councils_overview(actor=actor, councils=found)
    if len(found) == 1 and actor.organisation is not None and actor.organisation.pk == found[0].pk:
        return redirect("policy:versions", council=found[0].slug)
    return render(request, "policy/councils.html", {"overview": overview})


@view_policy
def versions(request: HttpRequest, council: str) -> HttpResponse:
    actor = request_actor(request)
    organisation = _council(request, council)
    found = selectors.policy_versions_list(actor=actor, council=organisation)
    states = selectors.policy_version_states(found, clock.today())
    return render(
        request,
        "policy/versions.html",
        {
            "council": organisation,
            "published": [s for s in states if not s.is_draft],
            "drafts": [s for s in states if s.is_draft],
            "state_labels": STATE_LABELS,
            "can_edit": selectors.policy_editable_by(actor, organisation),
            "can_simulate": simulations_read_all(actor) or simulations_run_own(actor),
            "can_compare": len(found) >= 2,
        },
    )


@view_policy
def version(request: HttpRequest, council: str, number: int) -> HttpResponse:
    actor = request_actor(request)
    found = _version(request, council, number)
    document = document_of_or_none(found)
    gaps = selectors.policy_preference_gaps(document) if document is not None else []
    in_force = selectors.policy_in_force(found.council, clock.today())
    state = selectors.policy_version_state(found, clock.today())
    compare_with = found.based_on if found.based_on is not None else in_force
    if compare_with is not None and compare_with.pk == found.pk:
        compare_with = None
    return render(
        request,
        "policy/version.html",
        {
            "version": found,
            "council": found.council,
            "document": document,
            "sections": policy_sections(document, gaps) if document is not None else [],
            "gaps": gaps,
            "state": state,
            "state_label": STATE_LABELS[state],
            "in_force": in_force,
            "compare_with": compare_with,
            "can_edit": selectors.policy_editable_by(actor, found.council),
            "new_from_url": reverse("policy:draft_new", args=[found.council.slug])
            + f"?based_on={found.number}",
        },
    )


def _download(content: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _export_name(found: PolicyVersion, extension: str) -> str:
    return f"{found.council.slug}-policy-v{found.number}.{extension}"


@view_policy
def version_yaml(request: HttpRequest, council: str, number: int) -> HttpResponse:
    """The version's text as written (comments kept); a JSON import is written out as YAML."""
    found = _version(request, council, number)
    text = found.source_text
    if not text.strip() or text.lstrip().startswith(("{", "[")):
        document = document_of_or_none(found)
        text = document_to_text(document) if document is not None else text
    return _download(text, _export_name(found, "yaml"), "application/yaml; charset=utf-8")


@view_policy
def version_json(request: HttpRequest, council: str, number: int) -> HttpResponse:
    found = _version(request, council, number)
    document = document_of_or_none(found)
    data = document_data(document) if document is not None else found.document
    return _download(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        _export_name(found, "json"),
        "application/json; charset=utf-8",
    )


# --- Drafts ------------------------------------------------------------------------------------


@edit_policy
def draft_new(request: HttpRequest, council: str) -> HttpResponse:
    actor = request_actor(request)
    organisation = _council(request, council)
    if not selectors.policy_editable_by(actor, organisation):
        raise Http404
    found = selectors.policy_versions_list(actor=actor, council=organisation)
    if not found:
        messages.info(request, _("There is no version to copy yet. Import a policy file first."))
        return redirect("policy:draft_import", council=organisation.slug)
    states = selectors.policy_version_states(found, clock.today())
    in_force = next((s.version for s in states if s.state == "in_force"), found[0])
    hints = []
    for state in states:
        hint = str(STATE_LABELS[state.state])
        if state.version.effective_from and state.state != "draft":
            hint += " " + _("from %(date)s") % {"date": govuk_date(state.version.effective_from)}
        hints.append((state.version, f"{hint}. {state.version.title}"))
    chosen = request.GET.get("based_on") or str(in_force.number)
    form = DraftNewForm(posted(request), versions=hints, initial={"based_on": chosen})
    if done := form_submit(
        request,
        form,
        lambda data: services.policy_draft_create(
            actor=actor,
            council=organisation,
            based_on=next(v for v in found if str(v.number) == data["based_on"]),
        ),
        success=_to_version,
        notice=lambda draft: (
            _("Draft version %(new)s created as a copy of version %(old)s")
            % {"new": draft.number, "old": draft.based_on.number if draft.based_on else ""}
        ),
        plain_field="based_on",
        once=_("This draft was already created. It has been created once."),
    ):
        return done
    return render(request, "policy/draft_new.html", {"form": form, "council": organisation})


@edit_policy
def draft_import(request: HttpRequest, council: str) -> HttpResponse:
    actor = request_actor(request)
    organisation = _council(request, council)
    if not selectors.policy_editable_by(actor, organisation):
        raise Http404
    form = ImportForm(posted(request), request.FILES or None)
    if done := form_submit(
        request,
        form,
        lambda data: services.policy_import(actor=actor, council=organisation, text=data["file"]),
        success=_to_version,
        notice=lambda draft: _("Imported as draft version %(number)s") % {"number": draft.number},
        plain_field="file",
        once=_("This file was already imported. It has been imported once."),
    ):
        return done
    return render(request, "policy/draft_import.html", {"form": form, "council": organisation})


@edit_policy
def version_edit(request: HttpRequest, council: str, number: int) -> HttpResponse:
    actor = request_actor(request)
    found = _editable_version(request, council, number)
    if found.is_published:
        return _locked_page(request, found)
    form = DraftEditForm(
        posted(request),
        initial={"source_text": found.source_text, "change_summary": found.change_summary},
    )
    if done := form_submit(
        request,
        form,
        lambda data: services.policy_draft_update(
            actor=actor,
            version=found,
            source_text=data["source_text"],
            change_summary=data["change_summary"],
        ),
        success=_version_url(found),
        notice=_("Draft version %(n)s saved") % {"n": found.number},
        plain_field="source_text",
    ):
        return done
    return render(request, "policy/version_edit.html", {"form": form, "version": found})


@edit_policy
def version_order(request: HttpRequest, council: str, number: int) -> HttpResponse:
    actor = request_actor(request)
    found = _editable_version(request, council, number)
    if found.is_published:
        return _locked_page(request, found)
    document = document_of_or_none(found)
    if document is None:
        messages.info(request, _("Correct the policy text first: it no longer reads."))
        return redirect("policy:version_edit", council=found.council.slug, number=found.number)
    initial = {
        f"key_{position}": order_token(key, position - 1)
        for position, key in enumerate(document.shortlist.order, start=1)
    }
    form = ShortlistOrderForm(posted(request), document=document, initial=initial)
    if done := form_submit(
        request,
        form,
        lambda _data: services.policy_order_set(actor=actor, version=found, keys=form.keys()),
        success=_version_url(found) + "#shortlist",
        notice=_("Shortlist order saved in draft version %(n)s") % {"n": found.number},
        plain_field="key_1",
    ):
        return done
    return render(
        request,
        "policy/version_order.html",
        {
            "form": form,
            "version": found,
            "expressions": [k for k in document.shortlist.order if k.key == "expression"],
            "shortlist_text": document.shortlist.text,
            "too_long": len(document.shortlist.order) > ORDER_POSITIONS,
        },
    )


@edit_policy
def version_delete(request: HttpRequest, council: str, number: int) -> HttpResponse:
    actor = request_actor(request)
    found = _editable_version(request, council, number)
    if found.is_published:
        return _locked_page(request, found)
    form = DraftDeleteForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: services.policy_draft_delete(actor=actor, version=found),
        success=reverse("policy:versions", args=[found.council.slug]),
        notice=_("Draft version %(n)s deleted") % {"n": found.number},
    ):
        return done
    return render(request, "policy/version_delete.html", {"form": form, "version": found})


@edit_policy
def version_publish(request: HttpRequest, council: str, number: int) -> HttpResponse:
    actor = request_actor(request)
    found = _editable_version(request, council, number)
    if found.is_published:
        return _locked_page(request, found)
    document = document_of_or_none(found)
    gaps = selectors.policy_preference_gaps(document) if document is not None else []
    form = PublishForm(posted(request), gaps=gaps)
    if done := form_submit(
        request,
        form,
        lambda data: services.policy_publish(
            actor=actor,
            version=found,
            effective_from=data["effective_from"],
            acknowledge_gaps=bool(data.get("acknowledge_gaps")),
        ),
        success=_version_url(found),
        notice=lambda _none: (
            _("Version %(n)s published. It takes effect on %(date)s.")
            % {"n": found.number, "date": govuk_date(form.cleaned_data["effective_from"])}
        ),
        plain_field="effective_from",
    ):
        return done
    today = clock.today()
    later = [
        s.version
        for s in selectors.policy_version_states(
            selectors.policy_versions_list(actor=actor, council=found.council), today
        )
        if s.state == "scheduled"
    ]
    return render(
        request,
        "policy/version_publish.html",
        {
            "form": form,
            "version": found,
            "gaps": gaps,
            "in_force": selectors.policy_in_force(found.council, today),
            "scheduled": later,
        },
    )


# --- Comparing ---------------------------------------------------------------------------------


@view_policy
def compare(request: HttpRequest, council: str) -> HttpResponse:
    actor = request_actor(request)
    organisation = _council(request, council)
    found = selectors.policy_versions_list(actor=actor, council=organisation)
    form = CompareForm(request.GET or None, versions=found)
    older = newer = None
    if len(found) >= 2:
        newer_number = found[0].number
        in_force = selectors.policy_in_force(organisation, clock.today())
        older_number = (
            in_force.number if in_force is not None and in_force.number != newer_number else None
        )
        if older_number is None:
            older_number = found[1].number
        if request.GET and form.is_valid():
            older_number = int(form.cleaned_data.get("older") or older_number)
            newer_number = int(form.cleaned_data.get("newer") or newer_number)
        elif not request.GET:
            form = CompareForm(
                initial={"older": str(older_number), "newer": str(newer_number)}, versions=found
            )
        if not form.is_bound or form.is_valid():
            older = selectors.policy_version_get(
                actor=actor, council=organisation, number=older_number
            )
            newer = selectors.policy_version_get(
                actor=actor, council=organisation, number=newer_number
            )
    changes = []
    diff = []
    if older is not None and newer is not None:
        old_doc = document_of_or_none(older)
        new_doc = document_of_or_none(newer)
        old_sections = (
            policy_sections(old_doc, selectors.policy_preference_gaps(old_doc)) if old_doc else []
        )
        new_sections = (
            policy_sections(new_doc, selectors.policy_preference_gaps(new_doc)) if new_doc else []
        )
        changes = sections_compared(old_sections, new_sections)
        diff = text_diff(older.source_text, newer.source_text)
    return render(
        request,
        "policy/compare.html",
        {
            "council": organisation,
            "form": form,
            "older": older,
            "newer": newer,
            "changes": changes,
            "changed_count": sum(1 for c in changes if c.change != "unchanged"),
            "diff": diff,
            "enough": len(found) >= 2,
        },
    )
