// Refreshes the "next sessions" preview of the activity editor as the schedule is edited: the
// whole form is posted to the preview endpoint, which reads only the schedule fields.
(function () {
  "use strict";
  function setUp(panel) {
    var form = panel.closest("form");
    if (!form) return;
    var timer = null;
    function refresh() {
      var data = new FormData(form);
      fetch(panel.dataset.url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) panel.innerHTML = html; })
        .catch(function () { /* the preview is a help; the form works without it */ });
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    }
    form.addEventListener("change", later);
    form.addEventListener("input", later);
    // Inline rows added or removed (dates without session, extra sessions).
    form.addEventListener("click", function (event) {
      if (event.target.closest("[data-inline-panel] button, .w-panel button")) later();
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-schedule-preview]").forEach(setUp);
  });
})();
