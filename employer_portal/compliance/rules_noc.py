"""Does the job title fit the chosen NOC? A title that clearly belongs to other unit groups is a warning.

In: the position's title and NOC code; the job-titles table and the official
example titles held by the NOC set. Out: NOC_TITLE_MISMATCH, or nothing when the
title is unknown, used across several unit groups, or fits the chosen NOC.
"""
from __future__ import annotations

from employer_portal.compliance.registry import rule
from employer_portal.compliance.report import WARNING

_VERIFY = "verify on the official page"


@rule("NOC_TITLE_MISMATCH", severity=WARNING, field="position.noc_code", needs=("position.noc_code",),
      skip_unknown_noc=True,
      source="Statistics Canada, NOC 2021 Version 1.0 (unit groups and example titles); IRCC and ESDC assess the "
             "NOC against the job's main duties (IRCC CUSMA instructions: 'Ensure that the occupational code and "
             "title are in the appropriate TEER for the occupation capacity')")
def noc_title_mismatch(facts):
    # Project code: a title only warns when the tables tie it to other unit groups; the duties decide, not the title.
    if not facts.position.title:
        return None  # no title, nothing to compare (the common API check sends none)
    match = facts.refdata.noc_set.title_match(facts.position.title)
    if match is None or match.ambiguous or facts.noc_code in match.groups:
        return None
    noc_set = facts.refdata.noc_set
    named = [_named(noc_set, code) for code in match.groups]
    usual = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"
    chosen = _named(noc_set, facts.noc_code)
    message = (f"The title '{facts.position.title.strip()}' usually belongs to NOC {usual}, not {chosen}: "
               f"check that the NOC fits the job's main duties.")
    if _VERIFY in match.status:
        message += f" (The portal's table maps '{match.title}' this way: {_VERIFY}.)"
    return message


def _named(noc_set, code: str) -> str:
    group = noc_set.get(code)
    return f"{code} ({group.title})" if group else code
