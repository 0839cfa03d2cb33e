from django.urls import path

from rightstrack.search import views

app_name = "search"
urlpatterns = [
    path("tags/", views.tag_review, name="tag_review"),
    path("tags/suggest/", views.tag_suggest_start, name="tag_suggest_start"),
    path("tags/train/", views.tagger_train_start, name="tagger_train_start"),
    path("models/", views.model_version_list, name="model_version_list"),
    path("clusters/", views.cluster_suggestion_list, name="cluster_suggestion_list"),
    path("clusters/suggest/", views.cluster_suggestion_create, name="cluster_suggestion_create"),
    path("clusters/<int:pk>/decide/", views.cluster_suggestion_decide, name="cluster_suggestion_decide"),
    path("jobs/reindex/", views.reindex_start, name="reindex_start"),
]
