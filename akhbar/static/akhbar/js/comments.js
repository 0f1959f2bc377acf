/* Comment form: characters-left counter, the self-hosted proof-of-work check (ALTCHA-style), and the
   form's per-reader parts. The article page is the same for every reader (shared caches keep it): its
   form comes without CSRF token or security check, hidden, beside a link to the comment page. This
   script shows the form and fetches those parts (and the outcome of the reader's last post) from
   data-form-url, never cached. Without JavaScript the link leads to the comment page, whose form is
   complete and asks a question in Arabic words instead of the proof of work. Every sentence shown
   comes translated from the page (#comments-strings). Vanilla, deferred, same-origin only. */
(function () {
  "use strict";

  var form = document.getElementById("comment-form");
  if (!form) return;
  var strings = {};
  try { strings = JSON.parse(document.getElementById("comments-strings").textContent); } catch (e) { strings = {}; }
  function t(key, values) {
    var text = strings[key] || "";
    for (var name in values || {}) text = text.split("{" + name + "}").join(values[name]);
    return text;
  }
  var deferred = form.hasAttribute("hidden");
  var pageLink = document.querySelector("[data-comment-page-link]");
  if (deferred) {
    form.hidden = false;
    if (pageLink) pageLink.hidden = true;
  }

  /* ---- SHA-256 over ASCII strings (salt and number are ASCII), synchronous and small. ---- */
  var K = [];
  (function () {
    var n = 2, found = 0;
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) | 0; }
    while (found < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
      if (prime) K[found++] = frac(Math.pow(n, 1 / 3));
      n++;
    }
  })();
  var H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var W = new Array(64);

  function sha256hex(text) {
    var bytes = text.length, words = [], i;
    for (i = 0; i < bytes; i++) words[i >> 2] |= (text.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
    words[bytes >> 2] |= 0x80 << (24 - (bytes % 4) * 8);
    var total = ((bytes + 8) >> 6) * 16 + 16;
    for (i = words.length; i < total; i++) words[i] = words[i] | 0;
    words[total - 1] = bytes * 8;
    var h = H0.slice();
    for (var block = 0; block < total; block += 16) {
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        if (i < 16) W[i] = words[block + i] | 0;
        else {
          var x = W[i - 15], y = W[i - 2];
          var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
          var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
          W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
        }
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var out = "";
    for (i = 0; i < 8; i++) out += ("00000000" + (h[i] >>> 0).toString(16)).slice(-8);
    return out;
  }

  /* ---- Characters-left counter: graphemes, so a letter with harakat or an emoji counts once. ---- */
  var body = form.querySelector("#id_body");
  var counter = form.querySelector("[data-counter]");
  var announce = form.querySelector("[data-counter-announce]");
  var limit = parseInt(body.getAttribute("data-max-length"), 10) || 1000;
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("ar", { granularity: "grapheme" }) : null;
  var digits = counter.getAttribute("data-digits") === "arabic";

  function graphemes(text) {
    text = text.replace(/\r\n/g, "\n");
    if (segmenter) { var n = 0, it = segmenter.segment(text)[Symbol.iterator](); while (!it.next().done) n++; return n; }
    return text.replace(/[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\uFE00-\uFE0F]/g, "")
      .replace(/\u200D./g, "").replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length;
  }
  function local(n) {
    var s = String(n);
    return digits ? s.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }) : s;
  }
  var lastBand = null, announceTimer = null;
  function band(left) {
    if (left < 0) return "over";
    if (left === 0) return "0";
    if (left <= 10) return "10";
    if (left <= 50) return "50";
    if (left <= 100) return "100";
    return "ok";
  }
  function updateCounter() {
    var left = limit - graphemes(body.value.trim());
    counter.classList.toggle("counter-over", left < 0);
    counter.classList.toggle("counter-low", left >= 0 && left <= 50);
    counter.textContent = left >= 0
      ? t("left", { left: local(left), limit: local(limit) })
      : t("over", { over: local(-left) });
    var current = band(left);
    clearTimeout(announceTimer);
    if (current !== lastBand && current !== "ok") {
      announceTimer = setTimeout(function () { announce.textContent = counter.textContent; }, 600);
    }
    lastBand = current;
  }
  body.addEventListener("input", updateCounter);
  updateCounter();

  /* ---- The reader's own parts: CSRF token, a fresh security check, the last outcome. ---- */
  var statusBox = document.getElementById("comments-status");
  var stateRequest = null;

  function showOutcome(outcome) {
    if (!outcome || !statusBox) return;
    statusBox.textContent = "";
    var notice = document.createElement("p");
    notice.className = "comment-notice comment-notice-" + outcome.level;
    notice.setAttribute("role", "status");
    notice.textContent = outcome.message;
    statusBox.appendChild(notice);
    if (outcome.pending) {
      var box = document.createElement("div");
      box.className = "comment-pending";
      var intro = document.createElement("p");
      intro.textContent = t("your_pending");
      var title = document.createElement("p");
      title.className = "comment-pending-title";
      title.textContent = outcome.pending.title;
      var text = document.createElement("div");
      text.className = "comment-body";
      text.textContent = outcome.pending.body;
      box.appendChild(intro); box.appendChild(title); box.appendChild(text);
      statusBox.appendChild(box);
    }
    var published = outcome.comment_id && document.getElementById("comment-" + outcome.comment_id);
    if (published) published.scrollIntoView({ block: "center" });
    else statusBox.focus();
  }

  function loadState() {
    if (!stateRequest) {
      stateRequest = fetch(form.getAttribute("data-form-url"), {
        credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store"
      })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (state) {
          var inputs = document.querySelectorAll("[data-csrf]");
          for (var i = 0; i < inputs.length; i++) inputs[i].value = state.csrf_token;
          showOutcome(state.outcome);
          return state;
        });
      stateRequest.catch(function () { stateRequest = null; });
    }
    return stateRequest;
  }
  if (deferred && window.location.hash === "#comments-status") loadState();

  /* Report buttons under a cached article: fetch the CSRF token first. */
  var reports = document.querySelectorAll(".report-form");
  for (var r = 0; r < reports.length; r++) {
    reports[r].addEventListener("submit", function (event) {
      var target = event.currentTarget, csrf = target.querySelector("[data-csrf]");
      if (!csrf || csrf.value) return;
      event.preventDefault();
      loadState().then(function () { target.submit(); }, function () {
        if (pageLink) window.location.href = pageLink.querySelector("a").href;
      });
    });
  }

  /* ---- Proof of work: find n with sha256(salt + n) == challenge, a chunk at a time. ---- */
  var box = form.querySelector("[data-security]");
  var tokenInput = form.querySelector("[data-token]");
  var numberInput = form.querySelector("[data-pow-number]");
  var status = form.querySelector("[data-pow-status]");
  var question = form.querySelector("[data-question]");
  var state = "idle", pendingSubmit = false;

  function say(text) { status.hidden = false; status.textContent = text; }
  function fallback() {
    state = "failed";
    question.hidden = false;
    say(t("failed"));
  }
  function solve(salt, challenge, max) {
    var n = 0;
    function chunk() {
      var stop = Math.min(n + 4000, max + 1);
      for (; n < stop; n++) {
        if (sha256hex(salt + n) === challenge) {
          numberInput.value = String(n);
          state = "done";
          question.hidden = true;
          say(t("done"));
          if (pendingSubmit) form.submit();
          return;
        }
      }
      if (n > max) fallback(); else setTimeout(chunk, 0);
    }
    chunk();
  }
  function start() {
    if (state !== "idle") return;
    state = "working";
    say(t("working"));
    if (!window.fetch) { useRendered(); return; }
    loadState().then(function (s) {
      var c = s.challenge;
      tokenInput.value = c.token;
      question.querySelector("[data-question-text]").textContent = c.question;
      solve(c.salt, c.challenge, c.maxnumber);
    }, useRendered);
  }
  function useRendered() {
    if (!box.getAttribute("data-salt")) {
      /* A cached article page without its per-reader parts: send the reader to the comment page. */
      state = "failed";
      say(t("load_failed"));
      if (pageLink) pageLink.hidden = false;
      return;
    }
    solve(box.getAttribute("data-salt"), box.getAttribute("data-challenge"),
          parseInt(box.getAttribute("data-max-number"), 10));
  }
  form.addEventListener("focusin", start);
  form.addEventListener("input", start);
  form.addEventListener("submit", function (event) {
    var answer = form.querySelector("#id_answer");
    if (state === "done" || (answer && answer.value.trim() && tokenInput.value)) return;
    if (state === "failed" && tokenInput.value) return;
    event.preventDefault();
    if (state === "failed") return;
    pendingSubmit = true;
    start();
    say(t("pending_submit"));
  });
})();
