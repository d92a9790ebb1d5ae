# ruff: noqa: E501
"""A page with one item of every Next Generation NCLEX type and a case study."""

ITEMS_MD = """
# Every item type

:::{question}
:id: ngn-matrix
:type: matrix
:step: recognize-cues
Two days after a lumbar fusion, which findings are expected and which must be reported now?

columns: Expected | Report now

- [Expected] Soreness around the incision
  Some wound pain is expected after surgery.
- [Report now] New numbness between the legs
  New saddle numbness can mean cauda equina syndrome.
- [Report now] New trouble passing urine
  New bladder trouble can mean cauda equina syndrome.

New numbness around the buttocks or new bladder trouble needs emergency care.
:::

:::{question}
:id: ngn-matrix-multiple
:type: matrix-multiple
Which treatments address each goal?

columns: Pain | Strength
- [Pain | Strength] Physical therapy
  It builds strength and reduces pain.
- [Pain] Spinal cord stimulation
  It reduces pain signals.
:::

:::{question}
:id: ngn-cloze
:type: cloze
:step: analyze-cues
New numbness between the legs after surgery can mean [[1]], so the client should [[2]].

[[1]]
- [x] cauda equina syndrome
  Saddle numbness is a red flag for it.
- [ ] epidural fibrosis
  Scar tissue does not usually cause sudden saddle numbness.
[[2]]
- [ ] rest at home
  Waiting is dangerous.
- [x] go to an emergency department at once
  This is an emergency.

Red flags need emergency care.
:::

:::{question}
:id: ngn-highlight
:type: highlight
Select the findings in the nurse's note that need action now.

> 08:00. Client reports [[mild soreness at the incision]]. Client reports [[*new numbness around the buttocks]] and [[*trouble passing urine]] since 06:00. [[Walked to the bathroom]] with help.

- [[mild soreness at the incision]]
  Expected after surgery.
- [[new numbness around the buttocks]]
  A red flag.
- [[trouble passing urine]]
  A red flag.
- [[Walked to the bathroom]]
  Expected progress.
:::

:::{question}
:id: ngn-ordering
:type: ordering
Put the steps of spinal cord stimulation in order.

1. Assessment by a multidisciplinary team
   A team assesses first.
2. A trial of stimulation
   The trial comes before the implant.
3. Implanting the pulse generator
   Only after a successful trial.
:::

:::{question}
:id: ngn-bowtie
:type: bowtie
:step: take-action
A client has new saddle numbness after fusion.

Condition:
- [x] Cauda equina syndrome
  The red flags fit.
- [ ] Epidural fibrosis
  Not sudden.
- [ ] Hardware failure
  Does not explain saddle numbness.
Actions:
- [x] Send to emergency department
  At once.
- [x] Report to the surgeon now
  Urgent.
- [ ] Advise rest
  Dangerous delay.
Monitor:
- [x] Bladder function
  A key sign.
- [x] Saddle sensation
  A key sign.
- [ ] Hair growth
  Irrelevant.
:::

:::{question}
:id: ngn-dropdown-table
:type: dropdown-table
:step: analyze-cues
Two days after a lumbar fusion, the nurse reviews the client's findings. For each finding,
choose what the nurse should do.

columns: Finding | Action to take

- Soreness around the incision
  - [x] Keep monitoring
  - [ ] Arrange emergency care
  Some wound pain is expected after surgery.
- New numbness between the legs
  - [ ] Keep monitoring
  - [x] Arrange emergency care
  New saddle numbness can mean cauda equina syndrome, an emergency.
- New trouble passing urine
  - [ ] Encourage more fluids
  - [ ] Keep monitoring
  - [x] Arrange emergency care
  New bladder trouble after back surgery can mean cauda equina syndrome.

Red flags such as new saddle numbness or bladder trouble need emergency care.
:::

:::{question}
:id: ngn-trend
:type: trend
:step: recognize-cues
Mr. Lee had a lumbar fusion three days ago. The nurse reads his chart.

chart: Vital signs after surgery
| Time | Temperature, °C | Heart rate, /min | Pain (0-10) |
|---|---|---|---|
| Day 1, 08:00 | 37.0 | 84 | 6 |
| Day 2, 08:00 | 37.6 | 96 | 5 |
| Day 3, 08:00 | 38.4 | 112 | 4 |

response: matrix
Which trends must the nurse report now?

columns: Expected | Report now
- [Report now] Temperature
  It has risen each day: infection is possible.
- [Report now] Heart rate
  It has risen with the temperature.
- [Expected] Pain
  It falls as he heals.
:::

::::{case} Case study: Mr. Lee after fusion
:topic: causes

Mr. Lee, 58, had a lumbar fusion two days ago.

:::{question}
:id: case-q1
:type: matrix
Which findings need action now?

columns: Expected | Report now
- [Expected] Incision soreness
  Expected.
- [Report now] New saddle numbness
  Red flag.
:::

Two hours later, he cannot pass urine.

:::{question}
:id: case-q2
:step: take-action
What should the nurse do first?

- [x] Arrange emergency care
  Red flags need emergency care.
- [ ] Advise rest
  Delay is dangerous.
:::
::::

:::{question}
:id: ngn-dropdown-rationale
:type: dropdown-rationale
:step: take-action
Two days after a lumbar fusion, the client has new numbness between the legs and cannot pass urine.

The nurse should [[1]] because of the [[2]] and the [[3]].

[[1]]
- [ ] advise rest and check again tomorrow
  A red flag cannot wait until tomorrow.
- [x] arrange emergency care at once
  These red flags need emergency care.
- [ ] give the usual pain relief
  Pain relief does not treat the cause.
[[2]]
- [x] new numbness between the legs
  New saddle numbness can mean cauda equina syndrome.
- [ ] soreness around the incision
  Some wound pain is expected after surgery.
- [ ] tiredness
  Common after surgery, and not a red flag.
[[3]]
- [ ] wish to walk
  Walking with help is expected progress.
- [ ] low appetite
  Common after surgery, and not a red flag.
- [x] new trouble passing urine
  New bladder trouble can mean cauda equina syndrome.
:::
"""
