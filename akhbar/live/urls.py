from django.urls import path

import akhbar.network.params  # noqa: F401  (registers the <id:> converter)

from . import views

app_name = "live"

urlpatterns = [
    path("masthead/", views.masthead, name="masthead"),
    path("seen/", views.seen, name="seen"),
    path("coverage/<id:page_id>/", views.coverage, name="coverage"),
]
