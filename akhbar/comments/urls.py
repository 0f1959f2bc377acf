from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/", views.comment_page, name="page"),
    path("form/<int:article_id>/", views.form_state, name="form"),
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("report/<int:comment_id>/", views.report_comment, name="report"),
    path("challenge/", views.challenge, name="challenge"),
    path("terms/", views.terms, name="terms"),
]
