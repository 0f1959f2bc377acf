/* Comment form: characters-left counter and the self-hosted proof-of-work check (ALTCHA-style).
   Vanilla, deferred, same-origin only. Without JavaScript the form still works: the server shows a
   question in Arabic words instead of the proof of work, and the counter shows the limit. */
(function () {
  "use strict";

  var form = document.getElementById("comment-form");
  if (!form) return;

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
      ? "الأحرف المتبقية: " + local(left) + " من " + local(limit)
      : "تجاوزت الحد الأقصى بـ " + local(-left) + "، احذف بعض النص.";
    var current = band(left);
    clearTimeout(announceTimer);
    if (current !== lastBand && current !== "ok") {
      announceTimer = setTimeout(function () { announce.textContent = counter.textContent; }, 600);
    }
    lastBand = current;
  }
  body.addEventListener("input", updateCounter);
  updateCounter();

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
    say("تعذّر التحقق التلقائي، أجب عن السؤال من فضلك.");
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
          say("✓ تم التحقق الأمني تلقائيًا.");
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
    say("جارٍ التحقق الأمني في متصفحك…");
    var url = form.getAttribute("data-challenge-url");
    var useRendered = function () {
      solve(box.getAttribute("data-salt"), box.getAttribute("data-challenge"),
            parseInt(box.getAttribute("data-max-number"), 10));
    };
    if (!url || !window.fetch) { useRendered(); return; }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (c) {
        tokenInput.value = c.token;
        question.querySelector("[data-question-text]").textContent = c.question;
        solve(c.salt, c.challenge, c.maxnumber);
      })
      .catch(useRendered);
  }
  form.addEventListener("focusin", start);
  form.addEventListener("input", start);
  form.addEventListener("submit", function (event) {
    var answer = form.querySelector("#id_answer");
    if (state === "done" || (answer && answer.value.trim())) return;
    if (state === "failed") return;
    event.preventDefault();
    pendingSubmit = true;
    start();
    say("جارٍ التحقق الأمني، سيُرسل التعليق بعد لحظة…");
  });
})();
