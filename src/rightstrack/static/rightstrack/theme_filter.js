// Follow-a-theme: typing in "Find a theme" keeps the themes whose name holds every word typed, with their groups
// opened; a ticked theme always stays in view.
(function () {
  var input = document.getElementById("theme-filter");
  if (!input) { return; }
  var none = document.getElementById("theme-filter-none");
  var groups = document.querySelectorAll(".theme-tree .theme-group");
  input.addEventListener("input", function () {
    var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    groups.forEach(function (group) {
      var any = false;
      group.querySelectorAll("li").forEach(function (item) {
        var text = item.textContent.toLocaleLowerCase();
        var ticked = item.querySelector("input:checked") !== null;
        var match = ticked || words.every(function (w) { return text.indexOf(w) !== -1; });
        item.hidden = !match;
        any = any || match;
      });
      group.hidden = !any;
      if (words.length) { group.open = any; }
      if (any) { shown += 1; }
    });
    none.hidden = shown > 0;
  });
})();
