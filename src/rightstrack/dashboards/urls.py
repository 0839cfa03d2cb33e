from django.urls import path

from rightstrack.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboards/", views.dashboard, name="dashboard"),
    path("dashboards/plans/<int:pk>/", views.plan_dashboard, name="plan_dashboard"),
]
