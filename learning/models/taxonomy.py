"""The shared vocabulary: learning themes, and the audiences briefings are written for."""

from functools import lru_cache

from django.db import models
from django.urls import get_script_prefix, reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ThemeQuerySet(models.QuerySet):
    def options(self):
        """(slug, name) of every theme, for a filter's choices."""
        return list(self.values_list("slug", "name"))


@lru_cache(maxsize=1024)
def hub_address(script_prefix, slug):
    """The address of the hub of the theme ``slug``, worked out once per slug (a card lists
    its themes, and a listing a dozen cards)."""
    return reverse("theme_detail", args=[slug])


class Theme(index.Indexed, models.Model):
    """A learning theme, such as 'Neglect': the one vocabulary shared by reviews, briefings,
    resources and news. Each theme has a hub page at ``/themes/<slug>/``."""

    name = models.CharField(
        max_length=100, unique=True, help_text="The theme's name, e.g. 'Neglect'."
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Used in addresses and filters (/themes/<slug>/). Lower case, hyphens only.",
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the theme's hub page."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The theme's hub, ``/themes/<slug>/``."""
        return hub_address(get_script_prefix(), self.slug)


class Audience(models.Model):
    """A group of practitioners a briefing is written for, such as 'Health' or 'Education'."""

    name = models.CharField(
        max_length=100, unique=True, help_text="The audience, e.g. 'Early years'."
    )

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
