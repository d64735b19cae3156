// Progressive enhancement for GOV.UK Frontend components. Loaded as an ES module, so only
// browsers that support modules run it; others keep the plain HTML, which works on its own.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();

// Questions revealed under a radio answer ("How many hours a week?"). GOV.UK Frontend's own
// reveal marks each radio aria-expanded, which a radio may not carry (WCAG 4.1.2, axe
// aria-allowed-attr), so Hearth's renderer names the revealed part in data-hearth-reveals and
// this shows the part under the chosen answer only. The radio gets no aria-controls either:
// GOV.UK Frontend adds aria-expanded to any radio that has one. Without JavaScript every part
// shows, each labelled with the answer it belongs to.
function revealSync(group) {
  for (const input of group.querySelectorAll("input[data-hearth-reveals]")) {
    const part = document.getElementById(input.dataset.hearthReveals);
    if (part) part.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
  }
}

for (const group of document.querySelectorAll(".govuk-radios")) {
  if (!group.querySelector("input[data-hearth-reveals]")) continue;
  revealSync(group);
  group.addEventListener("change", () => revealSync(group));
}
