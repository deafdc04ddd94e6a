"""The grammar of recorded outputs (NAME.out) and declared thresholds (NAME.claims), for the site.

A recorded output is a snippet's real output with each varying part declared where it stands:

    lost updates in {{lost=13|int 0..20}} of 20 trials
    CPUs: {{cpus=2|int 1..4096|the CPUs this JVM may use}}

{{name=value|type}} or {{name=value|type|note}}; types: int MIN..MAX, num MIN..MAX, word,
one of: A, B. A .claims file holds `name = value` lines and # comments.

A timeline is a header line that ends with {{NAME=timeline|ms MIN..MAX}} (or with |note), a
marker that stands for no text, followed by one or more rows, each "  LABEL  START .. END":

    timeline: Semaphore(3), ms since the start{{semaphore=timeline|ms 0..10,000}}
      call  1    0 .. 52
      call  2    0 .. 51

A fresh run must print the same header and the same labels in the same order, each START and
END inside MIN..MAX and START <= END; the rows end at the first line that is not a row. The
site draws the recorded rows as a picture (includes.py); claim tests read a fresh run's rows.

The tests read both with tests/.../harness/RecordedOutput.java and ClaimsFile.java; GrammarAgreementTest runs
`python3 site-tools/recorded.py --canonical FILE...` and checks that both sides agree.

Standard library only, so any Python 3 can run it.
"""
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

MARKER = re.compile(r"\{\{([^}]*)\}\}")
DECLARATION = re.compile(r"([a-z][a-z0-9_]*)=([^|]*)\|([^|]*)(?:\|(.*))?", re.S)
RANGE = re.compile(r"(int|num) (-?[\d,_]+(?:\.\d+)?)\.\.(-?[\d,_]+(?:\.\d+)?)")
INT = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)"
NUM = INT + r"(?:\.\d+)?"
CLAIM = re.compile(r"([a-z][a-z0-9_]*)\s*=\s*(\S.*?)\s*")
TIMELINE = re.compile(r"([a-z][a-z0-9_]*)=timeline\|ms (-?[\d,_]+)\.\.(-?[\d,_]+)(?:\|(.*))?",
                      re.S)
ROW = re.compile(r"  (\S(?:.*?\S)?)\s+(" + INT + r") \.\. +(" + INT + r")")


@dataclass
class Slot:
    """One declared varying part."""
    name: str
    value: str          # the recorded run's value, as printed
    kind: str           # int, num, word or one of
    type: str           # the declaration as written: "int 0..20"
    line: int           # the line it stands on, from 1
    low: str = ""       # bounds as written ("2,000,000"), for int and num
    high: str = ""
    options: list = field(default_factory=list)
    note: str = ""

    @property
    def grouped(self):
        return "," in self.value


def _decimal(bound):
    return Decimal(bound.replace(",", "").replace("_", ""))


def canonical_number(bound):
    """A bound as a plain decimal without grouping or trailing zeros: '2,000,000' -> '2000000'."""
    text = format(_decimal(bound).normalize(), "f")
    return "0" if text in ("-0", "") else text


@dataclass
class Timeline:
    """A declared timeline: its name, bounds in ms, note, header line and recorded rows."""
    name: str
    low: str
    high: str
    note: str
    line: int                                   # the header's line, from 1
    rows: list = field(default_factory=list)    # (label, start, end, line), as printed


def canonical_int(text):
    """A whole number as printed or declared ('1,104', '1_000') as a number."""
    return int(text.replace(",", "").replace("_", ""))


def row_problem(timeline, start, end):
    """None if a row's times fit its timeline's declaration, else why not."""
    low, high = canonical_int(timeline.low), canonical_int(timeline.high)
    for what, value in (("start", start), ("end", end)):
        if not low <= canonical_int(value) <= high:
            return f"{timeline.name}: {what} {value} is outside ms {timeline.low}..{timeline.high}"
    if canonical_int(start) > canonical_int(end):
        return f"{timeline.name}: start {start} is after end {end}"
    return None


