"""`rightstrack demo --no-serve` builds a fresh SQLite database with the whole Kazakhstan set."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

# A subprocess builds the demo with the real models, always on SQLite (`make demo`'s database).
pytestmark = [pytest.mark.slow, pytest.mark.real_model, pytest.mark.sqlite_run_only]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RIGHTSTRACK_DATA_DIR"}}
    result = subprocess.run([sys.executable, "-m", "rightstrack.cli", "demo", "--no-serve", "--data-dir", str(data_dir)],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return data_dir, result.stdout, sqlite3.connect(data_dir / "rightstrack.sqlite3")

def one(db, sql, *args):
    return db.execute(sql, args).fetchone()[0]

def test_it_prints_one_login_per_role(demo_db):
    _, out, _ = demo_db
    for login in ("admin-demo", "coordinator-demo", "focal-demo", "assessor-demo", "viewer-demo"):
        assert login in out

def test_it_loads_the_322_real_recommendations_with_responses(demo_db):
    _, _, db = demo_db
    assert one(db, "select count(*) from recommendations_recommendation") == 322
    assert one(db, "select count(*) from recommendations_recommendation where response='noted'") == 58
    assert one(db, "select count(*) from recommendations_recommendation where is_illustrative") == 0
    text = one(db, "select text from recommendations_recommendation where external_id='KAZ-UPR1-95.2'")
    assert text.startswith("To sign and ratify the Optional Protocol to the International Covenant on Economic")

def test_cycle_one_coding_is_loaded_as_accepted_person_tags(demo_db):
    _, _, db = demo_db
    rows = db.execute("""select t.source, t.status, count(*) from taxonomy_tagassignment t
                         join recommendations_recommendation r on r.id=t.recommendation_id
                         join recommendations_sourcedocument d on d.id=r.source_document_id
                         group by d.cycle, t.source, t.status""").fetchall()
    assert {(s, st) for s, st, _ in rows} == {("person", "accepted")}
    cycle2 = one(db, """select count(*) from taxonomy_tagassignment t join recommendations_recommendation r
                        on r.id=t.recommendation_id join recommendations_sourcedocument d on d.id=r.source_document_id
                        where d.cycle=2""")
    assert cycle2 == 0  # the cycle-2 coding is withheld for independent evaluation

def test_the_plan_has_two_versions_and_the_party_threshold_amendment(demo_db):
    _, _, db = demo_db
    assert one(db, "select count(*) from planning_actionplanversion") == 2
    assert one(db, "select count(*) from legislation_amendment where before='20,000 members' and after='5,000 members'") == 1
    linked = one(db, """select count(*) from legislation_legalact_measures lm join planning_measure m on m.id=lm.measure_id
                        where m.key='S-PARTY'""")
    assert linked >= 1

def test_progress_reports_cover_every_workflow_state(demo_db):
    _, _, db = demo_db
    states = {r[0] for r in db.execute("select state from planning_progressreport")}
    assert states == {"draft", "submitted", "approved", "returned"}
    assert one(db, "select count(*) from planning_indicatorvalue") >= 4

def test_every_row_has_history(demo_db):
    _, _, db = demo_db
    assert one(db, "select count(*) from recommendations_historicalrecommendation") >= 322


def test_the_load_queues_only_the_sdg_tagging_job_because_reindex_embedded_every_text(demo_db):
    _, out, db = demo_db
    assert db.execute("select task_path, status from django_tasks_database_dbtaskresult").fetchall() == [
        ("rightstrack.jobs.tasks.run_job", "READY")]
    assert db.execute("select kind, params, state from jobs_job").fetchall() == [("tag", '{"taxonomy": "sdg"}',
                                                                                 "queued")]
    assert "SDG tag suggestions" in out
    assert one(db, "select count(*) from search_recommendationembedding") == 322


def test_the_load_suggests_the_near_duplicates_across_cycles(demo_db):
    _, out, db = demo_db
    suggested = one(db, "select count(*) from search_clustersuggestion where status='suggested'")
    assert suggested > 0 and f"Suggested {suggested} groups of near-duplicate" in out
    # The cycle-1 and cycle-2 versions of the draft law on domestic violence form one group.
    members = db.execute("""select r.external_id from search_clustersuggestion_recommendations m
                            join recommendations_recommendation r on r.id=m.recommendation_id
                            where m.clustersuggestion_id in (select m2.clustersuggestion_id
                                from search_clustersuggestion_recommendations m2 join recommendations_recommendation r2
                                on r2.id=m2.recommendation_id where r2.external_id='KAZ-UPR1-95.14')""").fetchall()
    assert sorted(m[0] for m in members) == ["KAZ-UPR1-95.14", "KAZ-UPR2-124.10"]


def test_every_recommendation_a_moved_measure_answers_has_moved(demo_db):
    """The independent check of issue 18: S-DP (implemented) and S-MED (in progress) move the 12 they answer."""
    _, _, db = demo_db
    stuck = db.execute("""select r.id from recommendations_recommendation r
                          join planning_measure_recommendations l on l.recommendation_id=r.id
                          join planning_measure m on m.id=l.measure_id
                          join planning_actionplanversion v on v.id=m.version_id
                          where m.status!='not_started' and r.status='not_started'
                            and v.number=(select max(number) from planning_actionplanversion w where w.plan_id=v.plan_id)
                       """).fetchall()
    assert stuck == []
    moved = dict(db.execute("""select m.key, count(distinct r.id) from recommendations_recommendation r
                               join planning_measure_recommendations l on l.recommendation_id=r.id
                               join planning_measure m on m.id=l.measure_id
                               where m.key in ('S-DP', 'S-MED') and r.status!='not_started' group by m.key"""))
    assert moved == {"S-DP": 6, "S-MED": 6}
    with_lead = one(db, "select count(*) from recommendations_recommendation where lead_institution_id is not null")
    linked = one(db, "select count(distinct recommendation_id) from planning_measure_recommendations")
    assert with_lead >= linked > 30  # every linked recommendation takes its lead institution from its measures


def test_the_history_of_statuses_starts_at_the_sources_dates(demo_db):
    """No flat zero and a jump to 322 on load day: recommendations exist from their review's date."""
    _, _, db = demo_db
    first = dict(db.execute("""select d.cycle, min(date(h.history_date)) from recommendations_historicalrecommendation h
                               join recommendations_sourcedocument d on d.id=h.source_document_id
                               where h.history_type='+' group by d.cycle"""))
    assert first[1] < "2011-01-01" and first[2] < "2015-06-01"
    moved = one(db, """select min(date(history_date)) from recommendations_historicalrecommendation
                       where status!='not_started'""")
    assert "2023-01-01" < moved < "2024-01-01"  # when the illustrative reports of mid-2023 were approved


