from django.apps import AppConfig


class HomelessnessConfig(AppConfig):
    name = "hearth.homelessness"
    label = "homelessness"
    default_auto_field = "django.db.models.BigAutoField"
