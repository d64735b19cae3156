// Builds Hearth's static assets into build/hearth/, which Django serves as a static files dir.
//
//   npm run build
//
// Outputs:
//   build/hearth/hearth.css               GOV.UK Frontend + Hearth styles (compressed)
//   build/hearth/govuk-frontend.min.js    GOV.UK Frontend components (ES module) and its map
//   build/hearth/init.js                  starts the components (from js/hearth.js)
//   build/hearth/favicon.svg              Hearth's own icon
//   build/hearth/vendor/axe.min.js        axe-core, loaded only by the browser accessibility tests
//
// GOV.UK's crown, crest, logotype, icons and GDS Transport font are reserved for GOV.UK, so
// nothing from govuk-frontend's assets/ folder is copied.
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "build", "hearth");
const require = createRequire(import.meta.url);

const govukDist = join(here, "node_modules", "govuk-frontend", "dist", "govuk");
const axeDir = dirname(require.resolve("axe-core/package.json"));

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<path fill="#0b0c0c" d="M16 3 2 15h4v14h8v-9h4v9h8V15h4z"/>
<path fill="#ffffff" d="M20 20h3v3h-3z"/>
</svg>
`;

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

async function buildCss() {
  const result = sass.compile(join(here, "scss", "hearth.scss"), {
    style: "compressed",
    sourceMap: false,
    importers: [new sass.NodePackageImporter(here)],
    loadPaths: [join(here, "node_modules")],
    quietDeps: true,
  });
  const css = result.css;
  // The compiled CSS must not pull in fonts or images we do not ship.
  if (css.includes("GDS Transport")) fail("hearth.css mentions GDS Transport");
  if (css.includes("@font-face")) fail("hearth.css contains @font-face");
  if (css.includes("url(")) fail("hearth.css refers to a url()");
  await writeFile(join(out, "hearth.css"), css + "\n");
  return css.length;
}

async function copyScripts() {
  await copyFile(join(govukDist, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
  // The bundle names its source map; ship it so static file post-processing can resolve it.
  await copyFile(
    join(govukDist, "govuk-frontend.min.js.map"),
    join(out, "govuk-frontend.min.js.map"),
  );
  const init = await readFile(join(here, "js", "hearth.js"), "utf8");
  await writeFile(join(out, "init.js"), init);
  await mkdir(join(out, "vendor"), { recursive: true });
  await copyFile(join(axeDir, "axe.min.js"), join(out, "vendor", "axe.min.js"));
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const cssBytes = await buildCss();
await copyScripts();
await writeFile(join(out, "favicon.svg"), FAVICON);
console.log(`build: wrote ${out} (hearth.css ${cssBytes} bytes)`);