def test_an_open_reporting_round_has_some_answers_in(demo_db):
    _, _, db = demo_db
    assert one(db, "select count(*) from planning_reportinground where state = 'open'") == 1
    assert one(db, "select count(*) from planning_reportinground_measures") == 4
    answers = one(db, "select count(*) from planning_progressreport r join planning_reportinground g "
                      "on r.period_end >= g.period_end where r.state = 'submitted'")
    assert answers == 2


def test_a_second_run_keeps_the_data_and_says_so_unless_fresh(demo_db):
    data_dir, _, db = demo_db
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RIGHTSTRACK_DATA_DIR"}}
    db.execute("update recommendations_recommendation set paragraph='kept' where external_id='KAZ-UPR1-95.2'")
    db.commit()
    again = subprocess.run([sys.executable, "-m", "rightstrack.cli", "demo", "--no-serve", "--data-dir", str(data_dir)],
                           capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Keeping the existing demo data" in again.stdout and "--fresh" in again.stdout
    assert one(db, "select paragraph from recommendations_recommendation where external_id='KAZ-UPR1-95.2'") == "kept"


def test_mails_link_to_the_port_the_demo_serves_on():
    from rightstrack.demo.management.commands.serve import site_url

    assert site_url("127.0.0.1", 8123) == "http://127.0.0.1:8123"
    assert site_url("0.0.0.0", 8200) == "http://127.0.0.1:8200"


def test_a_first_run_does_not_claim_to_delete_anything(demo_db):
    _, out, _ = demo_db
    assert out.startswith("Creating ") and "Deleting" not in out and "Replacing" not in out


def test_every_mechanism_has_its_russian_and_kazakh_name(demo_db):
    _, _, db = demo_db
    names = {code: json.loads(t)["name"] for code, t in db.execute("select code, translations from recommendations_mechanism")}
    assert len(names) == 10 and all(set(n) == {"ru", "kk"} for n in names.values())
    assert names["CAT"] == {"ru": "Комитет против пыток", "kk": "Азаптауға қарсы комитет"}
