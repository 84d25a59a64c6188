from django.apps import AppConfig


class SafeguardingSiteConfig(AppConfig):
    """The site shell: home page, standard pages, site settings, search and theme hubs."""

    name = "safeguarding_site"
    verbose_name = "Site"
