"""MkDocs hook: the charts and numbers of docs/measurements.md, from measurements/data/*.json.

`./measure` writes one data file per part (cpu_scaling, io_scaling, python_gil, races), each
with its receipt. In a page,

    {{ measured.cpu_scaling.chart }}                 on a line of its own: the chart, drawn
                                                     here as inline SVG, with its receipt
    {{ measured.cpu_scaling.platform_speedup_at_cpus }}   in prose: a number from the file
    {{ measured.cpu_scaling.receipt }}               in prose: JDK, OS, CPUs, date, commit

so no number on the page is typed by hand. The build fails on a name that is not defined
below, and on a data file that is missing, has no receipt, or has the wrong shape.

The charts are SVG written as text (no JavaScript, no CDN, nothing to install). Axes and text
use currentColor, and each series a CSS variable (--measured-N) with a fallback colour, so
docs/stylesheets/measurements.css can give the dark scheme lighter colours; series also differ
by marker shape and dash, for readers who do not tell the colours apart.

    python3 site-tools/measured.py --check     renders every chart and number of the committed
                                               data (./verify runs its self-test,
                                               site-tools/test_measured.py)

Standard library only (mkdocs is needed only to run as a hook).
"""
import html
import itertools
import json
import math
import re
import sys
from pathlib import Path

try:
    from mkdocs.exceptions import PluginError
except ImportError:  # run as a script, without MkDocs
    class PluginError(Exception):
        pass

DATA = Path("measurements") / "data"
FILES = ("cpu_scaling", "io_scaling", "python_gil", "races")
REFERENCE = re.compile(r"\{\{\s*measured\.(?P<file>[a-z_]+)\.(?P<name>[a-z0-9_]+)\s*\}\}")
PLACEHOLDER = "MEASUREDCHART{}X"
RECEIPT_KEYS = ("date", "commit", "jdk", "os", "cpus", "command", "seconds")
# Fallback colours for a light page; measurements.css sets lighter ones for the dark scheme.
COLOURS = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#e65100")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
NAMES = {"platform": "platform threads", "virtual": "virtual threads",
         "stream": "parallel stream", "global_lock": "one global lock (GIL-like)",
         "fixed_pool": "fixed pool", "all_cpus": "all CPUs", "one_cpu": "1 CPU"}


# --- numbers ----------------------------------------------------------------------------------

def grouped(number):
    return f"{round(number):,}"


def ratio(number):
    return f"{number:.2f}"


def one_decimal(number):
    return f"{number:.1f}"


def nice_step(span, ticks=5):
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def tick_text(value):
    return grouped(value) if value == int(value) else f"{value:g}"


# --- the SVG ----------------------------------------------------------------------------------

class Scale:
    """Maps data to pixels; linear from 0, or logarithmic over whole decades."""

    def __init__(self, values, low_px, high_px, log, top=None):
        self.log, self.low_px, self.high_px = log, low_px, high_px
        if log:
            self.low = 10 ** math.floor(math.log10(min(values)))
            self.high = 10 ** math.ceil(math.log10(max(values)))
            decades = range(round(math.log10(self.low)), round(math.log10(self.high)) + 1)
            self.ticks = [10 ** d for d in decades]
        else:
            self.low = 0
            top = top or max(values)
            step = nice_step(top)
            self.high = math.ceil(top / step - 1e-9) * step
            self.ticks = [i * step for i in range(round(self.high / step) + 1)]

    def __call__(self, value):
        if self.log:
            where = (math.log10(value) - math.log10(self.low)) \
                / (math.log10(self.high) - math.log10(self.low))
        else:
            where = (value - self.low) / (self.high - self.low)
        return self.low_px + where * (self.high_px - self.low_px)


def colour(n):
    return f"var(--measured-{n}, {COLOURS[n % len(COLOURS)]})"


def marker(shape, x, y, paint):
    style = f'style="fill: {paint}; stroke: {paint}"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" {style}/>'
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" {style}/>'
    points = {"triangle": [(0, -5), (4.5, 3.5), (-4.5, 3.5)],
              "diamond": [(0, -5), (5, 0), (0, 5), (-5, 0)]}.get(shape)
    if points:
        corners = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
        return f'<polygon points="{corners}" {style}/>'
    return (f'<path d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}M{x - 4:.1f} '
            f'{y + 4:.1f}L{x + 4:.1f} {y - 4:.1f}" style="stroke: {paint}; stroke-width: 2"/>')


_ids = itertools.count(1)


