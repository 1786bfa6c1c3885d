/* capneeds review: keyboard shortcuts.
 *
 * Every action is a plain link or form button in the page, marked with
 * data-key="x"; a key press clicks it, so the pages work the same without
 * JavaScript and the shortcut list shown by "?" is the list the server
 * rendered. Nothing here builds HTML from data: no report text ever passes
 * through JavaScript.
 */
(function () {
  "use strict";

  var busy = false; // a form was submitted or a link followed: ignore keys until the next page

  function typing(element) {
    if (!element || !element.tagName) return false;
    var tag = element.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || element.isContentEditable;
  }

  function helpPanel() {
    return document.getElementById("shortcuts");
  }

  function toggleHelp(force) {
    var panel = helpPanel();
    if (!panel) return;
    panel.open = typeof force === "boolean" ? force : !panel.open;
    if (panel.open) panel.scrollIntoView({ block: "nearest" });
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("a.row-open"));
  }

  function moveRow(step) {
    var links = rows();
    if (!links.length) return;
    var current = links.indexOf(document.activeElement);
    var next = current === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(current + step, 0), links.length - 1);
    links.forEach(function (link) { link.closest("tr").classList.remove("selected"); });
    links[next].closest("tr").classList.add("selected");
    links[next].focus();
  }

  function find(key) {
    var candidates = document.querySelectorAll("[data-key]");
    for (var i = 0; i < candidates.length; i += 1) {
      if (candidates[i].getAttribute("data-key") === key) return candidates[i];
    }
    return null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key;
    if (typing(event.target)) {
      if (key === "Escape") event.target.blur();
      return;
    }
    if (key === "?") {
      event.preventDefault();
      toggleHelp();
      return;
    }
    if (key === "Escape") {
      toggleHelp(false);
      return;
    }
    if (key.length === 1) key = key.toLowerCase();
    if (busy) {
      event.preventDefault();
      return;
    }
    var page = document.body.getAttribute("data-page");
    if (page === "queue" && (key === "j" || key === "k")) {
      event.preventDefault();
      moveRow(key === "j" ? 1 : -1);
      return;
    }
    if (page === "queue" && key === "o" && rows().indexOf(document.activeElement) !== -1) {
      event.preventDefault();
      busy = true;
      document.activeElement.click();
      return;
    }
    var target = find(key);
    if (!target || target.disabled) return;
    event.preventDefault();
    if (typing(target)) {
      target.focus();
      if (target.select) target.select();
      return;
    }
    if (target.hasAttribute("data-toggle")) {
      target.click(); // shown/hidden by the click handler below
      return;
    }
    var tag = target.tagName.toLowerCase();
    if (tag === "a" || (tag === "button" && (target.type || "submit") === "submit")) busy = true;
    target.click();
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-toggle]") : null;
    if (!target) return;
    var toggled = document.getElementById(target.getAttribute("data-toggle"));
    if (!toggled) return;
    event.preventDefault();
    toggled.hidden = !toggled.hidden;
    target.setAttribute("aria-expanded", String(!toggled.hidden));
  });

  // a page restored from the back/forward cache must take keys again
  window.addEventListener("pageshow", function () { busy = false; });
  // forms submitted by mouse also count: one submission per page
  document.addEventListener("submit", function () { busy = true; });
})();
