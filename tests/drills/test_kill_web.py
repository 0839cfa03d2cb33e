"""kill -9 of the web server in the middle of a burst of page reads and form saves: `rightstrack serve` starts it
again (as gunicorn's master does its workers) and says so, no request gets a 5xx, and every save cut off by the
kill either happened whole or not at all."""

import os
import re
import signal
import threading
from datetime import date, timedelta

import pytest
import requests

from tests.drills.site import free_port, wait_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.slow
SAVERS, READERS = 4, 2


class Burst:
    """Threads that save progress reports (each with a date of its own) and read the home page, until stopped."""

    def __init__(self, base: str, measure: int, institution: int):
        self.base, self.measure, self.institution = base, measure, institution
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.saved: list[str] = []  # dates of the reports whose save was answered with a redirect to them
        self.unanswered: list[str] = []  # dates of saves cut off before an answer
        self.statuses: list[int] = []
        self.threads = [threading.Thread(target=self._save, args=(n,)) for n in range(SAVERS)]
        self.threads += [threading.Thread(target=self._read) for _n in range(READERS)]

    def _session(self) -> requests.Session:
        session = requests.Session()
        session.get(f"{self.base}accounts/login/", timeout=60)
        answer = session.post(f"{self.base}accounts/login/", timeout=60, allow_redirects=False, data={
            "username": "focal", "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]})
        assert answer.status_code == 302, answer.text[-2000:]
        return session

    def _save(self, n: int) -> None:
        session, i = self._session(), 0
        url = f"{self.base}plans/report/measure/{self.measure}/"
        while not self.stopping.is_set():
            day = (date(2000, 1, 1) + timedelta(days=n * 10_000 + i)).isoformat()
            i += 1
            try:
                answer = session.post(url, timeout=60, allow_redirects=False, headers={"Referer": url}, data={
                    "csrfmiddlewaretoken": session.cookies["csrftoken"], "institution": self.institution,
                    "period_end": day, "narrative": f"drill {day}", "proposed_status": "in_progress"})
            except requests.ConnectionError:
                with self.lock:
                    self.unanswered.append(day)
                wait_for(lambda: self._up() or self.stopping.is_set(), 60, every=0.2)
                continue
            with self.lock:
                self.statuses.append(answer.status_code)
                if answer.status_code == 302:
                    self.saved.append(day)

    def _up(self) -> bool:
        try:
            return requests.get(self.base, timeout=10).status_code == 200
        except requests.ConnectionError:
            return False

    def _read(self) -> None:
        while not self.stopping.is_set():
            try:
                status = requests.get(self.base, timeout=60).status_code
            except requests.ConnectionError:
                wait_for(lambda: self._up() or self.stopping.is_set(), 60, every=0.2)
                continue
            with self.lock:
                self.statuses.append(status)

    def saves(self) -> int:
        with self.lock:
            return len(self.saved)


def test_serve_restarts_a_killed_web_server_and_no_save_is_half_done(site):
    port = free_port()
    serve = site.start("serve", "--port", str(port), log="serve.log")
    base = f"http://127.0.0.1:{port}/"
    assert wait_for(lambda: "web server pid" in site.log("serve.log"), 240), site.log("serve.log")
    web = int(re.search(r"web server pid (\d+)", site.log("serve.log")).group(1))
    measure = site.query("SELECT id FROM planning_measure WHERE key = 'M1'")[0][0]
    institution = site.query("SELECT id FROM accounts_institution WHERE abbreviation = 'MIA'")[0][0]
    reports = site.query("SELECT COUNT(*) FROM planning_progressreport")[0][0]
    burst = Burst(base, measure, institution)
    assert wait_for(burst._up, 240, every=0.5), site.log("serve.log")[-3000:]

    for thread in burst.threads:
        thread.start()
    try:
        assert wait_for(lambda: burst.saves() >= 10, 240), (burst.statuses[-20:], site.log("serve.log")[-3000:])
        os.kill(web, signal.SIGKILL)
        restarted = wait_for(lambda: re.search(r"Web server stopped \(exit code -9\); restarted \(pid (\d+)\)",
                                               site.log("serve.log")), 60)
        assert restarted, site.log("serve.log")[-3000:]
        assert int(restarted.group(1)) != web
        before = burst.saves()
        assert wait_for(lambda: burst.saves() >= before + 10, 240), site.log("serve.log")[-3000:]
    finally:
        burst.stopping.set()
        for thread in burst.threads:
            thread.join(timeout=120)

    assert serve.poll() is None
    assert set(burst.statuses) <= {200, 302}, sorted(set(burst.statuses))
    assert burst.unanswered, "the kill cut no request off: the drill proved nothing"
    # Every answered save is there once; a save cut off is there whole (with its history) or not at all.
    days = {str(day) for (day,) in site.query("SELECT period_end FROM planning_progressreport WHERE narrative "
                                              "LIKE 'drill %'")}
    assert set(burst.saved) <= days <= set(burst.saved) | set(burst.unanswered)
    created = site.query("SELECT COUNT(*) FROM planning_progressreport")[0][0] - reports
    assert created == len(days)
    history = site.query("SELECT COUNT(DISTINCT id) FROM planning_historicalprogressreport WHERE history_type = '+'"
                         " AND narrative LIKE 'drill %'")[0][0]
    assert history == created
