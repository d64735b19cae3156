from django.apps import AppConfig


class DataloadConfig(AppConfig):
    name = "hearth.dataload"
    label = "dataload"
    default_auto_field = "django.db.models.BigAutoField"
