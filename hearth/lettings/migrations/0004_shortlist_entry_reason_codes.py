"""Shortlist entries keep why a bidder was excluded as data (a refusal's code and what it was
measured on) beside the officers' sentence, so the applicant's words are made from the code.

Entries made before this are filled by reading their sentence: every sentence the ranking engine
wrote (`Refusal.officer` as it stood then) is known here, so the words are frozen with this
migration and later changes to the engine's wording do not change what it reads. A sentence it
does not know is left without a code (the applicant gets the general sentence, as before).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations, models

# Sentences that never change, and their codes.
_FIXED = {
    "not qualifying for the register": "not_qualifying",
    "not assessed under the advertising council's policy": "other_policy",
    "already under offer for another home": "under_offer",
    "no local connection to the advertising council": "no_connection_council",
    "no local connection to any partner council": "no_connection_partners",
    "no assessment on record at the close": "not_assessed",
}
_POLICY = re.compile(r"bid refused under the policy: (?P<text>.+)", re.DOTALL)
_BEDROOMS = re.compile(
    r"needs (?P<need>\d+) bedrooms; this home is for households needing (?P<low>\d+) to "
    r"(?P<high>\d+)"
)
_LIMIT = r"aged (?:(?P<from>\d+) to (?P<to>\d+)|(?P<under>\d+) or under|(?P<over>\d+) or over)"
_AGE_UNKNOWN = re.compile(
    rf"this home is for people {_LIMIT}, and no lead applicant's date of birth is on record"
)
_WHOSE = {
    " (the lead applicant or their partner)": "applicant_or_partner",
    " (every adult in the household)": "every_adult",
}
_AGE = re.compile(
    rf"this home is for people {_LIMIT}(?P<whose> \(the lead applicant or their partner\)"
    r"| \(every adult in the household\))?"
)
_MOBILITY = re.compile(
    r"assessed mobility need: (?:mobility (?P<assessed>\S+)|none); this home is only for "
    r"households assessed as needing (?P<home>.+)"
)
_MOBILITY_HOMES = {
    "a wheelchair home (mobility 1)": "1",
    "a mobility 1 or 2 home": "2",
    "a mobility home (1, 2 or 3)": "3",
}


def _ages(found: re.Match[str]) -> dict[str, int]:
    if found["from"]:
        return {"minimum_age": int(found["from"]), "maximum_age": int(found["to"])}
    if found["under"]:
        return {"maximum_age": int(found["under"])}
    return {"minimum_age": int(found["over"])}


def reason_parsed(reason: str) -> tuple[str, dict[str, Any]]:
    """The code and facts an officers' sentence was made from ("" and {}: not known)."""
    reason = reason.strip()
    if reason in _FIXED:
        return _FIXED[reason], {}
    if found := _POLICY.fullmatch(reason):
        return "policy_refusal", {"text": found["text"]}
    if found := _BEDROOMS.fullmatch(reason):
        return "bedrooms", {
            "bedroom_need": int(found["need"]),
            "lowest": int(found["low"]),
            "highest": int(found["high"]),
        }
    if found := _AGE_UNKNOWN.fullmatch(reason):
        return "age_unknown", _ages(found)
    if found := _AGE.fullmatch(reason):
        facts: dict[str, Any] = _ages(found)
        if found["whose"]:
            facts["age_applies_to"] = _WHOSE[found["whose"]]
        return "age", facts
    if (found := _MOBILITY.fullmatch(reason)) and found["home"] in _MOBILITY_HOMES:
        facts = {"mobility_need": _MOBILITY_HOMES[found["home"]]}
        if found["assessed"]:
            facts["assessed_mobility"] = found["assessed"]
        return "mobility", facts
    return "", {}


def codes_filled(apps: Any, schema_editor: Any) -> None:
    entry_model = apps.get_model("lettings", "ShortlistEntry")
    excluded = entry_model.objects.using(schema_editor.connection.alias).filter(
        status="excluded", reason_code=""
    )
    for entry in excluded.only("pk", "reason").iterator(chunk_size=1000):
        code, facts = reason_parsed(entry.reason)
        if code:
            entry.reason_code, entry.reason_facts = code, facts
            entry.save(update_fields=["reason_code", "reason_facts"])


class Migration(migrations.Migration):
    dependencies = [
        ("lettings", "0003_matches_direct_lets"),
    ]

    operations = [
        migrations.AddField(
            model_name="shortlistentry",
            name="reason_code",
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.AddField(
            model_name="shortlistentry",
            name="reason_facts",
            field=models.JSONField(blank=True, default=dict),
        ),
        # Going back drops both fields, and the codes with them: nothing to undo first.
        migrations.RunPython(codes_filled, migrations.RunPython.noop),
    ]
