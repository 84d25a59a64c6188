from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """What learning does in practice: "we used this briefing" records, page feedback and the
    staff's impact report (with the printable briefings' download counts kept by ``learning``)."""

    name = "impact"
    verbose_name = "Impact"
