"""What a text value may hold, checked once for the API's JSON (api.checked_json) and the pydantic schemas.

Control characters (NUL and the rest of Unicode category Cc) and lone surrogates are never real input:
they come from a broken client or a probe, and some of them break the database or the PDF. Long free
text (duties, notes) keeps tab and line breaks; a one-line field (a name, a title) keeps neither.
"""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

# C0 controls, DEL, C1 controls and lone surrogates; the second pattern allows \t \n \r.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_BUT_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character_problem(text: str, allow_breaks: bool = False) -> str | None:
    """Why `text` is refused (naming the first bad character as U+XXXX), or None when it is fine."""
    found = (_CONTROL_BUT_BREAKS if allow_breaks else _CONTROL).search(text)
    if found is None:
        return None
    return f"contains a control character (U+{ord(found.group()):04X}), which is not allowed here"


def _one_line(value: str) -> str:
    problem = control_character_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _long_text(value: str) -> str:
    problem = control_character_problem(value, allow_breaks=True)
    if problem:
        raise ValueError(problem)
    return value


# Add to a str type: Annotated[str, StringConstraints(...), NoControlCharacters].
NoControlCharacters = AfterValidator(_one_line)
NoControlCharactersButBreaks = AfterValidator(_long_text)
