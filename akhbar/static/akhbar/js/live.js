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

/* Live coverage: new entries arrive without a reload (a cacheable JSON poll with an ETag), corrected
   entries are replaced, relative times («منذ 5 دقائق») stay current, and polling stops once editors
   end the coverage. New entries are announced once to screen readers. */
(function () {
  "use strict";

  var root = document.querySelector("[data-live-coverage]");
  if (!root) return;
  var list = root.querySelector("[data-live-entries]");
  var announcer = root.querySelector("[data-live-announce]");
  var words = JSON.parse(root.getAttribute("data-words"));
  var etag = root.getAttribute("data-etag");
  var pollMs = (parseInt(root.getAttribute("data-poll"), 10) || 15) * 1000;
  var timer = null;

  function category(n) {
    var rest = n % 100;
    if (n === 1) return 0;
    if (n === 2) return 1;
    if (rest >= 3 && rest <= 10) return 2;
    if (rest >= 11 && rest <= 99) return 3;
    return 4;
  }
  function localDigits(text) {
    return words.digits === "arabic" ? text.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }) : text;
  }
  function phrase(n, forms) {
    var c = category(n);
    return c < 2 ? forms[c] : localDigits(String(n)) + " " + forms[c];
  }
  function relative(iso) {
    var seconds = (Date.now() - Date.parse(iso)) / 1000;
    if (isNaN(seconds) || seconds >= 7 * 86400 || seconds <= -60) return null;
    if (seconds < 60) return words.justNow;
    var minutes = Math.floor(seconds / 60);
    if (minutes < 120) return words.ago + " " + phrase(minutes, words.minutes);
    if (minutes < 1440) return words.ago + " " + phrase(Math.floor(minutes / 60), words.hours);
    return words.ago + " " + phrase(Math.floor(minutes / 1440), words.days);
  }
  function refreshTimes() {
    Array.prototype.forEach.call(list.querySelectorAll("[data-relative]"), function (time) {
      var text = relative(time.getAttribute("datetime"));
      if (text && time.textContent !== text) time.textContent = text;
    });
  }

  function current() {
    var byId = {};
    Array.prototype.forEach.call(list.querySelectorAll("[data-entry]"), function (entry) {
      byId[entry.getAttribute("data-entry")] = entry.parentNode;
    });
    return byId;
  }

  function apply(data) {
    var known = current();
    var added = 0;
    var fresh = document.createDocumentFragment();
    data.entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.innerHTML = entry.html;
      if (!known[String(entry.id)]) added++;
      fresh.appendChild(item);
    });
    var changed = added > 0 || data.entries.length !== Object.keys(known).length ||
      data.entries.some(function (entry) {
        var old = known[String(entry.id)];
        return !old || old.innerHTML.replace(/\s+/g, "") !== entry.html.replace(/\s+/g, "");
      });
    if (changed && data.entries.length) {
      list.innerHTML = "";
      list.appendChild(fresh);
    }
    if (added && announcer) announcer.textContent = announcer.getAttribute("data-new-entry") + " (" + localDigits(String(added)) + ")";
    refreshTimes();
    if (!data.live) {
      var status = root.querySelector("[data-live-status]");
      var ended = root.querySelector("[data-ended-text]");
      if (status && ended && ended.hidden) { status.hidden = true; ended.hidden = false; }
      window.clearInterval(timer);
    }
  }

  function poll() {
    if (document.hidden || !window.fetch) return;
    var headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(root.getAttribute("data-url"), { headers: headers, credentials: "omit" })
      .then(function (response) {
        if (response.status === 304 || !response.ok) return null;
        etag = response.headers.get("ETag") || etag;
        return response.json();
      })
      .then(function (data) { if (data) apply(data); })
      .catch(function () {});
  }

  refreshTimes();
  window.setInterval(refreshTimes, 30000);
  if (root.querySelector(".live-badge:not(.is-ended)")) timer = window.setInterval(poll, pollMs);
})();
