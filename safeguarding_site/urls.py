"""URL map (DESIGN.md): public addresses are part of the product, keep them stable."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from safeguarding_site import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Every download goes through Wagtail's checked view; MEDIA_URL is never served.
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include(wagtail_urls)),
]
