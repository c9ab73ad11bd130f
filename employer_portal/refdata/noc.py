"""NOC 2021 unit groups and the job-title search behind the NOC picker.

In: unit groups (code, title, TEER, example titles). Out: O(1) lookups by code
and `search(text, limit)`, ranked matches by word prefix over titles and example
titles, answered from an index built once (sorted words + bisect).
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

# NOC 2021 has 516 unit groups (Statistics Canada, NOC 2021 Version 1.0).
NOC_2021_UNIT_GROUP_COUNT = 516
_PLAUSIBLE = re.compile(r"\d[0-5]\d{3}")


def is_plausible_noc(code: str) -> bool:
    """True when `code` has the shape of a NOC 2021 unit group: 5 digits, TEER (2nd digit) 0-5."""
    return bool(_PLAUSIBLE.fullmatch(code or ""))


@dataclass(frozen=True, slots=True)
class NocUnitGroup:
    code: str
    title: str
    teer: int
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NocMatch:
    """A search hit: the unit group and, when the hit came from one, the example title that matched."""

    code: str
    title: str
    teer: int
    example: str | None


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", folded)


_TITLE, _EXAMPLE = 2, 1  # a word of the unit group's title weighs more than one of its examples


@dataclass(frozen=True)
class NocSet:
    """The NOC unit groups in force; `complete` is False for the partial fallback."""

    version: str
    complete: bool
    source: str
    groups: Mapping[str, NocUnitGroup]
    _words: tuple[str, ...] = field(repr=False, default=())
    _postings: tuple[Mapping[str, int], ...] = field(repr=False, default=())

    @classmethod
    def build(cls, groups: Iterable[NocUnitGroup], *, version: str, source: str, complete: bool | None = None) -> "NocSet":
        by_code = {g.code: g for g in groups}
        if complete is None:
            complete = len(by_code) == NOC_2021_UNIT_GROUP_COUNT
        postings: dict[str, dict[str, int]] = {}
        for group in by_code.values():
            for word in _words(group.title):
                codes = postings.setdefault(word, {})
                codes[group.code] = _TITLE
            for example in group.examples:
                for word in _words(example):
                    codes = postings.setdefault(word, {})
                    codes.setdefault(group.code, _EXAMPLE)
        words = tuple(sorted(postings))
        return cls(
            version=version,
            complete=complete,
            source=source,
            groups=MappingProxyType(by_code),
            _words=words,
            _postings=tuple(MappingProxyType(postings[w]) for w in words),
        )

    def get(self, code: str) -> NocUnitGroup | None:
        return self.groups.get(code)

    def search(self, text: str, limit: int = 10) -> list[NocMatch]:
        """Unit groups whose title or example titles have a word starting with each word of `text`.

        Digits search codes by prefix ("2123" finds 21230-21234). Ranked by how
        strongly the words match (title over example, whole word over prefix),
        then by code.
        """
        query = _words(text or "")
        if not query or limit <= 0:
            return []
        if len(query) == 1 and query[0].isdigit():
            codes = sorted(c for c in self.groups if c.startswith(query[0]))
            return [self._match(c, None) for c in codes[:limit]]
        scores: dict[str, int] | None = None
        for word in query:
            hits: dict[str, int] = {}
            start = bisect.bisect_left(self._words, word)
            for i in range(start, len(self._words)):
                candidate = self._words[i]
                if not candidate.startswith(word):
                    break
                exact = 1 if candidate == word else 0
                for code, weight in self._postings[i].items():
                    score = weight * 2 + exact
                    if score > hits.get(code, 0):
                        hits[code] = score
            if scores is None:
                scores = hits
            else:
                scores = {c: s + hits[c] for c, s in scores.items() if c in hits}
            if not scores:
                return []
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self._match(code, self._best_example(code, query)) for code, _ in ranked]

    def _match(self, code: str, example: str | None) -> NocMatch:
        group = self.groups[code]
        return NocMatch(group.code, group.title, group.teer, example)

    def _best_example(self, code: str, query: list[str]) -> str | None:
        group = self.groups[code]
        if all(any(w.startswith(q) for w in _words(group.title)) for q in query):
            return None  # the title itself matches
        for example in group.examples:
            words = _words(example)
            if all(any(w.startswith(q) for w in words) for q in query):
                return example
        return None
