"""A landlord's adverts: advertising a home, changing and sending the advert, withdrawing it,
and what the landlord home page shows of the adverts in progress."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import ButtonForm, form_submit, posted
from hearth.core.pages.home_sections import HomeLink, HomeSection
from hearth.lettings.forms.adverts import AdvertForm, AdvertNewForm, WithdrawForm
from hearth.lettings.models import Advert, AdvertStatus, Property
from hearth.lettings.models.adverts import EDITABLE_STATUSES
from hearth.lettings.rules.adverts import OPEN_STATUSES, WITHDRAWABLE_STATUSES, HomeFacts
from hearth.lettings.rules.permissions import landlord_of
from hearth.lettings.selectors.adverts import (
    advert_get,
    home_adverts,
    landlord_adverts_in_progress,
)
from hearth.lettings.selectors.council_choices import council_choices
from hearth.lettings.selectors.homes import home_get, home_photos
from hearth.lettings.services.adverts import (
    advert_create,
    advert_submit,
    advert_update,
    advert_withdraw,
)
from hearth.lettings.views.homes_landlord import home_url, photos_shown

manage_homes = capability_required(Capability.MANAGE_HOMES)

STATUS_COLOURS: dict[str, str] = {
    AdvertStatus.DRAFT: "grey",
    AdvertStatus.SUBMITTED: "blue",
    AdvertStatus.RETURNED: "red",
    AdvertStatus.APPROVED: "turquoise",
    AdvertStatus.LIVE: "green",
    AdvertStatus.CLOSED: "purple",
    AdvertStatus.LET: "light-blue",
    AdvertStatus.WITHDRAWN: "orange",
}


def advert_url(advert: Advert) -> str:
    return reverse("lettings:advert", kwargs={"pk": advert.pk})


def home_facts(home: Property) -> HomeFacts:
    return HomeFacts(
        bedrooms=home.bedrooms, older_persons=home.older_persons, mobility=home.mobility
    )


@manage_homes
def advert_new(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    home = home_get(actor=actor, pk=pk)
    open_advert = next(
        (a for a in home_adverts(actor=actor, home=home) if a.status in OPEN_STATUSES), None
    )
    if open_advert is not None:
        messages.info(
            request,
            _("This home already has an open advert, %(reference)s.")
            % {"reference": open_advert.reference},
        )
        return redirect(advert_url(open_advert))
    today = clock.today()
    choices = council_choices(home.council, today)
    facts = home_facts(home)
    form = AdvertNewForm(
        posted(request),
        initial=AdvertForm.initial_new(facts),
        home=facts,
        choices=choices,
        today=today,
    )
    if choices.advertises and (
        done := form_submit(
            request,
            form,
            lambda _data: advert_create(actor=actor, home=home, labels=form.labels()),
            success=lambda advert: redirect(advert_url(advert)),
            notice=_("Advert saved as a draft. Check it, then send it to the council."),
            once=_("This advert was already saved."),
        )
    ):
        return done
    return render(
        request,
        "lettings/adverts/form.html",
        {"form": form, "home": home, "advert": None, "advertises": choices.advertises},
    )


@manage_homes
def advert_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    advert = advert_get(actor=request_actor(request), pk=pk)
    home = advert.property
    return render(
        request,
        "lettings/adverts/advert.html",
        {
            "advert": advert,
            "home": home,
            "photos": photos_shown(home_photos(home=home)),
            "plan_name": council_choices(advert.council, clock.today()).plan_name(
                advert.lettings_plan
            ),
            "editable": advert.status in EDITABLE_STATUSES,
            "withdrawable": advert.status in WITHDRAWABLE_STATUSES,
            "colour": STATUS_COLOURS.get(advert.status, "grey"),
        },
    )


@manage_homes
def advert_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    advert = advert_get(actor=actor, pk=pk)
    if advert.status not in EDITABLE_STATUSES:
        messages.info(
            request,
            _("This advert can no longer be changed: it is %(status)s.")
            % {"status": advert.get_status_display().lower()},
        )
        return redirect(advert_url(advert))
    today = clock.today()
    choices = council_choices(advert.council, today)
    form = AdvertForm(
        posted(request),
        initial=AdvertForm.initial_for(advert),
        home=home_facts(advert.property),
        choices=choices,
        today=today,
    )
    if done := form_submit(
        request,
        form,
        lambda _data: advert_update(actor=actor, advert=advert, labels=form.labels()),
        success=advert_url(advert),
        notice=_("Advert saved"),
    ):
        return done
    return render(
        request,
        "lettings/adverts/form.html",
        {"form": form, "home": advert.property, "advert": advert, "advertises": True},
    )


def _submitted_notice(advert: Advert) -> str:
    if advert.status == AdvertStatus.SUBMITTED:
        return _(
            "Advert %(reference)s sent to %(council)s. A lettings officer will approve it or "
            "tell you what to change."
        ) % {"reference": advert.reference, "council": advert.council.name}
    return _("Advert %(reference)s approved. It goes live when the next cycle opens.") % {
        "reference": advert.reference
    }


@manage_homes
def advert_submit_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    advert = advert_get(actor=actor, pk=pk)
    form = ButtonForm(posted(request))
    if advert.status in EDITABLE_STATUSES and (
        done := form_submit(
            request,
            form,
            lambda _data: advert_submit(actor=actor, advert=advert),
            success=lambda sent: redirect(advert_url(sent)),
            notice=_submitted_notice,
        )
    ):
        return done
    home = advert.property
    return render(
        request,
        "lettings/adverts/submit.html",
        {
            "advert": advert,
            "home": home,
            "form": form,
            "problems": [str(e) for e in form.non_field_errors()] if form.is_bound else [],
            "photos": photos_shown(home_photos(home=home)),
            "plan_name": council_choices(advert.council, clock.today()).plan_name(
                advert.lettings_plan
            ),
            "editable": advert.status in EDITABLE_STATUSES,
        },
    )


@manage_homes
def advert_withdraw_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    advert = advert_get(actor=actor, pk=pk)
    if advert.status not in WITHDRAWABLE_STATUSES:
        messages.info(
            request,
            _("This advert cannot be withdrawn: it is %(status)s.")
            % {"status": advert.get_status_display().lower()},
        )
        return redirect(advert_url(advert))
    form = WithdrawForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: advert_withdraw(actor=actor, advert=advert, reason=data["reason"]),
        success=home_url(advert.property),
        notice=_("Advert %(reference)s withdrawn. You can advertise the home again.")
        % {"reference": advert.reference},
        plain_field="reason",
    ):
        return done
    return render(request, "lettings/adverts/withdraw.html", {"form": form, "advert": advert})


# --- The landlord home page --------------------------------------------------------------------


def landlord_home_sections(actor: Actor) -> Sequence[HomeSection]:
    """The landlord's adverts in progress, by stage, for the landlord home page: those to
    finish (returned ones first), those with the council, approved ones and live ones."""
    if landlord_of(actor) is None:
        return []
    groups = landlord_adverts_in_progress(actor=actor)
    sections: list[HomeSection] = [
        HomeSection(
            heading=_("Homes"),
            links=(
                HomeLink(
                    _("Your homes"),
                    reverse("lettings:homes"),
                    hint=_("Add a home, change one, add photos, or advertise one that is empty"),
                ),
            ),
            order=5,
        )
    ]
    if not any(group.count for group in groups):
        sections.append(
            HomeSection(
                heading=_("Your adverts"),
                empty=_(
                    "You have no adverts in progress. To advertise an empty home, open it from "
                    "your homes and choose Advertise this home."
                ),
                order=10,
            )
        )
        return sections
    for index, group in enumerate(groups):
        if not group.count:
            continue
        links = tuple(
            HomeLink(
                label=str(advert.property),
                url=advert_url(advert),
                hint=_returned_hint(advert),
                tag=advert.get_status_display(),
                tag_colour=STATUS_COLOURS.get(advert.status, "grey"),
            )
            for advert in group.adverts
        )
        more = None
        if group.count > len(group.adverts):
            more = HomeLink(
                ngettext(
                    "See all %(count)d home at this stage",
                    "See all %(count)d homes at this stage",
                    group.count,
                )
                % {"count": group.count},
                f"{reverse('lettings:homes')}?adverts={group.key}",
            )
        sections.append(
            HomeSection(heading=group.heading, links=links, more=more, order=10 + index)
        )
    return sections


def _returned_hint(advert: Advert) -> str:
    if advert.status == AdvertStatus.RETURNED and advert.returned_reason:
        reason = advert.returned_reason
        short = reason if len(reason) <= 120 else reason[:117].rstrip() + "…"
        return _("%(reference)s. The council says: %(reason)s") % {
            "reference": advert.reference,
            "reason": short,
        }
    return advert.reference
