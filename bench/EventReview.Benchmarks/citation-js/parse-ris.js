// Times citation-js's RIS input on a file: the file parse (@ris/file), then each record's conversion to CSL-JSON,
// as Cite does. Records are converted one at a time so that one record citation-js cannot convert is counted,
// not fatal. Prints one JSON line. Run with NODE_PATH pointing at a node_modules that has @citation-js/core and
// @citation-js/plugin-ris (ops/bench installs them in a scratch directory).
'use strict';
const fs = require('fs');
const { plugins } = require('@citation-js/core');
require('@citation-js/plugin-ris');
const ris = require('@citation-js/plugin-ris/lib/ris.js');

const path = process.argv[2];
const out = {
  core: require('@citation-js/core/package.json').version,
  pluginRis: require('@citation-js/plugin-ris/package.json').version,
  node: process.version,
};
try {
  const text = fs.readFileSync(path, 'utf8');
  const t0 = process.hrtime.bigint();
  const entries = ris.parse(text);
  const t1 = process.hrtime.bigint();
  let converted = 0;
  let failed = 0;
  let firstError;
  for (const entry of entries) {
    try {
      converted += plugins.input.chain(entry, { target: '@csl/list+object', generateGraph: false }).length;
    } catch (e) {
      failed++;
      firstError = firstError || String(e.message);
    }
  }
  const t2 = process.hrtime.bigint();
  Object.assign(out, {
    entries: entries.length, converted, failed, firstError,
    parseSeconds: Number(t1 - t0) / 1e9, convertSeconds: Number(t2 - t1) / 1e9,
  });
} catch (e) {
  out.error = String(e.message).split('\n')[0];
}
out.maxRssBytes = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify(out));
