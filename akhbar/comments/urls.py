from django.urls import path

import akhbar.network.params  # noqa: F401  (registers the <id:> converter)

from . import unsubscribe, views

app_name = "comments"

urlpatterns = [
    path("<id:article_id>/", views.comment_page, name="page"),
    path("form/<id:article_id>/", views.form_state, name="form"),
    path("post/<id:article_id>/", views.post_comment, name="post"),
    path("report/<id:comment_id>/", views.report_comment, name="report"),
    path("challenge/", views.challenge, name="challenge"),
    path("terms/", views.terms, name="terms"),
    path("unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
