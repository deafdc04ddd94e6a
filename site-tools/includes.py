"""MkDocs hook: pages show snippets and their recorded output from files, never typed by hand.

In a page, a line of its own

    --8<-- "race.java"        the lesson: the snippet's core (the lines between `// tag::core[]`
                              and `// end::core[]`), the command that runs it, and its recorded
                              output; the whole program follows, collapsed, at the end of the
                              section (before the next # or ## heading)
    --8<-- "race.java:fixes"  only the lines between `// tag::fixes[]` and `// end::fixes[]`
    --8<-- "race.out"         only the recorded output

becomes fenced blocks. The same line inside a fence (```java, ```text, ...) is replaced by the raw
file or region, so a page can add its own fence options. In prose, {{ race.lost }} is the value
recorded for `lost` in race.out, {{ race.lost.max }} its declared bound, and
{{ no_gil.one_cpu_speedup_max }} a threshold declared in no_gil.claims: a page quotes numbers from the
one place the tests read them.

Recorded output declares its varying parts as {{name=value|type}} (see recorded.py). The output
block marks each one where it stands (①, ②, ...) and says under the block what may vary. The
block's HTML is written here: Material 8.2 has no tooltips, and a title never shows on touch.

The build fails when a page includes a file or region that does not exist, quotes a value that
is not declared, when a ```java fence holds anything but one include, and when a snippet is on
no page. An exercise (snippets/exercises/NAME/) has no core or output: its page shows each of its
files whole, in a ```java fence around the include, and each must be on a page too. Written for
MkDocs 1.4 (Debian) and 1.6 (pip). Paths are relative to mkdocs.yml.
"""
import html
import itertools
import re
import sys
from decimal import Decimal
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import recorded  # noqa: E402  (the grammar shared with the tests)
from measured import timeline_chart  # noqa: E402  (the same SVG as the measurements page)

INCLUDE = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
FENCE = re.compile(r'^(?P<indent>[ \t]*)(?P<marks>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$')
TAG_MARK = re.compile(r'^\s*//\s*(?:tag|end)::[\w-]+\[\]\s*$')
SECTION_END = re.compile(r'^#{1,2}\s')
REFERENCE = re.compile(r'\{\{\s*(?P<snippet>[\w/-]+)\.(?P<name>[a-z][a-z0-9_]*)'
                       r'(?:\.(?P<bound>min|max))?\s*\}\}')
MARKS = [chr(c) for c in range(0x2460, 0x2474)] + [chr(c) for c in range(0x3251, 0x3260)]
PLACEHOLDER = "RECORDEDOUTPUTBLOCK{}X"

_included = set()
_blocks = {}
_numbers = itertools.count()


def _snippets_dir(config):
    return Path(config["config_file_path"]).resolve().parent / "snippets"


def _file(config, page, name):
    path = _snippets_dir(config) / name
    if not path.is_file():
        raise PluginError(f"{page.file.src_path}: includes snippets/{name}, which does not exist")
    return path


def _read(config, page, target):
    """The lines of a snippets/ file or tagged region (`file:tag`), without tag lines."""
    name, _, tag = target.partition(":")
    lines = _file(config, page, name).read_text(encoding="utf-8").splitlines()
    if tag:
        starts = [i for i, l in enumerate(lines) if re.match(rf"\s*//\s*tag::{re.escape(tag)}\[\]\s*$", l)]
        ends = [i for i, l in enumerate(lines) if re.match(rf"\s*//\s*end::{re.escape(tag)}\[\]\s*$", l)]
        if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
            raise PluginError(f"{page.file.src_path}: snippets/{name} has no region '{tag}'"
                              f" (// tag::{tag}[] ... // end::{tag}[])")
        lines = _dedent(lines[starts[0] + 1:ends[0]])
    return [l for l in lines if not TAG_MARK.match(l)]


def _dedent(lines):
    margin = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
    return [l[margin:] for l in lines]


def _indented(lines, indent):
    return [indent + l if l else l for l in lines]


# --- values a page quotes ---------------------------------------------------------------------

def _declared(config, page, snippet):
    """(slots by name, claims by name) of a snippet's .out and .claims files."""
    base = _snippets_dir(config) / snippet
    slots, claims = {}, {}
    out, claims_file = base.with_suffix(".out"), base.with_suffix(".claims")
    try:
        if out.is_file():
            slots = {s.name: s for s in recorded.parse_out(out.read_text(encoding="utf-8"))}
        if claims_file.is_file():
            claims = recorded.parse_claims(claims_file.read_text(encoding="utf-8"))
    except ValueError as e:
        raise PluginError(f"snippets/{snippet}: {e}") from None
    both = sorted(set(slots) & set(claims))
    if both:
        raise PluginError(f"snippets/{snippet}: {', '.join(both)} declared in both its .out"
                          " and its .claims file")
    return slots, claims


