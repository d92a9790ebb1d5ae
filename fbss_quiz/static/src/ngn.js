// @ts-check
/* fbss-quiz: the Next Generation NCLEX kinds, bundled only for pages that hold one
 * (the "ngn" part of tools/build_assets.py). A new kind is listed here. */
import bowtie from "./kinds/bowtie.js";
import cloze from "./kinds/cloze.js";
import dropdownRationale from "./kinds/dropdown_rationale.js";
import dropdownTable from "./kinds/dropdown_table.js";
import highlight from "./kinds/highlight.js";
import matrix from "./kinds/matrix.js";
import ordering from "./kinds/ordering.js";
import selectN from "./kinds/select_n.js";
import trend from "./kinds/trend.js";

/** @type {import("./question.js").Kind[]} */
export default [matrix, cloze, highlight, ordering, bowtie, dropdownRationale, dropdownTable, selectN, trend];
