"""The lettings tables, by part: homes, cycles, adverts, bids and shortlists."""

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
from hearth.lettings.models.properties import (
    EpcBand,
    MobilityCategory,
    Property,
    PropertyPhoto,
    PropertyType,
    TenancyType,
)

__all__ = [
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
    "MobilityCategory",
    "MobilityNeed",
    "NominationRoute",
    "Pets",
    "Property",
    "PropertyPhoto",
    "PropertyType",
    "Shortlist",
    "ShortlistEntry",
    "TenancyType",
    "Weekday",
]