def parse_timeline(marker, line):
    """A timeline marker's declaration (no rows yet), or None if the marker is not one."""
    t = TIMELINE.fullmatch(marker)
    if not t:
        return None
    timeline = Timeline(t[1], t[2], t[3], (t[4] or "").strip(), line)
    if _decimal(timeline.low) > _decimal(timeline.high):
        raise ValueError(f"{{{{{marker}}}}}: min > max")
    return timeline


def parse_slot(marker, line):
    d = DECLARATION.fullmatch(marker)
    if not d:
        raise ValueError(f"{{{{{marker}}}}} is not a declaration: write {{{{name=value|type}}}}")
    name, value, type_ = d[1], d[2], d[3].strip()
    note = (d[4] or "").strip()
    r = RANGE.fullmatch(type_)
    if r:
        slot = Slot(name, value, r[1], type_, line, low=r[2], high=r[3], note=note)
        if _decimal(slot.low) > _decimal(slot.high):
            raise ValueError(f"{{{{{marker}}}}}: min > max")
        ok = re.fullmatch(INT if r[1] == "int" else NUM, value) and \
            _decimal(slot.low) <= _decimal(value) <= _decimal(slot.high)
    elif type_ == "word":
        slot = Slot(name, value, "word", type_, line, note=note)
        ok = re.fullmatch(r"\S+", value)
    elif type_.startswith("one of:"):
        options = [o.strip() for o in type_[len("one of:"):].split(",")]
        if len(options) < 2 or "" in options:
            raise ValueError(f"{{{{{marker}}}}}: one of needs two or more outcomes")
        slot = Slot(name, value, "one of", type_, line, options=options, note=note)
        ok = value in options
    else:
        raise ValueError(f"{{{{{marker}}}}}: unknown type '{type_}'")
    if not ok:
        raise ValueError(f"recorded value does not fit its own declaration: {name} = {value}")
    return slot


def parse(text):
    """(slots, timelines) of a recorded output, in order; ValueError names a bad line."""
    slots, timelines, names, open_timeline = [], [], {}, None
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            row = ROW.fullmatch(line) if open_timeline else None
            if row:
                problem = row_problem(open_timeline, row[2], row[3])
                if problem:
                    raise ValueError(problem)
                open_timeline.rows.append((row[1], row[2], row[3], number))
                continue
            if open_timeline and not open_timeline.rows:
                raise ValueError(f"timeline {open_timeline.name} has no rows: write"
                                 " '  LABEL  START .. END' under its header")
            open_timeline = None
            for m in MARKER.finditer(line):
                timeline = parse_timeline(m[1], number)
                declared = timeline or parse_slot(m[1], number)
                if declared.name in names:
                    raise ValueError(f"the name '{declared.name}' is already declared on line "
                                     f"{names[declared.name]}")
                names[declared.name] = number
                if not timeline:
                    slots.append(declared)
                elif m.end() != len(line):
                    raise ValueError(f"timeline {timeline.name}: its marker must end the line")
                else:
                    open_timeline = timeline
                    timelines.append(timeline)
            if "{{" in MARKER.sub("", line):
                raise ValueError("'{{' without a closing '}}'")
        except ValueError as e:
            raise ValueError(f"line {number}: {e}") from None
    if open_timeline and not open_timeline.rows:
        raise ValueError(f"line {len(text.splitlines()) + 1}: timeline {open_timeline.name} has"
                         " no rows: write '  LABEL  START .. END' under its header")
    return slots, timelines


def parse_out(text):
    """The slots of a recorded output, in order; ValueError names the line of a bad marker."""
    return parse(text)[0]


def parse_timelines(text):
    """The timelines of a recorded output, in order, each with its recorded rows."""
    return parse(text)[1]


def plain(text):
    """The text a reader sees: each marker replaced by its recorded value."""
    def value(m):
        if TIMELINE.fullmatch(m[1]):
            return ""
        d = DECLARATION.fullmatch(m[1])
        return d[2] if d else m[0]
    return MARKER.sub(value, text)


