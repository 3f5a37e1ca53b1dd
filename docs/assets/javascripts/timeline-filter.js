/* Timeline filters (actor, theme, year), no dependencies. Progressive enhancement: the page lists
   every event; this script shows the filter form, hides what does not match, and keeps the choice in
   the query string (?actor=…&theme=…&year=…) so a filtered view can be shared and reloaded. */
(function () {
  "use strict";

  function setup(form) {
    if (form.dataset.brfReady) return;
    form.dataset.brfReady = "1";
    var timeline = document.querySelector("[data-brf-timeline]");
    if (!timeline) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
    var events = Array.prototype.slice.call(timeline.querySelectorAll(".brf-event"));
    var sections = Array.prototype.slice.call(timeline.querySelectorAll(".brf-month, .brf-year"));
    var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".brf-years a[data-year]"));
    var status = form.querySelector(".brf-filter-status");
    var empty = document.querySelector(".brf-filter-empty");

    // A page of a split timeline leaves its actor options to this script: the actors of its own
    // cards (data-actors, in the order of the card's actor links, which carry their names), the
    // busiest first.
    selects.forEach(function (select) {
      if (!select.hasAttribute("data-brf-from-events")) return;
      var found = {};
      events.forEach(function (li) {
        var ids = (li.getAttribute("data-actors") || "").split(" ");
        var links = li.querySelectorAll(".brf-event-actors a");
        ids.forEach(function (id, i) {
          if (!id) return;
          found[id] = found[id] || { n: 0, name: links[i] ? links[i].textContent : id };
          found[id].n += 1;
        });
      });
      Object.keys(found)
        .sort(function (a, b) { return found[b].n - found[a].n || found[a].name.localeCompare(found[b].name, "ar"); })
        .forEach(function (id) {
          var option = document.createElement("option");
          option.value = id;
          option.textContent = found[id].name;
          select.appendChild(option);
        });
    });

    function has(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    // "الفاعل: إيران": the field's label and the chosen name, without the theme tree's dashes
    // and the count; the status line says it on screen and on paper (print.css).
    function chosen(select) {
      var label = select.closest("label").querySelector("span").textContent;
      var name = select.options[select.selectedIndex].text
        .replace(/^(— )+/, "").replace(/ \([0-9٠-٩]+\)$/, "");
      return label + ": " + name;
    }

    // A page of a split timeline offers only the actors and themes of its own events. A filter
    // brought from another page (?actor=…) for one absent here gets an option of its own, named as
    // it was on the page where it was chosen: the page then says that none of its events match.
    function remember(select) {
      var option = select.options[select.selectedIndex];
      if (option && option.value && !option.dataset.brfAdded) {
        try { sessionStorage.setItem("brf-" + select.name + ":" + option.value, option.text); } catch (e) {}
      }
    }

    function adopt(select, value) {
      var label = null;
      try { label = sessionStorage.getItem("brf-" + select.name + ":" + value); } catch (e) {}
      var option = document.createElement("option");
      option.value = value;
      option.textContent = label || value;
      option.dataset.brfAdded = "1";
      select.appendChild(option);
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (s) {
        var value = params.get(s.name) || "";
        if (value && !has(s, value) && s.name !== "year") adopt(s, value);
        s.value = has(s, value) ? value : "";
      });
    }

    // On a timeline split over pages, the links to the other pages carry the filter along.
    var keepers = Array.prototype.slice.call(document.querySelectorAll("a[data-brf-keep-query]"));
    keepers.forEach(function (a) { a.dataset.brfBase = a.getAttribute("href"); });

    function keepQuery(query) {
      keepers.forEach(function (a) {
        a.setAttribute("href", a.dataset.brfBase + (query ? "?" + query : ""));
      });
    }

    function toUrl() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (s) {
        if (s.value) params.set(s.name, s.value); else params.delete(s.name);
      });
      var query = params.toString();
      keepQuery(query);
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
    }

    function apply() {
      var wanted = selects.filter(function (s) { return s.value; });
      var shown = 0;
      events.forEach(function (li) {
        var match = wanted.every(function (s) {
          return (li.getAttribute("data-" + s.dataset.field) || "").split(" ").indexOf(s.value) !== -1;
        });
        li.hidden = !match;
        if (match) shown += 1;
      });
      // Months, then years, without a visible event are hidden with their headings.
      sections.forEach(function (section) {
        section.hidden = !section.querySelector(".brf-event:not([hidden])");
      });
      yearLinks.forEach(function (a) {
        var section = timeline.querySelector('.brf-year[data-year="' + a.dataset.year + '"]');
        a.hidden = !section || section.hidden;
      });
      if (status) {
        status.textContent = wanted.length
          ? status.dataset.template.replace("{shown}", shown).replace("{total}", events.length) +
            " — " + wanted.map(chosen).join("، ")
          : "";
      }
      if (empty) empty.hidden = shown !== 0;
      form.classList.toggle("brf-filtered", wanted.length > 0);
    }

    selects.forEach(function (s) {
      s.addEventListener("change", function () { remember(s); toUrl(); apply(); });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { toUrl(); apply(); }, 0);  // after the form has reset its fields
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("popstate", function () { fromUrl(); apply(); });

    fromUrl();
    selects.forEach(remember);
    apply();
    keepQuery(window.location.search.slice(1));
    form.hidden = false;
    // A deep link to an event that the filter hides would land nowhere: show it by clearing filters.
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.closest && target.closest("[hidden]")) {
      form.reset();
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-brf-filters]"), setup);
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
