"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from rightstrack.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("rightstrack.accounts.urls")),
    path("recommendations/", include("rightstrack.recommendations.urls")),
    path("plans/", include("rightstrack.planning.urls")),
    path("legal-acts/", include("rightstrack.legislation.urls")),
    path("taxonomy/", include("rightstrack.taxonomy.urls")),
    path("dashboards/", include("rightstrack.reports.urls")),
    path("imports/", include("rightstrack.imports.urls")),
    path("exports/", include("rightstrack.exports.urls")),
    path("search/", include("rightstrack.search.urls")),
    path("search/", include("rightstrack.tagreview.urls")),  # tag review's addresses from before it left search
    path("jobs/", include("rightstrack.jobs.urls")),
    path("audit/", include("rightstrack.audit.urls")),
    path("public/", include("rightstrack.portal.urls")),
    path("public/subscriptions/", include("rightstrack.subscriptions.urls")),
    path("api/v1/", api.urls()),
    path("", include("rightstrack.dashboards.urls")),
    path("", include("rightstrack.core.urls")),
]

# A database out of reach answers 503 (try again shortly) rather than 500.
handler500 = "rightstrack.core.views.server_error"
