"""Reading the policy's rules about the household itself: which bids it refuses, what happens to a
household under offer, and when a household is placed one band lower than its need.

Kept beside `document_read` (which calls these) so that module stays a readable size; the same
`DocumentReader` collects every problem, each naming its field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hearth.policy.rules import document as d
from hearth.policy.rules.document_reader import DocumentReader, path_join


def bidding_read(r: DocumentReader, top: Mapping[str, Any], bands: Sequence[str]) -> d.Bidding:
    """`bidding:` — the reasons a bid is refused, and what a household under offer may do."""
    if "bidding" not in top:
        return d.Bidding()
    data = r.mapping(top["bidding"], "bidding")
    r.unknown(data, "bidding", {"refusals", "under_offer"})

    def refusal(value: object, path: str) -> d.BidRefusal:
        entry = r.mapping(value, path)
        r.unknown(entry, path, {"code", "when", "text"})
        code = r.text(entry, "code", path)
        if code and not code.replace("_", "").isalnum():
            r.problem(path_join(path, "code"), "must be letters, numbers and underscores only")
        return d.BidRefusal(
            code=code,
            when=r.expression(
                r.text(entry, "when", path), path_join(path, "when"), "condition", bands
            ),
            text=r.text(entry, "text", path),
        )

    refusals = r.items(data, "refusals", "bidding", refusal)
    codes = [found.code for found in refusals]
    if len(set(codes)) != len(codes):
        r.problem("bidding.refusals", "each refusal needs a different code")
    return d.Bidding(
        refusals=refusals,
        under_offer=r.choice(data, "under_offer", "bidding", d.UNDER_OFFER_MODES, "cannot_bid"),
    )


def band_lower_read(
    r: DocumentReader, top: Mapping[str, Any], scheme: str, bands: Sequence[str]
) -> tuple[d.BandLower, ...]:
    """`band_lower:` — conditions that place a household one band lower than its need."""

    def rule(value: object, path: str) -> d.BandLower:
        entry = r.mapping(value, path)
        r.unknown(entry, path, {"when", "text"})
        return d.BandLower(
            when=r.expression(
                r.text(entry, "when", path), path_join(path, "when"), "condition", bands
            ),
            text=r.text(entry, "text", path),
        )

    found = r.items(top, "band_lower", "", rule)
    if found and scheme != "bands":
        r.problem("band_lower", "a points scheme has no bands to lower")
    return found


def lower_band_check(r: DocumentReader, document: d.PolicyDocument) -> None:
    """A refusal consequence of a lower band needs bands to lower."""
    if document.scheme == "bands":
        return
    for i, rule in enumerate(document.refusals):
        if rule.consequence == "lower_band":
            r.problem(f"refusals[{i}].consequence", "a points scheme has no bands to lower")
