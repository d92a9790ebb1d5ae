// @ts-check
/* The browser's scorers without a browser: every case of tests/scoring_cases.json (the
 * table the Python scorer is tested with too) through the kind module it names.
 * Run: node --test tests/js/ (tests/extension/test_js_units.py runs it within pytest). */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { perGroup } from "../../fbss_quiz/static/src/scoring.js";

const SRC = new URL("../../fbss_quiz/static/src/", import.meta.url);
const cases = JSON.parse(readFileSync(new URL("../scoring_cases.json", import.meta.url), "utf8"));
const kindFiles = readdirSync(new URL("kinds/", SRC)).filter((f) => f.endsWith(".js"));

/** @param {string} name */
const kind = async (name) => (await import(new URL(`kinds/${name}.js`, SRC).href)).default;

test("every kind module exports its name, a scorer and a view", async () => {
  assert.ok(kindFiles.length >= 6, kindFiles.join());
  for (const file of kindFiles) {
    const module = await kind(file.slice(0, -3));
    assert.equal(module.name, file.slice(0, -3));
    assert.equal(typeof module.score, "function");
    assert.equal(typeof module.mount, "function");
  }
});

test("the table covers every rule, both scorings and every kind", () => {
  const rules = new Set(cases.flatMap((/** @type {any} */ c) => c.item.groups.map((/** @type {any} */ g) => g.rule)));
  assert.deepEqual([...rules].sort(), ["one", "order", "plus-minus", "slots"]);
  assert.deepEqual([...new Set(cases.map((/** @type {any} */ c) => c.item.scoring))].sort(), ["all-or-nothing", "ncsbn"]);
  const kinds = new Set(cases.map((/** @type {any} */ c) => c.item.kind + ".js"));
  assert.deepEqual([...kinds].sort(), [...kindFiles].sort());
});

for (const { name, item, picks, expected } of cases) {
  test(`${item.kind}: ${name}`, async () => {
    const score = (await kind(item.kind)).score(item, picks);
    const { points, max, right, wrong, full } = score;
    assert.deepEqual({ points, max, right, wrong, full }, expected);
    assert.equal(score.parts.length, item.groups.length);
    assert.equal(score.parts.every(Boolean), full);
  });
}

test("flat option indices split into each group's own, in the order given", () => {
  const item = { kind: "bowtie", scoring: "ncsbn", groups: [{ size: 3 }, { size: 2 }, { size: 4 }] };
  // @ts-ignore: only the sizes matter here
  assert.deepEqual(perGroup(item, [4, 0, 3, 8, 5]), [[0], [1, 0], [3, 0]]);
  // @ts-ignore
  assert.deepEqual(perGroup(item, []), [[], [], []]);
});
