from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "hearth.comms"
    label = "comms"
    default_auto_field = "django.db.models.BigAutoField"
