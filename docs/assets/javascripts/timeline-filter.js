/* Timeline filters, no dependencies. Progressive enhancement: the page lists every event; this
   script shows the filter form, hides what does not match, and keeps the choice in the query string
   so a filtered view can be shared, reloaded and walked back and forth:

     ?actor=iraq&actor=iran&match=all   several actors, all of them taking part (or `any`)
     &theme=a&theme=b                   several themes, any of them (a theme holds its sub-themes)
     &from=2024-11&to=2024-11           a period: from a month or a year ("2024": from its start /
                                        to its end), either end open; `year=2024` still works

   An event belongs to the month it sits under on the timeline; an event dated to a year only
   matches a period that holds its whole year. On a timeline split over pages, the form names small
   files (filterdata.py) with, per actor and theme, the positions of its events in timeline order:
   the script fetches those of the chosen terms and answers over the whole timeline, showing this
   page's matches and, for the other pages, how many each holds, with links keeping the filter. */
(function () {
  "use strict";

  var slice = function (list) { return Array.prototype.slice.call(list); };

  // "2024-11" -> [202411, 202411]; "2024" -> [202401, 202412]; anything else: null.
  function span(key) {
    var m = /^(\d{4})(?:-(\d\d))?$/.exec(key || "");
    if (!m) return null;
    var y = +m[1] * 100;
    return m[2] ? [y + +m[2], y + +m[2]] : [y + 1, y + 12];
  }

  // An actor's id from a link to its page: "../../actors/iraq/" (or ".../iraq.html") -> "iraq".
  function actorId(href) {
    var path = (href || "").split(/[?#]/)[0].replace(/(\/index\.html|\.html|\/)$/, "");
    return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  }

  // Arabic counting ("حدث واحد", "حدثان", "3 أحداث", "11 حدثاً", "100 حدث"), as wording.counted.
  function counted(n, forms) {
    var rest = n % 100;
    if (n === 0) return "0 " + forms[3];
    if (n === 1) return forms[0];
    if (n === 2) return forms[1];
    if (rest >= 3 && rest <= 10) return n + " " + forms[3];
    if (rest >= 11) return n + " " + forms[4];
    return n + " " + forms[5];
  }

  // "7 أحداث مشتركة", "حدث واحد مشترك", "15 حدثاً مشتركاً": the adjective agrees with the count.
  function shared(n, forms) {
    var rest = n % 100;
    var adjective = n === 1 || (n > 2 && (rest === 0 || rest === 1 || rest === 2)) ? "مشترك"
      : n === 2 ? "مشتركان" : (rest >= 3 && rest <= 10) || n === 0 ? "مشتركة" : "مشتركاً";
    var words = counted(n, forms).split(" ");
    if (n === 1) return words[0] + " " + adjective + " " + words.slice(1).join(" ");
    return words.join(" ") + " " + adjective;
  }

  function setup(form) {
    if (form.dataset.brfReady) return;
    form.dataset.brfReady = "1";
    var timeline = document.querySelector(".brf-timeline-page[data-brf-timeline]");  // the cards
    var events = timeline ? slice(timeline.querySelectorAll(".brf-event")) : [];
    var sections = timeline ? slice(timeline.querySelectorAll(".brf-month, .brf-year")) : [];
    var yearLinks = slice(document.querySelectorAll(".brf-years a[data-year]"));
    var status = form.querySelector(".brf-filter-status");
    var title = form.querySelector(".brf-filter-title");
    var elsewhere = form.querySelector(".brf-filter-parts");
    var empty = document.querySelector(".brf-filter-empty");
    var matchBox = form.querySelector(".brf-match");
    var periods = { from: form.querySelector("select[name=from]"), to: form.querySelector("select[name=to]") };
    var forms = (form.dataset.brfEvents || "").split("|");
    var monthNames = (form.dataset.brfMonths || "").split("|");

    // "2024-11" -> "تشرين الثاني/نوفمبر 2024" (the site's month names and digits); "2024" as is.
    function periodName(key) {
      var text = key.length === 7 ? monthNames[+key.slice(5) - 1] + " " + key.slice(0, 4) : key;
      if (form.dataset.brfDigits !== "arabic") return text;
      return text.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[+d]; });
    }

    // The period's choices: each year, then its months that hold events, oldest first.
    function fillPeriods(keys) {
      ["from", "to"].forEach(function (end) {
        var select = periods[end], value = select.value;
        slice(select.children).slice(1).forEach(function (el) { el.remove(); });
        var group = null;
        keys.forEach(function (key) {
          var year = key.slice(0, 4);
          if (!group || group.label !== year) {
            group = document.createElement("optgroup");
            group.label = year;
            select.appendChild(group);
            var whole = document.createElement("option");
            whole.value = year;
            whole.textContent = periodName(year);
            group.appendChild(whole);
          }
          if (key.length === 7) {
            var option = document.createElement("option");
            option.value = key;
            option.textContent = periodName(key);
            group.appendChild(option);
          }
        });
        if (value && !hasOption(select, value)) addPeriod(select, value);
        select.value = value;
      });
    }

    function addPeriod(select, value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = periodName(value);
      select.appendChild(option);
    }

    var pageMonths = [];
    slice(document.querySelectorAll(".brf-timeline-page .brf-month[data-month]")).forEach(function (m) {
      if (pageMonths.indexOf(m.dataset.month) === -1) pageMonths.push(m.dataset.month);
    });
    var whole = form.dataset.brfData ? new URL(form.dataset.brfData, window.location.href) : null;
    var months = events.map(function (li) {
      var section = li.closest(".brf-month");
      return span(section && section.dataset.month);
    });

    // Pickers: a list to choose from, an "add" button, the chosen ones as removable chips.
    var pickers = {};
    slice(form.querySelectorAll("[data-brf-pick]")).forEach(function (box) {
      var kind = box.dataset.brfPick;
      pickers[kind] = {
        kind: kind, select: box.querySelector("select"), chips: box.querySelector(".brf-chips"),
        label: box.querySelector("label").textContent, chosen: [], names: {}
      };
    });

    // A page of a split timeline leaves its actor options to this script: the actors of its own
    // cards, the busiest first. A card links the actors it names (their ids end the links); the
    // bodies they acted for, which a card involves without naming, come with the list
    // (data-brf-names: id -> [name, cards]).
    var actorSelect = pickers.actor.select;
    if (actorSelect.hasAttribute("data-brf-from-events")) {
      var found = {};
      var bodies = {};
      try { bodies = JSON.parse(actorSelect.dataset.brfNames || "{}"); } catch (e) {}
      events.forEach(function (li) {
        var seen = {};
        slice(li.querySelectorAll(".brf-event-actors a")).forEach(function (a) {
          var id = actorId(a.getAttribute("href"));
          if (!id || seen[id]) return;
          seen[id] = true;
          found[id] = found[id] || { n: 0, name: a.textContent };
          found[id].n += 1;
        });
      });
      Object.keys(bodies).forEach(function (id) {
        found[id] = found[id] || { n: 0, name: bodies[id][0] };
        found[id].n += bodies[id][1];
      });
      Object.keys(found)
        .sort(function (a, b) { return found[b].n - found[a].n || found[a].name.localeCompare(found[b].name, "ar"); })
        .forEach(function (id) {
          var option = document.createElement("option");
          option.value = id;
          option.textContent = found[id].name;
          actorSelect.appendChild(option);
        });
    }

    // A term's name as its option says it, without the theme tree's dashes and the count.
    function optionName(picker, id) {
      var option = slice(picker.select.options).filter(function (o) { return o.value === id; })[0];
      if (!option) return picker.names[id] || id;
      return option.text.replace(/^(— )+/, "").replace(/ \([0-9٠-٩]+\)$/, "");
    }

    function drawChips(picker) {
      picker.chips.textContent = "";
      picker.chosen.forEach(function (id) {
        var li = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = optionName(picker, id);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "أزل " + name.textContent);
        remove.addEventListener("click", function () {
          var at = picker.chosen.indexOf(id);
          picker.chosen.splice(at, 1);
          changed();
          // Keyboard focus stays in the list: the next chip, or the list to choose from.
          var buttons = picker.chips.querySelectorAll("button");
          (buttons[Math.min(at, buttons.length - 1)] || picker.select).focus();
        });
        li.dataset.id = id;
        li.appendChild(name);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(remove);
        picker.chips.appendChild(li);
      });
      picker.chips.hidden = picker.chosen.length === 0;
    }

    Object.keys(pickers).forEach(function (kind) {
      var picker = pickers[kind];
      form.querySelector('[data-brf-pick="' + kind + '"] [data-brf-add]').addEventListener("click", function () {
        var id = picker.select.value;
        if (id && picker.chosen.indexOf(id) === -1) {
          picker.chosen.push(id);
          changed();
        }
        picker.select.value = "";
      });
    });

    function state() {
      return {
        actor: pickers.actor.chosen.slice(), theme: pickers.theme.chosen.slice(),
        match: (form.querySelector("input[name=match]:checked") || {}).value === "any" ? "any" : "all",
        from: periods.from.value, to: periods.to.value
      };
    }

    function query(s) {
      var params = new URLSearchParams(window.location.search);
      ["actor", "theme", "match", "from", "to", "year"].forEach(function (k) { params.delete(k); });
      s.actor.forEach(function (id) { params.append("actor", id); });
      if (s.actor.length > 1) params.set("match", s.match);
      s.theme.forEach(function (id) { params.append("theme", id); });
      if (s.from) params.set("from", s.from);
      if (s.to) params.set("to", s.to);
      return params.toString();
    }

    function hasOption(select, value) {
      return slice(select.options).some(function (o) { return o.value === value; });
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      var unique = function (list) { return list.filter(function (v, i) { return v && list.indexOf(v) === i; }); };
      pickers.actor.chosen = unique(params.getAll("actor"));
      pickers.theme.chosen = unique(params.getAll("theme"));
      var any = params.get("match") === "any";
      slice(form.querySelectorAll("input[name=match]")).forEach(function (r) { r.checked = (r.value === "any") === any; });
      var year = params.get("year");  // the former year filter: a whole year
      ["from", "to"].forEach(function (end) {
        var value = params.get(end) || year || "";
        // A month without events here (a shared link, another build) is still a period.
        if (span(value) && !hasOption(periods[end], value)) addPeriod(periods[end], value);
        periods[end].value = span(value) ? value : "";
      });
    }

    // On a timeline split over pages, the links to the other pages carry the filter along.
    var keepers = slice(document.querySelectorAll("a[data-brf-keep-query]"));
    keepers.forEach(function (a) { a.dataset.brfBase = a.getAttribute("href"); });

    function keepQuery(q) {
      keepers.forEach(function (a) {
        a.setAttribute("href", a.dataset.brfBase + (q ? "?" + q : ""));
      });
    }

    function changed() {
      var q = query(state());
      var url = window.location.pathname + (q ? "?" + q : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState(window.history.state, "", url);  // back undoes a step
      }
      apply();
    }

    // "الفاعلون (كلهم معًا): العراق وإيران، الفترة: تشرين الثاني 2024": what is filtered, for the
    // status line on screen and on paper (print.css).
    function describe(s) {
      var out = [];
      var names = function (kind, joiner) {
        return s[kind].map(function (id) { return optionName(pickers[kind], id); }).join(joiner);
      };
      if (s.actor.length === 1) out.push("الفاعل: " + names("actor"));
      if (s.actor.length > 1) {
        out.push(s.match === "any" ? "الفاعلون (أيٌّ منهم): " + names("actor", " أو ")
                                   : "الفاعلون (كلهم معًا): " + names("actor", " و"));
      }
      if (s.theme.length) out.push((s.theme.length > 1 ? "المحاور: " : "المحور: ") + names("theme", " أو "));
      var label = function (end) { return periodName(s[end]); };
      if (s.from && s.to && s.from === s.to) out.push("الفترة: " + label("from"));
      else if (s.from && s.to) out.push("الفترة: من " + label("from") + " إلى " + label("to"));
      else if (s.from) out.push("الفترة: من " + label("from"));
      else if (s.to) out.push("الفترة: حتى " + label("to"));
      return out.join("، ");
    }

    function inPeriod(s, range) {
      var lo = span(s.from), hi = span(s.to);
      if (!range) return !lo && !hi;
      return (!lo || range[0] >= lo[0]) && (!hi || range[1] <= hi[1]);
    }

    function matchesCard(s, li, i) {
      var actors = (li.getAttribute("data-actors") || "").split(" ");
      var themes = (li.getAttribute("data-themes") || "").split(" ");
      var has = function (list) { return function (id) { return list.indexOf(id) !== -1; }; };
      if (s.actor.length && !(s.match === "any" ? s.actor.some(has(actors)) : s.actor.every(has(actors)))) return false;
      if (s.theme.length && !s.theme.some(has(themes))) return false;
      return inPeriod(s, months[i]);
    }

    // The whole timeline's files, fetched once each; a term without a file has no events.
    var cache = {};
    function getJson(url) {
      if (!cache[url]) {
        cache[url] = fetch(url).then(function (r) {
          if (!r.ok) { var e = new Error(r.status + " " + url); e.missing = r.status === 404; throw e; }
          return r.json();
        });
      }
      return cache[url];
    }

    function term(kind, id) {
      var url = new URL(form.dataset.brfTerm.replace("{kind}", kind).replace("{id}", encodeURIComponent(id)), window.location.href).href;
      return getJson(url).then(function (data) {
        pickers[kind].names[id] = data.name;
        var at = [], pos = 0;
        data.at.forEach(function (d) { pos += d; at.push(pos); });
        return at;
      }, function (e) { if (e.missing) return []; throw e; });
    }

    function intersect(a, b) {
      var set = new Set(b);
      return a.filter(function (x) { return set.has(x); });
    }

    function unite(lists) {
      var set = new Set();
      lists.forEach(function (l) { l.forEach(function (x) { set.add(x); }); });
      return Array.from(set).sort(function (x, y) { return x - y; });
    }

    // The positions (in timeline order) of every matching event of the whole timeline.
    function search(s) {
      return Promise.all([getJson(whole.href),
                          Promise.all(s.actor.map(function (id) { return term("actor", id); })),
                          Promise.all(s.theme.map(function (id) { return term("theme", id); }))])
        .then(function (got) {
          var index = got[0], actors = got[1], themes = got[2];
          var list = null;
          if (actors.length) list = s.match === "any" ? unite(actors) : actors.reduce(intersect);
          if (themes.length) list = list ? intersect(list, unite(themes)) : unite(themes);
          if (s.from || s.to) {
            var kept = [];
            index.months.forEach(function (m, i) {
              if (!inPeriod(s, span(m[1]))) return;
              var end = i + 1 < index.months.length ? index.months[i + 1][0] : index.total;
              for (var p = m[0]; p < end; p += 1) kept.push(p);
            });
            list = list ? intersect(list, kept) : kept;
          }
          return { index: index, found: list };
        });
    }

    function showSections() {
      // Months, then years, without a visible event are hidden with their headings.
      sections.forEach(function (section) {
        section.hidden = !section.querySelector(".brf-event:not([hidden])");
      });
      yearLinks.forEach(function (a) {
        var section = timeline.querySelector('.brf-year[data-year="' + a.dataset.year + '"]');
        a.hidden = !section || section.hidden;
      });
    }

    function pairTitle(s, n) {
      if (!title) return;
      var pair = s.actor.length === 2 && s.match === "all" && !s.theme.length && !s.from && !s.to;
      title.hidden = !pair;
      title.textContent = pair
        ? optionName(pickers.actor, s.actor[0]) + " ↔ " + optionName(pickers.actor, s.actor[1]) +
          ": " + shared(n, forms)
        : "";
      if (pair) document.title = title.textContent + " — " + (form.dataset.brfTitle || document.title);
    }

    var partLinks = slice(document.querySelectorAll(".brf-parts a[data-brf-keep-query]"));
    partLinks.forEach(function (a) {
      var n = a.querySelector(".brf-n");
      if (n) a.dataset.brfN = n.textContent;
    });
    form.dataset.brfTitle = document.title;

    var asked = 0;
    function apply() {
      var s = state();
      var filtered = s.actor.length + s.theme.length > 0 || !!(s.from || s.to);
      Object.keys(pickers).forEach(function (k) { drawChips(pickers[k]); });
      matchBox.hidden = s.actor.length < 2;
      keepQuery(query(s));
      form.classList.toggle("brf-filtered", filtered);
      // The overview's latest events are not the filter's answer: hidden while it is on.
      slice(document.querySelectorAll(".brf-unfiltered")).forEach(function (el) { el.hidden = filtered; });
      document.title = form.dataset.brfTitle;
      if (!filtered || !whole) {
        var shown = 0;
        events.forEach(function (li, i) {
          li.hidden = filtered && !matchesCard(s, li, i);
          if (!li.hidden) shown += 1;
        });
        if (timeline) showSections();
        status.textContent = filtered
          ? status.dataset.template.replace("{shown}", shown).replace("{total}", events.length) + " — " + describe(s)
          : "";
        pairTitle(s, shown);
        if (empty) empty.hidden = !filtered || shown !== 0;
        if (elsewhere) elsewhere.hidden = true;
        partLinks.forEach(function (a) { a.hidden = false; restoreCount(a); });
        return;
      }
      var ticket = ++asked;
      status.textContent = "…";
      search(s).then(function (result) {
        if (ticket === asked) showWhole(s, result);
      }, function () {
        if (ticket !== asked) return;
        // The files cannot be read (a page opened from disk): this page's own events only, if its
        // cards say whom and what they involve (a one-page timeline's do; a split one's do not).
        whole = null;
        if (events.length && !events[0].hasAttribute("data-themes")) {
          events.forEach(function (li) { li.hidden = false; });
          showSections();
          status.textContent = status.dataset.offline || "";
          return;
        }
        apply();
      });
    }

    function restoreCount(a) {
      var n = a.querySelector(".brf-n");
      if (n && a.dataset.brfN) n.textContent = a.dataset.brfN;
    }

    function showWhole(s, result) {
      var index = result.index, found = result.found;
      // Names known from the fetched files (a term absent from this page's list).
      Object.keys(pickers).forEach(function (k) {
        slice(pickers[k].chips.children).forEach(function (li) {
          var name = optionName(pickers[k], li.dataset.id);
          li.querySelector("span").textContent = name;
          li.querySelector("button").setAttribute("aria-label", "أزل " + name);
        });
      });
      var partUrl = function (p) { return new URL(p[1], whole).pathname; };
      var here = window.location.pathname;
      var counts = index.parts.map(function () { return 0; });
      var at = 0;
      found.forEach(function (pos) {
        while (at + 1 < index.parts.length && index.parts[at + 1][0] <= pos) at += 1;
        counts[at] += 1;
      });
      var mine = -1;
      index.parts.forEach(function (p, i) { if (partUrl(p) === here) mine = i; });
      var shown = 0;
      if (mine !== -1) {
        var set = new Set(found), start = index.parts[mine][0];
        events.forEach(function (li, i) {
          li.hidden = !set.has(start + i);
          if (!li.hidden) shown += 1;
        });
        showSections();
      }
      status.textContent = status.dataset.whole.replace("{found}", found.length)
        .replace("{total}", index.total).replace("{shown}", shown) + " — " + describe(s);
      if (mine === -1) status.textContent = status.textContent.replace(/؛[^—]*—/, " —");
      pairTitle(s, found.length);
      if (empty) empty.hidden = mine === -1 || shown !== 0;
      // The overview's list of pages: each with its count of matching events.
      partLinks.forEach(function (a) {
        var url = new URL(a.dataset.brfBase, window.location.href).pathname;
        var i = -1;
        index.parts.forEach(function (p, j) { if (partUrl(p) === url) i = j; });
        var n = a.querySelector(".brf-n");
        if (i === -1 || !n) return;
        n.textContent = counts[i];
        a.hidden = counts[i] === 0;
      });
      if (!elsewhere || mine === -1) return;
      // On a page: the other pages holding matches, named by their months.
      var list = elsewhere.querySelector("ul");
      list.textContent = "";
      var q = query(s);
      index.parts.forEach(function (p, i) {
        if (i === mine || !counts[i]) return;
        var a = document.createElement("a");
        a.href = new URL(p[1], whole).href + "?" + q;
        a.textContent = partName(index, i) + " ";
        var n = document.createElement("span");
        n.className = "brf-n";
        n.textContent = counts[i];
        a.appendChild(n);
        var li = document.createElement("li");
        li.appendChild(a);
        list.appendChild(li);
      });
      elsewhere.hidden = !list.children.length;
    }

    // A page's name from the months it spans, as the period list names them.
    function partName(index, i) {
      var start = index.parts[i][0];
      var end = i + 1 < index.parts.length ? index.parts[i + 1][0] : index.total;
      var keys = index.months.filter(function (m, j) {
        var next = j + 1 < index.months.length ? index.months[j + 1][0] : index.total;
        return m[0] < end && next > start;
      }).map(function (m) { return m[1]; });
      var name = periodName;
      var first = keys[0], last = keys[keys.length - 1];
      if (first.slice(0, 4) !== last.slice(0, 4)) return first.slice(0, 4) + "–" + last.slice(0, 4);
      return first === last ? name(first) : name(first) + " – " + name(last);
    }

    Object.keys(periods).forEach(function (end) { periods[end].addEventListener("change", changed); });
    slice(form.querySelectorAll("input[name=match]")).forEach(function (r) { r.addEventListener("change", changed); });
    form.addEventListener("reset", function () {
      pickers.actor.chosen = [];
      pickers.theme.chosen = [];
      window.setTimeout(changed, 0);  // after the form has reset its fields
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("popstate", function () { fromUrl(); apply(); });

    fillPeriods(pageMonths);
    fromUrl();
    apply();
    form.hidden = false;
    // A split timeline's months are all in its filter index: the period offers every one. So are
    // its themes (a page carries none): every theme, in the tree's order, a sub-theme indented.
    if (whole) {
      getJson(whole.href).then(function (index) {
        fillPeriods(index.months.map(function (m) { return m[1]; }));
        var themeSelect = pickers.theme.select;
        if (themeSelect.hasAttribute("data-brf-from-index")) {
          (index.themes || []).forEach(function (t) {
            var option = document.createElement("option");
            option.value = t[0];
            option.textContent = "— ".repeat(t[2]) + t[1];
            themeSelect.appendChild(option);
          });
          drawChips(pickers.theme);
        }
      }, function () {});
    }
    // A deep link to an event that the filter hides would land nowhere: show it by clearing filters.
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.closest && target.closest("[hidden]") && target.closest("[data-brf-timeline]")) {
      form.reset();
    }
  }

  function init() {
    slice(document.querySelectorAll("[data-brf-filters]")).forEach(setup);
  }

  // Material's instant navigation is off, but if it is turned on, document$ fires on every page.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
