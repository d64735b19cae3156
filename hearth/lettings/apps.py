from django.apps import AppConfig


class LettingsConfig(AppConfig):
    name = "hearth.lettings"
    label = "lettings"
    default_auto_field = "django.db.models.BigAutoField"
