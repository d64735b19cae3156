"""Scheduled lettings jobs (CELERY_BEAT_SCHEDULE; the embedded scheduler under `make run`)."""

from celery import shared_task

from hearth.lettings.services.bids_order import bid_order_refresh
from hearth.lettings.services.cycles import cycles_tick


@shared_task(name="lettings.cycles_tick")
def cycles_tick_task() -> dict[str, int]:
    """Make, open and close the bidding cycles that are due; each step is safe to repeat."""
    outcome = cycles_tick()
    return {
        "opened": outcome.opened,
        "published": outcome.published,
        "closed": outcome.closed,
        "shortlisted": outcome.shortlisted,
    }


@shared_task(name="lettings.bid_order_refresh")
def bid_order_refresh_task() -> dict[str, int]:
    """Make again the stored order keys of live bids, so other bidders' changes reach every
    queue position (see `services/bids_order.py`)."""
    return {"rekeyed": bid_order_refresh()}
