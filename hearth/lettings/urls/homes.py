"""URLs of the homes part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
