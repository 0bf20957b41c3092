// Validates Adaptive Cards with Microsoft's own renderer library (adaptivecards 3.0.6), targeting version 1.5.
//
//   echo '[{"type":"AdaptiveCard", ...}, ...]' | node validate-card.mjs
//
// Prints one JSON line: [{ "index": 0, "errors": [...], "warnings": [...] }, ...], each problem as
// { "event", "phase", "message" }. Exit code 0 when the input was read (whatever the cards' problems), 2 when not.
//
// Errors are the library's parse and validation events (unknown element or action types, invalid enum values,
// properties newer than 1.5, duplicate ids, required inputs without label or error message ...), plus any
// property the library does not know: it silently ignores those, so a misspelt "isMultiline" would otherwise
// pass. Hints and deprecations are warnings.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

// lib/ is extensionless ESM that Node cannot import; dist/ is the same code as a UMD bundle.
const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js");

const targetVersion = AC.Versions.v1_5;
const warningEvents = new Set([AC.ValidationEvent.Hint, AC.ValidationEvent.Deprecated]);

// Objects without a "type" of their own, by the property that holds them.
const untypedChildren = {
  facts: () => new AC.Fact(),
  choices: () => new AC.Choice(),
  refresh: () => new AC.RefreshDefinition(),
};

// Properties the library parses by hand rather than through its property schema.
const structuralProperties = {
  AdaptiveCard: ["body", "actions"],
  Container: ["items"],
  Column: ["items"],
  ColumnSet: ["columns"],
  ActionSet: ["actions"],
};

// Free-form or host-specific: "data" is the bot's own payload, "msteams" is read by Teams, not by the renderer.
const opaqueProperties = new Set(["data", "msteams"]);

function instanceForType(typeName) {
  switch (typeName) {
    case "AdaptiveCard": return new AC.AdaptiveCard();
    case "Column": return new AC.Column();
    default:
      return AC.GlobalRegistry.elements.createInstance(typeName, targetVersion)
        ?? AC.GlobalRegistry.actions.createInstance(typeName, targetVersion);
  }
}

function propertyNames(instance) {
  const schema = instance.getSchema();
  const names = new Set(["fallback", ...(structuralProperties[instance.getJsonTypeName?.()] ?? [])]);
  for (let i = 0; i < schema.getCount(); i++) names.add(schema.getItemAt(i).name);
  return names;
}

function* unknownProperties(node, path, instance) {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* unknownProperties(node[i], `${path}[${i}]`, instance);
    return;
  }
  if (node === null || typeof node !== "object") return;

  const self = typeof node.type === "string" ? instanceForType(node.type) : instance;
  const known = self ? propertyNames(self) : undefined; // unknown types are reported by the parser itself
  for (const [key, value] of Object.entries(node)) {
    if (known && !known.has(key) && !opaqueProperties.has(key)) {
      yield `${path}.${key}: property not known to adaptivecards for ${node.type ?? self?.constructor?.name}`;
    }
    if (opaqueProperties.has(key)) continue;
    const child = untypedChildren[key]?.();
    yield* unknownProperties(value, `${path}.${key}`, child);
  }
}

function validate(json) {
  const errors = [];
  const warnings = [];
  const add = (e) => (warningEvents.has(e.event) ? warnings : errors).push({
    event: AC.ValidationEvent[e.event],
    phase: AC.ValidationPhase[e.phase],
    message: e.message,
  });

  // adaptivecards checks "lang" with a shared /g regular expression, whose lastIndex makes every second
  // card in one process fail; start each card from a clean state.
  AC.CardElement.langProperty.regEx.lastIndex = 0;

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(targetVersion);
  card.parse(json, context);
  const version = AC.Version.parse(json?.version, context);
  if (!version?.isValid || version.compareTo(targetVersion) > 0) {
    errors.push({ event: "UnsupportedCardVersion", phase: "Parse", message: `card version ${json?.version} is not 1.5 or older` });
  }
  for (let i = 0; i < context.eventCount; i++) add(context.getEventAt(i));
  for (const e of card.validateProperties().validationEvents) add(e);
  for (const message of unknownProperties(json, "$")) errors.push({ event: "UnknownProperty", phase: "Parse", message });

  return { errors, warnings };
}

let cards;
try {
  cards = JSON.parse(readFileSync(0, "utf8"));
  if (!Array.isArray(cards)) throw new Error("expected a JSON array of cards");
} catch (e) {
  console.error(`validate-card: cannot read the cards from stdin: ${e.message}`);
  process.exit(2);
}

console.log(JSON.stringify(cards.map((json, index) => ({ index, ...validate(json) }))));
