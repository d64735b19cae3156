# ruff: noqa: E501 -- the parts table below is a Markdown table, one row per line
"""The housing register: households, their applications, evidence, assessments, decisions and
reviews, for every council of the scheme.

The app is laid out by part (docs/adr/0013-apps-laid-out-by-part.md): each part's name is used
in every layer it has — `forms/<part>.py`, `urls/<part>.py`, `views/<part>_<audience>.py`,
`templates/register/<part>/`, `services/<part>.py`, `selectors/<part>.py` and
`tests/<layer>/test_<part>.py`. A part too big for one module in a layer adds a piece after its
name (`services/assessment_reassess.py`, `views/account_staff_changes.py`).

| Part | What it is | Its modules |
|---|---|---|
| apply | The application form: start, the task list and one-question steps, people, where the household has lived, worked and has family, areas, check and send; for the applicant, and for an officer applying with them (assisted digital) | forms/apply*.py; urls/apply.py; views/apply_applicant.py, apply_staff.py, apply_journey*.py; services/apply.py; selectors/apply.py, apply_areas.py; rules/apply_sections.py; templates/register/apply/ |
| household | The household's own record, which any case that owns a household can change (an application today, a homelessness case later): its answers, its people, where it has lived, worked and has family, and which area each place is in; the case supplies a context saying who may change it and what follows. The form's pages serve any owner (`Journey`) | services/household.py (an application's context: `ApplicationHouseholdContext` in services/apply.py); selectors/apply.py (`household_record`); views/apply_journey.py (`JourneyOwner`, `ApplicationJourney`) |
| account | The applicant's account (its bids are lettings'): reporting a change of circumstances (and the officer assessing it), cancelling; and an officer doing these for the applicant (assisted digital), on the same pages as the applicant, through an `AccountOwner` | forms/account.py; urls/account.py; views/account_owner.py, account_applicant*.py, account_staff*.py; services/account.py; selectors/account.py, account_assisted.py; templates/register/account/ |
| evidence | Documents: officers ask, applicants upload, officers check or cancel a request, files are downloaded | forms/evidence.py; urls/evidence.py; views/evidence_applicant.py, evidence_staff.py, evidence_files.py; services/evidence.py; selectors/evidence.py; rules/file_types.py; models/evidence.py, evidence_storage.py; templates/register/evidence/ |
| assessment | Need awards, running the policy engine, overrides with a team leader's approval, reassessing a register when a policy takes effect | forms/assessment.py; urls/assessment.py; views/assessment_staff.py; services/assessment.py, assessment_reassess.py; selectors/assessment.py; fetch.py (the engine's facts); templates/register/assessment/ |
| duplicates | Likely duplicates found when an application is sent, flagged for an officer, never merged; the officer resolves them on the assessment pages | services/duplicates.py (resolving: services/assessment.py, views/assessment_staff.py) |
| decisions | Deciding an application, what the decision says, and its letter | forms/decisions.py; urls/decisions.py; views/decisions_applicant.py, decisions_staff.py; services/decisions.py; selectors/decisions.py; rules/decision_wording.py; letters.py; templates/register/decisions/ (letters in decisions/letters/) |
| reviews | Reviews of decisions: the applicant asks (or withdraws), a team leader decides | forms/decisions.py (review forms); urls/reviews.py; views/reviews_applicant.py, reviews_staff.py; services/reviews.py; selectors/decisions.py (reviews); templates/register/reviews/ |
| renewals | The yearly renewal: reminders, renewing, cancelling what was not renewed | forms/account.py (RenewForm); urls/renewals.py; views/renewals_applicant.py; services/renewals.py; templates/register/renewals/ |
| messages | Messages between officers and applicants, and the email saying one arrived | forms/account.py (message forms); urls/messages.py; views/messages_applicant.py, messages_staff.py; services/messages.py; selectors/messages.py; templates/register/messages/ |
| workspace | The officer's workspace: work queues, register search, one application's page and history | forms/workspace.py; urls/workspace.py; views/workspace_staff.py, workspace_staff_record.py; services/workspace_search.py; selectors/workspace.py, workspace_record.py; models/search.py; templates/register/workspace/ |
| lifecycle | The application's statuses, which may follow which, and the officer's status change | forms/assessment.py (StatusChangeForm); urls/lifecycle.py; views/lifecycle_staff.py; services/lifecycle.py; rules/lifecycle.py; templates/register/lifecycle/ |

Shared by every part: `models/` (the household record), `selectors/applications.py` (finding
an application as far as the actor may see it), `selectors/households.py` (a council's whole
register, for system jobs), `rules/permissions.py` (who may see and change an application) and
`tasks.py` (the scheduled jobs).
"""
