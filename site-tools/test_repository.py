"""Checks of the repository around the snippets: the JBang catalog lists every snippet, and every
GitHub Action in .github/workflows is pinned by full commit SHA with its release in a comment
(Dependabot, .github/dependabot.yml, moves both together).

    python3 site-tools/test_repository.py
"""
import json
import re
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalog  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$", re.M)


class CatalogTest(unittest.TestCase):
    def test_the_catalog_has_an_alias_per_snippet_described_by_its_description_line(self):
        problems = catalog.differences()
        self.assertEqual([], problems, "\n".join(problems)
                         + "\nRegenerate it: python3 site-tools/catalog.py")

    def test_every_alias_runs_a_file_that_exists(self):
        aliases = json.loads(catalog.CATALOG.read_text(encoding="utf-8"))["aliases"]
        self.assertTrue(aliases)
        for name, alias in aliases.items():
            self.assertTrue((ROOT / alias["script-ref"]).is_file(), name)

    def test_a_snippet_missing_from_the_catalog_is_reported_by_name(self):
        full = catalog.expected()
        dropped = sorted(full["aliases"])[0]
        del full["aliases"][dropped]
        with tempfile.TemporaryDirectory() as tmp:
            stale = Path(tmp) / "jbang-catalog.json"
            stale.write_text(catalog.text(full), encoding="utf-8")
            real, catalog.CATALOG = catalog.CATALOG, stale
            try:
                problems = catalog.differences()
            finally:
                catalog.CATALOG = real
        self.assertEqual(1, len(problems), problems)
        self.assertIn(f"no alias for snippets/", problems[0])
        self.assertIn(dropped, problems[0])


class WorkflowPinsTest(unittest.TestCase):
    def test_every_action_is_pinned_by_full_commit_sha_with_its_release_in_a_comment(self):
        workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
        self.assertTrue(workflows)
        seen = 0
        for workflow in workflows:
            for use in USES.finditer(workflow.read_text(encoding="utf-8")):
                ref = use["ref"]
                if ref.startswith("./") or ref.startswith("docker://"):
                    continue
                seen += 1
                where = f"{workflow.name}: uses: {ref}"
                self.assertRegex(ref, r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$",
                                 where + " (pin a full commit SHA, never a tag or branch)")
                self.assertRegex(use["comment"], r"#\s*v\d+(\.\d+)*",
                                 where + " (say the release in a comment: # v1.2.3)")
        self.assertGreater(seen, 0)

    def test_dependabot_keeps_the_action_pins_current(self):
        config = (ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8")
        self.assertIn("package-ecosystem: github-actions", config)


if __name__ == "__main__":
    unittest.main()
