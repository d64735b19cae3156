from hearth.policy.urls.simulation import urlpatterns as simulation_urlpatterns
from hearth.policy.urls.versions import urlpatterns as version_urlpatterns

app_name = "policy"

urlpatterns = [*version_urlpatterns, *simulation_urlpatterns]
