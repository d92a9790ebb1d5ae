// @ts-check
/* Complete before grading: each kind's ``missing`` (its own, or scoring.js's) over
 * tests/complete_cases.json (the table the Python kinds are tested with too). */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { kinds } from "../../fbss_quiz/static/src/registry.js";
import { missing } from "../../fbss_quiz/static/src/scoring.js";

const SRC = new URL("../../fbss_quiz/static/src/", import.meta.url);
const cases = JSON.parse(readFileSync(new URL("../complete_cases.json", import.meta.url), "utf8"));
const kindFiles = readdirSync(new URL("kinds/", SRC)).filter((f) => f.endsWith(".js"));
// Every kind in the registry, as a page's bundle fills it: a trend asks its response's.
for (const file of kindFiles) {
  /** @type {import("../../fbss_quiz/static/src/question.js").Kind} */
  const kind = (await import(new URL(`kinds/${file}`, SRC).href)).default;
  kinds.set(kind.name, kind);
}

for (const { name, item, picks, missing: expected } of cases) {
  test(`missing: ${name}`, () => {
    const kind = kinds.get(item.kind);
    assert.ok(kind, item.kind);
    assert.equal((kind.missing || missing)(item, picks), expected);
  });
}

test("the table has complete and incomplete items of every rule and every kind", () => {
  const rules = new Set(cases.flatMap((/** @type {any} */ c) => c.item.groups.map((/** @type {any} */ g) => g.rule)));
  assert.deepEqual([...rules].sort(), ["one", "order", "plus-minus", "slots"]);
  const named = new Set(cases.map((/** @type {any} */ c) => c.item.kind + ".js"));
  assert.deepEqual([...named].sort(), [...kindFiles].sort());
  assert.ok(cases.some((/** @type {any} */ c) => c.missing === 0));
  assert.ok(cases.some((/** @type {any} */ c) => c.missing > 1));
});
