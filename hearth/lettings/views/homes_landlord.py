"""A landlord's homes: the list, adding and changing a home, its page, and its photos."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import ButtonForm, form_submit, posted, refusal
from hearth.lettings.forms.homes import HomeForm, HomeNewForm, PhotoForm
from hearth.lettings.models import Advert, AdvertStatus, Property, PropertyPhoto
from hearth.lettings.rules.adverts import HOME_LOCKED_STATUSES, OPEN_STATUSES
from hearth.lettings.selectors.adverts import home_adverts
from hearth.lettings.selectors.council_choices import council_choices, councils_choices
from hearth.lettings.selectors.homes import (
    ADVERT_FILTERS,
    home_councils,
    home_get,
    home_photo_get,
    home_photos,
    homes_list,
)
from hearth.lettings.services.homes import (
    MAX_PHOTOS,
    home_create,
    home_photo_add,
    home_photo_remove,
    home_update,
)

PAGE_SIZE = 25
THUMB_WIDTH = 240  # fits a 320 pixel wide screen with the page's margins

manage_homes = capability_required(Capability.MANAGE_HOMES)


@dataclass(frozen=True)
class PhotoShown:
    photo: PropertyPhoto
    width: int
    height: int


def photos_shown(photos: list[PropertyPhoto]) -> list[PhotoShown]:
    """Each photo with the size to show it at: `THUMB_WIDTH` wide, in proportion."""
    shown = []
    for photo in photos:
        ratio = photo.height / photo.width if photo.width else 0.75
        shown.append(PhotoShown(photo, THUMB_WIDTH, max(1, round(THUMB_WIDTH * ratio))))
    return shown


def home_url(home: Property) -> str:
    return reverse("lettings:home", kwargs={"pk": home.pk})


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@dataclass(frozen=True)
class HomeRow:
    home: Property
    advert_status: str
    advert_label: str
    advert_reference: str


def _home_row(home: Property) -> HomeRow:
    """A home of the list with its current advert (annotated by `homes_list`)."""
    status = getattr(home, "advert_status", None) or ""
    return HomeRow(
        home=home,
        advert_status=status,
        advert_label=str(AdvertStatus(status).label) if status else "",
        advert_reference=getattr(home, "advert_reference", None) or "",
    )


@manage_homes
def homes(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    chosen = request.GET.get("adverts", "")
    if chosen not in ADVERT_FILTERS:
        chosen = ""
    page = Paginator(homes_list(actor=actor, adverts=chosen), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [_home_row(home) for home in page.object_list]
    return render(
        request,
        "lettings/homes/list.html",
        {
            "page": page,
            "rows": rows,
            "filters": ADVERT_FILTERS,
            "chosen": chosen,
            "chosen_label": ADVERT_FILTERS[chosen].label if chosen else "",
            "query_string": _without_page(request),
        },
    )


def _home_form(request: HttpRequest, form_class: type[HomeForm], **kwargs: Any) -> HomeForm:
    """The home form bound to what was posted, offering the councils of the actor's scheme
    and the areas each one's policy in force lists."""
    councils = home_councils(actor=request_actor(request))
    return form_class(
        posted(request),
        councils=councils,
        choices=councils_choices(councils, clock.today()),
        **kwargs,
    )


@manage_homes
def home_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = _home_form(request, HomeNewForm)
    if done := form_submit(
        request,
        form,
        lambda _data: home_create(actor=actor, details=form.details()),
        success=lambda home: redirect(home_url(home)),
        notice=_("Home saved. Add photos, then advertise it when it is empty."),
        once=_("This home was already saved."),
    ):
        return done
    return render(request, "lettings/homes/form.html", {"form": form, "home": None})


@manage_homes
def home_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    home = home_get(actor=actor, pk=pk)
    adverts = home_adverts(actor=actor, home=home)
    open_advert = next((a for a in adverts if a.status in OPEN_STATUSES), None)
    photos = home_photos(home=home)
    return render(
        request,
        "lettings/homes/home.html",
        {
            "home": home,
            "photos": photos_shown(photos),
            "can_add_photo": len(photos) < MAX_PHOTOS,
            "max_photos": MAX_PHOTOS,
            "open_advert": open_advert,
            "past_adverts": [a for a in adverts if a is not open_advert],
            "advertises": council_choices(home.council, clock.today()).advertises,
            "locked": open_advert is not None and open_advert.status in HOME_LOCKED_STATUSES,
        },
    )


def _locking_advert(actor_request: HttpRequest, home: Property) -> Advert | None:
    adverts = home_adverts(actor=request_actor(actor_request), home=home)
    return next((a for a in adverts if a.status in HOME_LOCKED_STATUSES), None)


@manage_homes
def home_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    home = home_get(actor=actor, pk=pk)
    locking = _locking_advert(request, home)
    form = _home_form(request, HomeForm, initial=HomeForm.initial_for(home), home=home)
    if locking is None and (
        done := form_submit(
            request,
            form,
            lambda _data: home_update(actor=actor, home=home, details=form.details()),
            success=home_url(home),
            notice=_("Home details saved"),
        )
    ):
        return done
    return render(
        request, "lettings/homes/form.html", {"form": form, "home": home, "locking": locking}
    )


def _uploaded(
    request: HttpRequest,
) -> tuple[QueryDict | None, MultiValueDict[str, object] | None]:
    """What was posted; a form posted with nothing chosen is still a submitted form."""
    if request.method != "POST":
        return None, None
    return request.POST, request.FILES  # type: ignore[return-value]


@manage_homes
def home_photo_new(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    home = home_get(actor=actor, pk=pk)
    form = PhotoForm(*_uploaded(request))
    if done := form_submit(
        request,
        form,
        lambda data: home_photo_add(
            actor=actor, home=home, upload=data["image"], alt_text=data["alt_text"]
        ),
        success=home_url(home),
        notice=_("Photo added"),
        plain_field="image",
        once=_("This photo was already added."),
    ):
        return done
    return render(
        request,
        "lettings/homes/photo_new.html",
        {"form": form, "home": home, "max_photos": MAX_PHOTOS},
    )


@manage_homes
def home_photo_remove_page(request: HttpRequest, pk: uuid.UUID, photo: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    home = home_get(actor=actor, pk=pk)
    found = home_photo_get(actor=actor, home=home, pk=photo)
    form = ButtonForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: home_photo_remove(actor=actor, photo=found),
        success=home_url(home),
        notice=_("Photo removed"),
    ):
        return done
    return render(
        request,
        "lettings/homes/photo_remove.html",
        {"home": home, "shown": photos_shown([found])[0], "problem": refusal(form)},
    )
