// @ts-check
/* Exam mode's seal: the browser opens what fbss_quiz/exam.py sealed (tests/seal_cases.json,
 * which tests/extension/test_exam.py checks against the Python side). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { unseal } from "../../fbss_quiz/static/src/exam.js";

const cases = JSON.parse(readFileSync(new URL("../seal_cases.json", import.meta.url), "utf8"));

for (const { key, data, sealed } of cases) {
  test(`unseal with the key ${key}`, () => {
    assert.ok(!sealed.includes("rationale") && !sealed.includes("correct"));
    assert.deepEqual(unseal(sealed, key), data);
  });
}

test("the wrong key does not open it", () => {
  const { sealed } = cases[0];
  assert.throws(() => unseal(sealed, "another-quiz"));
});
