"""The dashboard charts by the vocabulary the records are tagged with, and names the records without a lead."""

import pytest
from django.urls import reverse

from rightstrack.recommendations.models import Recommendation
from rightstrack.dashboards.selectors import filter_options, overview_dashboard
from rightstrack.reports.selectors import ChartFilters
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary
from tests.factories import PASSWORD


def _titles(board) -> list[str]:
    return [c.title for c in board["status_charts"]]


@pytest.fixture
def issues(world):
    """Recommendations tagged with UPR Info issues only (as UPR Info exports are), two without a lead."""
    issue = Term.objects.create(vocabulary=Vocabulary.UPR_ISSUE, code="torture", name="Torture and other CID")
    for i, status in enumerate(["in_progress", "implemented", "not_started"]):
        rec = Recommendation.objects.create(source_document=world.document, paragraph=f"7.{i}", text=f"R{i}",
                                            status=status, is_published=True,
                                            lead_institution=world.mia if i == 0 else None)
        TagAssignment.objects.create(recommendation=rec, term=issue, status=TagAssignment.Status.ACCEPTED)
    world.issue = issue
    return world


def test_records_tagged_with_upr_info_issues_are_charted_by_issue(issues):
    board = overview_dashboard(user=issues.users["coordinator"], filters=ChartFilters())
    assert "Implementation status by UPR Info issue" in _titles(board)
    assert "Implementation status by theme" not in _titles(board)  # no theme tag: no empty chart
    assert "Implementation status by SDG" not in _titles(board)
    (chart,) = [c for c in board["status_charts"] if c.title == "Implementation status by UPR Info issue"]
    assert chart.rows == [(str(issues.issue), {"in_progress": 1, "implemented": 1, "not_started": 1})]


def test_theme_tags_give_the_theme_chart_beside_the_issue_chart(issues):
    rec = Recommendation.objects.get(paragraph="7.0")
    TagAssignment.objects.create(recommendation=rec, term=issues.term, status=TagAssignment.Status.ACCEPTED)
    titles = _titles(overview_dashboard(user=issues.users["coordinator"], filters=ChartFilters()))
    assert titles.index("Implementation status by theme") < titles.index("Implementation status by UPR Info issue")


def test_records_without_a_lead_institution_are_a_named_bar_and_a_filter_that_counts_true(client, issues):
    coordinator = issues.users["coordinator"]
    without = Recommendation.objects.filter(lead_institution=None)
    board = overview_dashboard(user=coordinator, filters=ChartFilters())
    (chart,) = [c for c in board["status_charts"] if c.title == "Implementation status by lead institution"]
    assert dict(chart.rows)["No lead institution"] == {"implemented": 1, "not_started": 1} and "—" not in dict(chart.rows)
    assert ("none", "No lead institution") in filter_options(user=coordinator)["institution"]
    narrowed = overview_dashboard(user=coordinator, filters=ChartFilters(institution=["none"]))
    assert sum(narrowed["recommendation_totals"].values()) == without.count() == 2
    client.login(username="coord", password=PASSWORD)
    page = client.get(reverse("dashboards:dashboard"), {"institution": "none", "issue": str(issues.issue.pk)})
    assert page.status_code == 200 and '<option value="none" selected>' in page.content.decode()
