"""Admin hooks of the site shell: the two-factor pages and the editors' warnings."""

from django.urls import include, path
from wagtail import hooks

from safeguarding_site import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("", include(two_factor.urlpatterns))]
