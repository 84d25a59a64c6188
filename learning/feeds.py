"""RSS of the latest 7-minute briefings at ``/learning/feed/`` (``?theme=<slug>`` for one)."""

from learning.forms import FeedFilterForm
from learning.models import LearningIndexPage, Theme
from safeguarding_site.feeds import PageFeed


class BriefingFeed(PageFeed):
    """The latest live, public briefings, newest first."""

    listing_page_model = LearningIndexPage

    def filter_form(self, request):
        return FeedFilterForm(request.GET, themes=Theme.objects.options())

    def get_pages(self, index):
        return index.get_briefings()