def svg(width, height, title, description, body):
    n = next(_ids)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="img" aria-labelledby="measured-title-{n} measured-desc-{n}" '
            f'font-size="13" fill="currentColor">'
            f'<title id="measured-title-{n}">{html.escape(title)}</title>'
            f'<desc id="measured-desc-{n}">{html.escape(description)}</desc>'
            + "".join(body) + "</svg>")


def line_chart(title, x_label, y_label, series, *, x_log=False, y_log=False, y_top=None,
               marks=()):
    """series: [{"name", "points": [(x, y)], "ideal": bool}]; marks: [(x, label)] drawn as
    dotted vertical lines. Returns the SVG text."""
    width, height, left, right, top, bottom = 720, 340, 64, 460, 16, 286
    xs = [x for s in series for x, _ in s["points"]]
    ys = [y for s in series for _, y in s["points"]]
    sx = Scale(xs, left, right, x_log) if x_log else None
    if not x_log:  # threads: one tick per whole number, from the first to the last
        sx = Scale(xs, left, right, False, top=max(xs))
        sx.low, sx.ticks = min(xs), list(range(min(xs), max(xs) + 1))
    sy = Scale(ys, bottom, top, y_log, top=y_top)
    body = []
    for value in sy.ticks:
        y = sy(value)
        body.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" '
                    f'stroke="currentColor" stroke-opacity="0.15"/>'
                    f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">'
                    f'{tick_text(value)}</text>')
    for value in sx.ticks:
        x = sx(value)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" '
                    f'stroke="currentColor"/><text x="{x:.1f}" y="{bottom + 20}" '
                    f'text-anchor="middle">{tick_text(value)}</text>')
    for value, label in marks:
        x = sx(value)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" '
                    f'stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="2 4"/>'
                    f'<text x="{x + 4:.1f}" y="{top + 12}" font-size="12">'
                    f'{html.escape(label)}</text>')
    body.append(f'<path d="M{left} {top}V{bottom}H{right}" fill="none" '
                f'stroke="currentColor"/>'
                f'<text x="{(left + right) / 2:.0f}" y="{height - 14}" '
                f'text-anchor="middle">{html.escape(x_label)}</text>'
                f'<text transform="translate(16 {(top + bottom) / 2:.0f}) rotate(-90)" '
                f'text-anchor="middle">{html.escape(y_label)}</text>')
    drawn = 0
    for n, s in enumerate(series):
        points = [(sx(x), sy(y)) for x, y in s["points"]]
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        ly = top + 10 + 24 * n
        if s.get("ideal"):
            stroke = 'stroke="currentColor" stroke-opacity="0.6" stroke-dasharray="6 4"'
            body.append(f'<polyline points="{line}" fill="none" {stroke} stroke-width="2"/>')
            sample = f'<line x1="{right + 16}" x2="{right + 44}" y1="{ly}" y2="{ly}" {stroke}' \
                     ' stroke-width="2"/>'
        else:
            paint, shape = colour(drawn), MARKERS[drawn % len(MARKERS)]
            drawn += 1
            body.append(f'<polyline points="{line}" fill="none" style="stroke: {paint}" '
                        'stroke-width="2"/>')
            body.extend(marker(shape, x, y, paint) for x, y in points)
            sample = (f'<line x1="{right + 16}" x2="{right + 44}" y1="{ly}" y2="{ly}" '
                      f'style="stroke: {paint}" stroke-width="2"/>'
                      + marker(shape, right + 30, ly, paint))
        body.append(sample + f'<text x="{right + 52}" y="{ly + 4}">'
                             f'{html.escape(s["name"])}</text>')
    description = "; ".join(f'{s["name"]}: ' + ", ".join(f"{tick_text(x)} → {y:g}"
                                                           for x, y in s["points"])
                            for s in series)
    return svg(width, height, title, description, body)


def vertical_grid(sx, top, bottom):
    """A faint vertical line and its value under the chart at every tick of `sx`, behind
    horizontal bars."""
    return [f'<line x1="{sx(value):.1f}" x2="{sx(value):.1f}" y1="{top}" y2="{bottom}" '
            f'stroke="currentColor" stroke-opacity="0.15"/><text x="{sx(value):.1f}" '
            f'y="{bottom + 18}" text-anchor="middle">{tick_text(value)}</text>'
            for value in sx.ticks]


def bars_axis(left, right, top, bottom, height, x_label):
    """The vertical axis the bars start from, and the label under the horizontal one."""
    return (f'<path d="M{left} {top - 4}V{bottom}" stroke="currentColor"/>'
            f'<text x="{(left + right) / 2:.0f}" y="{height - 4}" '
            f'text-anchor="middle">{html.escape(x_label)}</text>')


