# ruff: noqa: E501 -- the parts table below is a Markdown table, one row per line
"""Lettings: landlords' homes and their adverts, bidding cycles, bids, shortlists, offers and
lets, for every council of the scheme.

The app is laid out by part (docs/adr/0013-apps-laid-out-by-part.md): each part's name is used
in every layer it has — `forms/<part>.py`, `urls/<part>.py`, `views/<part>_<audience>.py`,
`templates/lettings/<part>/`, `services/<part>.py`, `selectors/<part>.py`, `rules/<part>.py`
and `tests/<layer>/test_<part>.py`.

| Part | What it is | Its modules |
|---|---|---|
| homes | A landlord's homes, saved once and advertised again each time they are empty: their details (the council and the area from its policy), and their photos with the words a screen reader says instead; a photo served to whoever may see it | models/properties.py; forms/homes.py; urls/homes.py; views/homes_landlord.py, homes_photos.py; services/homes.py; selectors/homes.py; rules/homes.py, photos.py; templates/lettings/homes/ |
| adverts | An advert of a home with the advertising council's labels: the landlord drafts, changes, sends and withdraws it; the council's lettings officers approve it or return it; the adverts in progress on the landlord and staff home pages | models/adverts.py; forms/adverts.py; urls/adverts.py; views/adverts_landlord.py, adverts_staff.py; services/adverts.py; selectors/adverts.py; rules/adverts.py; templates/lettings/adverts/ |
| bids | Finding a home (this cycle's adverts, public, with filters) and an advert's page; "Can I bid?" under the advertising council's policy (cross-partner bidders assessed under it at bid time); placing and withdrawing bids within the policy's limit; live queue positions, counted over each bid's stored order key (made again every five minutes); the applicant's "My bids"; a lettings officer bidding for an applicant (phone, in person) and switching automatic bidding on or off; automatic bids when a cycle opens | forms/bids.py; urls/bids.py; views/bids_public.py, bids_applicant.py, bids_staff.py; services/bids.py, bids_order.py; selectors/bids.py, bids_position.py, bids_order.py, bids_ranked.py, bids_search.py; rules/bid_check.py, bid_order.py, bid_outcome.py, labels_text.py; tasks.py; templates/lettings/bids/ |
| cycles | The scheme's weekly rhythm, cycles made, opened (publishing approved adverts) and closed (a shortlist for every advert) by the every-minute job, each step safe to repeat; the cycles page and the scheme admin's times | models/cycles.py; forms/cycles.py; urls/cycles.py; views/cycles_staff.py; services/cycles.py; selectors/cycles.py; rules/cycle_rhythm.py; tasks.py; templates/lettings/cycles/ |
| shortlists | Each advert's bids ranked once at the close under the advertising council's policy, as the bidders stood then (`fetch.py` reads what the engine needs, in batches); bypasses with the policy's reasons, ranking again or resetting | models/bids.py (Shortlist, ShortlistEntry); forms/shortlists.py; urls/shortlists.py; views/shortlists_staff.py; services/shortlists.py; selectors/shortlists.py; fetch.py; templates/lettings/shortlists/ |
| offers | Nomination, the landlord's offer with a deadline in working days, acceptance (the let) or refusal with the policy's refusal rules, withdrawal; one offer of a home at a time; landlords working shortlists where the council allows; the applicant's messages about each step and their own offer's page | models/offers.py; forms/offers.py; urls/offers.py; views/offers_staff.py, offers_applicant.py; services/offers.py, offers_refusals.py, offers_messages.py; selectors/offers.py; rules/working_days.py, offer_outcome.py; templates/lettings/offers/ (the messages' words: register/templates/register/messages/) |
| results | The public lettings results (the page is the public site's: `hearth.publishing`) and the partner pot by quarter | selectors/results.py, reports.py; urls/reports.py; views/reports_staff.py; templates/lettings/reports/ |

Shared by every part: `rules/permissions.py` (who manages a landlord's homes, who approves a
council's adverts) and `selectors/council_choices.py` (what a council's policy in force offers:
its areas, its local lettings plans, whether it advertises at all).
"""
