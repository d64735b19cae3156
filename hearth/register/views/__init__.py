"""The register's pages, one module per part and audience: `<part>_<audience>.py` (applicant or
staff), `<part>_<audience>_<piece>.py` where a part's pages for one audience need more than one
module, and `apply_journey*.py` for the application form's pages, which one `Journey` serves to
the applicant and to an officer applying with them. Parts: see `hearth.register`."""
