"""The demo lettings week: last week's cycle let, this week's open with bids, and Kingsbarrow
working its match lists. Everything goes through the lettings services, as the demo staff and
applicants who would do it, at the moment it would have happened (`clock_frozen_at`).

| module | what it holds |
|---|---|
| `week.py` | the week in order (`demo_lettings_seed`, called by `demo_seed` once) |
| `moments.py` | the demo's cycle times and when each step happens, worked out from now |
| `actors.py` | the demo staff and applicants as actors |
| `homes_data.py`, `homes.py` | the landlords' homes; adverts drafted, sent, approved, returned |
| `cycles.py` | the scheme's cycle times; cycles opened and closed as the job does it |
| `bidders.py`, `bids.py` | who bids, assessed as they stood before bidding; bids placed |
| `offers.py` | last week's shortlists worked to lets, with a bypass and a refusal |
| `matches.py` | Kingsbarrow's direct lets from its match lists |
"""
