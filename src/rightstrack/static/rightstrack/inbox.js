// The inbox's "select all on this page" box; without JavaScript each row is checked by hand (or ?select=all).
document.addEventListener("DOMContentLoaded", function () {
  var all = document.querySelector("#bulk-review .select-all");
  if (!all) return;
  var boxes = document.querySelectorAll('#bulk-review input[name="reports"]');
  all.hidden = false;
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
});
