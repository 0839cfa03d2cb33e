// Report builder: show only the fields of the chosen report kind. Without this script every field shows,
// grouped by kind, and the server ignores the fields the kind does not use.
(function () {
  "use strict";
  function update(form) {
    var kind = form.querySelector("[name=kind]").value;
    form.querySelectorAll("[data-kinds]").forEach(function (field) {
      field.hidden = field.getAttribute("data-kinds").split(" ").indexOf(kind) < 0;
    });
    form.querySelectorAll("fieldset.kind-group").forEach(function (group) {
      var fields = group.querySelectorAll(".field");
      group.hidden = fields.length > 0 && Array.prototype.every.call(fields, function (f) { return f.hidden; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.report-builder");
    if (!form) return;
    form.querySelector("[name=kind]").addEventListener("change", function () { update(form); });
    update(form);
  });
})();
