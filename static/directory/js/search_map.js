// The map page's enhancements. Without them the form and the list work as plain HTML.
// With them: the clustered map (static/js/map.js) kept in step with the list, searches without
// reloading (the URL still holds the whole search, so links can be shared and Back works),
// commune and postcode suggestions, and "around me".
(function () {
  "use strict";
  // The form sits in a <details> folded after a search; wide screens have room for it open.
  var panel = document.querySelector("[data-search-panel]");
  var wide = window.matchMedia("(min-width: 60rem)");
  if (panel && wide.matches) panel.open = true;
  if (!window.RencontresMap) return;

  RencontresMap.ready("#results-map", enhance);

  function enhance(resultsMap) {
    var form = document.querySelector("[data-search-form]");
    if (!form) return;
    var shownSearch = location.search;

    function queryString() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (value !== "") params.append(key, value);
      });
      return params.toString();
    }

    // Replaces the results with the server's rendering of `url`. The count keeps its element, so
    // screen readers announce the new count through its live region.
    function load(url, push) {
      var results = document.querySelector("[data-search-results]");
      results.setAttribute("aria-busy", "true");
      return fetch(url, { headers: { Accept: "text/html" } })
        .then(function (response) {
          return response.text();
        })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html");
          if (next.querySelector("[data-search-form] .form-errors")) {
            // Each error belongs beside its field, tied to it, as the server's page puts it:
            // patching the summary alone would leave the fields saying nothing.
            window.location.assign(url);
            return;
          }
          clearErrors();
          document.querySelector("[data-result-count]").textContent =
            next.querySelector("[data-result-count]").textContent;
          var summary = document.querySelector("[data-search-summary]");
          var nextSummary = next.querySelector("[data-search-summary]");
          if (summary && nextSummary) summary.textContent = nextSummary.textContent;
          // On a phone the form folds to its summary, so that the results come first.
          if (!wide.matches) panel.open = false;
          document.querySelector("[data-result-body]").replaceWith(
            document.importNode(next.querySelector("[data-result-body]"), true)
          );
          if (push) history.pushState(null, "", url);
          shownSearch = location.search;
          resultsMap.reload();
        })
        .finally(function () {
          results.removeAttribute("aria-busy");
        });
    }

    // A search that went through leaves no error in the form: neither the summary nor a
    // field's message, nor the field's tie to it.
    function clearErrors() {
      form.querySelectorAll(".form-errors, .error").forEach(function (node) {
        node.remove();
      });
      form.querySelectorAll("[aria-invalid]").forEach(function (field) {
        field.removeAttribute("aria-invalid");
        var described = (field.getAttribute("aria-describedby") || "")
          .split(" ")
          .filter(function (id) {
            return id && !/-error$/.test(id);
          });
        if (described.length) field.setAttribute("aria-describedby", described.join(" "));
        else field.removeAttribute("aria-describedby");
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = queryString();
      load(form.action + (query ? "?" + query : ""), true);
    });

    // Back and Forward between searches: show the search the URL now holds. Following an
    // in-page link (the skip link, an error's link to its field) also fires popstate, but leaves
    // the search as it is: nothing to reload then.
    window.addEventListener("popstate", function () {
      if (location.search !== shownSearch) window.location.reload();
    });

    // Pagination links load in place too.
    document.addEventListener("click", function (event) {
      var link = event.target.closest(".pagination a");
      if (!link) return;
      event.preventDefault();
      load(link.href, true).then(function () {
        var list = document.querySelector("[data-result-list] a");
        if (list) list.focus();
      });
    });

    // Suggestions for "near", from the gazetteer, in a listbox under the field (an ARIA
    // combobox). Not a <datalist>: browsers filter its options by what was typed, so "Lige"
    // would hide "Liège", the place the gazetteer found for that typo.
    var near = document.getElementById("field-near");
    var listbox = document.getElementById("near-suggestions");
    var timer = null;
    var asked = 0;
    var active = -1;
    near.setAttribute("role", "combobox");
    near.setAttribute("aria-autocomplete", "list");
    near.setAttribute("aria-controls", listbox.id);
    near.setAttribute("aria-expanded", "false");

    function options() {
      return listbox.querySelectorAll("[role=option]");
    }
    function setOpen(open) {
      listbox.hidden = !open;
      near.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) highlight(-1);
    }
    function highlight(index) {
      var all = options();
      active = all.length && index >= 0 ? (index + all.length) % all.length : -1;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      if (active < 0) {
        near.removeAttribute("aria-activedescendant");
        return;
      }
      near.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }
    function choose(option) {
      near.value = option.dataset.value;
      setOpen(false);
      near.focus();
    }
    function show(suggestions) {
      listbox.replaceChildren.apply(
        listbox,
        suggestions.map(function (suggestion, i) {
          var option = document.createElement("li");
          option.id = "near-suggestion-" + i;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.dataset.value = suggestion.value;
          option.textContent = suggestion.label;
          return option;
        })
      );
      setOpen(suggestions.length > 0);
    }
    near.addEventListener("input", function () {
      clearTimeout(timer);
      var text = near.value.trim();
      if (text.length < 2) {
        show([]);
        return;
      }
      timer = setTimeout(function () {
        // The labels (a country, a province) in the page's language.
        var lang = encodeURIComponent(document.documentElement.lang);
        var ticket = ++asked;
        fetch("/api/v1/suggest/?lang=" + lang + "&q=" + encodeURIComponent(text))
          .then(function (response) {
            return response.ok ? response.json() : [];
          })
          .then(function (suggestions) {
            // Only the answer to the latest text, while the field still has the focus.
            if (ticket === asked && document.activeElement === near) show(suggestions);
          });
      }, 200);
    });
    near.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options().length) return;
        event.preventDefault();
        if (listbox.hidden) setOpen(true);
        highlight(event.key === "ArrowDown" ? active + 1 : (active <= 0 ? options().length : active) - 1);
      } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
        event.preventDefault();
        choose(options()[active]);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        setOpen(false);
      }
    });
    near.addEventListener("blur", function () {
      setOpen(false);
    });
    // A click on an option chooses it; the field keeps the focus meanwhile.
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) choose(option);
    });

    // "Around me": the browser's position, rounded to about 100 m before it leaves the device.
    var aroundMe = document.querySelector("[data-around-me]");
    if (navigator.geolocation) {
      aroundMe.hidden = false;
      aroundMe.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (position) {
          near.value =
            position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
          form.requestSubmit();
        });
      });
    }
  }
})();
