from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hearth.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Signing in starts a session's idle time (the receiver is connected on import).
        from hearth.core import session_idle  # noqa: F401
