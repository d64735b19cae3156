"""What-if simulations of a draft policy (merged into hearth/policy/urls.py, app "policy")."""

from django.urls import URLPattern, path

from hearth.policy.views import simulation

urlpatterns: list[URLPattern] = [
    path(
        "staff/policy/versions/<uuid:pk>/simulate/",
        simulation.simulation_start,
        name="simulation_start",
    ),
    path("staff/policy/simulations/", simulation.simulation_list, name="simulation_list"),
    path(
        "staff/policy/simulations/<uuid:pk>/",
        simulation.simulation_detail,
        name="simulation_detail",
    ),
    path(
        "staff/policy/simulations/<uuid:pk>/movers.csv",
        simulation.simulation_movers_csv,
        name="simulation_movers_csv",
    ),
    path(
        "staff/policy/simulations/<uuid:pk>/matrix.csv",
        simulation.simulation_matrix_csv,
        name="simulation_matrix_csv",
    ),
]
