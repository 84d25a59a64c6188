"""What practitioners tell the partnership about its learning: that a team used a briefing
("We used this briefing"), and whether a review or briefing page was useful.

Both are sent on public forms by people without accounts (``impact.views``), and hold no
personal data: a team's name, an agency and a number of people, never a person's name or
address; a comment that the form asks not to name anyone. Staff read them in the admin and in
the impact report (``impact.report``).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from impact.choices import Agency

TEAM_MAX_LENGTH = 150
ACTIONS_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 1000
MOST_PEOPLE = 500


class BriefingUse(models.Model):
    """A team's use of a 7-minute briefing (a team meeting, supervision, training), as someone
    at that meeting recorded it on the briefing's "We used this briefing" form."""

    briefing = models.ForeignKey(
        "learning.BriefingPage",
        on_delete=models.CASCADE,
        related_name="uses",
        help_text="The briefing the team used.",
    )
    date_used = models.DateField(db_index=True, help_text="The day the team used it.")
    team = models.CharField(
        "team or setting",
        max_length=TEAM_MAX_LENGTH,
        help_text="The team or setting, e.g. 'North locality health visitors'.",
    )
    agency = models.CharField(
        max_length=40, choices=Agency.choices, help_text="The kind of agency the team is in."
    )
    people = models.PositiveSmallIntegerField(
        "people reached",
        validators=[MinValueValidator(1), MaxValueValidator(MOST_PEOPLE)],
        help_text="How many people took part.",
    )
    actions_agreed = models.TextField(
        max_length=ACTIONS_MAX_LENGTH,
        blank=True,
        help_text="What the team agreed to do differently, if they said.",
    )
    created_at = models.DateTimeField(
        "recorded", default=timezone.now, help_text="When the use was recorded."
    )

    class Meta:
        ordering = ["-date_used", "-pk"]
        verbose_name = "briefing use"

    def __str__(self):
        return f"{self.briefing}: {self.team}, {self.date_used:%-d %B %Y}"


class PageFeedback(models.Model):
    """One reader's answer to "Was this page useful?" on a review or a briefing, with the
    comment they chose to add."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="feedback",
        help_text="The review or briefing the feedback is about.",
    )
    useful = models.BooleanField(help_text="Whether the reader found the page useful.")
    comment = models.TextField(
        max_length=COMMENT_MAX_LENGTH, blank=True, help_text="The reader's comment, if any."
    )
    created_at = models.DateTimeField(
        "received", default=timezone.now, db_index=True, help_text="When it was sent."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self):
        answer = "useful" if self.useful else "not useful"
        return f"{self.page}: {answer}, {timezone.localtime(self.created_at):%-d %B %Y}"
