from django.urls import path

from rightstrack.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/<int:pk>/", views.plan_dashboard, name="plan_dashboard"),
    path("plans/<int:pk>/compare/", views.plan_compare, name="plan_compare"),
    path("reports/new/", views.report_request, name="report_request"),
    path("reports/preview/<str:kind>/", views.report_preview, name="report_preview"),
    path("reports/jobs/<int:pk>/", views.report_job_detail, name="report_job_detail"),
    path("reports/jobs/<int:pk>/download/", views.report_job_download, name="report_job_download"),
]
