from django.urls import path

from hearth.publishing.views import public, results

app_name = "publishing"

urlpatterns = [
    path("", public.home, name="home"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("privacy/", public.privacy, name="privacy"),
    path("cookies/", public.cookies, name="cookies"),
    path("brand.css", public.brand_css, name="brand_css"),
    path("brand-logo.png", public.brand_logo, name="brand_logo"),
    path("health/", public.health, name="health"),
    path("lettings-results/", results.results, name="results"),
]
