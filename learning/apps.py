from django.apps import AppConfig


class LearningConfig(AppConfig):
    """7-minute briefings, external resources, themes and news."""

    name = "learning"
    verbose_name = "Learning"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from treebeard.mp_tree import path_updated
        from wagtail.documents import get_document_model
        from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from learning.models import BriefingPage
        from learning.printable import forget_printables, make_printable_on_publish

        page_published.connect(
            make_printable_on_publish, sender=BriefingPage, dispatch_uid="briefing_printable"
        )
        # What a stored PDF links may have become members-only, or moved.
        for signal in (page_unpublished, post_page_move, page_slug_changed):
            signal.connect(forget_printables, dispatch_uid=f"forget_printables_{id(signal)}")
        post_delete.connect(forget_printables, sender=Page, dispatch_uid="forget_on_page_delete")
        for model in (PageViewRestriction, CollectionViewRestriction, get_document_model()):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_printables,
                    sender=model,
                    dispatch_uid=f"forget_printables_{model.__name__}_{id(signal)}",
                )
        for model in (Page, Collection):  # treebeard moves subtrees without a save signal
            path_updated.connect(
                forget_printables, sender=model, dispatch_uid=f"forget_on_move_{model.__name__}"
            )
