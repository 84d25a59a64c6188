"""The fixed lists of the impact app, kept apart from the models so that forms and the report
can offer them without importing the models."""

from django.db import models


class Agency(models.TextChoices):
    """The kind of agency a team that used a briefing works for: the three safeguarding
    partners (local authority, integrated care board, police) and the relevant agencies that
    Working Together names.

    A fixed list, not the owning agencies that reviews' recommendations name: those are free
    text, one spelling per review ("ICB", "Integrated Care Board"), and would split one
    agency's uses over several rows of the report.
    """

    CHILDRENS_SOCIAL_CARE = "childrens-social-care", "Children's social care"
    EARLY_HELP = "early-help", "Early help or family support"
    EDUCATION = "education", "School, college or education service"
    EARLY_YEARS = "early-years", "Early years or childcare"
    PRIMARY_CARE = "primary-care", "GP or primary care"
    HEALTH_PROVIDER = "health-provider", "Hospital, community or public health services"
    MENTAL_HEALTH = "mental-health", "Mental health services"
    INTEGRATED_CARE_BOARD = "icb", "Integrated care board"
    POLICE = "police", "Police"
    PROBATION_YOUTH_JUSTICE = "probation-youth-justice", "Probation or youth justice"
    HOUSING = "housing", "Housing"
    ADULT_SERVICES = "adult-services", "Adult social care"
    VOLUNTARY_SECTOR = "voluntary-sector", "Voluntary, community or faith organisation"
    OTHER = "other", "Another agency"


class Useful(models.TextChoices):
    """The answer to "Was this page useful?"."""

    YES = "yes", "Yes"
    NO = "no", "No"
