"""RSS of the latest published reviews at ``/reviews/feed/`` (``?theme=<slug>`` for one theme)."""

from learning.forms import FeedFilterForm
from learning.models import Theme
from reviews.models import ReviewIndexPage
from safeguarding_site.feeds import PageFeed
from safeguarding_site.listing import listing_page_for


class ReviewFeed(PageFeed):
    """The latest live, public reviews, newest first."""

    def get_object(self, request):
        index = listing_page_for(request, ReviewIndexPage)
        return index, self.check_form(FeedFilterForm(request.GET, themes=Theme.objects.options()))

    def get_pages(self, index):
        return index.get_reviews()

    def item_description(self, item):
        return f"{item.get_review_type_display()}. {item.summary}"
