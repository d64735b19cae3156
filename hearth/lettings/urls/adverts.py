"""URLs of the adverts part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
