from django.apps import AppConfig


class SafeguardingSiteConfig(AppConfig):
    """The site shell: home page, standard pages, site settings, search and theme hubs."""

    name = "safeguarding_site"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.documents import get_document_model
        from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from learning.models import Audience, ExternalResource, Theme
        from safeguarding_site.cache import purge_all
        from safeguarding_site.models import PartnershipSettings

        # Anything that changes what a public page shows drops the whole page cache.
        for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
            signal.connect(purge_all, dispatch_uid=f"purge_on_{id(signal)}")
        post_delete.connect(purge_all, sender=Page, dispatch_uid="purge_on_page_delete")
        for model in (
            PageViewRestriction,
            CollectionViewRestriction,
            get_document_model(),
            Theme,
            Audience,
            ExternalResource,
            PartnershipSettings,
            Redirect,
            Site,
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    purge_all, sender=model, dispatch_uid=f"purge_{model.__name__}_{id(signal)}"
                )
