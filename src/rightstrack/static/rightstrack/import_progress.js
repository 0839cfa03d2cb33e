// The import page while a job runs: poll the status endpoint, move the bar, reload into the review when done.
// Without this script the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("import-progress"), bar = document.getElementById("progress-bar");
  if (!box || !bar) { return; }
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        bar.value = s.progress;
        document.getElementById("progress-label").textContent = s.label;
        if (s.running) { setTimeout(poll, 700); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 500);
})();