def bar_chart(title, x_label, bars, *, ideal=None, ideal_label="ideal"):
    """Horizontal bars: [(label, value)]; `ideal` draws a dashed line at that value."""
    row, left, right, top = 30, 250, 660, 10
    bottom = top + row * len(bars)
    height = bottom + 52
    sx = Scale([v for _, v in bars] + ([ideal] if ideal else []), left, right, False)
    body = vertical_grid(sx, top, bottom)
    for n, (label, value) in enumerate(bars):
        y, paint = top + row * n + 5, colour(n)
        body.append(f'<rect x="{left}" y="{y}" width="{sx(value) - left:.1f}" '
                    f'height="{row - 10}" style="fill: {paint}"/>'
                    f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">'
                    f'{html.escape(label)}</text>'
                    f'<text x="{sx(value) + 6:.1f}" y="{y + 15}">{value:.2f}×</text>')
    if ideal:
        x = sx(ideal)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{bottom}" '
                    'stroke="currentColor" stroke-opacity="0.6" stroke-dasharray="6 4" '
                    f'stroke-width="2"/><text x="{x - 4:.1f}" y="{bottom + 34}" '
                    f'text-anchor="end" font-size="12">{html.escape(ideal_label)}</text>')
    body.append(bars_axis(left, right, top, bottom, height, x_label))
    description = "; ".join(f"{label}: {value:.2f}" for label, value in bars)
    return svg(720, height, title, description, body)


def timeline_chart(title, rows, longest=None):
    """One bar per task from its start to its end: [(label, start_ms, end_ms)], as recorded;
    the axis runs to `longest` ms if given, so the timelines of one run share a scale.

    Used by includes.py for the timelines in recorded outputs (recorded.py); a bar as short
    as 0 ms still shows as a sliver, so no task disappears from the picture."""
    # as narrow as the labels allow, so the text stays readable on a phone
    width = 560
    row, left, right, top = 22, 20 + 8 * max(len(label) for label, _, _ in rows), width - 30, 8
    bottom = top + row * len(rows)
    height = bottom + 46
    sx = Scale([max(1, end) for _, _, end in rows], left, right, False, top=longest)
    body = vertical_grid(sx, top, bottom)
    for n, (label, start, end) in enumerate(rows):
        y = top + row * n + 4
        x0, x1 = sx(start), sx(end)
        body.append(f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 2):.1f}" '
                    f'height="{row - 8}" rx="2" style="fill: {colour(0)}">'
                    f'<title>{html.escape(label)}: {grouped(start)} to {grouped(end)} ms'
                    f'</title></rect><text x="{left - 8}" y="{y + 11}" text-anchor="end">'
                    f'{html.escape(label)}</text>')
    body.append(bars_axis(left, right, top, bottom, height, "ms"))
    description = "; ".join(f"{label}: {grouped(start)} to {grouped(end)} ms"
                            for label, start, end in rows)
    return svg(width, height, title, description, body)


# --- the data files ---------------------------------------------------------------------------

def receipt_text(document):
    r = document["receipt"]
    return (f"measured {r['date']} by <code>{html.escape(r['command'])}</code> at commit "
            f"{html.escape(r['commit'])}: {html.escape(r['jdk'])}, {html.escape(r['os'])}, "
            f"{r['cpus']} CPUs ({html.escape(r.get('cpu_model', 'CPU model unknown'))}); "
            f"it took {r['seconds']:g} s")


def cpu_speedups(data):
    """{way: [speedup at 1..max threads]} against one platform thread."""
    baseline = data["best_ms"]["platform"][0]
    return {way: [baseline / ms for ms in times] for way, times in data["best_ms"].items()}


def cpu_scaling(document, _all):
    data = document["data"]
    threads, cpus = data["threads"], data["cpus"]
    speedups = cpu_speedups(data)
    facts = {"cpus": str(cpus), "max_threads": str(threads[-1]), "limit": grouped(data["limit"]),
             "chunks": str(data["chunks"]), "rounds": str(data["rounds"]),
             "one_thread_ms": grouped(data["best_ms"]["platform"][0])}
    at_cpus = threads.index(min(cpus, threads[-1]))
    for way, values in speedups.items():
        facts[f"{way}_speedup_at_cpus"] = ratio(values[at_cpus])
        facts[f"{way}_speedup_at_max"] = ratio(values[-1])
        facts[f"{way}_speedup_best"] = ratio(max(values))
    series = [{"name": "ideal: min(threads, CPUs)", "ideal": True,
               "points": [(t, min(t, cpus)) for t in threads]}]
    series += [{"name": NAMES[way], "points": list(zip(threads, values))}
               for way, values in speedups.items()]
    top = max(max(s["points"], key=lambda p: p[1])[1] for s in series)
    charts = {"chart": line_chart(
        "CPU-bound speedup by number of threads", "threads (or parallelism)",
        "speedup over 1 thread", series, y_top=max(top * 1.1, 1.2),
        marks=[(cpus, f"{cpus} CPUs")] if cpus < threads[-1] else [])}
    return facts, charts


