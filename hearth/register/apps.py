from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "hearth.register"
    label = "register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.accounts.web.applicant_home import applicant_home_register
        from hearth.core.pages.navigation import navigation_counter_register
        from hearth.policy.register_source import register_source_register
        from hearth.register.selectors.messages import applicant_unread_message_count
        from hearth.register.selectors.policy_source import RegisterPolicySource
        from hearth.register.views.account_applicant import account_home_render

        # The applicant's "Messages" item shows how many of the council's messages are unread.
        navigation_counter_register(
            "register:messages",
            lambda actor: applicant_unread_message_count(actor=actor),
        )
        # An applicant's account home is the register's dashboard: status, tasks and messages.
        applicant_home_register(account_home_render)
        # Policy previews and simulations read households' facts from the register.
        register_source_register(RegisterPolicySource())
