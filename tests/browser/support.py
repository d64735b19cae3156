"""Helpers for the browser tests: demo accounts as test parameters, signing in, running axe."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

SIGN_IN_PATH = "/account/sign-in/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}


def demo_account_params(*, roles: set[str] | None = None) -> list[Any]:
    """One pytest parameter per demo account (id = its email), optionally only some roles.

    If the demo module cannot be loaded, a single failing parameter says why, so the problem
    is reported as a test failure rather than a collection error.
    """
    try:
        from hearth.demo.partnership import demo_accounts

        accounts = demo_accounts()
    except Exception as exc:
        return [pytest.param(exc, id="demo-accounts-unavailable")]
    chosen = [a for a in accounts if roles is None or a.role in roles]
    if not chosen:
        return [pytest.param(LookupError(f"no demo account with role in {roles}"), id="none")]
    return [pytest.param(a, id=a.email) for a in chosen]


def require_account(account: Any) -> Any:
    if isinstance(account, BaseException):
        pytest.fail(f"demo accounts unavailable: {account!r}")
    return account


def demo_password() -> str:
    from hearth.demo.partnership import DEMO_PASSWORD

    return DEMO_PASSWORD


def sign_in(page: Any, base_url: str, account: Any) -> None:
    """Sign in through the real form and wait until the browser has left the sign-in page."""
    page.goto(base_url + SIGN_IN_PATH)
    page.fill("input[name=username]", account.email)
    page.fill("input[name=password]", demo_password())
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    path = page.url.removeprefix(base_url)
    if path.startswith(SIGN_IN_PATH):
        errors = page.locator(".govuk-error-summary").all_inner_texts()
        pytest.fail(f"sign-in as {account.email} stayed on the sign-in page: {errors}")


def sign_in_quickly(context: Any, base_url: str, account: Any) -> None:
    """Sign in with the form's HTTP requests only (no page rendering); cookies land in `context`.

    For tests about what comes after sign-in; the form itself is tested by `sign_in` users.
    """
    form_url = base_url + SIGN_IN_PATH
    page = context.request.get(form_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text())
    if token is None:
        pytest.fail(f"no CSRF token on {SIGN_IN_PATH}")
    response = context.request.post(
        form_url,
        form={
            "csrfmiddlewaretoken": token.group(1),
            "username": account.email,
            "password": demo_password(),
        },
        max_redirects=0,
    )
    if response.status != 302:
        pytest.fail(f"sign-in as {account.email} answered {response.status}, not a redirect")


def axe_source() -> str:
    """axe-core as compiled into the static build, or straight from node_modules."""
    base = Path(settings.BASE_DIR) / "frontend"
    for candidate in (
        base / "build" / "hearth" / "vendor" / "axe.min.js",
        base / "node_modules" / "axe-core" / "axe.min.js",
    ):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    pytest.fail("axe-core not found: run `make assets` (frontend/build/hearth/vendor/axe.min.js)")


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map(n => n.target.join(" ")),
  }));
}"""

# The elements sticking out past the right edge of the viewport, to say what scrolls sideways.
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const describe = (el) => {
    let label = el.tagName.toLowerCase();
    if (el.id) label += "#" + el.id;
    else if (el.classList.length) label += "." + Array.from(el.classList).slice(0, 2).join(".");
    return label;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > limit + 1) {
      // Report the outermost offender only, not every descendant of it.
      if (!found.some((f) => f.el.contains(el))) found.push({el, right: Math.round(box.right)});
    }
    if (found.length >= 5) break;
  }
  return found.map((f) => `${describe(f.el)} (right edge ${f.right}px)`);
}"""


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; inject it first if needed."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the browser's debugging protocol, which the page's CSP does not
        # govern, so pages are checked with their real policy (no bypass_csp needed).
        page.evaluate(source + "\n;void 0")
    return list(page.evaluate(AXE_RUN, AXE_TAGS))
