"""The messages an applicant gets about their offers and bids, in their account.

Each is sent inside the transaction of the service that changed the offer or the shortlist
(`services.offers`, `services.shortlists`), which records the audit event: a message is never
sent for a change that did not happen. The words are the register's council-message templates
(`CouncilMessage`), so every message to an applicant reads and is sent the same way. Nothing an
officer wrote for officers (a refusal's or a withdrawal's reason, a bypass note) is sent: only
what the applicant needs and the policy's own words for them.
"""

from __future__ import annotations

import datetime as dt

from hearth.core.models import Organisation
from hearth.lettings.models import Advert, Offer
from hearth.policy.rules.document import RefusalRule
from hearth.register.models import Application
from hearth.register.services.messages import CouncilMessage, message_from_council_send

BAND_REVIEW = "band_review"


def _landlord(offer: Offer) -> Organisation:
    landlord: Organisation = offer.advert.property.landlord
    return landlord


def offer_nominated_tell(offer: Offer) -> None:
    message_from_council_send(
        application=offer.application, kind=CouncilMessage.OFFER_NOMINATED, context={"offer": offer}
    )


def offer_made_tell(offer: Offer, *, working_days: int) -> None:
    message_from_council_send(
        application=offer.application,
        kind=CouncilMessage.OFFER_MADE,
        context={"offer": offer, "landlord": _landlord(offer), "working_days": working_days},
    )


def offer_withdrawn_tell(offer: Offer, *, was_offered: bool) -> None:
    message_from_council_send(
        application=offer.application,
        kind=CouncilMessage.OFFER_WITHDRAWN,
        context={"offer": offer, "was_offered": was_offered},
    )


def offer_refused_tell(
    offer: Offer,
    *,
    by_landlord: bool,
    count: int,
    rule: RefusalRule | None,
    next_rule: RefusalRule | None,
    suspended_until: dt.date | None,
    band_lowered_until: dt.date | None = None,
) -> None:
    """`rule`: the policy's rule this refusal triggered; else `next_rule`, the one it counts
    towards (its words tell the applicant what more refusals would mean)."""
    said = rule if rule is not None else next_rule
    message_from_council_send(
        application=offer.application,
        kind=CouncilMessage.OFFER_REFUSED,
        context={
            "offer": offer,
            "by_landlord": by_landlord,
            "counts": offer.refusal_counts,
            "count": count,
            "suspended_until": suspended_until,
            "band_lowered_until": band_lowered_until,
            "review": rule is not None and rule.consequence == BAND_REVIEW,
            "rule": said.text if said is not None else "",
        },
    )


def offer_accepted_tell(offer: Offer, *, other_bids: int) -> None:
    message_from_council_send(
        application=offer.application,
        kind=CouncilMessage.OFFER_ACCEPTED,
        context={"offer": offer, "landlord": _landlord(offer), "other_bids": other_bids},
    )


def bid_bypassed_tell(application: Application, advert: Advert, *, reason_text: str) -> None:
    """`reason_text`: the policy's words for the bypass reason, written for the applicant."""
    message_from_council_send(
        application=application,
        kind=CouncilMessage.BID_BYPASSED,
        context={"advert": advert, "reason_text": reason_text},
    )


def bid_bypass_undone_tell(application: Application, advert: Advert) -> None:
    message_from_council_send(
        application=application, kind=CouncilMessage.BID_BYPASS_UNDONE, context={"advert": advert}
    )
