"""A small in-process scheduler for the embedded default (production uses Celery beat)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from celery import current_app

log = logging.getLogger(__name__)


def task_dispatch(name: str) -> None:
    """Run the task in-process when there is no broker; otherwise queue it for a worker."""
    if current_app.conf.task_always_eager:
        # Task modules are found lazily; a worker would import them at start-up.
        current_app.loader.import_default_modules()
        current_app.tasks[name].apply()
    else:
        current_app.send_task(name)


class Scheduler:
    def __init__(
        self,
        schedule: Mapping[str, Mapping[str, Any]],
        dispatch: Callable[[str], None] = task_dispatch,
    ) -> None:
        self.entries = {
            name: (str(entry["task"]), float(entry["schedule"])) for name, entry in schedule.items()
        }
        self.next_run = dict.fromkeys(self.entries, 0.0)
        self.dispatch = dispatch

    def tick(self, now: float) -> list[str]:
        """Run every entry that is due; return the names that ran."""
        ran = []
        for name, (task, every) in self.entries.items():
            if now >= self.next_run[name]:
                self.next_run[name] = now + every
                try:
                    self.dispatch(task)
                except Exception:  # one failing job must not stop the others
                    log.exception("scheduled task %s failed", task)
                ran.append(name)
        return ran

    def run_until(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.tick(time.monotonic())
            stop.wait(5)
