"""Tag review keeps the addresses it had in the search app (`/search/tags/`, `/search/models/`), so bookmarks work:
the project's urls.py includes these under `search/`."""

from django.urls import path

from rightstrack.tagreview import views

app_name = "tagreview"
urlpatterns = [
    path("tags/", views.tag_review, name="tag_review"),
    path("tags/suggest/", views.tag_suggest_start, name="tag_suggest_start"),
    path("tags/train/", views.tagger_train_start, name="tagger_train_start"),
    path("models/", views.model_version_list, name="model_version_list"),
]
