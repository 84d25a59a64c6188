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
    """What the link checks (``manage.py check_links``) have found at a resource's address.

    - unchecked: nothing is confirmed yet: never checked, its address changed since, or no
      check has given a definite answer yet (a first failure leaves the state as it was);
    - working: it answered with a page, directly or through temporary redirects;
    - moved: it answered with a page after a permanent redirect (301 or 308) to another
      address: it works, but should be changed to the new one;
    - broken: it failed on two checks in a row (not found, server error, no such host, refused,
      timed out, a bad certificate), has answered "busy" (429, 503) for a week, or points
      into a private network. Hidden from the public.
    """

    UNCHECKED = "unchecked", "Not confirmed yet"
    WORKING = "working", "Working"
    BROKEN = "broken", "Broken"
    MOVED = "moved", "Moved"
