/* Loads js/comments.js when the comments come near the screen, when the form is used
   or when the address points at a comment: a reader who never scrolls that far does
   not download it. Until then the form posts without JavaScript, as it always can. */
(function () {
  "use strict";
  var section = document.querySelector("[data-comments]");
  if (!section || !window.fetch) return;
  var loaded = false;

  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = section.getAttribute("data-script");
    document.head.appendChild(script);
  }

  if (/^#comment/.test(location.hash) || /[?&]comment=/.test(location.search) || !window.IntersectionObserver) {
    load();
    return;
  }
  section.addEventListener("focusin", load);
  new IntersectionObserver(function (entries, observer) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) {
      observer.disconnect();
      load();
    }
  }, { rootMargin: "800px 0px" }).observe(section);
})();
