"""URLs of the register: account (included by hearth/register/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
