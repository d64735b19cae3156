"""Reading a policy document from YAML/JSON data, with errors that name the exact field.

`document_read(data)` returns a `PolicyDocument` or raises `PolicyDocumentError` listing every
problem as (path, message), e.g. ("need_reasons[3].band", "'E' is not one of the bands: A, B").
Expressions are parsed and type-checked here too, so a document that reads is one that runs.
`document_data(document)` turns a document back into plain data; reading that gives the same
document (export, then import, changes nothing).
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import yaml

from hearth.policy.rules import document as d
from hearth.policy.rules.document_read_advert import (
    connection_to,
    keys_compared,
    mobility_labels,
)
from hearth.policy.rules.document_read_household import (
    band_lower_read,
    bidding_read,
    lower_band_check,
)
from hearth.policy.rules.document_reader import (
    DocumentReader,
    FieldProblem,
    PolicyDocumentError,
    path_join,
)

T = TypeVar("T")


# --- Sections ------------------------------------------------------------------------------------


def _band(r: DocumentReader, value: object, path: str) -> d.Band:
    data = r.mapping(value, path)
    r.unknown(data, path, {"code", "label", "meaning"})
    return d.Band(
        r.text(data, "code", path), r.text(data, "label", path), r.text(data, "meaning", path)
    )


def _connection(r: DocumentReader, value: object, path: str) -> d.ConnectionTest:
    data = r.mapping(value, path)
    r.unknown(
        data, path, {"residence", "work_hours_per_week", "family_years", "exemptions", "text"}
    )

    def residence(item: object, item_path: str) -> d.ResidenceTest:
        entry = r.mapping(item, item_path)
        r.unknown(entry, item_path, {"months", "within_months"})
        months = r.required_integer(entry, "months", item_path, minimum=1, maximum=600)
        within = r.required_integer(entry, "within_months", item_path, minimum=1, maximum=600)
        if months > within:
            r.problem(path_join(item_path, "months"), "cannot be more than within_months")
        return d.ResidenceTest(months, within)

    return d.ConnectionTest(
        residence=r.items(data, "residence", path, residence),
        work_hours_per_week=r.integer(data, "work_hours_per_week", path, minimum=1, maximum=80),
        family_years=r.integer(data, "family_years", path, minimum=1, maximum=50),
        exemptions=r.strings(data, "exemptions", path, d.EXEMPTIONS),
        text=r.text(data, "text", path, required=False),
    )


def document_read(data: object) -> d.PolicyDocument:
    """Validate and read a whole document. Raises PolicyDocumentError with every problem."""
    r = DocumentReader()
    top = r.mapping(data, "")
    allowed = {f.name for f in dataclasses.fields(d.PolicyDocument)} | {"schema"}
    r.unknown(top, "", allowed - {"effective_from"})
    if top.get("schema", d.SCHEMA) != d.SCHEMA:
        r.problem("schema", f"must be {d.SCHEMA!r}")
    scheme = r.choice(top, "scheme", "", d.SCHEME_KINDS)
    bands = r.items(top, "bands", "", lambda v, p: _band(r, v, p), required=scheme == "bands")
    codes = [b.code for b in bands]
    if len(set(codes)) != len(codes):
        r.problem("bands", "each band needs a different code")
    if scheme == "points" and bands:
        r.problem("bands", "a points scheme has no bands")

    def band_code(value: str, path: str) -> str:
        if scheme == "bands" and value not in codes:
            r.problem(path, f"{value!r} is not one of the bands: {', '.join(codes)}")
        return value

    def qualification(value: object, path: str) -> d.QualificationRule:
        data = r.mapping(value, path)
        r.unknown(data, path, {"code", "when", "outcome", "text"})
        return d.QualificationRule(
            code=r.text(data, "code", path),
            when=r.expression(
                r.text(data, "when", path), path_join(path, "when"), "condition", codes
            ),
            outcome=r.choice(data, "outcome", path, d.QUALIFICATION_OUTCOMES, "not_qualifying"),
            text=r.text(data, "text", path),
        )

    def need_reason(value: object, path: str) -> d.NeedReason:
        data = r.mapping(value, path)
        r.unknown(
            data, path, {"code", "label", "text", "awarded", "when", "band", "points", "preference"}
        )
        awarded = r.choice(data, "awarded", path, d.AWARD_ROUTES)
        when = r.text(data, "when", path, required=awarded == "derived")
        if awarded == "officer" and when:
            r.problem(path_join(path, "when"), "only derived reasons have a condition")
        if when:
            r.expression(when, path_join(path, "when"), "condition", codes)
        band = r.text(data, "band", path, required=scheme == "bands")
        if band and scheme == "points":
            r.problem(path_join(path, "band"), "a points scheme has no bands; give points")
        elif band:
            band_code(band, path_join(path, "band"))
        points = r.integer(data, "points", path, minimum=0, maximum=10_000, default=0) or 0
        if scheme == "points" and "points" not in data:
            r.problem(path_join(path, "points"), "is required in a points scheme")
        if scheme == "bands" and "points" in data:
            r.problem(path_join(path, "points"), "a banded scheme has no points; give a band")
        preference = str(data.get("preference", ""))
        if preference and preference not in d.PREFERENCE_GROUPS:
            r.problem(
                path_join(path, "preference"),
                f"{preference!r} is not one of: {', '.join(d.PREFERENCE_GROUPS)}",
            )
        return d.NeedReason(
            code=r.text(data, "code", path),
            label=r.text(data, "label", path),
            text=r.text(data, "text", path),
            awarded=awarded,
            when=when,
            band=band,
            points=points,
            preference=preference,
        )

    def cumulative(value: object, path: str) -> d.CumulativeRule:
        data = r.mapping(value, path)
        r.unknown(data, path, {"count", "band", "gives", "text"})
        rule = d.CumulativeRule(
            count=r.required_integer(data, "count", path, minimum=2, maximum=20),
            band=band_code(r.text(data, "band", path), path_join(path, "band")),
            gives=band_code(r.text(data, "gives", path), path_join(path, "gives")),
            text=r.text(data, "text", path),
        )
        if (
            rule.band in codes
            and rule.gives in codes
            and codes.index(rule.gives) >= codes.index(rule.band)
        ):
            r.problem(path_join(path, "gives"), "must be a higher band than the band counted")
        return rule

    def cap(value: object, path: str) -> d.BandCap:
        data = r.mapping(value, path)
        r.unknown(data, path, {"when", "max_band", "rank_below_uncapped", "text"})
        return d.BandCap(
            when=r.expression(
                r.text(data, "when", path), path_join(path, "when"), "condition", codes
            ),
            max_band=band_code(r.text(data, "max_band", path), path_join(path, "max_band")),
            rank_below_uncapped=r.flag(data, "rank_below_uncapped", path, False),
            text=r.text(data, "text", path),
        )

    reasons = r.items(top, "need_reasons", "", need_reason)
    reason_codes = [x.code for x in reasons]
    if len(set(reason_codes)) != len(reason_codes):
        r.problem("need_reasons", "each need reason needs a different code")

    points = None
    if "points" in top:
        if scheme == "bands":
            r.problem("points", "a banded scheme has no points")
        pdata = r.mapping(top["points"], "points")
        r.unknown(
            pdata, "points", {"waiting_points_per_month", "waiting_points_cap", "total_cap", "text"}
        )
        points = d.PointsScheme(
            waiting_points_per_month=r.integer(
                pdata, "waiting_points_per_month", "points", default=0
            )
            or 0,
            waiting_points_cap=r.integer(pdata, "waiting_points_cap", "points", minimum=1),
            total_cap=r.integer(pdata, "total_cap", "points", minimum=1),
            text=r.text(pdata, "text", "points", required=False),
        )
    elif scheme == "points":
        r.problem("points", "is required in a points scheme")

    bedrooms = _bedrooms(r, top.get("bedrooms", {}), "bedrooms", reason_codes)
    priority = r.mapping(top.get("priority_date", {}), "priority_date")
    r.unknown(priority, "priority_date", {"on_band_up", "on_band_down", "text"})
    default_band = r.text(top, "default_band", "", required=scheme == "bands")
    if default_band:
        band_code(default_band, "default_band")

    document = d.PolicyDocument(
        council=r.text(top, "council", ""),
        title=r.text(top, "title", ""),
        summary=r.text(top, "summary", ""),
        scheme=scheme,
        lettings=r.choice(top, "lettings", "", d.LETTINGS_MODES, "choice_based"),
        qualification=r.items(top, "qualification", "", qualification),
        local_connection=_connection(r, top.get("local_connection", {}), "local_connection"),
        need_reasons=reasons,
        bedrooms=bedrooms,
        priority_date=d.PriorityDateRules(
            on_band_up=r.choice(
                priority, "on_band_up", "priority_date", d.ON_BAND_UP, "change_date"
            ),
            on_band_down=r.choice(
                priority, "on_band_down", "priority_date", d.ON_BAND_DOWN, "keep"
            ),
            text=r.text(priority, "text", "priority_date", required=False),
        ),
        shortlist=_shortlist(r, top.get("shortlist"), "shortlist", scheme, codes),
        bands=bands,
        default_band=default_band,
        cumulative=r.items(top, "cumulative", "", cumulative),
        caps=r.items(top, "caps", "", cap),
        points=points,
        bid_limit=_bid_limit(r, top["bid_limit"], "bid_limit") if "bid_limit" in top else None,
        refusals=r.items(top, "refusals", "", lambda v, p: _refusal(r, v, p)),
        application_questions=_questions(r, top),
        areas=_areas(r, top),
        bidding=bidding_read(r, top, codes),
        band_lower=band_lower_read(r, top, scheme, codes),
    )
    lower_band_check(r, document)
    if r.problems:
        raise PolicyDocumentError(r.problems)
    return document


def _bedrooms(
    r: DocumentReader, value: object, path: str, reason_codes: Sequence[str]
) -> d.BedroomRules:
    data = r.mapping(value, path)
    r.unknown(
        data,
        path,
        {
            "adult_age",
            "pairing_age",
            "extra_room_for_overnight_carer",
            "extra_room_reasons",
            "text",
        },
    )
    extra = r.strings(data, "extra_room_reasons", path)
    for i, code in enumerate(extra):
        if code not in reason_codes:
            r.problem(f"{path}.extra_room_reasons[{i}]", f"{code!r} is not a need reason code")
    adult = r.integer(data, "adult_age", path, minimum=16, maximum=25, default=21) or 21
    pairing = r.integer(data, "pairing_age", path, minimum=1, maximum=18, default=10) or 10
    if pairing >= adult:
        r.problem(path_join(path, "pairing_age"), "must be lower than adult_age")
    return d.BedroomRules(
        adult_age=adult,
        pairing_age=pairing,
        extra_room_for_overnight_carer=r.flag(data, "extra_room_for_overnight_carer", path, True),
        extra_room_reasons=extra,
        text=r.text(data, "text", path, required=False),
    )


def _shortlist(
    r: DocumentReader, value: object, path: str, scheme: str, bands: Sequence[str]
) -> d.Shortlist:
    if value is None:
        r.problem(path, "is required")
        return d.Shortlist(order=())
    data = r.mapping(value, path)
    r.unknown(
        data,
        path,
        {"order", "text", "quotas", "local_lettings_plans", "bypass_reasons", "mobility_labels"},
    )

    def order_key(item: object, item_path: str) -> d.OrderKey:
        # A key with nothing to choose may be written on its own: "- registration_date".
        entry = r.mapping({"key": item} if isinstance(item, str) else item, item_path)
        r.unknown(entry, item_path, {"key", "prefer", "expression", "label", "to"})
        written = entry.get("key")
        if isinstance(written, str) and written and written not in d.ORDER_KEYS:
            close = difflib.get_close_matches(written, d.ORDER_KEYS, n=1, cutoff=0.6)
            r.problem(
                path_join(item_path, "key"),
                f"{written!r} is not an order key"
                + (f" (did you mean {close[0]!r}?)" if close else "")
                + f"; the keys are: {', '.join(d.ORDER_KEYS)}",
            )
            key = ""
        else:
            key = r.choice(entry, "key", item_path, d.ORDER_KEYS)
        if key == "band" and scheme != "bands":
            r.problem(path_join(item_path, "key"), "'band' needs a banded scheme")
        if key == "points" and scheme != "points":
            r.problem(path_join(item_path, "key"), "'points' needs a points scheme")
        expression = ""
        if key == "expression":
            expression = r.expression(
                r.text(entry, "expression", item_path),
                path_join(item_path, "expression"),
                "sort_key",
                bands,
            )
        prefer = str(entry.get("prefer", ""))
        if prefer and prefer not in d.PREFER:
            r.problem(
                path_join(item_path, "prefer"), f"{prefer!r} is not one of: {', '.join(d.PREFER)}"
            )
        return d.OrderKey(
            key=key,
            prefer=prefer,
            expression=expression,
            label=r.text(entry, "label", item_path, required=key == "expression"),
            to=connection_to(r, entry, item_path, key),
        )

    order = r.items(data, "order", path, order_key, required=True)
    keys = keys_compared(order)
    if len(set(keys)) != len(keys):
        r.problem(path_join(path, "order"), "lists the same key twice")

    def quota(item: object, item_path: str) -> d.Quota:
        entry = r.mapping(item, item_path)
        r.unknown(entry, item_path, {"scope", "share"})
        return d.Quota(
            scope=r.choice(entry, "scope", item_path, d.QUOTA_SCOPES),
            share=r.required_integer(entry, "share", item_path, minimum=1, maximum=100),
        )

    quotas = r.items(data, "quotas", path, quota)
    if quotas and sum(q.share for q in quotas) != 100:
        r.problem(path_join(path, "quotas"), "the shares must add up to 100")

    def plan_order(entry: Mapping[str, Any], item_path: str, name: str) -> tuple[d.OrderKey, ...]:
        """The plan's own order, with every problem naming the plan (a policy has several)."""
        first = len(r.problems)
        found = r.items(entry, "order", item_path, order_key)
        if "order" in entry and isinstance(entry["order"], list) and not entry["order"]:
            r.problem(
                path_join(item_path, "order"),
                "must list at least one key, or be left out to use the scheme's usual order",
            )
        keys = keys_compared(found)
        if len(set(keys)) != len(keys):
            r.problem(path_join(item_path, "order"), "lists the same key twice")
        r.problems[first:] = [
            FieldProblem(p.path, f"in the order of the {name or 'unnamed'} plan: {p.message}")
            for p in r.problems[first:]
        ]
        return found

    def plan(item: object, item_path: str) -> d.LocalLettingsPlan:
        entry = r.mapping(item, item_path)
        r.unknown(entry, item_path, {"code", "name", "text", "groups", "order"})

        def group(g: object, g_path: str) -> d.PlanGroup:
            gdata = r.mapping(g, g_path)
            r.unknown(gdata, g_path, {"name", "connection", "when"})
            when = r.text(gdata, "when", g_path, required=False)
            if when:
                r.expression(when, path_join(g_path, "when"), "bid_condition", bands)
            return d.PlanGroup(
                name=r.text(gdata, "name", g_path),
                connection=_connection(
                    r, gdata.get("connection", {}), path_join(g_path, "connection")
                ),
                when=when,
            )

        name = r.text(entry, "name", item_path)
        return d.LocalLettingsPlan(
            code=r.text(entry, "code", item_path),
            name=name,
            text=r.text(entry, "text", item_path),
            groups=r.items(entry, "groups", item_path, group, required=True),
            order=plan_order(entry, item_path, name),
        )

    def bypass_reason(item: object, item_path: str) -> d.BypassReason:
        entry = r.mapping(item, item_path)
        r.unknown(entry, item_path, {"code", "label", "text"})
        return d.BypassReason(
            code=r.text(entry, "code", item_path),
            label=r.text(entry, "label", item_path),
            text=r.text(entry, "text", item_path),
        )

    reasons = r.items(data, "bypass_reasons", path, bypass_reason)
    if "bypass_reasons" in data and isinstance(data["bypass_reasons"], list) and not reasons:
        r.problem(
            path_join(path, "bypass_reasons"),
            "must list at least one reason, or be left out to use the scheme's usual reasons",
        )
    codes = [reason.code for reason in reasons]
    if len(set(codes)) != len(codes):
        r.problem(path_join(path, "bypass_reasons"), "uses the same code twice")
    return d.Shortlist(
        order=order,
        text=r.text(data, "text", path, required=False),
        quotas=quotas,
        local_lettings_plans=r.items(data, "local_lettings_plans", path, plan),
        bypass_reasons=reasons or d.DEFAULT_BYPASS_REASONS,
        mobility_labels=mobility_labels(r, data, path),
    )


