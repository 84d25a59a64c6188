"""The fixed lists of the reviews app: kinds of review, report status, the child's age band,
recommendation status (recorded, and as the site shows it) and kinds of review document. Kept
apart from the models so that forms, feeds and exports can offer them without importing the
models."""

from django.db import models


class ReviewType(models.TextChoices):
    """The kind of review."""

    LOCAL_CSPR = "local-cspr", "Local Child Safeguarding Practice Review"
    RAPID_REVIEW = "rapid-review", "Rapid review"
    SERIOUS_CASE_REVIEW = "scr", "Serious Case Review (legacy)"
    NATIONAL_PANEL = "national-panel", "National panel review"
    SAFEGUARDING_ADULTS = "sar", "Safeguarding Adults Review"
    DOMESTIC_HOMICIDE = "dhr", "Domestic Homicide Review"
    THEMATIC = "thematic", "Thematic or learning review"


class ReportStatus(models.TextChoices):
    """Whether a review's full report is published (not whether the page is live)."""

    PUBLISHED = "published", "Published"
    DELAYED = "delayed", "Delayed by parallel proceedings"
    SUMMARY_ONLY = "summary-only", "Summary only"
    ARCHIVED = "archived", "Archived: summary kept, full report on request"


class AgeBand(models.TextChoices):
    """The child's age at the time of the incident."""

    UNBORN = "unborn", "Unborn"
    UNDER_1 = "under-1", "Under 1"
    AGE_1_4 = "1-4", "1 to 4"
    AGE_5_10 = "5-10", "5 to 10"
    AGE_11_15 = "11-15", "11 to 15"
    AGE_16_17 = "16-17", "16 to 17"


class RecommendationStatus(models.TextChoices):
    """Where the work on a recommendation stands, as the owning agency reports it. "Overdue" is
    not among them: it is worked out from the due date (``reviews.tracking``), never typed."""

    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETED = "completed", "Completed"


class TrackedStatus(models.TextChoices):
    """A recommendation's status as the site shows it: "Overdue" when its due date has passed
    and it is not completed (``reviews.tracking``), otherwise its recorded status. Every
    recommendation has exactly one, so counts by tracked status add up to the whole."""

    NOT_STARTED = RecommendationStatus.NOT_STARTED.value, RecommendationStatus.NOT_STARTED.label
    IN_PROGRESS = RecommendationStatus.IN_PROGRESS.value, RecommendationStatus.IN_PROGRESS.label
    COMPLETED = RecommendationStatus.COMPLETED.value, RecommendationStatus.COMPLETED.label
    OVERDUE = "overdue", "Overdue"


class DocumentType(models.TextChoices):
    """What a review's document is."""

    FULL_REPORT = "full-report", "Full report"
    EXECUTIVE_SUMMARY = "executive-summary", "Executive summary"
    ACTION_PLAN = "action-plan", "Action plan"
    LEARNING_BRIEFING = "learning-briefing", "Learning briefing"
