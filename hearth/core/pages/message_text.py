"""The words of messages to applicants, from translatable templates.

A message has a *kind* (``"evidence_requested"``) and belongs to an app (``"register"``). Its
words are two plain-text templates in that app's templates folder:

- ``<app>/messages/<kind>_subject.txt``: the subject (one line; line breaks become spaces);
- ``<app>/messages/<kind>.txt``: the body (paragraphs separated by a blank line).

(the same pair of names the account emails use). Each wraps its sentences in
``{% translate %}`` / ``{% blocktranslate trimmed %}``, so the words are translated and changed
in one place, and services pass only a kind and a context (the records and dates the words
mention, formatted by the template: ``{{ due_on|date:"j F Y" }}``).

The templates are rendered without HTML escaping: the result is plain text, shown escaped by
the pages that display it and sent as is by email, SMS or letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.template import Context, engines


@dataclass(frozen=True)
class MessageText:
    subject: str
    body: str


def _render(name: str, context: Mapping[str, Any]) -> str:
    template = engines["django"].engine.get_template(name)  # type: ignore[attr-defined]
    return str(template.render(Context(dict(context), autoescape=False)))


def message_text_render(*, app: str, kind: str, context: Mapping[str, Any]) -> MessageText:
    """The subject and body of a message of `kind` from `app`, in the active language."""
    subject = _render(f"{app}/messages/{kind}_subject.txt", context)
    body = _render(f"{app}/messages/{kind}.txt", context)
    return MessageText(subject=" ".join(subject.split()), body=body.strip())
