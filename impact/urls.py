"""Public addresses of the impact app (``impact.views``): ``/used/<briefing id>/`` and
``/feedback/<page id>/``, each with its ``thanks/``."""

from django.urls import path

from impact import views

urlpatterns = [
    path("used/<int:briefing_id>/", views.briefing_use, name="briefing_use"),
    path("used/<int:briefing_id>/thanks/", views.briefing_use_thanks, name="briefing_use_thanks"),
    path("feedback/<int:page_id>/", views.page_feedback, name="page_feedback"),
    path("feedback/<int:page_id>/thanks/", views.page_feedback_thanks, name="page_feedback_thanks"),
]
