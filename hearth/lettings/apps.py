from django.apps import AppConfig


class LettingsConfig(AppConfig):
    name = "hearth.lettings"
    label = "lettings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.core.pages.home_sections import home_sections_register
        from hearth.lettings.replay_source import ShortlistReplaySource
        from hearth.lettings.views.adverts_landlord import landlord_home_sections
        from hearth.lettings.views.adverts_staff import approvals_home_sections
        from hearth.policy.past_lettings import past_lettings_register

        # The landlord home page shows the landlord's adverts in progress; the staff home page
        # how many adverts wait for a lettings officer's approval.
        home_sections_register("lettings.adverts", landlord_home_sections)
        home_sections_register("lettings.approvals", approvals_home_sections)
        # The policy simulation replays closed shortlists under a draft policy.
        past_lettings_register(ShortlistReplaySource())
