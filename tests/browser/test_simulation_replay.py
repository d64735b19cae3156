"""The simulation results page with past shortlists replayed passes axe and fits 320px.

The demo partnership has no finished simulation, so the sweep never reaches this section: the
page is made here, in the test's own transaction, and checked as the browser renders it with the
service's style sheet (the page itself needs no JavaScript).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from hearth.lettings.tests.replay_setup import Closed
from tests.browser.support import DESKTOP, NARROW, OVERFLOWING, axe_source, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_replay_on_the_results_page_is_accessible_at_any_width(
    new_context: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a finished simulation that replayed a closed shortlist
    given = Closed()
    run = given.simulate(django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(given.admin.user)
    url = reverse("policy:simulation_detail", kwargs={"pk": run.pk})
    pages = [client.get(url).content.decode(), client.get(url + "?replay=all").content.decode()]
    assert all("Past shortlists replayed under the draft" in html for html in pages)
    found = finders.find("hearth/hearth.css")
    assert isinstance(found, str)
    css = Path(found).read_text(encoding="utf-8")
    axe = axe_source()
    problems: list[str] = []
    # When each is shown on a desktop and on a 320px screen
    viewport: dict[str, int]
    for viewport in (DESKTOP, NARROW):
        page = new_context(viewport=viewport, java_script_enabled=True).new_page()
        for html in pages:
            page.set_content(html)
            page.add_style_tag(content=css)
            # Then axe finds nothing, and nothing scrolls sideways
            problems += [f"{v['id']}: {v['targets'][:2]}" for v in axe_violations(page, axe)]
            # (wide tables scroll inside their own region, which reflow allows)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems += [f"scrolls sideways: {o}" for o in page.evaluate(OVERFLOWING)]
    assert problems == [], "\n".join(problems)