def values(recorded_text, output):
    """{name: value} of a fresh output that matches a recorded one line by line (the varying
    parts read where the recorded file declares them); ValueError says where it differs."""
    expected, actual = recorded_text.splitlines(), output.splitlines()
    if len(expected) != len(actual):
        raise ValueError(f"{len(actual)} lines where the recorded output has {len(expected)}")
    rows = {row[3]: timeline for timeline in parse_timelines(recorded_text)
            for row in timeline.rows}
    found = {}
    for number, (line, fresh) in enumerate(zip(expected, actual), start=1):
        if number in rows:
            label = ROW.fullmatch(line)[1]
            row = ROW.fullmatch(fresh)
            if not row or row[1] != label:
                raise ValueError(f"line {number} differs: {fresh!r}, recorded {line!r}")
            problem = row_problem(rows[number], row[2], row[3])
            if problem:
                raise ValueError(f"line {number}: {problem}")
            continue
        pattern, slots, last = [], [], 0
        for m in MARKER.finditer(line):
            if TIMELINE.fullmatch(m[1]):
                pattern.append(re.escape(line[last:m.start()]))
                last = m.end()
                continue
            slot = parse_slot(m[1], number)
            kind = {"int": INT, "num": NUM, "word": r"\S+"}.get(slot.kind) or \
                "|".join(re.escape(o) for o in slot.options)
            pattern += [re.escape(line[last:m.start()]), f"({kind})"]
            slots.append(slot)
            last = m.end()
        match = re.fullmatch("".join(pattern) + re.escape(line[last:]), fresh)
        if not match:
            raise ValueError(f"line {number} differs: {fresh!r}, recorded {plain(line)!r}")
        for slot, value in zip(slots, match.groups()):
            found[slot.name] = value
    return found


def parse_claims(text):
    """{name: (value as written, line)} of a .claims file; ValueError names a bad line."""
    claims = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = CLAIM.fullmatch(line)
        if not m:
            raise ValueError(f"line {number}: expected 'name = value' or a # comment: {line}")
        if m[1] in claims:
            raise ValueError(f"line {number}: '{m[1]}' is already declared on line "
                             f"{claims[m[1]][1]}")
        claims[m[1]] = (m[2], number)
    return claims


def canonical(path):
    """One line per fact the file declares; both grammars must print the same lines."""
    text = Path(path).read_text(encoding="utf-8")
    name = Path(path).name
    try:
        if name.endswith(".claims"):
            return [f"{name}:{line}\tclaim\t{key}\t{value}"
                    for key, (value, line) in parse_claims(text).items()]
        rows = [f"{name}:{n}\ttext\t{plain(line)}"
                for n, line in enumerate(text.splitlines(), start=1)]
        slots, timelines = parse(text)
        for s in slots:
            bounds = (canonical_number(s.low), canonical_number(s.high)) if s.low else ("", "")
            rows.append(f"{name}:{s.line}\tslot\t{s.name}\t{s.value}\t{s.kind}\t{bounds[0]}"
                        f"\t{bounds[1]}\t{'|'.join(s.options)}\t{s.note}")
        for t in timelines:
            rows.append(f"{name}:{t.line}\ttimeline\t{t.name}\t{canonical_number(t.low)}"
                        f"\t{canonical_number(t.high)}\t{t.note}")
            rows += [f"{name}:{line}\trow\t{t.name}\t{label}\t{canonical_int(start)}"
                     f"\t{canonical_int(end)}" for label, start, end, line in t.rows]
        return rows
    except ValueError as e:
        return [f"{name}\terror\t{str(e).split(':')[0]}"]


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--canonical":
        print("usage: recorded.py --canonical FILE...", file=sys.stderr)
        sys.exit(2)
    for file in sys.argv[2:]:
        print("\n".join(canonical(file)))