def io_scaling(document, _all):
    data = document["data"]
    points, tasks = data["points"], data["tasks"]
    facts = {"block_ms": grouped(data["block_ms"]), "pool": grouped(data["pool"]),
             "tasks_min": grouped(tasks[0]), "tasks_max": grouped(tasks[-1]),
             "cpus": str(data["cpus"])}
    for way, rows in points.items():
        for n, row in zip(tasks, rows):
            facts[f"{way}_ms_{n}"] = grouped(row["ms"])
            facts[f"{way}_rss_{n}"] = "n/a" if row["rss_mb"] is None else grouped(row["rss_mb"])
            facts[f"{way}_in_flight_{n}"] = grouped(row["most_in_flight"])
    last = {way: rows[-1] for way, rows in points.items()}
    if last["platform"]["rss_mb"] and last["virtual"]["rss_mb"]:
        facts["platform_vs_virtual_rss"] = one_decimal(last["platform"]["rss_mb"]
                                                       / last["virtual"]["rss_mb"])
    else:
        facts["platform_vs_virtual_rss"] = "n/a"
    names = {"fixed_pool": f"fixed pool of {data['pool']}",
             "platform": "platform thread per task", "virtual": "virtual thread per task"}
    time_series = [{"name": f"ideal: {grouped(data['block_ms'])} ms", "ideal": True,
                    "points": [(n, data["block_ms"]) for n in tasks]}]
    time_series += [{"name": names[way], "points": [(n, r["ms"]) for n, r in zip(tasks, rows)]}
                    for way, rows in points.items()]
    charts = {"chart_time": line_chart(
        "Time for N blocking tasks", "tasks (log scale)", "ms until all are done (log)",
        time_series, x_log=True, y_log=True)}
    if all(r["rss_mb"] for rows in points.values() for r in rows):
        charts["chart_memory"] = line_chart(
            "Memory while N tasks wait", "tasks (log scale)",
            "MB of resident memory added (log)",
            [{"name": names[way], "points": [(n, r["rss_mb"]) for n, r in zip(tasks, rows)]}
             for way, rows in points.items()], x_log=True, y_log=True)
    else:
        charts["chart_memory"] = "<p>Resident memory is read from /proc, which the measuring" \
                                 " machine does not have: no memory chart.</p>"
    return facts, charts


def python_gil(document, all_documents):
    data = document["data"]
    names = ("python", "gil", "workers", "limit", "one_thread_ms", "threads_ms",
             "processes_ms", "threads_speedup", "processes_speedup", "note")
    if "skipped" in data:
        text = f"not measured ({data['skipped']})"
        return {**{n: text for n in names}, "note": data["skipped"]}, \
            {"chart": f"<p>{html.escape(text)}</p>"}
    best = data["best_ms"]
    threads = best["one_thread"] / best["threads"]
    processes = best["one_thread"] / best["processes"]
    facts = {"python": f"{data['implementation']} {data['python']}",
             "gil": "with the GIL" if data["gil_enabled"] else "free-threaded (no GIL)",
             "workers": str(data["cpus"]), "limit": grouped(data["limit"]),
             "one_thread_ms": grouped(best["one_thread"]), "threads_ms": grouped(best["threads"]),
             "processes_ms": grouped(best["processes"]), "threads_speedup": ratio(threads),
             "processes_speedup": ratio(processes), "note": ""}
    bars = [(f"Python: {data['cpus']} threads", threads),
            (f"Python: {data['cpus']} processes", processes)]
    java = all_documents.get("cpu_scaling")
    if java:
        j = java["data"]
        at = j["threads"].index(min(j["cpus"], j["threads"][-1]))
        speedups = cpu_speedups(j)
        bars = [(f"Java: {j['threads'][at]} platform threads", speedups["platform"][at]),
                (f"Java: {j['threads'][at]} threads, one lock", speedups["global_lock"][at])] \
            + bars
    chart = bar_chart("Speedup over one thread, Java and Python", "speedup over 1 thread",
                      bars, ideal=data["cpus"], ideal_label=f"ideal on {data['cpus']} CPUs")
    return facts, {"chart": chart}


