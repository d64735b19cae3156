"""The council's own application questions and areas in the policy document."""

from __future__ import annotations

import pytest

from hearth.policy.rules.document_read import (
    document_data,
    document_from_text,
    document_parse_text,
    document_read,
)
from hearth.policy.rules.document_reader import PolicyDocumentError
from hearth.policy.tests.documents import example_policy_texts


def _marshvale() -> dict[str, object]:
    data = document_parse_text(example_policy_texts()["marshvale-city"])
    assert isinstance(data, dict)
    return data


def test_demo_questions_and_areas_read_and_round_trip() -> None:
    document = document_from_text(example_policy_texts()["marshvale-city"])
    assert [q.code for q in document.application_questions] == [
        "care_leaver_marshvale",
        "contact_preference",
    ]
    assert document.application_questions[1].choices == ("Email", "Text message", "Letter")
    assert "Riverside" in document.areas
    assert document_read(document_data(document)) == document


@pytest.mark.parametrize(
    ("questions", "problem"),
    [
        ([{"code": "a", "text": "A?", "kind": "maybe"}], "application_questions[0].kind"),
        ([{"code": "a", "text": "A?", "kind": "choice", "choices": ["x"]}], "at least 2 choices"),
        ([{"code": "a", "text": "A?", "kind": "yes_no", "choices": ["x", "y"]}], "only a choice"),
        ([{"code": "a b", "text": "A?", "kind": "text"}], "letters, numbers and underscores"),
        ([{"code": "a", "kind": "text"}], "application_questions[0].text: is required"),
        (
            [
                {"code": "a", "text": "A?", "kind": "text"},
                {"code": "a", "text": "B?", "kind": "text"},
            ],
            "each question needs a different code",
        ),
        ([{"code": "a", "text": "A?", "kind": "text", "colour": "red"}], "is not a field here"),
    ],
)
def test_bad_questions_are_explained(questions: list[dict[str, object]], problem: str) -> None:
    data = {**_marshvale(), "application_questions": questions}
    with pytest.raises(PolicyDocumentError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        document_read(data)


def test_areas_are_a_list_without_repeats() -> None:
    with pytest.raises(PolicyDocumentError, match="lists the same area twice"):
        document_read({**_marshvale(), "areas": ["Riverside", "Riverside"]})
    with pytest.raises(PolicyDocumentError, match="must be a list of text values"):
        document_read({**_marshvale(), "areas": "Riverside"})
