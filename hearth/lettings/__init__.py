# ruff: noqa: E501 -- the parts table below is a Markdown table, one row per line
"""Lettings: landlords' homes and adverts, bidding cycles, bids, shortlists, offers and lets.

The app is laid out by part (docs/adr/0013-apps-laid-out-by-part.md): each part's name is used
in every layer it has.

| Part | What it is | Its modules |
|---|---|---|
| bids | Finding a home (this cycle's adverts, public, with filters) and an advert's page; "Can I bid?" under the advertising council's policy (cross-partner bidders assessed under it at bid time); placing and withdrawing bids within the policy's limit; live queue positions; the applicant's "My bids"; a lettings officer bidding for an applicant (phone, in person) and switching automatic bidding on or off; automatic bids when a cycle opens | forms/bids.py; urls/bids.py; views/bids_public.py, bids_applicant.py, bids_staff.py; services/bids.py; selectors/bids.py, bids_position.py, bids_search.py; rules/bid_check.py, bid_outcome.py, labels_text.py; templates/lettings/bids/ |

Tables for every part: `models/` (properties, cycles, adverts, bids and shortlists).
"""
