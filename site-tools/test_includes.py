"""Self-test of includes.py: builds tiny sites with the project's real mkdocs.yml and hook, and
checks that good includes render and that each thing the hook must refuse fails the build.

    python3 site-tools/test_includes.py      (./verify runs it with the Python that runs MkDocs)
"""
import html as htmllib
import re
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent

SNIPPET = textwrap.dedent("""\
    ///usr/bin/env jbang "$0" "$@" ; exit $?
    class Demo {
        // --8<-- [start:body]
        void body() {}
        // --8<-- [end:body]
    }
    """)


class IncludeHookTest(unittest.TestCase):
    def build(self, page, snippets=None):
        """Builds a one-page site; returns (exit code, log, html of the page or None)."""
        root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
        config.update(nav=["index.md"], hooks=[str(PROJECT / "site-tools" / "includes.py")])
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
        (root / "snippets").mkdir()
        for name, text in (snippets or {"demo.java": SNIPPET, "demo.out": "took {{5|int 1..9}} ms\n"}).items():
            (root / "snippets" / name).write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                                capture_output=True, text=True, timeout=120)
        page_html = root / "site" / "index.html"
        return result.returncode, result.stdout + result.stderr, \
            page_html.read_text(encoding="utf-8") if page_html.is_file() else None

    @staticmethod
    def text(page_html):
        """The article's text as a reader sees it (syntax-highlighting spans removed)."""
        article = page_html[page_html.index("<article"):page_html.index("</article>")]
        return htmllib.unescape(re.sub(r"<[^>]+>", "", article))

    def assertRefused(self, page, reason, snippets=None):
        code, log, _ = self.build(page, snippets)
        self.assertNotEqual(code, 0, "the build should fail:\n" + log)
        self.assertIn(reason, log)

    def test_a_snippet_include_shows_code_run_command_and_recorded_output(self):
        code, log, page_html = self.build('# Demo\n\n--8<-- "demo.java"\n')
        self.assertEqual(code, 0, log)
        text = self.text(page_html)
        self.assertIn("snippets/demo.java", text)                 # code block title
        self.assertIn("void body() {}", text)                     # the code
        self.assertIn("./jbang snippets/demo.java", text)         # the command that runs it
        self.assertIn("took 5 ms", text)                          # the recorded output
        self.assertIn("checked within these bounds on every build: 5 (int 1..9)", text)
        self.assertNotIn("{{", text)                              # markers never show
        self.assertNotIn("[start:body]", text)                    # nor section markers

    def test_a_section_include_shows_only_that_section(self):
        code, log, page_html = self.build('# Demo\n\n--8<-- "demo.java:body"\n\n--8<-- "demo.java"\n')
        self.assertEqual(code, 0, log)
        text = self.text(page_html)
        self.assertEqual(text.count("void body() {}"), 2, "the section, then the whole file")
        self.assertEqual(text.count("class Demo"), 1, "the section holds only its lines")

    def test_typed_java_is_refused(self):
        self.assertRefused('# Demo\n\n```java\nclass Typed {}\n```\n\n--8<-- "demo.java"\n',
                           "a ```java block must hold exactly one include")

    def test_a_java_fence_holding_one_include_is_accepted(self):
        code, log, _ = self.build('# Demo\n\n```java title="x"\n--8<-- "demo.java"\n```\n')
        self.assertEqual(code, 0, log)

    def test_a_missing_file_is_refused(self):
        self.assertRefused('# Demo\n\n--8<-- "demo.java"\n\n--8<-- "nope.java"\n',
                           "includes snippets/nope.java, which does not exist")

    def test_a_missing_section_is_refused(self):
        self.assertRefused('# Demo\n\n--8<-- "demo.java:nope"\n\n--8<-- "demo.java"\n',
                           "has no section 'nope'")

    def test_a_snippet_on_no_page_is_refused(self):
        self.assertRefused("# Demo\n\nNo code here.\n", "snippets on no page")


if __name__ == "__main__":
    unittest.main(verbosity=2)
