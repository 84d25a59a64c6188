from django.apps import AppConfig


class SafeguardingSiteConfig(AppConfig):
    """The site shell: home page, standard pages, site settings, search and theme hubs."""

    name = "safeguarding_site"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from treebeard.mp_tree import path_updated
        from wagtail import hooks
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.documents import get_document_model
        from wagtail.models import (
            Collection,
            CollectionViewRestriction,
            Page,
            PageViewRestriction,
            Site,
        )
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from learning.models import (
            Audience,
            ExternalResource,
            LearningIndexPage,
            ResourceIndexPage,
            Theme,
        )
        from reviews.models import Recommendation, ReviewIndexPage
        from safeguarding_site import (
            checks,  # noqa: F401 - registers the deploy checks
            option_counts,
            privacy,
            search_index,
            themes,
        )
        from safeguarding_site.cache import (
            purge_after_bulk_action,
            purge_all,
            purge_on_page_save,
        )
        from safeguarding_site.models import PartnershipSettings

        # Anything that changes what a public page shows drops the whole page cache.
        for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
            signal.connect(purge_all, dispatch_uid=f"purge_on_{id(signal)}")
        post_delete.connect(purge_all, sender=Page, dispatch_uid="purge_on_page_delete")
        post_save.connect(purge_on_page_save, dispatch_uid="purge_on_page_save")
        # A document is private when its collection or an ancestor has a restriction, so a
        # collection added, edited or deleted, a restriction set or removed, or a document
        # saved into another collection may each change which documents public pages show.
        # (A restriction's groups are not watched: any restriction keeps anonymous visitors,
        # the only ones served from the cache, out.)
        for model in (
            PageViewRestriction,
            CollectionViewRestriction,
            Collection,
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
        # treebeard moves a node and its subtree with QuerySet.update(), which sends no save
        # signal: a collection moved under the members' collection makes its documents
        # private. Wagtail's own page moves also send post_page_move; a bare treebeard move
        # of a page does not.
        for model in (Collection, Page):
            path_updated.connect(
                purge_all, sender=model, dispatch_uid=f"purge_{model.__name__}_path_updated"
            )
        # Bulk actions in the admin: "Add to collection" writes with QuerySet.update().
        hooks.register("after_bulk_action", purge_after_bulk_action)

        # An alias shows its original's content: whenever an alias is made or moved, or a
        # restriction is set, changed or removed, every alias of a members-only page gets a
        # restriction of its own (Wagtail's .public(), sitemap and serve check know no other).
        for signal, sender in (
            (post_save, PageViewRestriction),
            (post_delete, PageViewRestriction),
            (m2m_changed, PageViewRestriction.groups.through),
            (post_page_move, None),
            (path_updated, Page),
        ):
            signal.connect(
                privacy.keep_aliases_members_only,
                sender=sender,
                dispatch_uid=f"aliases_{id(signal)}_{id(sender)}",
            )
        post_save.connect(privacy.restrict_new_alias, dispatch_uid="restrict_new_alias")
        # The search index keeps a document link's label only while anyone may download the
        # document: the same changes index again the pages that use the documents concerned.
        document_model = get_document_model()
        post_save.connect(
            search_index.document_saved, sender=document_model, dispatch_uid="reindex_document"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                search_index.restriction_changed,
                sender=CollectionViewRestriction,
                dispatch_uid=f"reindex_restriction_{id(signal)}",
            )
        path_updated.connect(
            search_index.collection_moved, sender=Collection, dispatch_uid="reindex_moved"
        )
        hooks.register("after_bulk_action", search_index.after_bulk_action)
        # The listings' filter-option counts are counted again on the same changes, less those
        # that change no count (a slug, a document, a collection, the settings).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(option_counts.forget, dispatch_uid=f"forget_counts_on_{id(signal)}")
        post_delete.connect(option_counts.forget, sender=Page, dispatch_uid="forget_counts_delete")
        path_updated.connect(option_counts.forget, sender=Page, dispatch_uid="forget_counts_move")
        post_save.connect(option_counts.forget_on_page_save, dispatch_uid="forget_counts_save")
        for model in (PageViewRestriction, Theme, ExternalResource, Recommendation):
            for signal in (post_save, post_delete):
                signal.connect(
                    option_counts.forget,
                    sender=model,
                    dispatch_uid=f"forget_counts_{model.__name__}_{id(signal)}",
                )
        hooks.register("after_bulk_action", option_counts.forget_after_bulk_action)
        for page_model in (ReviewIndexPage, LearningIndexPage, ResourceIndexPage):
            option_counts.keep_counts_for(page_model.counted_listings)
        option_counts.keep_counts_for(themes.counted_hubs)
