"""Addresses under /learning/ that are not pages: the briefings' feed."""

from django.urls import path

from learning.feeds import BriefingFeed

urlpatterns = [path("feed/", BriefingFeed(), name="briefing_feed")]
