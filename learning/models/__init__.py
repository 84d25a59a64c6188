"""Learning: the shared vocabulary of themes, external resources, 7-minute briefings and news.

One module a kind of thing; ``learning`` imports nothing from ``reviews`` or the site shell's
pages, only the shell's shared modules (listing, blocks, privacy, rich-text features).
"""

from learning.models.briefings import (
    BriefingDownloadCount,
    BriefingPage,
    BriefingSourceReview,
    LearningIndexPage,
    PrintableBriefing,
)
from learning.models.news import NewsDocument, NewsIndexPage, NewsLink, NewsPage
from learning.models.resources import ExternalResource, ResourceIndexPage
from learning.models.taxonomy import Audience, Theme

__all__ = [
    "Audience",
    "BriefingDownloadCount",
    "BriefingPage",
    "BriefingSourceReview",
    "ExternalResource",
    "LearningIndexPage",
    "NewsDocument",
    "NewsIndexPage",
    "NewsLink",
    "NewsPage",
    "PrintableBriefing",
    "ResourceIndexPage",
    "Theme",
]
