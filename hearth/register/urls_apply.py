"""URLs of the register: apply (included by hearth/register/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
