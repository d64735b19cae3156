"""URLs of the bids part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
