"""Who may do what: the request's actor, roles and capabilities, and the checks views and services
make.
"""
