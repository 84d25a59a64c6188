"""Addresses under /reviews/ that are not pages: the feed, the open-data exports and the
recommendation tracker with its CSV. (A review cannot take one of these slugs:
``reviews.models.RESERVED_REVIEW_SLUGS``.)"""

from django.urls import path

from reviews import exports, views
from reviews.feeds import ReviewFeed

urlpatterns = [
    path("feed/", ReviewFeed(), name="review_feed"),
    path("export.csv", exports.export_csv, name="review_export_csv"),
    path("export.json", exports.export_json, name="review_export_json"),
    path("recommendations/", views.recommendation_tracker, name="recommendation_tracker"),
    path(
        "recommendations.csv",
        exports.export_recommendations_csv,
        name="recommendation_export_csv",
    ),
]
