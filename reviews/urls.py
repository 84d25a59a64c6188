"""Addresses under /reviews/ that are not pages: the feed and the open-data exports."""

from django.urls import path

from reviews import exports
from reviews.feeds import ReviewFeed

urlpatterns = [
    path("feed/", ReviewFeed(), name="review_feed"),
    path("export.csv", exports.export_csv, name="review_export_csv"),
    path("export.json", exports.export_json, name="review_export_json"),
]
