/* Shared by the Voila pages and the Solara pages (the Voila template includes this file in its
 * page; the pages server serves it and data/pages/assets/custom.js loads it).
 * Live counters. A field tagged wk-limit-N (activities/parts.py limited, a table's Column
 * limit) gets "123 of 500 characters" under it, counted here in the browser as the person types:
 * the field still sends its value to the kernel only when it is left, so a room typing at once
 * sends no keystrokes. The counter turns amber from 90% of the limit and red over it, and only
 * then speaks (aria-live) so a screen reader is not read every count. A value the kernel puts
 * into a field fires no input event, so the counters are also brought up to date after the page
 * changes and every second. The save still checks the length and says so in words.
 * Tick-box lists (CheckboxList) become groups labelled by their heading, for screen readers. */
(function () {
  "use strict";
  var NEAR = 0.9, serial = 0, pending = false;
  function limitOf(box) {
    var m = /(?:^|\s)wk-limit-(\d+)(?:\s|$)/.exec(box.className);
    return m ? parseInt(m[1], 10) : 0;
  }
  function counterOf(box, field) {
    var counter = box.querySelector(":scope > .wk-counter");
    if (!counter) {
      counter = document.createElement("div");
      counter.className = "wk-counter";
      counter.id = "wk-counter-" + (++serial);
      box.classList.add("wk-counted");
      box.appendChild(counter);
    }
    var described = (field.getAttribute("aria-describedby") || "").split(/\s+/);
    if (described.indexOf(counter.id) < 0) {
      field.setAttribute("aria-describedby", described.concat([counter.id]).join(" ").trim());
    }
    return counter;
  }
  function count(box) {
    var field = box.querySelector("textarea, input[type=text], input:not([type])");
    var limit = limitOf(box);
    if (!field || !limit) { return; }
    var counter = counterOf(box, field);
    var used = Array.from(field.value || "").length;  // characters, as the kit counts them
    var over = used > limit, near = !over && used >= NEAR * limit;
    var text = used + " of " + limit + " characters" +
      (over ? ": " + (used - limit) + " too many" : "");
    if (counter.textContent !== text) { counter.textContent = text; }
    var left = Math.max(0, field.getBoundingClientRect().left - box.getBoundingClientRect().left);
    if (counter.style.left !== left + "px") { counter.style.left = left + "px"; }
    counter.classList.toggle("wk-counter-near", near);
    counter.classList.toggle("wk-counter-over", over);
    if (near || over) {
      if (counter.getAttribute("aria-live") !== "polite") { counter.setAttribute("aria-live", "polite"); }
    } else if (counter.hasAttribute("aria-live")) { counter.removeAttribute("aria-live"); }
  }
  function grouped(list) {  // a tick-box list is a group named by its heading
    var heading = list.querySelector(":scope > .wk-checks-label");
    if (!heading) { return; }
    if (!heading.id) { heading.id = "wk-checks-label-" + (++serial); }
    list.setAttribute("role", "group");
    list.setAttribute("aria-labelledby", heading.id);
  }
  function countAll() {
    pending = false;
    document.querySelectorAll("[class*='wk-limit-']").forEach(count);
    document.querySelectorAll(".wk-checks:not([role=group])").forEach(grouped);
  }
  function soon() { if (!pending) { pending = true; window.requestAnimationFrame(countAll); } }
  document.addEventListener("input", function (event) {
    var box = event.target && event.target.closest ? event.target.closest("[class*='wk-limit-']") : null;
    if (box) { count(box); }
  }, true);
  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var target = records[i].target;
      if (target.nodeType === 3) { target = target.parentNode; }
      if (!(target && target.classList && target.classList.contains("wk-counter"))) { soon(); return; }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
  window.setInterval(countAll, 1000);
  countAll();
})();
