// @ts-check
/* The practice queue's schedule (Leitner boxes): its order, its counts, its boxes, and
 * data that is old or garbled. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { INTERVAL_DAYS, asEntry, counts, dueAt, queue, review } from "../../fbss_quiz/static/src/schedule.js";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 26, 12);

/** @typedef {import("../../fbss_quiz/static/src/schedule.js").Entry} Entry */

/**
 * @param {Record<string, Entry>} entries
 * @returns {(id: string) => Entry | null}
 */
const from = (entries) => (id) => entries[id] || null;

test("wrong before never tried before right", () => {
  const ids = ["right", "never", "wrong"];
  const entries = {
    right: { box: 2, at: NOW - 5 * DAY, right: true },
    wrong: { box: 1, at: NOW - DAY, right: false },
  };
  assert.deepEqual(queue(ids, from(entries), NOW), ["wrong", "never", "right"]);
});

test("a question answered right but not yet due still comes after the never tried", () => {
  const entries = { a: { box: 5, at: NOW - DAY, right: true } };
  assert.deepEqual(queue(["a", "b"], from(entries), NOW), ["b", "a"]);
});

test("right answers: the one answered longest ago first", () => {
  const entries = {
    recent: { box: 2, at: NOW - 2 * DAY, right: true },
    old: { box: 2, at: NOW - 9 * DAY, right: true },
    middle: { box: 2, at: NOW - 4 * DAY, right: true },
  };
  assert.deepEqual(queue(["recent", "old", "middle"], from(entries), NOW), ["old", "middle", "recent"]);
});

test("right answers not yet due: the one due soonest first, after the due ones", () => {
  const entries = {
    box5: { box: 5, at: NOW - DAY, right: true }, // due in 20 days
    box3: { box: 3, at: NOW - DAY, right: true }, // due in 2 days
    due: { box: 2, at: NOW - 2 * DAY, right: true },
  };
  assert.deepEqual(queue(["box5", "box3", "due"], from(entries), NOW), ["due", "box3", "box5"]);
});

test("wrong answers: the one answered longest ago first; ties keep book order", () => {
  const entries = {
    a: { box: 1, at: NOW - DAY, right: false },
    b: { box: 1, at: NOW - 3 * DAY, right: false },
  };
  assert.deepEqual(queue(["a", "b", "c", "d"], from(entries), NOW), ["b", "a", "c", "d"]);
});

test("across a reload: the order is the same from the stored entries (JSON round trip)", () => {
  /** @type {Record<string, Entry>} */
  let entries = {};
  let clock = NOW;
  // The reader answers q2 wrongly, then q1 and q3 right, a minute apart.
  for (const [id, right] of /** @type {[string, boolean][]} */ ([["q2", false], ["q1", true], ["q3", true]])) {
    entries[id] = review(entries[id] || null, right, clock);
    clock += 60 * 1000;
  }
  entries = JSON.parse(JSON.stringify(entries));
  const order = queue(["q1", "q2", "q3", "q4"], (id) => asEntry(entries[id]), clock);
  assert.deepEqual(order, ["q2", "q4", "q1", "q3"]);
  // Two days later q1 and q3 (box 2: one day) are due; q1 was answered longest ago.
  assert.deepEqual(counts(["q1", "q2", "q3", "q4"], (id) => asEntry(entries[id]), clock), {
    due: 1,
    fresh: 1,
    later: 2,
  });
  const later = clock + 2 * DAY;
  assert.deepEqual(counts(["q1", "q2", "q3", "q4"], (id) => asEntry(entries[id]), later), {
    due: 3,
    fresh: 1,
    later: 0,
  });
});

test("boxes: a right answer moves up one box when due, never past 5; a wrong one back to 1", () => {
  let entry = review(null, true, NOW);
  assert.deepEqual(entry, { box: 2, at: NOW, right: true });
  let clock = NOW;
  for (const box of [3, 4, 5, 5]) {
    clock = dueAt(entry);
    entry = review(entry, true, clock);
    assert.equal(entry.box, box);
  }
  assert.equal(dueAt(entry) - entry.at, INTERVAL_DAYS[4] * DAY);
  assert.deepEqual(review(entry, false, clock + 1), { box: 1, at: clock + 1, right: false });
  assert.deepEqual(review(null, false, NOW), { box: 1, at: NOW, right: false });
});

test("answering again before it is due keeps the box (no promotion by repetition)", () => {
  const entry = review(null, true, NOW);
  const again = review(entry, true, NOW + 60 * 1000);
  assert.equal(again.box, 2);
  assert.equal(again.at, NOW + 60 * 1000);
});

test("a wrong answer put right moves up at once (box 1 is always due)", () => {
  const wrong = review(null, false, NOW);
  assert.equal(review(wrong, true, NOW + 1000).box, 2);
});

test("old or garbled entries count as never tried", () => {
  for (const junk of [null, 3, "x", [], {}, { box: 0, right: true }, { box: 6, right: true }, { box: 2 }, { box: "2", right: true }, { box: 2.5, right: false }]) {
    assert.equal(asEntry(junk), null, JSON.stringify(junk));
  }
  assert.deepEqual(asEntry({ box: 3, at: -5, right: true }), { box: 3, at: 0, right: true });
  assert.deepEqual(asEntry({ box: 3, at: "soon", right: false }), { box: 3, at: 0, right: false });
});

test("counts: due now, never tried, later", () => {
  const entries = {
    w: { box: 1, at: NOW, right: false },
    d: { box: 2, at: NOW - 2 * DAY, right: true },
    l: { box: 4, at: NOW - DAY, right: true },
  };
  assert.deepEqual(counts(["w", "d", "l", "n1", "n2"], from(entries), NOW), { due: 2, fresh: 2, later: 1 });
});
