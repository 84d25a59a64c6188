"""RSS of the latest published reviews at ``/reviews/feed/`` (``?theme=<slug>`` for one theme)."""

from learning.forms import FeedFilterForm
from learning.models import Theme
from reviews.models import ReviewIndexPage
from safeguarding_site.feeds import PageFeed


class ReviewFeed(PageFeed):
    """The latest live, public reviews, newest first."""

    listing_page_model = ReviewIndexPage

    def filter_form(self, request):
        return FeedFilterForm(request.GET, themes=Theme.objects.options())

    def get_pages(self, index):
        return index.get_reviews()

    def item_description(self, item):
        return f"{item.get_review_type_display()}. {item.summary}"
