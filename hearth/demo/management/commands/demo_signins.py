"""Print the demo sign-ins, so someone trying Hearth knows who to be."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from hearth.core.access.roles import Role
from hearth.demo import partnership


class Command(BaseCommand):
    help = "List the demo sign-ins (demo mode only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HEARTH_DEMO_MODE:
            self.stdout.write("Demo sign-ins are only available when DEBUG is on.")
            return
        self.stdout.write("")
        self.stdout.write(
            f"{partnership.SCHEME_NAME} demo — every account's password is: "
            f"{partnership.DEMO_PASSWORD}"
        )
        current = None
        for account in partnership.demo_accounts():
            organisation = account.organisation_name or "Applicants"
            if organisation != current:
                self.stdout.write(f"\n  {organisation}")
                current = organisation
            role = "Applicant" if account.role == "applicant" else str(Role(account.role).label)
            self.stdout.write(f"    {role:<32} {account.email}")
        self.stdout.write(f"\nOpen http://{options['addr']}/ and choose Sign in.\n")
