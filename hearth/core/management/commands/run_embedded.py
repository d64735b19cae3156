"""Serve Hearth locally with its scheduled work: the embedded default needs no Redis or worker.

Starts Django's development server and, beside it, an in-process scheduler that runs each
CELERY_BEAT_SCHEDULE task at its interval (tasks run eagerly because no broker is configured).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from hearth.core.management.scheduler import Scheduler


class Command(BaseCommand):
    help = "Run the web server and the scheduled tasks together (local runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        scheduler = Scheduler(settings.CELERY_BEAT_SCHEDULE)
        thread = threading.Thread(target=scheduler.run_until, args=(stop,), daemon=True)
        thread.start()
        server = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", "runserver", options["addr"], "--noreload"]
        )

        def finish(*_: object) -> None:
            stop.set()
            server.terminate()

        signal.signal(signal.SIGTERM, finish)
        signal.signal(signal.SIGINT, finish)
        try:
            while server.poll() is None:
                time.sleep(0.5)
        finally:
            finish()
            thread.join(timeout=5)
