"""URLs of the cycles part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
