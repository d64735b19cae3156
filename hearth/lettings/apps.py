from django.apps import AppConfig


class LettingsConfig(AppConfig):
    name = "hearth.lettings"
    label = "lettings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Lettings adds to pages of the apps below it through their extension points; they
        # never import lettings (docs/adr/0012-layers-and-extension-points.md).
        from hearth.core.pages.home_sections import home_sections_register
        from hearth.lettings.replay_source import ShortlistReplaySource
        from hearth.lettings.views.adverts_landlord import landlord_home_sections
        from hearth.lettings.views.adverts_staff import approvals_home_sections
        from hearth.lettings.views.bids_staff import application_links_for
        from hearth.lettings.views.matches_staff import matches_home_sections
        from hearth.policy.past_lettings import past_lettings_register
        from hearth.register.selectors.workspace_links import application_links_register

        # The landlord home page shows the landlord's adverts in progress; the staff home page
        # how many adverts wait for a lettings officer's approval.
        home_sections_register("lettings.adverts", landlord_home_sections)
        home_sections_register("lettings.approvals", approvals_home_sections)
        # A council's lettings officers see the homes waiting for a match list (first on the
        # page for a council that allocates directly, as Kingsbarrow does).
        home_sections_register("lettings.matches", matches_home_sections)
        # The register's application page links to the applicant's bids.
        application_links_register("lettings.bids", application_links_for)
        # The policy simulation replays closed shortlists under a draft policy.
        past_lettings_register(ShortlistReplaySource())
