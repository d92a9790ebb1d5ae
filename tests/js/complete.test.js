// @ts-check
/* Complete before grading: the browser's ``missing`` over tests/complete_cases.json (the
 * table the Python ``missing`` is tested with too). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { missing } from "../../fbss_quiz/static/src/scoring.js";

const cases = JSON.parse(readFileSync(new URL("../complete_cases.json", import.meta.url), "utf8"));

for (const { name, item, picks, missing: expected } of cases) {
  test(`missing: ${name}`, () => assert.equal(missing(item, picks), expected));
}

test("the table has complete and incomplete items of every rule", () => {
  const rules = new Set(cases.flatMap((/** @type {any} */ c) => c.item.groups.map((/** @type {any} */ g) => g.rule)));
  assert.deepEqual([...rules].sort(), ["one", "order", "plus-minus", "slots"]);
  assert.ok(cases.some((/** @type {any} */ c) => c.missing === 0));
  assert.ok(cases.some((/** @type {any} */ c) => c.missing > 1));
});
