"""The site's stylesheets parse: a rule left open swallows every rule after it.

A merge once lost the closing brace of the downloads list, and the browser read the year
navigation's rules as nested inside it: the PDF links grew bullets and lost their spacing.
"""

import re
from pathlib import Path

import pytest

CSS = sorted((Path(__file__).resolve().parents[2] / "static" / "css").glob("*.css"))


@pytest.mark.parametrize("path", CSS, ids=lambda path: path.name)
def test_every_rule_is_closed_before_the_next_one_opens(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name}:{number}: a brace closes nothing"
    assert depth == 0, f"{path.name}: {depth} rule(s) left open"


def test_the_downloads_list_is_a_plain_row_of_links():
    text = (CSS[0].parent / "site.css").read_text(encoding="utf-8")
    rule = re.search(r"\.outputs \{([^}]*)\}", text)
    assert rule and "list-style: none" in rule.group(1)
