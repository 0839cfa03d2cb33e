"""The plan diff service and the chart module."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from rightstrack.planning.models import ActionPlanVersion, Measure
from rightstrack.reports import charts
from rightstrack.reports.diff import plan_version_diff
from rightstrack.reports.figures import indicator_chart


@pytest.fixture
def amended(world):
    v2 = ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Decree No. 871 (2022)")
    same = Measure.objects.create(version=v2, key="M2", number="2", text="Prison medical care to MoH",
                                  lead_institution=world.moh, is_published=True)
    changed = Measure.objects.create(version=v2, key="M1", number="1.1", text="A service model for the police",
                                     lead_institution=world.mia, deadline=date(2022, 12, 31), is_published=True)
    changed.co_executors.add(world.moh)
    Measure.objects.create(version=v2, key="M3", number="3", text="Party threshold from 20,000 to 5,000")
    world.measure.recommendations.clear()
    return world, v2, same, changed


@pytest.mark.django_db
def test_diff_matches_measures_by_key_and_lists_changed_fields(amended):
    world, v2, _same, changed = amended
    diff = plan_version_diff(old_version=world.version, new_version=v2)
    assert [m.key for m in diff.added] == ["M3"] and diff.removed == [] and diff.unchanged == 1
    (change,) = diff.changed
    assert change.key == "M1" and change.old == world.measure and change.new == changed
    assert [(f.field, f.before, f.after) for f in change.changes] == [
        ("number", "1", "1.1"), ("text", "Service model for the police", "A service model for the police"),
        ("co_executors", "", "MoH")]


@pytest.mark.django_db
def test_diff_respects_the_readable_measures(amended):
    world, v2, *_ = amended
    from rightstrack.planning.selectors import measure_list

    diff = plan_version_diff(old_version=world.version, new_version=v2, measures=measure_list(user=None))
    assert diff.added == []  # M3 is unpublished, so anonymous visitors do not learn about it


@pytest.mark.django_db
def test_plan_diff_report(amended, tmp_path, settings):
    world, *_ = amended
    out = tmp_path / "diff.xlsx"
    call_command("report", "--kind", "plan-diff", "--plan", str(world.plan.pk), "--from", "1", "--to", "2",
                 "--format", "xlsx", "--output", str(out), "--no-progress")
    book = load_workbook(out)
    assert book.sheetnames == ["Cover", "Summary", "Added", "Removed", "Changed"]
    assert [[c.value for c in row] for row in book["Changed"].iter_rows(min_row=2)][0] == [
        "M1", "1.1", "number", "1", "1.1"]
    with pytest.raises(CommandError, match="this plan has 1, 2"):
        call_command("report", "--kind", "plan-diff", "--plan", str(world.plan.pk), "--from", "1", "--to", "7",
                     "--format", "xlsx", "--output", str(out), "--no-progress")


def test_charts_are_valid_svg_with_escaped_labels_and_words_in_the_legend():
    svg = charts.stacked_bars("Status <by> cluster", [("Torture & ill-treatment", {"implemented": 2, "in_progress": 1})],
                              [("implemented", "Implemented"), ("in_progress", "In progress")])
    root = ElementTree.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Status <by> cluster" in texts and "Implemented" in texts and "In progress" in texts and "3" in texts
    line = charts.line_chart("HELP", [charts.Series("Actual", [(date(2023, 12, 31), 120), (date(2024, 12, 31), 260)]),
                                      charts.Series("Target", [(date(2023, 12, 31), 500), (date(2024, 12, 31), 500)],
                                                    dashed=True)])
    assert "stroke-dasharray" in line and ElementTree.fromstring(line) is not None
    assert charts.to_png(line)[:8] == b"\x89PNG\r\n\x1a\n"


def test_empty_charts_still_render():
    assert "<svg" in charts.stacked_bars("Nothing", [], [("implemented", "Implemented")])
    assert "<svg" in charts.line_chart("Nothing", [])


def test_an_indicator_chart_names_its_unit_in_the_readers_language(world):
    world.indicator.translations = {"unit": {"ru": "человек"}}
    world.indicator.save()
    with translation.override("ru"):
        assert indicator_chart(world.indicator).title.endswith("(человек)")
    assert indicator_chart(world.indicator).title.endswith("(persons)")
