/* Comment form: characters-left counter, the self-hosted proof-of-work check (ALTCHA-style), and the
   form's per-reader parts. The article page is the same for every reader (shared caches keep it): its
   form comes without CSRF token or security check, hidden, beside a link to the comment page. This
   script shows the form and fetches those parts (and the outcome of the reader's last post) from
   data-form-url, never cached. Without JavaScript the link leads to the comment page, whose form is
   complete and asks a question in Arabic words instead of the proof of work (comments sent that way
   wait for a moderator; whenever this script runs, the proof of work is required). Every sentence shown
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

  /* ---- SHA-256: the browser's own (crypto.subtle). Browsers give it only to secure pages (https, or
     http://localhost); on a page served over plain http from another address (a demo on a LAN address)
     sha256.js, a small pure-JS copy, is loaded instead, on demand. If even that fails, the reader
     answers the question, and the comment waits for a moderator. ---- */
  var sha256Url = (document.currentScript && document.currentScript.getAttribute("data-sha256")) || "";
  var searcher = null;

  function hexBytes(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    return bytes;
  }
  function sameBytes(buffer, target) {
    var view = new Uint8Array(buffer);
    for (var i = 0; i < target.length; i++) if (view[i] !== target[i]) return false;
    return true;
  }
  /* search(salt, challenge, from, to) resolves to the n in [from, to) whose hash is the challenge, or -1. */
  function subtleSearch(subtle) {
    var encoder = new TextEncoder();
    return function (salt, challenge, from, to) {
      var target = hexBytes(challenge), jobs = [];
      for (var n = from; n < to; n++) jobs.push(subtle.digest("SHA-256", encoder.encode(salt + n)));
      return Promise.all(jobs).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) if (sameBytes(hashes[i], target)) return from + i;
        return -1;
      });
    };
  }
  function plainSearch(sha256hex) {
    return function (salt, challenge, from, to) {
      for (var n = from; n < to; n++) if (sha256hex(salt + n) === challenge) return Promise.resolve(n);
      return Promise.resolve(-1);
    };
  }
  function loadSearcher() {
    if (searcher) return searcher;
    var subtle = window.crypto && window.crypto.subtle;
    if (subtle && window.TextEncoder) {
      searcher = Promise.resolve(subtleSearch(subtle));
    } else if (!sha256Url) {
      searcher = Promise.reject(new Error("no SHA-256"));
    } else {
      searcher = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = sha256Url;
        script.addEventListener("load", function () {
          if (window.akhbarSha256Hex) resolve(plainSearch(window.akhbarSha256Hex)); else reject();
        });
        script.addEventListener("error", reject);
        document.head.appendChild(script);
      });
    }
    return searcher;
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
    return digits ? s.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0660 + Number(d)); }) : s;
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

  /* ---- Proof of work: find n with sha256(salt + n) == challenge, a batch at a time. Required whenever
     this script runs: the post says so (check=pow) and the server then accepts the number only. ---- */
  var box = form.querySelector("[data-security]");
  var tokenInput = form.querySelector("[data-token]");
  var checkInput = form.querySelector("[data-check]");
  var numberInput = form.querySelector("[data-pow-number]");
  var status = form.querySelector("[data-pow-status]");
  var question = form.querySelector("[data-question]");
  var state = "idle", pendingSubmit = false;
  var BATCH = 2000;

  if (checkInput) checkInput.value = "pow";
  question.hidden = true;

  function say(text) { status.hidden = false; status.textContent = text; }
  function useQuestion() {
    /* No way to hash here: the question instead (the no-JavaScript path; a moderator reviews it). */
    state = "failed";
    if (checkInput) checkInput.value = "question";
    numberInput.value = "";
    question.hidden = false;
    say(t("failed"));
    pendingSubmit = false;
  }
  function solve(salt, challenge, max) {
    loadSearcher().then(function (search) {
      var n = 0;
      function next() {
        var to = Math.min(n + BATCH, max + 1);
        search(salt, challenge, n, to).then(function (found) {
          if (found >= 0) {
            numberInput.value = String(found);
            state = "done";
            say(t("done"));
            if (pendingSubmit) form.submit();
            return;
          }
          n = to;
          if (n > max) useQuestion(); else setTimeout(next, 0);
        }, useQuestion);
      }
      next();
    }, useQuestion);
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
      state = "unavailable";
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
    if (state === "done" || (state === "failed" && tokenInput.value)) return;
    event.preventDefault();
    if (state === "failed" || state === "unavailable") return;
    pendingSubmit = true;
    start();
    say(t("pending_submit"));
  });
})();
