"""The register's pages, one module per part and audience: `<part>_<audience>.py` (applicant or
staff), `<part>_<audience>_<piece>.py` where a part's pages for one audience need more than one
module, and `apply_journey*.py` for the application form's pages, which one `Journey` serves to
the applicant and to an officer applying with them (and, generic over what owns the household,
to a later case that records one). The account pages an officer also does for an applicant
have one body each, in the part's applicant module, taking an `AccountOwner`
(`account_owner.py`); `account_staff.py` serves them to officers. Parts: see `hearth.register`."""
