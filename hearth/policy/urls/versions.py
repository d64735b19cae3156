"""Allocation policy pages: versions, readable rules, drafts, previews and publishing.

Merged into `hearth.policy.urls` (app name "policy"). Every pattern has a rule in
tests/access_policy_versions.py.
"""

from django.urls import URLPattern, path

from hearth.policy.views import preview, staff

_VERSION = "staff/policy/councils/<slug:council>/<int:number>/"

urlpatterns: list[URLPattern] = [
    path("staff/policy/", staff.councils, name="councils"),
    path("staff/policy/councils/<slug:council>/", staff.versions, name="versions"),
    path("staff/policy/councils/<slug:council>/new/", staff.draft_new, name="draft_new"),
    path("staff/policy/councils/<slug:council>/import/", staff.draft_import, name="draft_import"),
    path("staff/policy/councils/<slug:council>/compare/", staff.compare, name="compare"),
    path(_VERSION, staff.version, name="version"),
    path(f"{_VERSION}export.yaml", staff.version_yaml, name="version_yaml"),
    path(f"{_VERSION}export.json", staff.version_json, name="version_json"),
    path(f"{_VERSION}edit/", staff.version_edit, name="version_edit"),
    path(f"{_VERSION}shortlist-order/", staff.version_order, name="version_order"),
    path(f"{_VERSION}delete/", staff.version_delete, name="version_delete"),
    path(f"{_VERSION}publish/", staff.version_publish, name="version_publish"),
    path(f"{_VERSION}preview/household/", preview.preview_household, name="preview_household"),
    path(f"{_VERSION}preview/shortlist/", preview.preview_ranking, name="preview_ranking"),
]
