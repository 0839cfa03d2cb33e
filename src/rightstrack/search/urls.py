from django.urls import path

from rightstrack.search import views

app_name = "search"
urlpatterns = [
    path("clusters/", views.cluster_suggestion_list, name="cluster_suggestion_list"),
    path("clusters/suggest/", views.cluster_suggestion_create, name="cluster_suggestion_create"),
    path("clusters/<int:pk>/decide/", views.cluster_suggestion_decide, name="cluster_suggestion_decide"),
    path("jobs/reindex/", views.reindex_start, name="reindex_start"),
]
