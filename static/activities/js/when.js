// The map page's "Quand" fieldset: typing a date ticks "Entre deux dates"; choosing "this week"
// or "this month" empties the dates, which would otherwise win (the server reads typed dates
// as the family's choice, so the form also works without this script).
(function () {
  "use strict";
  var fieldset = document.querySelector("fieldset.when");
  if (!fieldset) return;
  var dates = fieldset.querySelectorAll("input[type=date]");
  var between = fieldset.querySelector("input[name=when][value=dates]");
  fieldset.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "date" && target.value && between) {
      between.checked = true;
    } else if (target.name === "when" && target.value !== "dates") {
      dates.forEach(function (input) { input.value = ""; });
    }
  });
})();
