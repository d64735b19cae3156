// Progressive enhancement for GOV.UK Frontend components. Loaded as an ES module, so only
// browsers that support modules run it; others keep the plain HTML, which works on its own.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
