"""Writes jbang-catalog.json: one alias per snippet, described by its //DESCRIPTION line.

    python3 site-tools/catalog.py           rewrite jbang-catalog.json from snippets/
    python3 site-tools/catalog.py --check   exit 1, saying what differs, if it is not up to date

With the catalog, `jbang race` (run from the project, or `jbang race@<this repository>`)
runs snippets/race.java, and `jbang alias list` shows every snippet with its description.
Exercises are left out: they are solved, not run as lessons.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "jbang-catalog.json"
DESCRIPTION = re.compile(r"^//DESCRIPTION[ \t]+(.+?)\s*$", re.M)


def snippets():
    base = ROOT / "snippets"
    return sorted(p for p in base.rglob("*.java")
                  if "exercises" not in p.relative_to(base).parts)


def expected():
    aliases = {}
    for path in snippets():
        found = DESCRIPTION.search(path.read_text(encoding="utf-8"))
        if not found:
            raise ValueError(f"{path.relative_to(ROOT)} has no //DESCRIPTION line")
        name = path.relative_to(ROOT / "snippets").with_suffix("").as_posix().replace("/", "-")
        aliases[name] = {"script-ref": path.relative_to(ROOT).as_posix(),
                         "description": found[1]}
    return {"aliases": aliases}


def text(catalog):
    return json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"


def differences():
    """What jbang-catalog.json lacks or has wrong, one line each (empty when up to date)."""
    want = expected()["aliases"]
    try:
        have = json.loads(CATALOG.read_text(encoding="utf-8")).get("aliases", {})
    except FileNotFoundError:
        return ["jbang-catalog.json does not exist"]
    lines = [f"no alias for snippets/{want[n]['script-ref'].split('/', 1)[1]}: {n}"
             for n in want if n not in have]
    lines += [f"alias {n} points at {have[n].get('script-ref')}, which is not a snippet"
              for n in have if n not in want]
    lines += [f"alias {n}: {key} is {have[n].get(key)!r}, the snippet says {want[n][key]!r}"
              for n in want if n in have for key in want[n] if have[n].get(key) != want[n][key]]
    if not lines and CATALOG.read_text(encoding="utf-8") != text(expected()):
        lines.append("jbang-catalog.json is not in the generated layout")
    return lines


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        problems = differences()
        for line in problems:
            print("jbang-catalog.json: " + line, file=sys.stderr)
        if problems:
            print("Regenerate it: python3 site-tools/catalog.py", file=sys.stderr)
        sys.exit(1 if problems else 0)
    if sys.argv[1:]:
        print("usage: catalog.py [--check]", file=sys.stderr)
        sys.exit(2)
    CATALOG.write_text(text(expected()), encoding="utf-8")
    print(f"jbang-catalog.json: {len(expected()['aliases'])} aliases")
