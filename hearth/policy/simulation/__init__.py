"""What-if simulations: a draft allocation policy run against a council's whole register.

`services.simulation_start` queues a run; the Celery task `policy.simulation_run` does it in
the background (`services.simulation_execute`); `results` aggregates what it finds with pure
functions, and `replay` ranks the council's closed shortlists again under the draft;
`selectors` reads runs for the pages in `hearth.policy.views.simulation`.
"""
