"""Runs the measurements behind docs/measurements.md and writes measurements/data/PART.json.

    ./measure [--runs N] [PART...]     PART: cpu, io, python, races (default: all four)

Each data file holds what one part measured and its receipt: the JDK, the OS, the CPUs, the
date, the commit and how long the part took. A part that fails writes nothing, so the data
file it would replace stays as it was, with its own receipt. Python's standard library only;
./measure runs it with JAVA_HOME set to the JDK 25 that ./jbang finds.
"""
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "measurements" / "data"
sys.path.insert(0, str(ROOT / "site-tools"))
import recorded  # noqa: E402  (reads the named values of a snippet's output)

PARTS = ("cpu", "io", "python", "races")
FILES = {"cpu": "cpu_scaling", "io": "io_scaling", "python": "python_gil", "races": "races"}
USAGE = "usage: ./measure [--runs N] [PART...]   (PART: cpu, io, python, races; N: 1..100)"
LIMIT = 600  # seconds for any one program


def cpus():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def jdk():
    """'Eclipse Adoptium 25.0.1+8-LTS', from the release file of the JDK that runs the Java."""
    release = Path(os.environ.get("JAVA_HOME", "")) / "release"
    if not release.is_file():
        return "unknown"
    fields = dict(re.findall(r'^(\w+)="?([^"\n]*)"?$', release.read_text(), re.M))
    return f"{fields.get('IMPLEMENTOR', '')} {fields.get('JAVA_RUNTIME_VERSION', '')}".strip()


def commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()
    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--", ".", ":(exclude)measurements/data")
    return head + (" with uncommitted changes" if changed else "")


def receipt(command, seconds):
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit(),
        "jdk": jdk(),
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpus": cpus(),
        "cpu_model": cpu_model(),
        "command": command,
        "seconds": round(seconds, 1),
    }


def run(command, *, check=True):
    """Runs a command from the project root; its stdout. Fails loudly, never silently."""
    print("measure: running " + " ".join(command), file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=LIMIT,
                          check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return done


def java_json(script, *args):
    return json.loads(run(["./jbang", f"measurements/{script}", *args]).stdout)


def cpu(_runs):
    return java_json("cpu_scaling.java")


def io(_runs):
    return java_json("io_scaling.java")


def python(_runs):
    python3 = shutil.which("python3")
    if not python3:
        return {"skipped": "python3 was not found on the machine that measured"}
    return json.loads(run([python3, "measurements/python_gil.py"]).stdout)


def races(runs):
    """Runs race.java and visibility.java `runs` times on all CPUs and on one (taskset -c 0),
    taking turns, and counts the runs in which each showed its effect."""
    one_cpu = shutil.which("taskset")
    configs = {"all_cpus": []} | ({"one_cpu": ["taskset", "-c", "0"]} if one_cpu else {})
    demos = {
        # observed: the unsafe counter lost updates; its lost trials are counted too
        "race": lambda v: int(v["lost"]) > 0,
        # observed: the worker with a plain flag never saw the write
        "visibility": lambda v: v["plain_outcome"].startswith("still spinning"),
    }
    result = {"runs": runs, "one_cpu": "taskset -c 0" if one_cpu else
              "skipped: taskset was not found", "demos": {}}
    for demo, observed in demos.items():
        template = (ROOT / "snippets" / f"{demo}.out").read_text(encoding="utf-8")
        counts = {c: {"runs": 0, "observed": 0, "unexpected": 0, "cpus": None}
                  | ({"lost_trials": 0, "trials": 0} if demo == "race" else {})
                  for c in configs}
        for _ in range(runs):
            for config, prefix in configs.items():
                done = run([*prefix, "./jbang", f"snippets/{demo}.java"], check=False)
                count = counts[config]
                count["runs"] += 1
                try:
                    if done.returncode != 0:
                        raise ValueError(f"exit {done.returncode}")
                    values = recorded.values(template, done.stdout)
                except ValueError as e:
                    # An output that does not match the recorded one is counted, never hidden.
                    print(f"measure: {demo} ({config}): {e}", file=sys.stderr)
                    count["unexpected"] += 1
                    continue
                count["cpus"] = int(values["cpus"])
                count["observed"] += observed(values)
                if demo == "race":
                    count["lost_trials"] += int(values["lost"])
                    count["trials"] += 20
        result["demos"][demo] = counts
    return result


def main(args):
    runs = 10
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE)
        return 0
    if args[:1] == ["--runs"]:
        if len(args) < 2 or not args[1].isdigit() or not 1 <= int(args[1]) <= 100:
            print(USAGE, file=sys.stderr)
            return 2
        runs, args = int(args[1]), args[2:]
    parts = args or list(PARTS)
    if any(p not in PARTS for p in parts):
        print(USAGE, file=sys.stderr)
        return 2
    DATA.mkdir(parents=True, exist_ok=True)
    for part in parts:
        start = time.monotonic()
        data = globals()[part](runs)
        command = f"./measure {'--runs ' + str(runs) + ' ' if part == 'races' else ''}{part}"
        document = {"receipt": receipt(command, time.monotonic() - start), "data": data}
        path = DATA / f"{FILES[part]}.json"
        temporary = path.with_suffix(".json.new")
        temporary.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        temporary.replace(path)
        print(f"measure: wrote {path.relative_to(ROOT)} ({document['receipt']['seconds']} s)",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
