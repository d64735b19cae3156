"""The lettings tables, by part: homes, cycles, adverts, bids and shortlists, offers and lets,
and match lists (direct lets)."""

from hearth.lettings.models.adverts import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    AgeAppliesTo,
    ConnectionScope,
    LabelUse,
    MobilityNeed,
    Pets,
)
from hearth.lettings.models.bids import (
    AutoBid,
    Bid,
    BidChannel,
    BidStatus,
    EntryStatus,
    Shortlist,
    ShortlistEntry,
)
from hearth.lettings.models.cycles import (
    CouncilLettings,
    Cycle,
    CycleRhythm,
    CycleStatus,
    NominationRoute,
    Weekday,
)
from hearth.lettings.models.matches import MatchChoice
from hearth.lettings.models.offers import (
    OPEN_OFFER_STATUSES,
    Let,
    LetRoute,
    Offer,
    OfferStatus,
    RefusedBy,
)
from hearth.lettings.models.properties import (
    EpcBand,
    MobilityCategory,
    Property,
    PropertyPhoto,
    PropertyType,
    TenancyType,
)

__all__ = [
    "OPEN_OFFER_STATUSES",
    "Advert",
    "AdvertRoute",
    "AdvertStatus",
    "AgeAppliesTo",
    "AutoBid",
    "Bid",
    "BidChannel",
    "BidStatus",
    "ConnectionScope",
    "CouncilLettings",
    "Cycle",
    "CycleRhythm",
    "CycleStatus",
    "EntryStatus",
    "EpcBand",
    "LabelUse",
    "Let",
    "LetRoute",
    "MatchChoice",
    "MobilityCategory",
    "MobilityNeed",
    "NominationRoute",
    "Offer",
    "OfferStatus",
    "Pets",
    "Property",
    "PropertyPhoto",
    "PropertyType",
    "RefusedBy",
    "Shortlist",
    "ShortlistEntry",
    "TenancyType",
    "Weekday",
]
