"""The demo housing register: fictional households, their applications, and what each
application's state implies.

| module | what it holds |
|---|---|
| `households.py`, `households_data.py`, `people.py`, `addresses.py` | households, members |
| `household_records.py` | the audit events of the bulk-written household rows |
| `applications.py` | each household's application and where it stands |
| `application_records.py`, `application_content.py` | history, decisions, documents, messages |
| `application_events.py` | what each register service records, built from a row |
"""
