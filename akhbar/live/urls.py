from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("masthead/", views.masthead, name="masthead"),
    path("seen/", views.seen, name="seen"),
    path("coverage/<int:page_id>/", views.coverage, name="coverage"),
]
