/* 无障碍 / 适老化 mode (large text, high contrast; remembered in localStorage), the document page's
   【字体 大 中 小】, 打印 and 关闭. Loaded in <head> so the mode applies before the page paints. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "gongkai-a11y";
  function stored(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function store(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  if (stored(KEY) === "1") root.classList.add("a11y");

  function sync() {
    var on = root.classList.contains("a11y");
    document.querySelectorAll("[data-a11y-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    sync();
    document.querySelectorAll("[data-a11y-toggle]").forEach(function (b) {
      b.addEventListener("click", function () {
        var on = root.classList.toggle("a11y");
        store(KEY, on ? "1" : "0");
        sync();
      });
    });
    document.querySelectorAll("[data-font]").forEach(function (b) {
      b.addEventListener("click", function () {
        var target = document.querySelector(b.getAttribute("data-target") || ".body");
        if (!target) return;
        target.classList.remove("font-l", "font-m", "font-s");
        target.classList.add("font-" + b.getAttribute("data-font"));
        document.querySelectorAll("[data-font]").forEach(function (o) {
          o.setAttribute("aria-pressed", o === b ? "true" : "false");
        });
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-close]").forEach(function (b) {
      b.addEventListener("click", function () {
        window.close();
        // A tab the visitor opened themselves cannot be closed by the page: go back instead.
        window.setTimeout(function () {
          if (window.history.length > 1) window.history.back();
          else window.location.href = b.getAttribute("data-close") || "/";
        }, 150);
      });
    });
  });
})();
