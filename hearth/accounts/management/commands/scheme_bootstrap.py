"""Start a new deployment: the partnership, its team, and the first scheme admin's invitation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from hearth.accounts import services


class Command(BaseCommand):
    help = "Create the scheme and invite its first scheme admin (prints a one-time link)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The scheme's public name")
        parser.add_argument("--slug", required=True, help="Short identifier, e.g. marshvale")
        parser.add_argument("--colour", required=True, help="Brand colour, e.g. #0b5e55")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scheme, token = services.scheme_bootstrap(
                scheme_name=options["name"],
                slug=options["slug"],
                colour=options["colour"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
            )
        except ValidationError as problem:
            raise CommandError("; ".join(problem.messages)) from problem
        link = settings.HEARTH_BASE_URL.rstrip("/") + reverse(
            "accounts:invitation_accept", kwargs={"token": token}
        )
        self.stdout.write(f"Created {scheme.name}.")
        self.stdout.write(
            f"Send this one-time link to {options['admin_email']} "
            f"(valid {settings.HEARTH_INVITATION_DAYS} days):\n{link}"
        )
