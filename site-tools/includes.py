"""MkDocs hook: pages show snippets and their recorded output from files, never typed by hand.

In a page, a line of its own

    --8<-- "race.java"          the snippet, the command that runs it, and its recorded output
    --8<-- "race.java:counter"  only the lines between `// --8<-- [start:counter]` and `[end:counter]`
    --8<-- "race.out"           only the recorded output

becomes fenced blocks. The same line inside a fence (```java, ```text, ...) is replaced by the raw
file or section, so a page can add its own fence options. The build fails when a page includes a
file or section that does not exist, when a ```java fence holds anything but one include, and when
a snippet is on no page. Recorded output declares its varying parts as {{value|type bounds}}
(checked by the tests in tests/); the page shows the value and lists what varies under the block.

Written for MkDocs 1.4 (Debian) and 1.6 (pip), so includes render the same with pymdownx 9.5 and
current releases. Build from the project root or anywhere: paths are relative to mkdocs.yml.
"""
import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

INCLUDE = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
FENCE = re.compile(r'^(?P<indent>[ \t]*)(?P<marks>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$')
SECTION_MARK = re.compile(r'^\s*//\s*--8<--\s*\[(start|end):[\w-]+\]\s*$')
VARYING = re.compile(r'\{\{([^|}]*)\|([^}]*)\}\}')

_included = set()


def _snippets_dir(config):
    return Path(config["config_file_path"]).resolve().parent / "snippets"


def _read(config, page, target):
    """The text of a snippets/ file or section (`file:section`), without section markers."""
    name, _, section = target.partition(":")
    path = _snippets_dir(config) / name
    if not path.is_file():
        raise PluginError(f"{page.file.src_path}: includes snippets/{name}, which does not exist")
    lines = path.read_text(encoding="utf-8").splitlines()
    if section:
        starts = [i for i, l in enumerate(lines) if re.search(rf"\[start:{re.escape(section)}\]", l)]
        ends = [i for i, l in enumerate(lines) if re.search(rf"\[end:{re.escape(section)}\]", l)]
        if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
            raise PluginError(f"{page.file.src_path}: snippets/{name} has no section '{section}'"
                              f" (// --8<-- [start:{section}] ... [end:{section}])")
        lines = _dedent(lines[starts[0] + 1:ends[0]])
    if name.endswith(".java"):
        _included.add(name)
    return [l for l in lines if not SECTION_MARK.match(l)]


def _dedent(lines):
    margin = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
    return [l[margin:] for l in lines]


def _output_block(config, page, name, indent):
    text = "\n".join(_read(config, page, name))
    varying = [f"<code>{html.escape(v)}</code> ({html.escape(t.strip())})"
               for v, t in VARYING.findall(text)]
    block = ['```text title="Output (recorded from a real run)"',
             *VARYING.sub(lambda m: m.group(1), text).splitlines(), "```"]
    if varying:
        block += ["", '<p class="varying-parts">Varies from run to run, checked within these bounds'
                  " on every build: " + ", ".join(varying) + "</p>"]
    return [indent + l if l else l for l in block]


def _snippet_blocks(config, page, target, indent):
    """A standalone include line: code, then the run command, then the recorded output."""
    name = target.partition(":")[0]
    code = _read(config, page, target)
    block = [f'```java title="snippets/{name}"', *code, "```"]
    if name.endswith(".java") and ":" not in target:
        block += ["", '```sh title="Run it (from the project root)"',
                  f"./jbang snippets/{name}", "```"]
        out = Path(name).with_suffix(".out").as_posix()
        if (_snippets_dir(config) / out).is_file():
            return [indent + l if l else l for l in block] + [""] + \
                _output_block(config, page, out, indent)
    return [indent + l if l else l for l in block]


def on_page_markdown(markdown, page, config, files, **kwargs):
    out, fence, body = [], None, []
    for number, line in enumerate(markdown.splitlines(), start=1):
        if fence is None:
            opening = FENCE.match(line)
            include = INCLUDE.match(line)
            if opening:
                fence = (opening["marks"], opening["info"].strip(), number)
                body = []
                out.append(line)
            elif include and include["target"].endswith(".out"):
                out.extend(_output_block(config, page, include["target"], include["indent"]))
            elif include:
                out.extend(_snippet_blocks(config, page, include["target"], include["indent"]))
            else:
                out.append(line)
            continue
        marks, info, start = fence
        closing = FENCE.match(line)
        if closing and closing["marks"][0] == marks[0] and len(closing["marks"]) >= len(marks) \
                and not closing["info"].strip():
            includes = [INCLUDE.match(l) for l in body if l.strip()]
            if info.split()[:1] == ["java"] and (len(includes) != 1 or not includes[0]):
                raise PluginError(f"{page.file.src_path}:{start}: a ```java block must hold exactly"
                                  ' one include (--8<-- "file.java"): code on a page comes from'
                                  " snippets/, which the tests run")
            for l in body:
                include = INCLUDE.match(l)
                if include:
                    lines = _read(config, page, include["target"])
                    if include["target"].endswith(".out"):
                        lines = [VARYING.sub(lambda m: m.group(1), x) for x in lines]
                    out.extend(include["indent"] + x if x else x for x in lines)
                else:
                    out.append(l)
            out.append(line)
            fence = None
        else:
            body.append(line)
    if fence is not None:
        raise PluginError(f"{page.file.src_path}:{fence[2]}: code fence is never closed")
    return "\n".join(out) + "\n"


def on_pre_build(config, **kwargs):
    _included.clear()


def on_post_build(config, **kwargs):
    snippets = _snippets_dir(config)
    missing = sorted(p.relative_to(snippets).as_posix() for p in snippets.rglob("*.java")
                     if "exercises" not in p.relative_to(snippets).parts
                     and p.relative_to(snippets).as_posix() not in _included)
    if missing:
        raise PluginError("snippets on no page (every snippet needs a section that includes it): "
                          + ", ".join(missing))
