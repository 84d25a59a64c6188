from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts: practitioners subscribe to themes, review types or every new briefing,
    confirm by email, and get a daily or weekly digest of what was published."""

    name = "alerts"
    verbose_name = "Email alerts"
