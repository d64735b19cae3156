"""The demo housing register: fictional households, their applications, and what each
application's state implies.

| module | what it holds |
|---|---|
| `households.py`, `households_data.py`, `people.py`, `addresses.py` | households, members |
| `household_records.py` | the audit events of the bulk-written household rows |
| `applications.py` | each household's application and where it stands |
| `application_records.py` | the seed of what each application's state implies |
| `application_rows.py`, `application_content.py` | history, decisions, documents, messages |
| `application_assessments.py` | the assessments decisions rest on |
| `household_facts.py` | the policy engine's answer for households still being built |
| `application_events.py` | what each register service records, built from a row |
"""
