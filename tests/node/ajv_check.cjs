// Checks incidentkit's schemas the way a JavaScript partner would: Ajv in strict
// mode with ajv-formats. Driven by tests/test_partner_tools.py.
//
// stdin: {"dialect": "2020-12" | "draft-07", "schemas": [schema, ...],
//         "validate": [{"id": "$id of a schema", "data": any}, ...],
//         "patterns": [{"pattern": "...", "strings": ["...", ...]}, ...]}
// stdout: {"valid": [[true | false, errors], ...], "patterns": [[bool, ...], ...],
//          "warnings": ["...", ...]}
// Exit status 1, with the message on stderr, when a schema does not compile.
"use strict";

const path = require("path");

const modules = process.env.INCIDENTKIT_NODE_MODULES;
const load = (name) => require(modules ? path.resolve(modules, name) : name);

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const Ajv = input.dialect === "draft-07" ? load("ajv").default : load("ajv/dist/2020").default;
const addFormats = load("ajv-formats").default;

const warnings = [];
const ajv = new Ajv({
  strict: true,
  strictTypes: true,
  strictTuples: true,
  strictRequired: true,
  allErrors: true,
  logger: { log() {}, warn: (m) => warnings.push(String(m)), error: (m) => warnings.push(String(m)) },
});
addFormats(ajv);

try {
  for (const schema of input.schemas) ajv.addSchema(schema);
  for (const schema of input.schemas) ajv.getSchema(schema.$id); // compiles it
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

const valid = (input.validate || []).map(({ id, data }) => {
  const check = ajv.getSchema(id);
  const ok = check(data);
  return [ok, ok ? [] : check.errors.map((e) => `${e.instancePath || "/"} ${e.message}`)];
});
const patterns = (input.patterns || []).map(({ pattern, strings }) => {
  const regex = new RegExp(pattern, "u");
  return strings.map((s) => regex.test(s));
});
process.stdout.write(JSON.stringify({ valid, patterns, warnings }));
