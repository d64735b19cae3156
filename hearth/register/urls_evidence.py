"""URLs of the register: evidence (included by hearth/register/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
