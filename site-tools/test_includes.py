"""Self-test of includes.py: builds tiny sites with the project's real mkdocs.yml and hook, and
checks that good includes render and that each thing the hook must refuse fails the build.

    python3 site-tools/test_includes.py      (./verify runs it with the Python that runs MkDocs)

Each site is built in this process (MkDocs' own build function), which takes a fifth of the
time of a `mkdocs build` per case.
"""
import html as htmllib
import io
import logging
import re
import tempfile
import textwrap
import unittest
import warnings
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils import yaml_load

PROJECT = Path(__file__).resolve().parent.parent

SNIPPET = textwrap.dedent("""\
    ///usr/bin/env jbang "$0" "$@" ; exit $?
    void main() {
        setUp();
        // tag::core[]
        IO.println("took " + 5 + " ms");
        // end::core[]
    }
    // tag::helper[]
    void setUp() {}
    // end::helper[]
    """)
SNIPPETS = {
    "demo.java": SNIPPET,
    "demo.out": "took {{took=5|int 1..9}} ms <fast> of {{total=1,200|int 1..2,000,000}}\n"
                "{{who=main|word|: the thread's name}}\n",
    "demo.claims": "# the one threshold\nfast_max = 1.5\n",
}


class IncludeHookTest(unittest.TestCase):
    def build(self, page, snippets=None):
        """Builds a one-page site; returns (error or None, log, html of the page or None)."""
        root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        with open(PROJECT / "mkdocs.yml", encoding="utf-8") as f:
            config = yaml_load(f)   # MkDocs' own loader: it knows !ENV
        config.update(nav=["index.md"], hooks=[str(PROJECT / "site-tools" / "includes.py")])
        for key in "extra_css", "watch", "edit_uri":   # the project's, not the tiny site's
            config.pop(key, None)
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
        (root / "snippets").mkdir()
        for name, text in (SNIPPETS if snippets is None else snippets).items():
            (root / "snippets" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "snippets" / name).write_text(text, encoding="utf-8")
        log, logger = io.StringIO(), logging.getLogger("mkdocs")
        handlers, logger.handlers = logger.handlers, [logging.StreamHandler(log)]
        error = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)   # Debian's jinja2
                build(load_config(config_file=str(root / "mkdocs.yml")))
        except Exception as e:  # noqa: BLE001  (a refused page ends the build with any error)
            error = e
        finally:
            logger.handlers = handlers
        page_html = root / "site" / "index.html"
        return error, log.getvalue(), \
            page_html.read_text(encoding="utf-8") if page_html.is_file() else None

    def built(self, page, snippets=None):
        error, log, page_html = self.build(page, snippets)
        self.assertIsNone(error, log)
        return page_html

    @staticmethod
    def text(page_html):
        """The article's text as a reader sees it (syntax-highlighting spans removed)."""
        article = page_html[page_html.index("<article"):page_html.index("</article>")]
        return htmllib.unescape(re.sub(r"<[^>]+>", "", article))

    def assertRefused(self, page, reason, snippets=None):
        error, log, _ = self.build(page, snippets)
        self.assertIsNotNone(error, "the build should fail:\n" + log)
        self.assertIn(reason, str(error) + log)

    def test_a_snippet_include_shows_the_core_the_command_and_the_output_first(self):
        page_html = self.built('# Demo\n\n## One\n\n--8<-- "demo.java"\n\nProse.\n\n## Two\n')
        text = self.text(page_html)
        core, command = text.index('IO.println("took "'), text.index("./jbang snippets/demo.java")
        output, prose = text.index("took 5 ms"), text.index("Prose.")
        full, two = text.index("Full program: snippets/demo.java"), text.index("Two")
        self.assertLess(core, command)
        self.assertLess(command, output)
        self.assertLess(output, prose)
        self.assertLess(prose, full, "the full program closes the section")
        self.assertLess(full, two, "before the next section")
        self.assertEqual(text.count("void setUp() {}"), 1, "scaffolding only in the full program")
        self.assertIn('<details class="example"', page_html, "the full program is collapsed")
        self.assertNotIn("{{", text)                            # markers never show
        self.assertNotIn("tag::", text)                         # nor region markers
        self.assertNotIn("end::", text)

    def test_each_varying_value_is_marked_where_it_stands_and_explained_under_the_block(self):
        page_html = self.built('# Demo\n\n--8<-- "demo.java"\n')
        self.assertIn('<span class="varying" data-mark="①"', page_html)
        self.assertRegex(page_html, r'data-mark="②"[^>]*>1,200</span>')
        self.assertIn("&lt;fast&gt;", page_html, "output text is escaped")
        notes = re.search(r'<ul class="varying-notes">(.*?)</ul>', page_html, re.S)[1]
        self.assertEqual(self.text("<article>" + notes + "</article>"),
                         "① 1 to 9; varies from run to run"
                         "② 1 to 2,000,000; varies from run to run"     # grouped as printed
                         "③ any single word: the thread's name")

    def test_a_timeline_is_drawn_under_the_output_from_its_recorded_rows(self):
        snippets = dict(SNIPPETS, **{"demo.out": (
            "took {{took=5|int 1..9}} ms\n"
            "timeline: two calls, ms{{calls=timeline|ms 0..1,000|: each call's wait}}\n"
            "  call 1    0 .. 52\n  call 2   52 .. 1,000\ndone\n")})
        page_html = self.built('# Demo\n\n--8<-- "demo.java"\n', snippets)
        block = re.search(r'<div class="highlight recorded-output">.*?</div>', page_html, re.S)[0]
        self.assertEqual(self.text("<article>" + block + "</article>").splitlines()[1:],
                         ["timeline: two calls, ms", "  (2 rows: drawn below)", "done"],
                         "the rows are drawn, not listed")
        figure = re.search(r'<figure class="measured-chart timeline">.*?</figure>', page_html,
                           re.S)
        self.assertIsNotNone(figure, "a figure follows the output block")
        self.assertLess(page_html.index(block), figure.start())
        svg = figure[0]
        self.assertIn('role="img"', svg)
        self.assertIn("call 1: 0 to 52 ms; call 2: 52 to 1,000 ms", svg, "described in words")
        self.assertEqual(svg.count("<rect "), 2, "one bar per row")
        widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)"',
                                               svg)]
        self.assertAlmostEqual(widths[1] / widths[0], 948 / 52, delta=0.5,
                               msg="bars as long as the recorded spans")
        self.assertIn("each call&#x27;s wait; each start and end may be 0 to 1,000 ms", svg)

    def test_a_timeline_without_rows_is_refused(self):
        snippets = dict(SNIPPETS, **{"demo.out": "none{{calls=timeline|ms 0..9}}\ndone\n"})
        self.assertRefused('# Demo\n\n--8<-- "demo.java"\n',
                           "timeline calls has no rows", snippets)

    def test_a_page_quotes_declared_values_bounds_and_thresholds(self):
        text = self.text(self.built('# Demo\n\nAt most {{ demo.fast_max }}x, recorded'
                                    ' {{ demo.took }} ms, bounded by {{demo.took.max}} and'
                                    ' {{ demo.total.max }}.\n\n--8<-- "demo.java"\n'))
        self.assertIn("At most 1.5x, recorded 5 ms, bounded by 9 and 2,000,000.", text)

    def test_a_quote_of_something_not_declared_is_refused(self):
        self.assertRefused('# Demo\n\n{{ demo.nope }}\n\n--8<-- "demo.java"\n',
                           "quotes {{ demo.nope }}, which snippets/demo.out and .claims do not")
        self.assertRefused('# Demo\n\n{{ demo.who.max }}\n\n--8<-- "demo.java"\n',
                           "do not declare with bounds")

    def test_a_region_include_shows_only_that_region(self):
        text = self.text(self.built('# Demo\n\n--8<-- "demo.java:helper"\n\n--8<-- "demo.java"\n'))
        self.assertEqual(text.count("void setUp() {}"), 2, "the region, then the full program")
        self.assertEqual(text.count("void main()"), 1, "the region holds only its lines")

    def test_an_output_include_shows_only_the_output(self):
        text = self.text(self.built('# Demo\n\n--8<-- "demo.out"\n\n--8<-- "demo.java"\n'))
        self.assertEqual(text.count("took 5 ms <fast>"), 2)

    def test_typed_java_is_refused(self):
        self.assertRefused('# Demo\n\n```java\nclass Typed {}\n```\n\n--8<-- "demo.java"\n',
                           "a ```java block must hold exactly one include")

    def test_a_java_fence_holding_one_include_is_accepted(self):
        self.built('# Demo\n\n```java title="x"\n--8<-- "demo.java:helper"\n```\n\n'
                   '--8<-- "demo.java"\n')

    def test_a_missing_file_is_refused(self):
        self.assertRefused('# Demo\n\n--8<-- "demo.java"\n\n--8<-- "nope.java"\n',
                           "includes snippets/nope.java, which does not exist")

    def test_a_missing_region_is_refused(self):
        self.assertRefused('# Demo\n\n--8<-- "demo.java:nope"\n\n--8<-- "demo.java"\n',
                           "has no region 'nope'")

    def test_a_snippet_without_a_core_is_refused(self):
        self.assertRefused('# Demo\n\n--8<-- "demo.java"\n',
                           "has no region 'core'",
                           dict(SNIPPETS, **{"demo.java": SNIPPET.replace("tag::core", "x")}))

    def test_the_build_is_strict_so_a_dead_link_fails_it(self):
        self.assertRefused('# Demo\n\n[gone](gone.md)\n\n--8<-- "demo.java"\n', "gone.md")

    def test_a_snippet_on_no_page_is_refused(self):
        self.assertRefused("# Demo\n\nNo code here.\n", "snippets on no page")

    def test_an_exercise_shows_its_files_whole_and_each_must_be_on_a_page(self):
        exercise = dict(SNIPPETS, **{"exercises/ex/Ex.java": "final class Ex {}\n",
                                     "exercises/ex/solution/Ex.java": "final class Ex { }\n",
                                     "exercises/Runner.java": "final class Runner {}\n"})
        starter = '```java title="starter"\n--8<-- "exercises/ex/Ex.java"\n```\n\n'
        solution = ('??? success "Solution"\n\n    ```java\n'
                    '    --8<-- "exercises/ex/solution/Ex.java"\n    ```\n\n')
        text = self.text(self.built("# Ex\n\n" + starter + solution + '--8<-- "demo.java"\n',
                                    exercise))
        self.assertIn("final class Ex {}", text)
        self.assertIn("final class Ex { }", text, "the solution, in its collapsed block")
        self.assertRefused("# Ex\n\n" + starter + '--8<-- "demo.java"\n',
                           "snippets on no page (every snippet needs a section that includes it"
                           ' with --8<-- "NAME.java", every file of an exercise a ```java fence'
                           ' around --8<-- "exercises/NAME/FILE.java"):'
                           " exercises/ex/solution/Ex.java",   # the runner needs no page
                           exercise)


if __name__ == "__main__":
    unittest.main(verbosity=2)
