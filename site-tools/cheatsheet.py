"""The cheat sheet (cheatsheet/cheatsheet.adoc) built to build/cheatsheet/, when it is stale.

Asciidoctor runs in a JVM (AsciidoctorJ through ./jbang cheatsheet/build.java, which fails on
any warning, such as a missing tag); that takes seconds, so it runs only when an input changed:
the .adoc, its PDF theme, the build script, or a snippet it includes. The site hook (site.py)
calls ensure_built() before every site build, and ./verify runs this file:

    python3 site-tools/cheatsheet.py [--force]
"""
import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "cheatsheet" / "cheatsheet.adoc"
OUT = ROOT / "build" / "cheatsheet"
OUTPUTS = [OUT / "cheatsheet.pdf", OUT / "cheatsheet.html"]
STAMP = OUT / "inputs.sha256"
INCLUDE = re.compile(r"^include::\{snippets\}/([^\[]+)\[", re.M)


def _inputs():
    text = SOURCE.read_text(encoding="utf-8")
    snippets = sorted({ROOT / "snippets" / name for name in INCLUDE.findall(text)})
    return [SOURCE, ROOT / "cheatsheet" / "cheatsheet-theme.yml",
            ROOT / "cheatsheet" / "build.java", *snippets]


def _digest():
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


def ensure_built(force=False):
    """Builds the cheat sheet unless it is up to date; raises RuntimeError if the build fails."""
    digest = _digest()
    fresh = all(p.is_file() for p in OUTPUTS) and STAMP.is_file() \
        and STAMP.read_text().strip() == digest
    if fresh and not force:
        return False
    STAMP.unlink(missing_ok=True)
    run = subprocess.run([str(ROOT / "jbang"), "cheatsheet/build.java"], cwd=ROOT,
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError("the cheat sheet did not build (./jbang cheatsheet/build.java,"
                           f" exit {run.returncode}):\n{run.stdout}{run.stderr}")
    STAMP.write_text(digest + "\n")
    return True


if __name__ == "__main__":
    try:
        built = ensure_built(force="--force" in sys.argv[1:])
    except RuntimeError as e:
        print(e, file=sys.stderr)
        sys.exit(1)
    print("cheat sheet: " + ("built" if built else "up to date") + f" in {OUT.relative_to(ROOT)}/")
