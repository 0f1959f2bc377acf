/* Header search box: headlines suggested as the reader types (ARIA 1.2 combobox with a listbox popup).
   Vanilla, deferred, same-origin only. Suggestions come from /api/search/suggest on the current site;
   the count the live region reads out comes ready-made from the server (Arabic plural forms, the
   site's digits). Without JavaScript the box stays a plain search form. */
(function () {
  "use strict";

  var form = document.querySelector("form.search-box[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector("[role=status]");
  if (!input || !list || !status) return;

  var DELAY = 180, MIN_CHARS = 2;
  var endpoint = form.getAttribute("data-suggest-url");
  var site = form.getAttribute("data-site");
  var items = [], active = -1, timer = null, controller = null, lastQuery = null, announceTimer = null;
  var cache = {};

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  function announce(text) {
    clearTimeout(announceTimer);
    // A short pause so the message is read after the typed character, not over it.
    announceTimer = setTimeout(function () { status.textContent = text || ""; }, 250);
  }

  function setActive(index) {
    var options = list.children;
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    setActive(-1);
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function open() {
    if (!items.length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  /* The words of a headline that start like the word being typed are shown in bold. Matching is loose
     (harakat, tatweel, hamza forms, ta marbuta and alef maqsura folded; a leading conjunction, preposition
     or article set aside), like the server's; a word it misses is just not bold. */
  var MARKS = /[\u064B-\u065F\u0670\u0640]/g;
  var PROCLITICS = /^(?:وال|فال|بال|كال|لل|ال|و|ف|ب|ل)/;
  function fold(word) {
    return word.replace(MARKS, "").replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه")
      .replace(/[ؤئ]/g, "ء");
  }
  function stems(word) {
    var folded = fold(word), bare = folded.replace(PROCLITICS, "");
    return bare.length >= 2 && bare !== folded ? [folded, bare] : [folded];
  }
  function appendTitle(option, title, query) {
    var typed = query.split(/\s+/).pop() || "";
    var prefixes = stems(typed).filter(function (p) { return p.length >= 2; });
    title.split(/(\s+)/).forEach(function (part) {
      var hit = part.trim() && prefixes.length && stems(part).some(function (s) {
        return prefixes.some(function (p) { return s.indexOf(p) === 0; });
      });
      if (hit) {
        var strong = document.createElement("b");
        strong.className = "suggest-match";
        strong.textContent = part;
        option.appendChild(strong);
      } else {
        option.appendChild(document.createTextNode(part));
      }
    });
  }

  function render(results, query) {
    items = results;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = list.id + "-" + i;
      option.className = "suggest-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(i));
      appendTitle(option, item.title, query);
      list.appendChild(option);
    });
    if (results.length && document.activeElement === input) open(); else close();
  }

  function show(query, data) {
    if (query !== input.value.trim()) return;  // an answer to an older query
    render(data.results || [], query);
    announce(data.announcement);
  }

  function request(query) {
    if (cache[query]) { show(query, cache[query]); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    var url = endpoint + "?q=" + encodeURIComponent(query) + (site ? "&site=" + encodeURIComponent(site) : "");
    fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (data) { cache[query] = data; show(query, data); })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        render([]);
      });
  }

  function changed() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    clearTimeout(timer);
    if (query.length < MIN_CHARS) {
      if (controller) controller.abort();
      render([]);
      status.textContent = "";
      return;
    }
    timer = setTimeout(function () { request(query); }, DELAY);
  }

  function choose(index) {
    var item = items[index];
    if (!item || !item.url) return;
    close();
    window.location.assign(item.url);
  }

  input.addEventListener("input", changed);
  input.addEventListener("keydown", function (event) {
    var expanded = !list.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!expanded) { open(); if (event.altKey) return; }
        if (items.length) setActive(active + 1 < items.length ? active + 1 : 0);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!expanded) open();
        if (items.length) setActive(active > 0 ? active - 1 : items.length - 1);
        break;
      case "Enter":
        if (expanded && active >= 0) { event.preventDefault(); choose(active); }
        break;
      case "Escape":
        if (expanded) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; changed(); }
        break;
      case "Tab":
        close();
        break;
      default:
        break;
    }
  });
  input.addEventListener("focus", function () { if (items.length && input.value.trim() === lastQuery) open(); });
  input.addEventListener("blur", function () { close(); });

  // Keep the focus in the box while the mouse presses an option, then open the one clicked.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var option = event.target.closest ? event.target.closest("[role=option]") : null;
    if (option) choose(parseInt(option.getAttribute("data-index"), 10));
  });
  list.addEventListener("mousemove", function (event) {
    var option = event.target.closest ? event.target.closest("[role=option]") : null;
    if (option) {
      var index = parseInt(option.getAttribute("data-index"), 10);
      if (index !== active) setActive(index);
    }
  });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
})();
