"""Text for spreadsheets: the one rule that keeps a cell from being read as a formula.

Every CSV the site writes (the reviews' open data, the admin's link report) passes its cells
through ``spreadsheet_safe``.
"""

import unicodedata

# Spreadsheet formula injection. A cell is read as a formula or command when its first
# significant character is one of these (| for DDE; ; because some spreadsheets split cells on
# it; U+2212 is the minus sign that superscript and subscript minus normalise to). Full-width
# and other compatibility forms (＝ ＋ － ＠ ﹦ ⁼ ...) are caught by normalising first (NFKC).
FORMULA_STARTS = frozenset("=+-@|;\u2212")
# What a spreadsheet may pass over before that character: quotes (ASCII and typographic) and
# white space. A cell that starts with a control character (tab, carriage return) is quoted
# whatever follows.
QUOTES = frozenset("'\"`")
QUOTE_CATEGORIES = frozenset({"Pi", "Pf"})
CONTROL_CATEGORIES = frozenset({"Cc", "Cf"})


def skipped_before_a_formula(character):
    category = unicodedata.category(character)
    return (
        character.isspace()
        or character in QUOTES
        or category in QUOTE_CATEGORIES
        or category in CONTROL_CATEGORIES
    )


def spreadsheet_safe(value):
    """``value`` as text a spreadsheet shows as text: with a leading apostrophe when it could
    be read as a formula (see ``FORMULA_STARTS``), as it is otherwise."""
    text = str(value)
    if not text:
        return text
    if unicodedata.category(text[0]) in CONTROL_CATEGORIES:
        return "'" + text
    normalised = unicodedata.normalize("NFKC", text)
    first = next((c for c in normalised if not skipped_before_a_formula(c)), "")
    return "'" + text if first in FORMULA_STARTS else text
