"""The Marshvale Home Choice demo partnership: every piece of demo data, and its commands.

`make run` loads it (`manage.py demo_seed`) and prints its sign-ins (`manage.py demo_signins`).
No product app holds demo code: this app sits above every other one and writes their tables
only through their services or through bulk paths whose rows a test checks against the
invariants those services keep (`demo/tests/test_seed_invariants.py`).

Modules:

| module | what it holds |
|---|---|
| `partnership.py` | the scheme, its organisations, and one staff account per role each holds |
| `accounts.py` | makes those sign-ins: staff join through invitations, applicants register |
| `policies/` | each demo council's allocation policy, one YAML document per council |
| `policy_versions.py` | loads those documents as published versions, plus one draft |
| `register/` | the fictional housing register (see its own table) |
| `lettings/` | a week of choice-based lettings on that register (see its own table) |
| `management/commands/` | `demo_seed` and `demo_signins` |
"""
