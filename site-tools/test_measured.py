"""Self-test of measured.py: the committed measurement data carries receipts and renders as
charts; a data file without a receipt or of the wrong shape is refused; on a page, a chart
becomes inline SVG and a number comes from the data, and an unknown name fails the build.

    python3 site-tools/test_measured.py      (./verify runs it with the Python that runs MkDocs)

It measures nothing: ./measure does that.
"""
import copy
import io
import json
import logging
import tempfile
import textwrap
import unittest
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import measured

PROJECT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def committed():
    return {name: json.loads((PROJECT / measured.DATA / f"{name}.json").read_text("utf-8"))
            for name in measured.FILES}


def write(root, documents):
    (root / measured.DATA).mkdir(parents=True, exist_ok=True)
    for name, document in documents.items():
        (root / measured.DATA / f"{name}.json").write_text(json.dumps(document), "utf-8")


class CommittedDataTest(unittest.TestCase):
    def test_every_file_has_a_receipt_and_renders(self):
        rendered = measured.render(PROJECT)
        self.assertEqual(set(rendered), set(measured.FILES))
        for name, document in committed().items():
            receipt = document["receipt"]
            for key in measured.RECEIPT_KEYS:
                self.assertIn(key, receipt, name)
            self.assertRegex(receipt["date"], r"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$", name)
            # Measured from a commit, so the receipt names the code that ran.
            self.assertRegex(receipt["commit"], r"^[0-9a-f]{7,40}$", name)
            self.assertRegex(receipt["jdk"], r"\b25\b|\b2[5-9]\.", name)
            facts = rendered[name][0]
            self.assertIn(receipt["jdk"], facts["receipt"])

    def test_charts_are_svg_with_labels_and_a_legend_readable_in_both_schemes(self):
        rendered = measured.render(PROJECT)
        charts = {f"{n}.{k}": c for n, (_, cs) in rendered.items() for k, c in cs.items()}
        self.assertGreaterEqual(set(charts), {"cpu_scaling.chart", "io_scaling.chart_time",
                                              "io_scaling.chart_memory", "python_gil.chart"})
        for name, chart in charts.items():
            if not chart.startswith("<svg"):
                continue
            root = ET.fromstring(chart)            # well-formed XML, or this fails
            texts = [t.text for t in root.iter(f"{SVG}text")]
            self.assertTrue(root.find(f"{SVG}title").text, name)
            self.assertNotIn("<script", chart)
            self.assertNotIn("http", chart.replace('xmlns="http://www.w3.org/2000/svg"', ""),
                             name)
            self.assertIn('fill="currentColor"', chart, name)
            self.assertNotRegex(chart, r"(?:fill|stroke)=\"#", name)
            self.assertIn("var(--measured-0, #", chart, name)
            if name == "cpu_scaling.chart":
                for label in ("threads (or parallelism)", "speedup over 1 thread",
                              "platform threads", "virtual threads", "parallel stream",
                              "one global lock (GIL-like)", "ideal: min(threads, CPUs)"):
                    self.assertIn(label, texts)
            if name == "io_scaling.chart_time":
                for label in ("tasks (log scale)", "fixed pool of 100",
                              "platform thread per task", "virtual thread per task"):
                    self.assertIn(label, texts)


class RefusedDataTest(unittest.TestCase):
    def render(self, change):
        documents = committed()
        change(documents)
        with tempfile.TemporaryDirectory() as root:
            write(Path(root), documents)
            return measured.render(root)

    def test_a_file_without_a_receipt_is_refused(self):
        def drop(documents):
            del documents["races"]["receipt"]["commit"]
        with self.assertRaisesRegex(ValueError, r"races\.json: no receipt \(commit\)"):
            self.render(drop)

    def test_a_file_of_the_wrong_shape_is_refused(self):
        def drop(documents):
            del documents["cpu_scaling"]["data"]["best_ms"]
        with self.assertRaisesRegex(ValueError, r"cpu_scaling\.json: not the shape"):
            self.render(drop)

    def test_a_missing_file_is_refused(self):
        with tempfile.TemporaryDirectory() as root:
            documents = committed()
            del documents["io_scaling"]
            write(Path(root), documents)
            with self.assertRaisesRegex(ValueError, r"io_scaling\.json"):
                measured.render(root)

    def test_python_skipped_says_so(self):
        def skip(documents):
            documents["python_gil"]["data"] = {"skipped": "python3 was not found"}
        facts, charts = self.render(skip)["python_gil"]
        self.assertEqual(facts["note"], "python3 was not found")
        self.assertIn("not measured (python3 was not found)", charts["chart"])


