/*
 * Progressive enhancement only: every page works without this file.
 *
 * Quick exit ("Exit this page"): the button is a plain link. Here it replaces the current
 * page in the browser history (so Back does not return to it), hides the page at once, and
 * also fires when Shift is pressed three times within a second with no other key between.
 */
(function () {
  "use strict";

  var button = document.querySelector("[data-quick-exit-url]");
  if (!button) {
    return;
  }
  var url = button.getAttribute("data-quick-exit-url") || button.href;
  var shiftPresses = [];
  var WINDOW_MS = 1000;

  function exitPage() {
    document.documentElement.classList.add("is-exiting");
    window.location.replace(url);
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exitPage();
  });

  // Any other key in between starts the count again.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      shiftPresses = [];
    }
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      shiftPresses = [];
      return;
    }
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (time) {
      return now - time < WINDOW_MS;
    });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) {
      shiftPresses = [];
      exitPage();
    }
  });

  // A page restored from the back/forward cache must not stay hidden.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("is-exiting");
  });

  var hint = button.querySelector("[data-quick-exit-hint]");
  if (hint) {
    hint.hidden = false;
  }
})();
