"""The public lettings results page: searchable by council, area, size and date."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from hearth.core import clock, selectors
from hearth.core.access.permissions import public, request_actor
from hearth.core.forms.govuk import GovukForm, choice_field
from hearth.core.pages.pagination import CappedPaginator
from hearth.lettings.selectors.results import (
    BEDROOMS_OR_MORE,
    ResultsFilter,
    lets_published,
    result_areas,
)

PER_PAGE = 20
PERIODS = {"3": 3, "6": 6, "12": 12}


class ResultsSearchForm(GovukForm):
    council = forms.ChoiceField(label=_("Council"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    bedrooms = forms.ChoiceField(
        label=_("Bedrooms"),
        required=False,
        choices=[("", _("Any")), ("1", "1"), ("2", "2"), ("3", "3"), ("4", _("4 or more"))],
    )
    period = forms.ChoiceField(
        label=_("Let in the last"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("3", _("3 months")),
            ("6", _("6 months")),
            ("12", _("12 months")),
        ],
    )

    def __init__(self, *args: object, councils: list[tuple[str, str]], areas: list[str]) -> None:
        super().__init__(*args)
        choice_field(self, "council").choices = [("", _("All councils")), *councils]
        choice_field(self, "area").choices = [("", _("All areas")), *((a, a) for a in areas)]

    def chosen(self) -> ResultsFilter:
        """What was asked for; a value that is not a choice counts as not chosen."""
        if not self.is_valid():
            return ResultsFilter()
        data = self.cleaned_data
        months = PERIODS.get(data.get("period") or "")
        since = None
        if months is not None:
            today = clock.today()
            since = today - dt.timedelta(days=round(months * 30.44))
        bedrooms = int(data["bedrooms"]) if data.get("bedrooms") else None
        return ResultsFilter(
            council=data.get("council") or "",
            area=data.get("area") or "",
            bedrooms=min(bedrooms, BEDROOMS_OR_MORE) if bedrooms is not None else None,
            since=since,
        )


@require_GET
@public
def results(request: HttpRequest) -> HttpResponse:
    scheme = request_actor(request).scheme
    councils = [(c.slug, c.name) for c in selectors.councils_public_list(scheme=scheme)]
    form = ResultsSearchForm(
        request.GET or None, councils=councils, areas=result_areas(scheme=scheme)
    )
    lets = lets_published(scheme=scheme, chosen=form.chosen() if form.is_bound else ResultsFilter())
    page = CappedPaginator(lets, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "publishing/results.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )
