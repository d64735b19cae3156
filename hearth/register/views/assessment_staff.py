"""Officer assessment pages: need awards, the assessed mobility need, running the assessment,
overrides, duplicates."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import ButtonForm, form_submit, posted, refusal
from hearth.policy.documents.loaded import document_of
from hearth.register.forms.assessment import (
    NO_MOBILITY_NEED,
    DuplicateResolveForm,
    MobilityAssessForm,
    NeedAwardForm,
    NeedWithdrawForm,
    OverrideDecisionForm,
    OverrideForm,
)
from hearth.register.models import AssessmentOverride
from hearth.register.selectors.applications import application_get
from hearth.register.selectors.assessment import (
    assessment_latest,
    duplicate_flag_get,
    need_award_get,
    need_catalogue,
    open_duplicate,
    override_get,
    override_pending,
)
from hearth.register.selectors.workspace import matched_text
from hearth.register.services.assessment import (
    application_assess,
    duplicate_resolve,
    household_mobility_assess,
    need_award_create,
    need_award_withdraw,
    override_approve,
    override_refuse,
    override_request,
)


def _application_url(application_pk: object) -> str:
    return reverse("register:application", kwargs={"pk": application_pk})


def _page(request: HttpRequest, name: str, **context: Any) -> HttpResponse:
    """This part's page `name` (its template under register/assessment/)."""
    return render(request, f"register/assessment/{name}.html", context)


@capability_required(Capability.ASSESS_APPLICATIONS)
def needs_award(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    catalogue = need_catalogue(household=application.household, on_date=clock.today())
    form = NeedAwardForm(posted(request), reasons=catalogue.reasons)
    if done := form_submit(
        request,
        form,
        lambda data: need_award_create(
            actor=actor,
            application=application,
            code=data["code"],
            awarded_on=data["awarded_on"],
            notes=data["notes"],
        ),
        success=_application_url(application.pk),
        notice=_("Need reason awarded. Assess the application again."),
        plain_field="code",
    ):
        return done
    return _page(request, "needs_award", application=application, form=form, catalogue=catalogue)


@capability_required(Capability.ASSESS_APPLICATIONS)
def needs_withdraw(request: HttpRequest, pk: uuid.UUID, award: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    found = need_award_get(actor=actor, application=application, pk=award)
    form = NeedWithdrawForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: need_award_withdraw(
            actor=actor, application=application, award=found, withdrawn_on=data["withdrawn_on"]
        ),
        success=_application_url(application.pk),
        notice=_("Need reason withdrawn. Assess the application again."),
        plain_field="withdrawn_on",
    ):
        return done
    catalogue = need_catalogue(household=application.household, on_date=clock.today())
    reason = catalogue.reason(found.code)
    return _page(
        request,
        "needs_withdraw",
        application=application,
        award=found,
        label=reason.label if reason else found.code,
        form=form,
    )


@capability_required(Capability.ASSESS_APPLICATIONS)
def mobility_assess(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The home the household was assessed as needing (mobility 1 to 3) and its adaptations."""
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    household = application.household
    initial = {
        "assessed_mobility": household.assessed_mobility or NO_MOBILITY_NEED,
        "adaptations": household.assessed_adaptations,
        "assessed_on": household.mobility_assessed_on,
    }
    form = MobilityAssessForm(posted(request), initial=initial)
    if done := form_submit(
        request,
        form,
        lambda data: household_mobility_assess(
            actor=actor,
            application=application,
            assessed_mobility=data["assessed_mobility"],
            adaptations=data["adaptations"],
            assessed_on=data["assessed_on"],
        ),
        success=_application_url(application.pk),
        notice=_("Mobility need recorded."),
        plain_field="assessed_mobility",
    ):
        return done
    return _page(request, "mobility_assess", application=application, form=form)


@capability_required(Capability.ASSESS_APPLICATIONS)
def assess(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """GET shows the latest assessment; POST runs the policy engine again and shows it."""
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    form = ButtonForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: application_assess(actor=actor, application=application),
        success=reverse("register:assess", kwargs={"pk": application.pk}),
        notice=_("Assessed under the council's policy in force."),
    ):
        return done
    return _page(
        request,
        "assess",
        application=application,
        assessment=assessment_latest(application.household),
        pending_override=override_pending(application=application),
        problem=refusal(form),
    )


@capability_required(Capability.ASSESS_APPLICATIONS)
def override_new(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    assessment = assessment_latest(application.household)
    if assessment is None:
        messages.error(request, _("Assess the application before asking for an override."))
        return redirect("register:assess", pk=application.pk)
    document = document_of(assessment.policy_version)
    points_scheme = document.scheme == "points"
    form = OverrideForm(posted(request), bands=document.bands, points_scheme=points_scheme)
    if done := form_submit(
        request,
        form,
        lambda data: override_request(
            actor=actor,
            application=application,
            assessment=assessment,
            band=data.get("band") or "",
            points=data.get("points"),
            reason=data["reason"],
        ),
        success=_application_url(application.pk),
        notice=_("Override sent to a team leader for approval."),
        plain_field="reason",
    ):
        return done
    return _page(request, "override_new", application=application, assessment=assessment, form=form)


def _override_decide(actor: Actor, override: AssessmentOverride, data: dict[str, Any]) -> bool:
    """Approve or refuse the override as the form says; True when approved."""
    approve: bool = data["decision"] == OverrideDecisionForm.APPROVE
    decide = override_approve if approve else override_refuse
    decide(actor=actor, override=override, note=data["note"])
    return approve


@capability_required(Capability.APPROVE_DECISIONS)
def override_decide(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    override = override_get(actor=actor, pk=pk)
    form = OverrideDecisionForm(posted(request))
    if override.status == "pending" and (
        done := form_submit(
            request,
            form,
            lambda data: _override_decide(actor, override, data),
            success="register:override_queue",
            notice=lambda approved: _("Override approved.") if approved else _("Override refused."),
            plain_field="decision",
        )
    ):
        return done
    return _page(
        request,
        "override_decide",
        override=override,
        application=override.application,
        form=form,
        own_request=actor.user is not None and override.requested_by_id == actor.user.pk,
    )


@capability_required(Capability.VIEW_REGISTER)
def duplicate_resolve_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    flag = duplicate_flag_get(actor=actor, pk=pk)
    application = flag.application
    may_resolve = actor.can(Capability.ASSESS_APPLICATIONS) and open_duplicate(flag)
    form = DuplicateResolveForm(posted(request))
    if may_resolve and (
        done := form_submit(
            request,
            form,
            lambda data: duplicate_resolve(
                actor=actor, flag=flag, outcome=data["outcome"], note=data["note"]
            ),
            success=_application_url(application.pk),
            notice=_("Possible duplicate resolved."),
            plain_field="outcome",
        )
    ):
        return done
    same_council = flag.other_household.council_id == application.household.council_id
    return _page(
        request,
        "duplicate_resolve",
        flag=flag,
        application=application,
        matched=matched_text(flag.matched_on),
        same_council=same_council,
        other_reference=flag.other_household.reference if same_council else "",
        form=form,
        may_resolve=may_resolve,
    )
