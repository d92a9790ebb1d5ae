# ruff: noqa: E501
"""A page with one item of every kind (issue 15's browser tests), and a case whose chart
sits in tabs above its items."""

from ngn_page import ITEMS_MD

CHOICES_MD = """
# Every kind

Some prose before the quizzes, with [a link](https://example.org) and more words.

::::{quiz} Check yourself

:::{question}
:id: single
Ana had an operation on a disc in her lower back 5 months ago, for pain down her left leg. Her leg pain never eased at all. Which explanation fits her story best?

- [ ] Scar tissue has formed around the nerve since the operation.
  Scar forms during healing, so it fits pain that returns or changes later, rather than pain that never eased at all.
- [ ] Wear has built up at the level next to the operated one.
  Wear at the next level follows a fusion and builds up over time; Ana had a disc operation.
- [x] The operation did not treat the true source of her pain.
  Five months on, pain that is the same in place and feel and never eased suggests the real source was missed.
- [ ] Screws or rods placed in her spine have broken.
  A disc operation does not place screws or rods, so broken hardware does not explain her pain.

Surgery helps only when it treats the real cause of the pain.
:::

:::{question}
:id: multiple
Which symptoms are common in FBSS?

- [x] Leg pain
  Leg pain is common.
- [x] Numbness
  Numbness is common.
- [ ] Fever
  Fever suggests an infection, not FBSS.
- [ ] Hair loss
  Hair loss is not a symptom of FBSS.
:::

:::{question}
:id: select-n
:type: select-n
Ten days after surgery. Select 3 findings that the nurse must follow up.

- [x] Cloudy fluid draining from the incision
  A sign of infection at the incision.
- [ ] Mild soreness around the incision
  Expected after surgery.
- [x] New numbness around the buttocks
  Can mean cauda equina syndrome.
- [ ] Walks a little farther each day
  Expected progress.
- [x] A fever
  Can mean infection.
- [ ] Sleeps better than before surgery
  A good sign.
:::
::::
"""

#: A trend whose response is answered in the choice view (the page's other trend, in
#: ngn_page.py, answers a matrix).
TREND_SELECT_MD = """
:::{question}
:id: trend-select-n
:type: trend
Mr. Lee had a lumbar fusion three days ago. The nurse reads his chart.

chart: Wound check after surgery
| Time | Drainage | Redness around the wound |
|---|---|---|
| Day 1 | Clear, small amount | None |
| Day 2 | Cloudy | 1 cm |
| Day 3 | Cloudy, more | 3 cm |

response: select-n
Select 2 findings that suggest a wound infection.

- [x] Cloudy drainage
  Pus in the drainage suggests infection.
- [x] Spreading redness
  Redness that spreads each day suggests infection.
- [ ] Clear drainage on day 1
  A little clear fluid is expected at first.
- [ ] Walking with a frame
  Expected progress.
:::
"""

CHART_CASE_MD = """
::::::{case} Case study: a chart in tabs
:topic: causes

Mr. Diaz, 61, had a fusion 10 days ago.

:::::{tab-set}
::::{tab-item} Nurses' notes
**Day 10, 09:00.** Walking with a frame. Reports new numbness between the legs since the night.

**Day 9, 21:00.** Passed urine normally. Pain 4 out of 10.
::::
::::{tab-item} Vital signs
| Vital sign | Day 9 | Day 10 |
|---|---|---|
| Temperature, °C | 36.8 | 37.0 |
| Heart rate, /min | 80 | 88 |
::::
:::::

:::{question}
:id: chart-q1
:type: matrix
Which findings in the chart need action now?

columns: Expected | Report now
- [Expected] Walking with a frame
  Expected after a fusion.
- [Report now] New numbness between the legs
  A red flag.
- [Expected] Temperature 37.0 °C
  Not a fever.
:::

An hour later he cannot pass urine.

:::{question}
:id: chart-q2
What should the nurse do first?

- [x] Arrange emergency care
  Red flags need emergency care.
- [ ] Advise rest
  Delay is dangerous.
- [ ] Recheck tomorrow
  Delay is dangerous.
:::

:::{question}
:id: chart-q3
:type: multiple
Which findings are red flags?

- [x] New numbness between the legs
  A red flag.
- [x] Cannot pass urine
  A red flag.
- [ ] Walking with a frame
  Expected.
:::
::::::
"""

#: Every kind, checked in the tests below: single choice, select-all and select N; the
#: NGN items (matrix, cloze, highlight, ordering, bow-tie, drop-down table, a trend
#: answered in a matrix, drop-down rationale), a trend answered in the choice view, then
#: the case with the chart.
# One heading only: a second would give furo a table of contents, and with it a second
# unnamed <aside> (axe: landmark-unique; the theme's markup, not the quiz's).
PAGE_MD = (
    CHOICES_MD
    + ITEMS_MD.replace("# Every item type", "Every item type:")
    + TREND_SELECT_MD
    + CHART_CASE_MD
)
