"""Match lists: an officer's choice of a household for a home, from the policy-ranked list of
the council's register, and the list as it stood when they chose.

A direct let is recorded like a let through bidding (an advert with the direct route, its
shortlist, a bid for the chosen household and the offer), so the landlord's offer, the answer
and the let work the same way. What bidding does not have is the officer's choice: who was
chosen, from which place on the list, why, and the top of the list they chose from.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hearth.lettings.models.adverts import Advert
from hearth.lettings.models.bids import ShortlistEntry
from hearth.policy.models import PolicyVersion


class MatchChoice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    advert = models.ForeignKey(Advert, on_delete=models.PROTECT, related_name="match_choices")
    # The chosen household's place on the advert's shortlist (and through it, its bid).
    entry = models.OneToOneField(
        ShortlistEntry, on_delete=models.PROTECT, related_name="match_choice"
    )
    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="+")
    as_at = models.DateTimeField()  # when the list was ranked and the choice made
    position = models.PositiveIntegerField()  # the household's place on the match list
    placed = models.PositiveIntegerField()  # households the list placed
    excluded = models.PositiveIntegerField()  # households it left out, each with a reason
    reason = models.TextField(_("why this household was chosen"))
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The top of the list as it stood: [position, application id, household reference, keys].
    top = models.JSONField(default=list)

    class Meta:
        ordering = ("advert", "as_at")

    def __str__(self) -> str:
        return f"Match for {self.advert.reference}"
