"""Every create, update and delete writes who, when and what, in the same transaction as the change."""

from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.utils import formats, translation

from rightstrack.core.history import history_entries
from rightstrack.legislation import services as legislation
from rightstrack.legislation.models import LegalAct
from rightstrack.recommendations import services as recommendations


def test_update_records_user_and_field_diff(world):
    coordinator = world.users["coordinator"]
    recommendations.recommendation_status_override(actor=coordinator, recommendation=world.recommendation,
                                                   status="in_progress", reason="Reported by the ministry in a letter")
    entry = history_entries(world.recommendation)[0]
    assert entry.user == coordinator and entry.kind == "~"
    changed = {c.field: (c.old, c.new) for c in entry.changes}
    assert changed["status"] == ("not_started", "in_progress")


def test_create_and_delete_are_recorded(world):
    coordinator = world.users["coordinator"]
    act = legislation.legal_act_create(actor=coordinator, kind="law", title="Law abolishing the death penalty")
    pk = act.pk
    legislation.legal_act_delete(actor=coordinator, legal_act=act)
    kinds = list(LegalAct.history.filter(id=pk).order_by("history_date").values_list("history_type", "history_user"))
    assert kinds == [("+", coordinator.pk), ("-", coordinator.pk)]


def test_m2m_change_is_in_the_diff(world):
    coordinator = world.users["coordinator"]
    recommendations.recommendation_update(actor=coordinator, recommendation=world.recommendation,
                                          institutions_from_measures=False, co_executors=[world.moh])
    changes = {c.field: (c.old, c.new) for c in history_entries(world.recommendation)[0].changes}
    assert changes["co-executors"] == ("", str(world.moh))


def test_a_failed_change_leaves_neither_data_nor_history(world):
    coordinator = world.users["coordinator"]
    before = world.recommendation.history.count()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            recommendations.recommendation_status_override(actor=coordinator, recommendation=world.recommendation,
                                                           status="implemented", reason="The law entered into force")
            raise RuntimeError("the caller's transaction fails after the service ran")
    world.recommendation.refresh_from_db()
    assert world.recommendation.status == "not_started"
    assert world.recommendation.history.count() == before


def test_history_is_shown_on_the_detail_page(client, world):
    coordinator = world.users["coordinator"]
    recommendations.recommendation_update(actor=coordinator, recommendation=world.recommendation, paragraph="124.9")
    client.force_login(coordinator)
    page = client.get(world.recommendation.get_absolute_url()).content.decode()
    assert "124.9" in page and 'id="history"' in page and "coord" in page


def test_foreign_keys_show_the_record_not_its_id(world):
    recommendations.recommendation_update(actor=world.users["coordinator"], recommendation=world.recommendation,
                                          institutions_from_measures=False, lead_institution=world.moh)
    changes = {c.field: c for c in history_entries(world.recommendation)[0].changes}
    assert changes["lead institution"].shown_new == str(world.moh)
    assert changes["lead institution"].shown_old == str(world.mia)


def test_a_changed_time_is_shown_in_the_site_time_zone_as_the_entry_time_is(world, settings):
    """A time in a diff (stored in UTC) reads in the site's zone and format, like the entry's own time beside it:
    it read 3:56 a.m. (UTC) beside an entry at 8:56 a.m. (Almaty)."""
    settings.TIME_ZONE = "Asia/Almaty"  # UTC+5 all year
    published = datetime(2026, 11, 30, 3, 56, tzinfo=UTC)
    recommendations.recommendation_update(actor=world.users["coordinator"], recommendation=world.recommendation,
                                          published_at=published)
    [entry] = [e for e in history_entries(world.recommendation) if any(c.field == "published at" for c in e.changes)]
    shown = next(c for c in entry.changes if c.field == "published at").shown_new
    assert shown == formats.date_format(datetime(2026, 11, 30, 8, 56), "SHORT_DATETIME_FORMAT")


def test_translations_and_dates_read_as_words_not_python_values(world):
    recommendations.recommendation_update(actor=world.users["coordinator"], recommendation=world.recommendation,
                                          translations={"text": {"ru": "Ратифицировать протокол"}},
                                          deadline=datetime(2026, 12, 7).date())
    changes = {c.field: c for c in history_entries(world.recommendation)[0].changes}
    shown = changes[next(k for k in changes if k.startswith("translation"))].shown_new
    assert "Russian: Ратифицировать протокол" in shown and "{" not in shown and "'" not in shown
    assert changes["deadline"].shown_new == "7 Dec 2026"


def test_stored_reasons_read_in_the_readers_language():
    from django.utils import translation

    from rightstrack.core.history import reason_display

    with translation.override("ru"):
        assert reason_display("submitted") == "отправлено"
        assert reason_display("returned: attach the order") == "возвращено на доработку: attach the order"
        assert reason_display("linked to measure 3") == "связано с мерой 3"
        assert reason_display("something new") == "something new"


def test_a_created_record_reads_its_language_by_name_and_hides_its_derived_sort_key(world):
    with translation.override("ru"):
        changes = {c.field: c.shown_new for c in history_entries(world.recommendation)[-1].changes}
    assert changes["язык"] == "Английский"
    assert "paragraph key" not in changes and "paragraph_key" not in changes and changes["пункт"] == "124.1"


def test_translations_in_history_name_their_field_and_language(world):
    world.plan.set_translation("title", "ru", "План действий")
    world.plan.save()
    with translation.override("ru"):
        shown = {c.field: c.shown_new for c in history_entries(world.plan)[0].changes}["переводы"]
    assert shown == "наименование: Русский: План действий"
