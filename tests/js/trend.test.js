// @ts-check
/* The trend kind hands its question to its response's kind, found among the bundle's
 * kinds (registry.js, which main.js fills): that kind's scorer and view, not a copy. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { kinds } from "../../fbss_quiz/static/src/registry.js";
import { scoreItem } from "../../fbss_quiz/static/src/scoring.js";
import trend from "../../fbss_quiz/static/src/kinds/trend.js";

const item = {
  kind: "trend",
  response: "linked",
  scoring: "ncsbn",
  groups: [
    { rule: "one", size: 2, need: 1, correct: [0] },
    { rule: "one", size: 2, need: 1, correct: [1] },
  ],
};

/** A kind added after the trend, with a rule of its own: a point only when all is right. */
const linked = {
  name: "linked",
  /** @type {(item: any, picks: number[][]) => any} */
  score(item, picks) {
    const score = scoreItem(item, picks);
    return { ...score, points: +score.full, max: 1 };
  },
  /** @type {(root: any, api: any) => any} */
  mount: (root, api) => ({ root, api, mounted: "linked" }),
};

test("the response's own scorer scores the trend", () => {
  kinds.set("linked", linked);
  try {
    // @ts-ignore: the item's extra key, and a partial answer
    assert.deepEqual(trend.score(item, [[0], [0]]), linked.score(item, [[0], [0]]));
    // @ts-ignore
    assert.equal(trend.score(item, [[0], [0]]).points, 0); // the shared rules would give 1
    // @ts-ignore
    assert.equal(trend.score(item, [[0], [1]]).points, 1);
  } finally {
    kinds.delete("linked");
  }
});

test("the response's own view runs the trend, with the same root and lifecycle", () => {
  kinds.set("linked", linked);
  try {
    const root = /** @type {any} */ ({ id: "q" });
    const api = /** @type {any} */ ({ item, saved: null, say() {} });
    assert.deepEqual(trend.mount(root, api), { root, api, mounted: "linked" });
  } finally {
    kinds.delete("linked");
  }
});

test("without its response's module (a unit test), the shared NCSBN rules score it", () => {
  // @ts-ignore
  assert.deepEqual(trend.score(item, [[0], [0]]), scoreItem(item, [[0], [0]]));
});
