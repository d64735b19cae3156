"""One way from a policy version to its engine document, read once per saved text."""

from __future__ import annotations

import pytest

from hearth.accounts.tests.factories import actor_for
from hearth.policy import services
from hearth.policy.documents.loaded import document_of, document_of_or_none
from hearth.policy.models import PolicyVersion
from hearth.policy.tests.test_services import CUMULATIVE_C, policy_admin, version_make

pytestmark = pytest.mark.django_db


def test_a_version_is_read_once_and_again_after_its_draft_is_saved() -> None:
    # Given a draft read once
    admin = policy_admin()
    version_make(admin.organisation)
    draft = services.policy_draft_create(actor=actor_for(admin), council=admin.organisation)
    first = document_of(draft)
    # Then reading it again, even from a fresh row, gives the same document without re-reading
    assert document_of(PolicyVersion.objects.get(pk=draft.pk)) is first
    # When the draft is saved with a new rule
    text = draft.source_text.replace("cumulative:\n", "cumulative:\n" + CUMULATIVE_C, 1)
    services.policy_draft_update(
        actor=actor_for(admin), version=draft, source_text=text, change_summary="More"
    )
    # Then the next read has it
    saved = document_of(PolicyVersion.objects.get(pk=draft.pk))
    assert saved is not first
    assert len(saved.cumulative) == len(first.cumulative) + 1


def test_a_stored_document_that_no_longer_reads_gives_none_where_pages_ask_for_it() -> None:
    version = version_make(policy_admin().organisation)
    PolicyVersion.objects.filter(pk=version.pk).update(document={"not": "a policy"})
    assert document_of_or_none(PolicyVersion.objects.get(pk=version.pk)) is None
