"""What officers' register search reads: one narrow row per person on an application.

Searching a register of 100,000 households by a common surname matches thousands of people.
Reading each of them, then their household (for the reference results are ordered by) and their
application (for the council), costs a random read each and makes the search slower the larger
the register. These rows hold what the search needs side by side: the name, normalised as the
search box normalises what is typed, the application, its council and its reference. They are
derived data, rebuilt for a household by `search_names_refresh` whenever its people change.
"""

from __future__ import annotations

import uuid

from django.db import models

from hearth.core.models import Organisation
from hearth.register.models.application import Application
from hearth.register.models.person import Person


def name_searchable(full_name: str) -> str:
    """A name as search matches it: a space before every word (a hyphen starts a word too),
    upper case, so each searched word is one `LIKE '% WORD%'` (" AMELIA WILSON HART")."""
    words = full_name.replace("-", " ").upper().split()
    return " " + " ".join(words)


class RegisterSearchName(models.Model):
    """Someone on an application, as the officers' name search finds them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    # Copies of the application's council and household reference, which never change once
    # the application has started: a search filters by one and orders by the other. (No index
    # on the council alone: every search also has a name, which the trigram index finds.)
    council = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    reference = models.CharField(max_length=20)
    name = models.TextField()

    class Meta:
        ordering = ["reference", "id"]

    def __str__(self) -> str:
        return f"{self.reference}:{self.name}"
