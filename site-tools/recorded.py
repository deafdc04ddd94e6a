"""The grammar of recorded outputs (NAME.out) and declared thresholds (NAME.claims), for the site.

A recorded output is a snippet's real output with each varying part declared where it stands:

    lost updates in {{lost=13|int 0..20}} of 20 trials
    CPUs: {{cpus=2|int 1..4096|the CPUs this JVM may use}}

{{name=value|type}} or {{name=value|type|note}}; types: int MIN..MAX, num MIN..MAX, word,
one of: A, B. A .claims file holds `name = value` lines and # comments. The tests read both
with tests/.../harness/RecordedOutput.java and ClaimsFile.java; GrammarAgreementTest runs
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


def parse_out(text):
    """The slots of a recorded output, in order; ValueError names the line of a bad marker."""
    slots, names = [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            for m in MARKER.finditer(line):
                slot = parse_slot(m[1], number)
                if slot.name in names:
                    raise ValueError(f"the name '{slot.name}' is already declared on line "
                                     f"{names[slot.name]}")
                names[slot.name] = number
                slots.append(slot)
            if "{{" in MARKER.sub("", line):
                raise ValueError("'{{' without a closing '}}'")
        except ValueError as e:
            raise ValueError(f"line {number}: {e}") from None
    return slots


def plain(text):
    """The text a reader sees: each marker replaced by its recorded value."""
    def value(m):
        d = DECLARATION.fullmatch(m[1])
        return d[2] if d else m[0]
    return MARKER.sub(value, text)


def values(recorded_text, output):
    """{name: value} of a fresh output that matches a recorded one line by line (the varying
    parts read where the recorded file declares them); ValueError says where it differs."""
    expected, actual = recorded_text.splitlines(), output.splitlines()
    if len(expected) != len(actual):
        raise ValueError(f"{len(actual)} lines where the recorded output has {len(expected)}")
    found = {}
    for number, (line, fresh) in enumerate(zip(expected, actual), start=1):
        pattern, slots, last = [], [], 0
        for m in MARKER.finditer(line):
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
        for s in parse_out(text):
            bounds = (canonical_number(s.low), canonical_number(s.high)) if s.low else ("", "")
            rows.append(f"{name}:{s.line}\tslot\t{s.name}\t{s.value}\t{s.kind}\t{bounds[0]}"
                        f"\t{bounds[1]}\t{'|'.join(s.options)}\t{s.note}")
        return rows
    except ValueError as e:
        return [f"{name}\terror\t{str(e).split(':')[0]}"]


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--canonical":
        print("usage: recorded.py --canonical FILE...", file=sys.stderr)
        sys.exit(2)
    for file in sys.argv[2:]:
        print("\n".join(canonical(file)))
