"""URLs of the shortlists part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
