/* An event page's small enhancements: the visitor's own time beside the event's
   (only when their clock differs at that moment), and the "Add to calendar" menu
   closing with Escape or a click elsewhere. Without this script the page states
   the time in the event's zone and the menu opens and closes as a <details>. */
(function () {
  "use strict";

  function offsetMinutes(iso) {
    var match = /([+-])(\d\d):(\d\d)$/.exec(iso);
    if (!match) return /Z$/.test(iso) ? 0 : null;
    var minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === "-" ? -minutes : minutes;
  }

  function localTime() {
    var el = document.querySelector("[data-local-time]");
    if (!el || !window.Intl || !Intl.DateTimeFormat) return;
    var startText = el.getAttribute("data-start");
    var start = new Date(startText);
    var end = new Date(el.getAttribute("data-end"));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) return;
    if (offsetMinutes(startText) === -start.getTimezoneOffset()) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    var day = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });
    var time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
    var sameDay = day.format(start) === day.format(end);
    el.textContent =
      "Your time" + (zone ? " (" + zone.replace(/_/g, " ") + ")" : "") + ": " +
      day.format(start) + ", " + time.format(start) + "–" +
      (sameDay ? "" : day.format(end) + ", ") + time.format(end);
    el.hidden = false;
  }

  function calendarMenus() {
    var menus = Array.prototype.slice.call(document.querySelectorAll("details.calendar-menu"));
    menus.forEach(function (menu) {
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) {
          menu.open = false;
          menu.querySelector("summary").focus();
        }
      });
    });
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
  }

  localTime();
  calendarMenus();
})();
