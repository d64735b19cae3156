# ruff: noqa: E501 -- the parts table below is a Markdown table, one row per line
"""Lettings: landlords' homes and their adverts, bidding cycles, bids and shortlists, for every
council of the scheme.

The app is laid out by part (docs/adr/0013-apps-laid-out-by-part.md): each part's name is used
in every layer it has — `forms/<part>.py`, `urls/<part>.py`, `views/<part>_<audience>.py`,
`templates/lettings/<part>/`, `services/<part>.py`, `selectors/<part>.py`, `rules/<part>.py`
and `tests/<layer>/test_<part>.py`.

| Part | What it is | Its modules |
|---|---|---|
| homes | A landlord's homes, saved once and advertised again each time they are empty: their details (the council and the area from its policy), and their photos with the words a screen reader says instead; a photo served to whoever may see it | models/properties.py; forms/homes.py; urls/homes.py; views/homes_landlord.py, homes_photos.py; services/homes.py; selectors/homes.py; rules/homes.py, photos.py; templates/lettings/homes/ |
| adverts | An advert of a home with the advertising council's labels: the landlord drafts, changes, sends and withdraws it; the council's lettings officers approve it or return it; the adverts in progress on the landlord and staff home pages | models/adverts.py; forms/adverts.py; urls/adverts.py; views/adverts_landlord.py, adverts_staff.py; services/adverts.py; selectors/adverts.py; rules/adverts.py; templates/lettings/adverts/ |

Shared by every part: `rules/permissions.py` (who manages a landlord's homes, who approves a
council's adverts) and `selectors/council_choices.py` (what a council's policy in force offers:
its areas, its local lettings plans, whether it advertises at all).
"""
