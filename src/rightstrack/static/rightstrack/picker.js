// Linking pickers: update the results as you type, and "select all on this page" on the recommendation list.
// Without this script the pickers are plain GET forms and every page still works.
(function () {
  "use strict";
  function live(form) {
    var target = document.getElementById(form.dataset.pickerResults);
    var timer = null, sent = 0;
    function refresh() {
      var params = new URLSearchParams(form.dataset.pickerParams || "");
      new FormData(form).forEach(function (value, name) { params.append(name, value); });
      var ticket = ++sent;
      fetch(form.dataset.picker + "?" + params.toString(), {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) { if (ticket === sent) { target.innerHTML = html; } })
        .catch(function () { /* the Search button still works */ });
    }
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
  }
  function selectAll(box) {
    box.hidden = false;
    var rows = document.querySelectorAll('input[type=checkbox][form="' + box.getAttribute("form") + '"][name="' + box.dataset.selectAll + '"]');
    box.addEventListener("change", function () {
      rows.forEach(function (row) { row.checked = box.checked; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-picker]").forEach(live);
    document.querySelectorAll("input[data-select-all]").forEach(selectAll);
  });
})();
