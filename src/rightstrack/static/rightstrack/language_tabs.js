// A translatable field's original and languages as tabs (WAI-ARIA tabs: click, or arrow keys). Without this
// script every language's input is shown one below the other. A tab whose input has an error opens first.
(function () {
  document.querySelectorAll("fieldset.translated").forEach(function (group) {
    var list = group.querySelector("[role=tablist]");
    var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
    function select(tab, focus) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
      });
      if (focus) { tab.focus(); }
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (step) { event.preventDefault(); select(tabs[(i + step + tabs.length) % tabs.length], true); }
      });
    });
    list.hidden = false;
    var failing = tabs.filter(function (t) {
      return document.getElementById(t.getAttribute("aria-controls")).querySelector(".has-error");
    });
    select(failing[0] || tabs[0], false);
  });
})();
