from django.apps import AppConfig


class LettingsConfig(AppConfig):
    name = "hearth.lettings"
    label = "lettings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.lettings.replay_source import ShortlistReplaySource
        from hearth.policy.past_lettings import past_lettings_register

        # The policy simulation replays closed shortlists under a draft policy.
        past_lettings_register(ShortlistReplaySource())
