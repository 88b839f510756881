// budgetopt serve: the little the pages do in the browser. Every page works without it.
"use strict";

// The scenario form: one more envelope row (a copy of the row template, its fields named by their row).
function addEnvelopeRow() {
  const rows = document.getElementById("envelope-rows");
  const template = document.getElementById("envelope-template");
  if (!rows || !template) {
    return;
  }
  const index = rows.querySelectorAll("tr").length;
  const row = template.content.firstElementChild.cloneNode(true);
  for (const input of row.querySelectorAll("input[data-key]")) {
    const key = input.dataset.key;
    input.name = "envelope_" + index + "_" + key;
    input.id = "envelope-" + index + "-" + key.replace("_", "-");
  }
  rows.appendChild(row);
  const first = row.querySelector("input");
  if (first) {
    first.focus();
  }
}

// The runs: at most two picked for a comparison; the button waits for exactly two.
function limitPicks() {
  const picks = Array.from(document.querySelectorAll("input.pick:not([disabled])"));
  const button = document.getElementById("compare-button");
  const update = () => {
    const chosen = picks.filter((box) => box.checked).length;
    for (const box of picks) {
      box.disabled = !box.checked && chosen >= 2;
    }
    if (button) {
      button.disabled = chosen !== 2;
    }
  };
  for (const box of picks) {
    box.addEventListener("change", update);
  }
  update();
}

// A preset chosen is a preset filled in.
function presetOnChange() {
  const select = document.getElementById("preset");
  if (select && select.form) {
    select.addEventListener("change", () => select.form.submit());
  }
}

// An upload — of a workbook, or of a scenario file, refused or not — carries the scenario form as it stands, what was
// typed since the page came too, so that the page after it shows it again (the server fills in the form as the page
// showed it; this puts in what was typed since). Each such form has a hidden "carried" field naming the form it carries.
function carryTheForm() {
  for (const carried of document.querySelectorAll("input[name=carried][data-form]")) {
    if (!carried.form) {
      continue;
    }
    carried.form.addEventListener("submit", () => {
      const form = document.getElementById(carried.dataset.form);
      if (!form) {
        return;
      }
      const fields = new URLSearchParams();
      for (const [key, value] of new FormData(form)) {
        if (typeof value === "string" && key !== "csrf_token" && key !== "upload") {
          fields.append(key, value);
        }
      }
      carried.value = fields.toString();
    });
  }
}

// A goal's run chosen: the page again with that run's clauses and districts to choose from (the server checks them
// against the run sent all the same).
function choicesOnChange() {
  const select = document.querySelector("select[data-choices]");
  if (select) {
    select.addEventListener("change", () => {
      window.location.assign(select.dataset.choices + "?run=" + encodeURIComponent(select.value));
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const add = document.getElementById("add-envelope");
  if (add) {
    add.addEventListener("click", addEnvelopeRow);
  }
  limitPicks();
  presetOnChange();
  choicesOnChange();
  carryTheForm();
});
