from django.urls import path

from rightstrack.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("recommendations/", views.recommendation_list_view, name="recommendation_list"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("measures/", views.measure_list_view, name="measure_list"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("plans/", views.plan_list_view, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("legal-acts/", views.legal_act_list_view, name="legal_act_list"),
    path("legal-acts/<int:pk>/", views.legal_act_detail, name="legal_act_detail"),
    path("open-data/", views.open_data, name="open_data"),
]
