from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Child Safeguarding Practice Reviews and other reviews, with their recommendations."""

    name = "reviews"
    verbose_name = "Reviews"
