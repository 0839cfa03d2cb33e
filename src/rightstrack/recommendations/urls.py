from django.urls import path

from rightstrack.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("", views.recommendation_list, name="recommendation_list"),
    path("new/", views.recommendation_create, name="recommendation_create"),
    path("link/", views.recommendation_bulk_link, name="recommendation_bulk_link"),
    path("<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("<int:pk>/edit/", views.recommendation_update, name="recommendation_update"),
    path("<int:pk>/delete/", views.recommendation_delete, name="recommendation_delete"),
    path("<int:pk>/publish/", views.recommendation_publish, name="recommendation_publish"),
    path("<int:pk>/status/", views.recommendation_status_override, name="recommendation_status_override"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/new/", views.cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("assess/<str:kind>/<int:pk>/", views.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/edit/", views.assessment_update, name="assessment_update"),
    path("assessments/<int:pk>/publish/", views.assessment_publish, name="assessment_publish"),
]
