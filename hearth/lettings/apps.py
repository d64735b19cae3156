from django.apps import AppConfig


class LettingsConfig(AppConfig):
    name = "hearth.lettings"
    label = "lettings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The register's application page links to the applicant's bids (the register never
        # imports lettings: docs/adr/0012-layers-and-extension-points.md).
        from hearth.lettings.views.bids_staff import application_links_for
        from hearth.register.selectors.workspace_links import application_links_register

        application_links_register("lettings.bids", application_links_for)
