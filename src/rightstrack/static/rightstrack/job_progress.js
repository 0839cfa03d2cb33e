// A page following a running job: poll the jobs API (GET /api/v1/jobs/<id>), move the bar, and reload the page
// when the job ends. Without this script the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";
  var box = document.querySelector(".job-progress[data-job-url]");
  if (!box) { return; }
  var bar = box.querySelector("progress"), percent = box.querySelector("[data-job-percent]"),
      step = box.querySelector("[data-job-step]");
  function poll() {
    fetch(box.dataset.jobUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) {
        if (job.state === "done" || job.state === "failed") { window.location.reload(); return; }
        bar.value = job.percent;
        percent.textContent = job.percent + "%";
        step.textContent = job.step;
        setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 500);
})();
