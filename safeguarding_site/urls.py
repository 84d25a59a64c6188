"""URL map (DESIGN.md): public addresses are part of the product, keep them stable."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from alerts import urls as alert_urls
from impact import urls as impact_urls
from learning import urls as learning_urls
from reviews import urls as review_urls
from safeguarding_site import accounts, collection_privacy, documents, media, themes, views

member_login = auth_views.LoginView.as_view(
    template_name="registration/login.html",
    authentication_form=accounts.MemberLoginForm,
    redirect_authenticated_user=True,
)

urlpatterns = [
    # Before Wagtail's own: a GET must not drop the session cookie while the session lives on.
    path("admin/logout/", accounts.AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    # Before Wagtail's own: a collection is restricted to groups only, never "any signed-in user".
    path(
        "admin/collections/<int:collection_id>/privacy/",
        collection_privacy.set_privacy,
        name="collection_set_privacy_groups_only",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Every download goes through Wagtail's checked view; MEDIA_URL is never served. Any
    # file name, with slashes too, comes here: privacy is asked before the name is compared.
    re_path(
        r"^documents/(?P<document_id>\d+)/(?P<document_filename>.*)$",
        documents.serve_document,
        name="document_serve",
    ),
    # Shared passwords are not a restriction this site uses: Wagtail's password forms for
    # documents and pages answer 404 to every request, telling nothing of what exists.
    re_path(r"^documents/authenticate_with_password/", views.not_found),
    re_path(r"^_util/authenticate_with_password/", views.not_found),
    path("documents/", include(wagtaildocs_urls)),
    re_path(
        r"^media/(?P<folder>images|original_images)/(?P<path>.+)$",
        media.serve_image,
        name="media_image",
    ),
    path("search/", views.search, name="search"),
    path("themes/", themes.theme_index, name="theme_index"),
    path("themes/<slug:slug>/", themes.theme_detail, name="theme_detail"),
    path("reviews/", include(review_urls)),
    path("learning/", include(learning_urls)),
    path("alerts/", include(alert_urls)),
    # "We used this briefing" (/used/<id>/, short enough to type from a printed briefing) and
    # "Was this page useful?" (/feedback/<id>/).
    path("", include(impact_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("health/", views.health, name="health"),
    path("login/", member_login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Wagtail's own front-end sign-in, served by the members' form: one form to hold to the
    # same checks (Wagtail's would take a username too long for the lockout's table).
    path("_util/login/", member_login, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
]