class NumbersTest(unittest.TestCase):
    def test_speedups_are_against_one_platform_thread(self):
        documents = copy.deepcopy(committed())
        data = documents["cpu_scaling"]["data"]
        data.update(cpus=2, threads=[1, 2, 3, 4], best_ms={
            "platform": [100.0, 50.0, 50.0, 40.0], "virtual": [100.0, 52.0, 50.0, 50.0],
            "stream": [100.0, 80.0, 50.0, 50.0], "global_lock": [100.0, 100.0, 99.0, 100.0]})
        facts, _ = measured.cpu_scaling(documents["cpu_scaling"], documents)
        self.assertEqual(facts["platform_speedup_at_cpus"], "2.00")
        self.assertEqual(facts["platform_speedup_at_max"], "2.50")
        self.assertEqual(facts["stream_speedup_at_cpus"], "1.25")
        self.assertEqual(facts["global_lock_speedup_best"], "1.01")
        self.assertEqual(facts["one_thread_ms"], "100")


class RecordedValuesTest(unittest.TestCase):
    """./measure reads a run's named values with recorded.values, against the recorded output."""

    def test_named_values_are_read_where_the_recorded_output_declares_them(self):
        import recorded
        out = "lost {{lost=3|int 0..20}} of 20, lowest {{low=1,960|int 2..2,000}}\n" \
              "plain: {{how=still spinning|one of: still spinning, stopped}} after\n"
        self.assertEqual(recorded.values(out, "lost 0 of 20, lowest 1,999\nplain: stopped after"),
                         {"lost": "0", "low": "1,999", "how": "stopped"})
        for wrong in ("lost 0 of 21, lowest 1,999\nplain: stopped after",
                      "lost 0 of 20, lowest 1,999\nplain: maybe after",
                      "lost 0 of 20, lowest 1,999"):
            with self.assertRaises(ValueError):
                recorded.values(out, wrong)


class HookTest(unittest.TestCase):
    def build(self, page):
        import yaml
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.utils import yaml_load
        root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        with open(PROJECT / "mkdocs.yml", encoding="utf-8") as f:
            config = yaml_load(f)   # MkDocs' own loader: it knows !ENV
        config.update(nav=["index.md"], hooks=[str(PROJECT / "site-tools" / "includes.py"),
                                               str(PROJECT / "site-tools" / "measured.py")])
        for key in "extra_css", "watch", "edit_uri":   # the project's, not the tiny site's
            config.pop(key, None)
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
        (root / "snippets").mkdir()
        write(root, committed())
        log, logger = io.StringIO(), logging.getLogger("mkdocs")
        handlers, logger.handlers = logger.handlers, [logging.StreamHandler(log)]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)   # Debian's jinja2
                build(load_config(config_file=str(root / "mkdocs.yml")))
            return None, (root / "site" / "index.html").read_text(encoding="utf-8")
        except Exception as e:  # noqa: BLE001  (a refused page ends the build with any error)
            return e, log.getvalue()
        finally:
            logger.handlers = handlers

    def test_a_chart_and_a_number_render(self):
        error, page = self.build("""\
            # Page

            The speedup was {{ measured.cpu_scaling.platform_speedup_at_cpus }}x.

            {{ measured.cpu_scaling.chart }}
            """)
        self.assertIsNone(error, page)
        facts, _ = measured.render(PROJECT)["cpu_scaling"]
        self.assertIn(f"The speedup was {facts['platform_speedup_at_cpus']}x.", page)
        self.assertRegex(page, r'<figure class="measured-chart"><svg [^>]*role="img"')
        self.assertIn("<figcaption>Receipt: measured ", page)
        self.assertNotIn("{{", page)

    def test_an_unknown_name_fails_the_build(self):
        error, log = self.build("# Page\n\n{{ measured.cpu_scaling.speedup_of_nothing }}\n")
        self.assertIsNotNone(error)
        self.assertIn("does not define", str(error) + log)

    def test_a_chart_inside_a_sentence_fails_the_build(self):
        error, log = self.build("# Page\n\nSee {{ measured.cpu_scaling.chart }} here.\n")
        self.assertIsNotNone(error)
        self.assertIn("line of its own", str(error) + log)


if __name__ == "__main__":
    unittest.main(verbosity=1)