def _number(bound, grouped):
    """A bound for the reader: grouped like the recorded value ('2,000,000'), else as written."""
    value = Decimal(bound.replace(",", "").replace("_", ""))
    if grouped and value == value.to_integral_value():
        return f"{int(value):,}"
    return bound.replace("_", "")


def _quote(config, page, match):
    snippet, name, bound = match["snippet"], match["name"], match["bound"]
    slots, claims = _declared(config, page, snippet)
    if name in claims and not bound:
        return claims[name][0]
    if name in slots:
        slot = slots[name]
        if not bound:
            return slot.value
        if slot.low:
            return _number(slot.low if bound == "min" else slot.high, slot.grouped)
    raise PluginError(f"{page.file.src_path}: quotes {{{{ {match[0][2:-2].strip()} }}}}, which"
                      f" snippets/{snippet}.out and .claims do not declare"
                      + (" with bounds" if bound and name in slots else ""))


# --- the output block -------------------------------------------------------------------------

def _what_varies(slot):
    if slot.low:
        what = f"{_number(slot.low, slot.grouped)} to {_number(slot.high, slot.grouped)}"
    elif slot.options:
        what = "one of " + ", ".join(f"“{o}”" for o in slot.options)
    else:
        what = "any single word"
    if not slot.note:
        return f"{what}; varies from run to run"
    return what + ("" if slot.note[0] in ",;:." else " ") + slot.note


def _timeline_figure(header, timeline, longest):
    """A recorded timeline drawn as bars, captioned with its header and its bounds."""
    rows = [(label, recorded.canonical_int(start), recorded.canonical_int(end))
            for label, start, end, _ in timeline.rows]
    bounds = (f"each start and end may be {_number(timeline.low, True)} to "
              f"{_number(timeline.high, True)} ms")
    note = timeline.note.lstrip(",;:. ")
    return (f'<figure class="measured-chart timeline">{timeline_chart(header, rows, longest)}'
            f'<figcaption>{html.escape(header)}: drawn from the recorded run above '
            f'({html.escape(note + "; " if note else "")}{bounds}; varies from run to run).'
            '</figcaption></figure>')


def _output_html(config, page, name):
    text = _file(config, page, name).read_text(encoding="utf-8")
    try:
        slots, timelines = recorded.parse(text)
    except ValueError as e:
        raise PluginError(f"snippets/{name}: {e}") from None
    if len(slots) > len(MARKS):
        raise PluginError(f"snippets/{name}: more than {len(MARKS)} varying parts")
    numbered = iter(zip(MARKS, slots))

    def value(match):
        mark, slot = next(numbered)
        return (f'<span class="varying" data-mark="{mark}" title="{mark} '
                f'{html.escape(_what_varies(slot))}">{html.escape(slot.value)}</span>')

    headers = {t.line: t for t in timelines}
    # one scale for all the timelines of a run, so that they compare at a glance
    longest = max((recorded.canonical_int(end) for t in timelines for _, _, end, _ in t.rows),
                  default=1)
    rows = {row[3] for t in timelines for row in t.rows}
    lines, figures = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if number in rows:
            continue   # drawn under the block instead
        parts, last = [], 0
        for m in recorded.MARKER.finditer(line):
            if recorded.TIMELINE.fullmatch(m[1]):
                parts.append(html.escape(line[last:m.start()]))
                break   # the timeline marker ends the line and stands for no text
            parts += [html.escape(line[last:m.start()]), value(m)]
            last = m.end()
        else:
            parts.append(html.escape(line[last:]))
        lines.append("".join(parts))
        if number in headers:
            timeline = headers[number]
            lines.append(f"  ({len(timeline.rows)} rows: drawn below)")
            figures.append(_timeline_figure(recorded.plain(line), timeline, max(longest, 1)))
    block = ('<div class="highlight recorded-output"><span class="filename">Output (recorded'
             ' from a real run)</span><pre><span></span><code>' + "\n".join(lines)
             + "</code></pre></div>")
    if slots:
        items = "".join(f'<li><span class="varying-mark">{mark}</span> '
                        f"{html.escape(_what_varies(slot))}</li>"
                        for mark, slot in zip(MARKS, slots))
        block += f'\n<ul class="varying-notes">{items}</ul>'
    return block + "".join(f"\n{figure}" for figure in figures)


