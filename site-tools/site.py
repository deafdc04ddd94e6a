"""MkDocs hook: the parts of the site that are not about snippets.

- Edit links: the published build sets REPO_URL (see mkdocs.yml); a local build has no
  repository to link to, so it gets no edit links either (instead of broken relative ones).
- Marks every reader can see: an emoji such as ⭐ (U+2B50) shows as an empty box where no
  emoji font is installed, so a page that uses it fails the build; ★ (U+2605) is in the
  ordinary text fonts.
"""
from mkdocs.exceptions import PluginError

NOT_IN_TEXT_FONTS = {"\u2b50": "\u2605"}   # character -> what to write instead


def on_config(config, **kwargs):
    if not config.get("repo_url"):
        config["edit_uri"] = None
    return config


def on_page_markdown(markdown, page, **kwargs):
    for number, line in enumerate(markdown.splitlines(), start=1):
        for char, instead in NOT_IN_TEXT_FONTS.items():
            if char in line:
                raise PluginError(f"{page.file.src_path}:{number}: {char} (U+{ord(char):04X}) is"
                                  f" an emoji that shows as an empty box without an emoji font;"
                                  f" write {instead} (U+{ord(instead):04X})")
    return markdown
