// Validate the export schema and documents with ajv, the most used JSON Schema validator,
// in strict mode with ajv-formats (as a JavaScript integrator would).
//
//   NODE_PATH=<dir>/node_modules node .ci/ajv-validate.js SCHEMA CASES EXPORT.json...
//
// The schema must compile in strict mode; every export must be valid; every case of
// CASES' "rejected_by_schema" (hand-made invalid documents, shared with the Python
// test tests/test_schema_validators.py) applied to each export must be rejected.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const read = (path) => JSON.parse(fs.readFileSync(path, "utf8"));
const [schemaPath, casesPath, ...exportPaths] = process.argv.slice(2);
if (!exportPaths.length) {
  console.error("usage: ajv-validate.js SCHEMA CASES EXPORT.json...");
  process.exit(2);
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(read(schemaPath)); // throws on any unknown keyword

function apply(testCase, document) {
  const changed = structuredClone(document);
  const path = testCase.path.slice();
  const last = path.pop();
  let target = changed;
  for (const key of path) target = target[key];
  if (testCase.remove) delete target[last];
  else target[last] = testCase.value;
  return changed;
}

const cases = read(casesPath).rejected_by_schema;
let failures = 0;
for (const exportPath of exportPaths) {
  const document = read(exportPath);
  if (!validate(document)) {
    failures += 1;
    console.error(`${exportPath}: rejected: ${ajv.errorsText(validate.errors)}`);
  }
  for (const testCase of cases) {
    if (validate(apply(testCase, document))) {
      failures += 1;
      console.error(`${exportPath}: accepted an invalid document: ${testCase.name}`);
    }
  }
}
const checked = exportPaths.length * (cases.length + 1);
console.log(`ajv (strict, ajv-formats): ${checked - failures} of ${checked} documents judged right`);
process.exit(failures ? 1 : 0);
