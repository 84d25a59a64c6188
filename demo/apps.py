"""The demo app: invented content for ``make run`` and generated reviews for load tests."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Invented demo content for ``make run`` and generated reviews for load tests.

    Apart from the product: it has no models, and no other app imports it.
    """

    name = "demo"
    verbose_name = "Demo content"
