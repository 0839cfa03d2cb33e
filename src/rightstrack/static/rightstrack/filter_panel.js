// On a phone the filter panel starts folded, so the results come first; on a wide screen it stays open.
(function () {
  var narrow = window.matchMedia("(max-width: 800px)");
  document.querySelectorAll("details.filter-panel").forEach(function (panel) {
    if (narrow.matches) { panel.open = false; }
  });
})();