def _output_block(config, page, name, indent):
    """A placeholder paragraph; on_page_content puts the block's HTML in its place."""
    key = PLACEHOLDER.format(next(_numbers))
    _blocks[key] = _output_html(config, page, name)
    return ["", indent + key, ""]


# --- includes ---------------------------------------------------------------------------------

def _code(title, lines, indent, language="java"):
    return _indented([f'```{language} title="{title}"', *lines, "```", ""], indent)


def _lesson(config, page, name, indent):
    """The core, the command, the output; and the full program for the end of the section."""
    core = _read(config, page, f"{name}:core")
    _included.add(name)
    block = _code(f"snippets/{name}", core, indent)
    block += _code("Run it (from the project root)", [f"./jbang snippets/{name}"], indent, "sh")
    out = Path(name).with_suffix(".out").as_posix()
    if (_snippets_dir(config) / out).is_file():
        block += _output_block(config, page, out, indent)
    full = [f'??? example "Full program: snippets/{name}"', "",
            *_indented(_code(f"snippets/{name}", _read(config, page, name), ""), "    ")]
    return block, full


def _include(config, page, target, indent):
    """(lines in place, lines for the end of the section) for a standalone include line."""
    name, _, tag = target.partition(":")
    if name.endswith(".out"):
        return _output_block(config, page, target, indent), []
    if name.endswith(".java") and not tag:
        return _lesson(config, page, name, indent)
    return _code(f"snippets/{name}", _read(config, page, target), indent), []


def on_page_markdown(markdown, page, config, files, **kwargs):
    out, fence, body, section_end = [], None, [], []
    for number, line in enumerate(markdown.splitlines(), start=1):
        if fence is None:
            opening = FENCE.match(line)
            include = INCLUDE.match(line)
            if opening:
                fence = (opening["marks"], opening["info"].strip(), number)
                body = []
                out.append(line)
            elif include:
                here, later = _include(config, page, include["target"], include["indent"])
                out.extend(here)
                section_end.extend(later)
            else:
                if SECTION_END.match(line) and section_end:
                    out.extend(section_end + [""])
                    section_end = []
                out.append(REFERENCE.sub(lambda m: _quote(config, page, m), line))
            continue
        marks, info, start = fence
        closing = FENCE.match(line)
        if closing and closing["marks"][0] == marks[0] and len(closing["marks"]) >= len(marks) \
                and not closing["info"].strip():
            includes = [INCLUDE.match(l) for l in body if l.strip()]
            if info.split()[:1] == ["java"] and (len(includes) != 1 or not includes[0]):
                raise PluginError(f"{page.file.src_path}:{start}: a ```java block must hold exactly"
                                  ' one include (--8<-- "file.java"): code on a page comes from'
                                  " snippets/, which the tests run")
            for l in body:
                include = INCLUDE.match(l)
                if include:
                    lines = _read(config, page, include["target"])
                    if include["target"].startswith("exercises/") and ":" not in include["target"]:
                        _included.add(include["target"])   # an exercise's file, shown whole
                    if include["target"].endswith(".out"):
                        lines = [recorded.plain(x) for x in lines]
                    out.extend(_indented(lines, include["indent"]))
                else:
                    out.append(l)
            out.append(line)
            fence = None
        else:
            body.append(line)
    if fence is not None:
        raise PluginError(f"{page.file.src_path}:{fence[2]}: code fence is never closed")
    return "\n".join(out + ([""] + section_end if section_end else [])) + "\n"


def on_page_content(content, page, config, files, **kwargs):
    def block(match):
        return _blocks.pop(match[1])
    content = re.sub(r"<p>(" + PLACEHOLDER.format(r"\d+") + r")</p>", block, content)
    left = re.findall(PLACEHOLDER.format(r"\d+"), content)
    if left:
        raise PluginError(f"{page.file.src_path}: an output include must stand on a line of its"
                          " own, between blank lines")
    return content


def on_pre_build(config, **kwargs):
    _included.clear()
    _blocks.clear()


def _shared_exercise_tool(name):
    """snippets/exercises/X.java (the exercises' test runner, progress) is on no page."""
    return name.startswith("exercises/") and name.count("/") == 1


def on_post_build(config, **kwargs):
    snippets = _snippets_dir(config)
    names = (p.relative_to(snippets).as_posix() for p in snippets.rglob("*.java"))
    missing = sorted(n for n in names if n not in _included and not _shared_exercise_tool(n))
    if missing:
        raise PluginError("snippets on no page (every snippet needs a section that includes it"
                          ' with --8<-- "NAME.java", every file of an exercise a ```java fence'
                          ' around --8<-- "exercises/NAME/FILE.java"): ' + ", ".join(missing))
