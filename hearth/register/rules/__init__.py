"""Pure rules of the register: no queries of their own, only values and records already fetched.

The lifecycle, the application form's routing, who may see and change an application, what a
decision says, and what an uploaded file really is. Tested without a database.
"""
