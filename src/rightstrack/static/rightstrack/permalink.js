// The permalink box selects its whole address on focus, ready to copy (an external script: the CSP forbids inline ones).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("input[data-select-on-focus]").forEach(function (box) {
    box.addEventListener("focus", function () { box.select(); });
  });
});