def _bid_limit(r: DocumentReader, value: object, path: str) -> d.BidLimit:
    data = r.mapping(value, path)
    r.unknown(data, path, {"count", "per", "text"})
    return d.BidLimit(
        count=r.required_integer(data, "count", path, minimum=1, maximum=50),
        per=r.choice(data, "per", path, d.BID_LIMIT_PER),
        text=r.text(data, "text", path, required=False),
    )


def _refusal(r: DocumentReader, value: object, path: str) -> d.RefusalRule:
    data = r.mapping(value, path)
    r.unknown(data, path, {"count", "consequence", "months", "text", "within_months"})
    consequence = r.choice(data, "consequence", path, d.REFUSAL_CONSEQUENCES)
    months = r.integer(data, "months", path, minimum=1, maximum=60, default=0) or 0
    if consequence in ("suspend", "lower_band") and not months:
        r.problem(path_join(path, "months"), f"is required when the consequence is {consequence}")
    return d.RefusalRule(
        count=r.required_integer(data, "count", path, minimum=1, maximum=20),
        consequence=consequence,
        months=months,
        text=r.text(data, "text", path, required=False),
        within_months=r.integer(data, "within_months", path, minimum=1, maximum=120, default=0)
        or 0,
    )


def _question(r: DocumentReader, value: object, path: str) -> d.ApplicationQuestion:
    data = r.mapping(value, path)
    r.unknown(data, path, {"code", "text", "hint", "kind", "choices"})
    code = r.text(data, "code", path)
    if code and not code.replace("_", "").isalnum():
        r.problem(path_join(path, "code"), "must be letters, numbers and underscores only")
    kind = r.choice(data, "kind", path, d.QUESTION_KINDS)
    choices = r.strings(data, "choices", path)
    if kind == "choice" and len(choices) < 2:
        r.problem(path_join(path, "choices"), "a choice question needs at least 2 choices")
    if kind != "choice" and choices:
        r.problem(path_join(path, "choices"), "only a choice question has choices")
    if len(set(choices)) != len(choices):
        r.problem(path_join(path, "choices"), "lists the same choice twice")
    return d.ApplicationQuestion(
        code=code,
        text=r.text(data, "text", path),
        kind=kind,
        hint=r.text(data, "hint", path, required=False),
        choices=choices,
    )


