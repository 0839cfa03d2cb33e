from django.urls import path

from rightstrack.reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<int:pk>/compare/", views.plan_compare, name="plan_compare"),
    path("reports/new/", views.report_request, name="report_request"),
    path("reports/preview/<str:kind>/", views.report_preview, name="report_preview"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
    path("reports/archive/", views.report_archive, name="report_archive"),
    path("reports/templates/", views.report_template_list_view, name="report_template_list"),
    path("reports/templates/<int:pk>/build/", views.report_template_build_view, name="report_template_build"),
    path("reports/templates/<int:pk>/delete/", views.report_template_delete_view, name="report_template_delete"),
]
