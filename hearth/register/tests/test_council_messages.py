"""The council's messages to applicants are written in templates, one pair per kind."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.loader import get_template

from hearth.core.pages.message_text import message_text_render
from hearth.register.services.messages import CouncilMessage


@pytest.mark.parametrize("kind", list(CouncilMessage))
def test_every_kind_has_a_subject_and_a_body_template(kind: CouncilMessage) -> None:
    get_template(f"register/messages/{kind}_subject.txt")
    get_template(f"register/messages/{kind}.txt")


def test_a_message_is_plain_text_with_nothing_escaped() -> None:
    # Given a request for a document for someone whose name has an apostrophe
    request = SimpleNamespace(
        get_kind_display=lambda: "Proof of identity",
        person=SimpleNamespace(full_name="Siân O'Brien"),
        description="Your passport & a recent bill",
        due_on=dt.date(2026, 7, 13),
    )
    # When the message is written
    text = message_text_render(
        app="register", kind=CouncilMessage.EVIDENCE_REQUESTED, context={"request": request}
    )
    # Then the subject is one line and nothing is HTML-escaped
    assert text.subject == "Send us proof of identity for Siân O'Brien"
    assert text.body == (
        "We need a document from you: Your passport & a recent bill\n\n"
        "Please send it by 13 July 2026. You can upload it from the documents page of your "
        "account. If you cannot send it in time, contact us. If we do not receive it, we may "
        "cancel your application."
    )
