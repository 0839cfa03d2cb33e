"""The home page."""

from django.shortcuts import render

from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import role_of
from rightstrack.dashboards.overview import overview
from rightstrack.planning.rounds import focal_point_round_items
from rightstrack.planning.selectors import focal_point_todo


def home(request):
    """A focal point's home is their to-do list; others get the overview; visitors the public summary."""
    if role_of(request.user) == Role.FOCAL_POINT:
        return render(request, "dashboards/home_focal_point.html", {
            **focal_point_todo(user=request.user), "round_items": focal_point_round_items(user=request.user)})
    return render(request, "dashboards/home.html", overview(user=request.user))