def _questions(r: DocumentReader, top: Mapping[str, Any]) -> tuple[d.ApplicationQuestion, ...]:
    questions = r.items(top, "application_questions", "", lambda v, p: _question(r, v, p))
    codes = [q.code for q in questions]
    if len(set(codes)) != len(codes):
        r.problem("application_questions", "each question needs a different code")
    return questions


def _areas(r: DocumentReader, top: Mapping[str, Any]) -> tuple[str, ...]:
    areas = r.strings(top, "areas", "")
    if len(set(areas)) != len(areas):
        r.problem("areas", "lists the same area twice")
    if any(not area.strip() for area in areas):
        r.problem("areas", "must not have an empty area")
    return areas


# --- Text files ----------------------------------------------------------------------------------


# A policy document is at most a few levels deep; reading YAML nested hundreds of levels deep
# would exhaust Python's stack (PyYAML builds nested values recursively).
MAX_YAML_DEPTH = 30


class _DepthLimitedLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses lists and mappings nested over `MAX_YAML_DEPTH` deep."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(
                    problem=f"lists and fields are nested more than {MAX_YAML_DEPTH} levels deep",
                    problem_mark=self.get_mark(),
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def document_parse_text(text: str) -> object:
    """YAML (JSON is YAML too) to plain data; a syntax error names the line."""
    loader = _DepthLimitedLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        reason = getattr(problem, "problem", None) or "the text is not valid YAML"
        raise PolicyDocumentError([FieldProblem("", f"{where}{reason}")]) from problem
    finally:
        loader.dispose()


def document_from_text(text: str) -> d.PolicyDocument:
    return document_read(document_parse_text(text))


def document_data(document: d.PolicyDocument) -> dict[str, Any]:
    """Plain data for export, leaving out empty optional fields so files stay short."""

    def plain(value: object) -> object:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            out: dict[str, object] = {}
            for f in dataclasses.fields(value):
                item = getattr(value, f.name)
                if f.name == "effective_from" or item in ("", (), None):
                    continue
                if (
                    f.default is not dataclasses.MISSING
                    and item == f.default
                    and not isinstance(item, bool)
                ):
                    continue
                out[f.name] = plain(item)
            return out
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        return value

    data = plain(document)
    assert isinstance(data, dict)  # noqa: S101 - a document is a dataclass
    if document.scheme == "points":  # a reason worth 0 points still states its points
        for reason in data.get("need_reasons", []):
            reason.setdefault("points", 0)
    return {"schema": d.SCHEMA, **data}


def document_to_text(document: d.PolicyDocument) -> str:
    return yaml.safe_dump(document_data(document), sort_keys=False, allow_unicode=True, width=100)