def races(document, _all):
    data = document["data"]
    facts = {"runs": str(data["runs"]), "one_cpu": html.escape(data["one_cpu"])}
    for demo, configs in data["demos"].items():
        for config, c in configs.items():
            for key, value in c.items():
                facts[f"{demo}_{config}_{key}"] = "?" if value is None else grouped(value)
    return facts, {}


RENDER = {"cpu_scaling": cpu_scaling, "io_scaling": io_scaling, "python_gil": python_gil,
          "races": races}


def check_receipt(name, document):
    receipt = document.get("receipt") if isinstance(document, dict) else None
    missing = [k for k in RECEIPT_KEYS if not isinstance(receipt, dict) or k not in receipt]
    if missing or "data" not in document:
        raise ValueError(f"{DATA / name}.json: no receipt ({', '.join(missing)})" if missing
                         else f"{DATA / name}.json: no data")


def render(root):
    """{file: (facts, charts)} for every data file under root; ValueError on a bad one."""
    documents = {}
    for name in FILES:
        path = Path(root) / DATA / f"{name}.json"
        try:
            documents[name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ValueError(f"{DATA / name}.json: {e}") from None
        check_receipt(name, documents[name])
    rendered = {}
    for name, document in documents.items():
        try:
            facts, charts = RENDER[name](document, documents)
        except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError) as e:
            raise ValueError(f"{DATA / name}.json: not the shape ./measure writes"
                             f" ({type(e).__name__}: {e})") from None
        facts["receipt"] = receipt_text(document)
        facts["seconds"] = grouped(document["receipt"]["seconds"])
        rendered[name] = (facts, charts)
    return rendered


# --- the hook ---------------------------------------------------------------------------------

_rendered = {}
_blocks = {}
_numbers = itertools.count()


def _lookup(page, match):
    if not _rendered:
        raise PluginError(f"{page.file.src_path}: no measurement data was loaded")
    name, key = match["file"], match["name"]
    if name not in _rendered:
        raise PluginError(f"{page.file.src_path}: quotes {match[0]}, but there is no"
                          f" {DATA / name}.json (files: {', '.join(FILES)})")
    facts, charts = _rendered[name]
    if key in charts:
        return "chart", charts[key]
    if key in facts:
        return "fact", facts[key]
    raise PluginError(f"{page.file.src_path}: quotes {match[0]}, which {DATA / name}.json"
                      f" does not define (it has {', '.join(sorted(facts) + sorted(charts))})")


def on_config(config, **kwargs):
    _rendered.clear()
    try:
        _rendered.update(render(Path(config["config_file_path"]).resolve().parent))
    except ValueError as e:
        raise PluginError(str(e)) from None
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    if "measured." not in markdown:
        return markdown
    lines = []
    for line in markdown.splitlines():
        whole = REFERENCE.fullmatch(line.strip())
        if whole and _lookup(page, whole)[0] == "chart":
            key = PLACEHOLDER.format(next(_numbers))
            facts, charts = _rendered[whole["file"]]
            _blocks[key] = (f'<figure class="measured-chart">{charts[whole["name"]]}'
                            f'<figcaption>Receipt: {facts["receipt"]}.</figcaption></figure>')
            lines += ["", key, ""]
            continue

        def fact(match):
            kind, value = _lookup(page, match)
            if kind == "chart":
                raise PluginError(f"{page.file.src_path}: {match[0]} is a chart: put it on a"
                                  " line of its own")
            return value
        lines.append(REFERENCE.sub(fact, line))
    return "\n".join(lines) + "\n"


def on_page_content(content, page, config, files, **kwargs):
    content = re.sub(r"<p>(" + PLACEHOLDER.format(r"\d+") + r")</p>",
                     lambda m: _blocks.pop(m[1]), content)
    if re.search(PLACEHOLDER.format(r"\d+"), content):
        raise PluginError(f"{page.file.src_path}: a chart must stand on a line of its own,"
                          " between blank lines")
    return content


if __name__ == "__main__":
    if sys.argv[1:] != ["--check"]:
        print("usage: measured.py --check", file=sys.stderr)
        sys.exit(2)
    try:
        for file, (facts, charts) in render(Path(__file__).resolve().parent.parent).items():
            print(f"{file}: {len(facts)} numbers, charts: {', '.join(charts) or 'none'}")
    except ValueError as e:
        print(f"measured.py: {e}", file=sys.stderr)
        sys.exit(1)
