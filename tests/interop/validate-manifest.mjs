// Validates a JSON document against a JSON schema with Ajv, offline: the Teams manifest against the pinned
// manifest schema, a localisation file against the localisation schema (shared/reference/botframework-teams.md §6.4).
//
//   node validate-manifest.mjs <schema.json> <document.json>
//
// Prints one JSON line { "errors": ["<instancePath> <message> <params>", ...] }. Exit code 0 when both files were
// read (valid or not), 2 when not.
//
// The Teams schemas declare draft-04 but use only keywords that draft-07 reads the same way (plus "const", which
// Ajv-draft-04 also enforces), so Ajv's default draft-07 validates them once their "$schema" is set aside.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [schemaPath, documentPath] = process.argv.slice(2);
if (!schemaPath || !documentPath) {
  console.error("usage: node validate-manifest.mjs <schema.json> <document.json>");
  process.exit(2);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    console.error(`validate-manifest: cannot read ${path}: ${e.message}`);
    process.exit(2);
  }
}

const schema = readJson(schemaPath);
const document = readJson(documentPath);
delete schema.$schema;

// unicodeRegExp off: the localisation schema has patterns such as `\b]\.` that are valid ECMAScript regular
// expressions but not in the "u" mode Ajv uses by default.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
validate(document);

const errors = (validate.errors ?? []).map(e => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
console.log(JSON.stringify({ errors }));
