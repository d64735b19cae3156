"""Accounts in each request: the actor resolved from the session, and the applicant's home page
registered by the register.
"""
