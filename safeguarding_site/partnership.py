"""The partnership's own details (its ``PartnershipSettings``) for code that runs outside a
template: a printable briefing's author, the address a request is emailed to.

The settings model is reached by name, so that apps the site shell imports (``learning``,
``reviews``) can use this module without importing the shell's models.
"""

from django.apps import apps


def partnership_settings(page):
    """The ``PartnershipSettings`` of ``page``'s site; ``None`` for a page outside every site."""
    site = page.get_site()
    if site is None:
        return None
    return apps.get_model("safeguarding_site", "PartnershipSettings").for_site(site)
