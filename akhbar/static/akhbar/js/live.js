/* The masthead's live parts: the date of the day (it turns at the site's midnight even on a cached
   page) and the breaking-news lines, refreshed from a small, briefly cached fragment. Each new line is
   announced once to screen readers; lines leave at their expiry. Vanilla, deferred, same origin. */
(function () {
  "use strict";

  /* One view of an article, counted after the page is shown to a person (not while prerendered or in
     a background tab); the beacon carries the page id only. */
  var viewed = document.querySelector("[data-count-view]");
  if (viewed && navigator.sendBeacon) {
    var sent = false;
    var sendView = function () {
      if (sent || document.visibilityState !== "visible" || document.prerendering) return;
      sent = true;
      navigator.sendBeacon(viewed.getAttribute("data-count-url"),
        new Blob([viewed.getAttribute("data-count-view")], { type: "text/plain" }));
    };
    if (document.readyState === "complete") sendView(); else window.addEventListener("load", sendView);
    document.addEventListener("visibilitychange", sendView);
    document.addEventListener("prerenderingchange", sendView);
  }
})();

(function () {
  "use strict";

  var bar = document.querySelector("[data-breaking]");
  if (!bar) return;
  var list = bar.querySelector("[data-breaking-lines]");
  var announcer = document.querySelector("[data-breaking-announce]");
  var today = document.querySelector("[data-today]");
  var url = bar.getAttribute("data-live-url");
  var POLL_MS = 5000;
  var seen = {};

  Array.prototype.forEach.call(list.children, function (item) { seen[item.getAttribute("data-id")] = true; });

  function expired(item) {
    var at = Date.parse(item.getAttribute("data-expires"));
    return !isNaN(at) && at <= Date.now();
  }

  function lineItem(line) {
    var item = document.createElement("li");
    item.setAttribute("data-id", String(line.id));
    item.setAttribute("data-expires", line.expires);
    var target = item;
    if (line.url) { target = document.createElement("a"); target.href = line.url; item.appendChild(target); }
    target.textContent = line.text;
    return item;
  }

  function render(lines) {
    var wanted = {};
    if (lines) lines.forEach(function (line) { wanted[String(line.id)] = line; });
    Array.prototype.slice.call(list.children).forEach(function (item) {
      var id = item.getAttribute("data-id");
      if ((lines && !wanted[id]) || expired(item)) list.removeChild(item);
      else delete wanted[id];
    });
    Object.keys(wanted).forEach(function (id) {
      var line = wanted[id];
      if (Date.parse(line.expires) <= Date.now()) return;
      list.insertBefore(lineItem(line), list.firstChild);
      if (!seen[id] && announcer) announcer.textContent = announcer.getAttribute("data-prefix") + " " + line.text;
      seen[id] = true;
    });
    bar.hidden = list.children.length === 0;
  }

  function showDay(day) {
    today.querySelector("[data-gregorian]").textContent = day.gregorian;
    today.querySelector("[data-hijri]").textContent = day.hijri;
  }

  function turnDay() {
    if (!today) return;
    var at = Date.parse(today.getAttribute("data-midnight"));
    if (isNaN(at)) return;
    var wait = at - Date.now();
    if (wait <= 0) {
      showDay({ gregorian: today.getAttribute("data-tomorrow-gregorian"), hijri: today.getAttribute("data-tomorrow-hijri") });
      return;
    }
    window.setTimeout(turnDay, Math.min(wait + 500, 3600000));
  }

  function refresh() {
    if (document.hidden || !window.fetch) { render(null); return; }
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { render(null); return; }
        render(data.breaking || []);
        if (today && data.date) {
          showDay(data.date.today);
          today.setAttribute("data-tomorrow-gregorian", data.date.tomorrow.gregorian);
          today.setAttribute("data-tomorrow-hijri", data.date.tomorrow.hijri);
          today.setAttribute("data-midnight", data.date.midnight);
        }
      })
      .catch(function () { render(null); });
  }

  turnDay();
  render(null);
  refresh();
  window.setInterval(refresh, POLL_MS);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
