"""RSS of the latest 7-minute briefings at ``/learning/feed/`` (``?theme=<slug>`` for one)."""

from learning.forms import FeedFilterForm
from learning.models import LearningIndexPage, Theme
from safeguarding_site.feeds import PageFeed
from safeguarding_site.listing import listing_page_for


class BriefingFeed(PageFeed):
    """The latest live, public briefings, newest first."""

    def get_object(self, request):
        index = listing_page_for(request, LearningIndexPage)
        return index, self.check_form(FeedFilterForm(request.GET, themes=Theme.objects.options()))

    def get_pages(self, index):
        return index.get_briefings()
