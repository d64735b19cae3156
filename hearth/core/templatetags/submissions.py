"""The one-time token of a form written out in a template (see hearth/core/forms/submissions.py).

{% load submissions %}
<form method="post" novalidate>{% csrf_token %}{% submission_token %} ... </form>
"""

from __future__ import annotations

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from hearth.core.forms.submissions import FIELD

register = template.Library()


@register.simple_tag
def submission_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4())
