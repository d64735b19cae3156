"""Rebuild the officers' name search from the household records."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from hearth.register.services.workspace_search import search_names_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the officers' name search from the household records: after loading people "
        "in bulk without the services, or if a search misses someone it should find."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            rows = search_names_rebuild()
        people = "person" if rows == 1 else "people"
        self.stdout.write(f"Name search rebuilt: {rows} {people} on applications.")
