"""The fixed lists of the learning app: who publishes a resource, what kind it is, and whether
its link works. Kept apart from the models so that forms, feeds and exports can offer them
without importing the models."""

from django.db import models


class Publisher(models.TextChoices):
    """Who publishes an external resource."""

    NSPCC = "nspcc", "NSPCC"
    NATIONAL_PANEL = "national-panel", "Child Safeguarding Practice Review Panel"
    GOVERNMENT = "government", "Government department"
    OTHER = "other", "Other"


class ResourceType(models.TextChoices):
    """What kind of external resource it is; /resources/ groups resources by this."""

    REPOSITORY = "repository", "Repository"
    NATIONAL_REVIEW = "national-review", "National review"
    BRIEFING_PAPER = "briefing-paper", "Briefing paper"
    PRESENTATION = "presentation", "Presentation"
    RESEARCH = "research", "Research"
    PROCEDURES = "procedures", "Procedures"


class LinkStatus(models.TextChoices):
    """The result of the last check of an external resource's address."""

    UNCHECKED = "unchecked", "Not checked yet"
    WORKING = "working", "Working"
    BROKEN = "broken", "Broken"
    MOVED = "moved", "Moved"
