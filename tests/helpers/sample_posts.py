"""Post bodies used by the publish tests and the bench (own text, written for these tests)."""

from __future__ import annotations

LONG_SENTENCE = "Ranking models keep growing, and so do the serving bills that come with them. "

EVERY_FEATURE = f"""\
<!-- recweekly:begin overview sha=0000 -->
# RecSys Weekly, week 10

Plain text with **bold**, *italic*, ~~struck~~, `inline code`, a [link](https://example.org/paper)
and a hard break here\\
after two spaces. Inline math $E = mc^2$ sits in a sentence.
<!-- recweekly:end overview -->

## Generative retrieval

### Semantic ids

#### A fourth-level heading

##### A fifth-level heading shows as a fourth

$$
\\sum_{{i=1}}^{{n}} x_i^2
$$

- first level
  - second level
    - third level
      - fourth level
        - fifth level
- back to the top

1. step one
2. step two
   1. step two point one

- [ ] a task to do
- [x] a task done

> A quote with two paragraphs.
>
> The second paragraph of the quote.

> [!NOTE]
> An alert becomes a callout.

> - a quote that starts with a list
> - stays visible

```zig
const answer = 42;
```

```py
def score(user, item):
    return user @ item
```

| Model | Lab | Gain |
|---|---|---|
| SORT | Alibaba | +6.35% |
| OneRec | Kuaishou |

![Architecture](https://example.org/arch.png "Figure 1: the pipeline")

![Local chart](img/chart.png)

---

<details>
<summary>Extra reading</summary>

Hidden until opened.

</details>

See [last week](w09.en.md) for context.[^1] Write to <MAILTO:editor@example.org>; AT&T &copy 2026 &copy;.

3. a list that starts at three
4. is numbered from one by Notion

<span class="badge">raw html stays visible</span>

{LONG_SENTENCE * 40}

[^1]: A footnote that lands in the notes section.
"""

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def weekly_post(sections: int = 12, papers_per_section: int = 8) -> str:
    """A long, realistic weekly: overview, themes with paper bullets and a reading order, a roundup table."""
    out = ["# RecSys Weekly 2026-W10", "", "This week in recommender systems research, in brief.", ""]
    out += ["## Overview", ""]
    out += [f"- **{n}** papers about theme {n}, mostly from industry labs." for n in range(1, 9)]
    out.append("")
    for s in range(sections):
        out += [f"## Theme {s + 1}: scaling sequential recommenders", ""]
        out.append(f"Theme {s + 1} opens with a paragraph that sets the scene for the papers below, "
                   "written by hand in the draft and kept by every regeneration.")
        out.append("")
        for p in range(papers_per_section):
            out.append(f"- **Model{s}-{p}** ([2603.{s:02d}{p:03d}](https://arxiv.org/abs/2603.{s:02d}{p:03d})): "
                       f"a one-line take on paper {p} of theme {s + 1}, with *online* gains of +{p}.{s}%.")
            out.append(f"  - Lab: Example Lab {p}; score {5 + p % 5}/10")
        out.append("")
        out += [f"1. Read Model{s}-0 first.", f"2. Then compare it with Model{s}-1.", ""]
        out.append(f"> Takeaway for theme {s + 1}: measure the serving cost, not only the offline AUC.")
        out.append("")
    out += ["## Paper roundup", "", "| # | Paper | Lab | Score |", "|---|---|---|---|"]
    for i in range(40):
        out.append(f"| {i + 1} | Paper {i + 1} | Lab {i % 7} | {5 + i % 5} |")
    out += ["", "---", "", "Thanks for reading; see you next week.", ""]
    return "\n".join(out)
