/* Collapse the filter panel on narrow screens so the results come first; it stays a <details>. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 800px)").matches) return;
  document.querySelectorAll("details[data-collapse-narrow]").forEach(function (el) {
    el.open = false;
  });
})();
