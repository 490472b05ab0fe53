/* Names for screen readers, on the Voila pages and on the Solara pages alike (the Voila template
 * includes this file in its page; the pages server serves it and data/pages/assets/custom.js
 * loads it). ipywidgets labels a control only through its description; the kit's controls
 * without one (a cell of a table of rows, a rating in the grid) carry their name as the widget's
 * tooltip, which lands on the widget's outer element as a title: it is copied onto the control
 * itself as aria-label. A chart's tooltip is its text alternative and becomes the image's alt.
 * A date cell's tooltip is on its hidden label: it is copied too. The page gets a main landmark
 * around its cells (Voila's #rendered_cells, the pages' .wk-site box). */
(function () {
  "use strict";
  var pending = false;
  function named(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) { return true; }
    var labels = control.labels ? Array.prototype.slice.call(control.labels) : [];
    return labels.some(function (label) { return label.textContent.trim() !== ""; });
  }
  function name() {
    pending = false;
    var cells = document.getElementById("rendered_cells") || document.querySelector(".wk-site");
    if (!cells) { return; }
    if (!document.querySelector("main, [role=main]")) { cells.setAttribute("role", "main"); }
    cells.querySelectorAll("input, select, textarea").forEach(function (control) {
      if (control.type === "hidden" || control.type === "file" || named(control)) { return; }
      var titled = control.closest("[title]");
      var text = titled ? titled.getAttribute("title") : "";
      if (!text && control.labels && control.labels.length) {
        // a date cell: ipywidgets puts its tooltip on the (hidden, empty) label instead
        text = control.labels[0].getAttribute("title") || "";
        if (text === "null") { text = ""; }
      }
      if (!text) { text = control.getAttribute("placeholder") || ""; }
      if (text) { control.setAttribute("aria-label", text); }
    });
    cells.querySelectorAll("img.wk-chart").forEach(function (img) {
      // a chart keeps the text alternative the kit wrote; one without is named from its title
      if (!img.getAttribute("alt")) {
        img.setAttribute("alt", img.getAttribute("title") || "Chart");
      }
    });
  }
  new MutationObserver(function () {
    if (!pending) { pending = true; window.requestAnimationFrame(name); }
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ["title", "class"]});
  name();
})();
