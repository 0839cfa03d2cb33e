"""The home page and the dashboards (overall, and one plan's). Thin: parse, call a selector, render."""

from django.shortcuts import render

from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import role_of
from rightstrack.dashboards.overview import overview
from rightstrack.dashboards.selectors import filter_options, overview_dashboard, plan_dashboard_board
from rightstrack.planning.rounds import focal_point_round_items
from rightstrack.planning.selectors import focal_point_todo, plan_versions, version_numbered
from rightstrack.reports.selectors import ChartFilters


def home(request):
    """A focal point's home is their to-do list; others get the overview; visitors the public summary."""
    if role_of(request.user) == Role.FOCAL_POINT:
        return render(request, "dashboards/home_focal_point.html", {
            **focal_point_todo(user=request.user), "round_items": focal_point_round_items(user=request.user)})
    return render(request, "dashboards/home.html", overview(user=request.user))


def dashboard(request):
    filters = ChartFilters.from_params(request.GET)
    context = {"filters": filters, "options": filter_options(user=request.user),
               "selected": {k: set(request.GET.getlist(k)) for k in request.GET}}
    context.update(overview_dashboard(user=request.user, filters=filters))
    return render(request, "dashboards/dashboard.html", context, status=400 if filters.errors else 200)


def plan_dashboard(request, pk):
    plan, versions = plan_versions(user=request.user, pk=pk)
    version = version_numbered(versions, request.GET.get("version"), versions[-1])
    return render(request, "dashboards/plan_dashboard.html", {
        "plan": plan, "versions": versions, "version": version,
        **plan_dashboard_board(user=request.user, version=version)})
