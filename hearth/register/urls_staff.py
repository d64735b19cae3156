"""URLs of the register: staff (included by hearth/register/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
