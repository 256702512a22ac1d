/* Site search with Pagefind's UI. Without JavaScript the page keeps a plain form and a
 * note; with it, results appear as you type, filterable by kind and by the filters the kinds' pages carry.
 * A query in the address (?q=lentils, as sent by the header form) is searched at once. */
(function () {
  "use strict";

  function start() {
    var host = document.querySelector("[data-search]");
    if (!host) return;
    if (typeof window.PagefindUI !== "function") {
      // pagefind-ui.js did not load: the index is not built (a preview), say so.
      var missing = document.querySelector("[data-search-missing]");
      if (missing) missing.hidden = false;
      return;
    }
    var bundle = host.dataset.bundle || "/pagefind/";
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: host.dataset.baseUrl || "/",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true,
      translations: { placeholder: "Search this site" }
    });
    // Pagefind names its box only by placeholder and title; give it a real accessible name.
    var input = document.querySelector("#search .pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", "Search this site");
    var fallback = document.querySelector("[data-search-fallback]");
    if (fallback) fallback.hidden = true;
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
