"""URLs of the register: decisions (included by hearth/register/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
