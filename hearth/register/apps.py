from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "hearth.register"
    label = "register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.core.navigation import navigation_counter_register
        from hearth.register.selectors.messages import applicant_unread_message_count

        # The applicant's "Messages" item shows how many of the council's messages are unread.
        navigation_counter_register(
            "register:messages",
            lambda actor: applicant_unread_message_count(actor=actor),
        )
