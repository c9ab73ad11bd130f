"""NOC 2021 unit groups and the job-title search behind the NOC picker.

In: unit groups (code, title, TEER, example titles) and the bundled table of job
titles in current use (noc_title_synonyms.json: title -> unit groups, with
source and status). Out: O(1) lookups by code; `search(text, limit)`, ranked
matches by word prefix, synonym hits first, then titles and example titles;
`title_match(title)`, the unit groups a job title clearly belongs to. Everything
is answered from indexes built once (sorted words + bisect, dicts).
"""
from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

# NOC 2021 has 516 unit groups (Statistics Canada, NOC 2021 Version 1.0).
NOC_2021_UNIT_GROUP_COUNT = 516
_PLAUSIBLE = re.compile(r"\d[0-5]\d{3}")

TITLE_SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "noc_title_synonyms.json"
OFFICIAL_EXAMPLE = "official example title"  # the status of a Statistics Canada illustrative example


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
    """A search hit: the unit group and, when the hit came from one, the example title or synonym that matched.

    kind: "synonym" (from the job-titles table, with its source, status and note),
    "example" (an official example title), "title" (the unit group's title) or "code".
    """

    code: str
    title: str
    teer: int
    example: str | None
    matched: str | None = None
    kind: str = "title"
    source: str | None = None
    status: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class TitleSynonym:
    """A job title in current use and the NOC 2021 unit groups it usually belongs to, most likely first."""

    title: str
    groups: tuple[str, ...]
    status: str
    source: str
    note: str | None = None
    variants: tuple[str, ...] = ()
    ambiguous: bool = False  # used for jobs in several unit groups: the title alone says nothing

    @classmethod
    def from_json(cls, data: dict) -> "TitleSynonym":
        return cls(
            title=data["title"], groups=tuple(str(c) for c in data["groups"]), status=data["status"],
            source=data["source"], note=data.get("note"), variants=tuple(data.get("variants") or ()),
            ambiguous=bool(data.get("ambiguous", False)),
        )


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """What a job title says about its NOC: the unit groups it belongs to and where that comes from."""

    title: str  # the synonym or official example title the job title matched
    groups: tuple[str, ...]
    kind: str  # "synonym" or "example"
    status: str
    source: str
    note: str | None = None
    ambiguous: bool = False


@functools.lru_cache(maxsize=4)
def _read_title_table(path: Path) -> tuple[str | None, tuple[TitleSynonym, ...]]:
    """(version, entries) of a job-titles file; (None, ()) when it is missing or malformed."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return data.get("version"), tuple(TitleSynonym.from_json(t) for t in data["titles"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, ()


def load_title_synonyms(path: Path = TITLE_SYNONYMS_FILE) -> tuple[TitleSynonym, ...]:
    """The bundled job-titles table; empty when the file is missing or malformed (the picker then works without it)."""
    return _read_title_table(path)[1]


def title_synonyms_version(path: Path = TITLE_SYNONYMS_FILE) -> str | None:
    """The job-titles table's version (a report names it: NOC_TITLE_MISMATCH depends on it); None without the table."""
    return _read_title_table(path)[0]


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", folded)


# Spellings of one word that people write apart or together.
_JOINED = {"frontend": ("front", "end"), "backend": ("back", "end"), "fullstack": ("full", "stack")}
# Seniority and level words that do not change the occupation ("Senior DevOps engineer II").
_LEVEL_WORDS = frozenset({
    "senior", "sr", "junior", "jr", "lead", "principal", "staff", "intermediate", "entry", "level",
    "i", "ii", "iii", "iv", "1", "2", "3", "4",
})


def _title_words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in _words(text):
        out.extend(_JOINED.get(word, (word,)))
    return tuple(out)


def _without_level(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in _LEVEL_WORDS)


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
    synonyms: tuple[TitleSynonym, ...] = field(repr=False, default=())
    synonyms_version: str | None = None  # the job-titles table's version; None when built without it
    # Synonym search: phrases (entry index, words), their sorted words and the phrases of each word.
    _phrases: tuple[tuple[int, tuple[str, ...]], ...] = field(repr=False, default=())
    _syn_words: tuple[str, ...] = field(repr=False, default=())
    _syn_postings: tuple[tuple[int, ...], ...] = field(repr=False, default=())
    # Exact job-title lookups: normalised title -> synonym entry index / unit groups listing it as an example.
    _synonym_keys: Mapping[str, int] = field(repr=False, default_factory=dict)
    _example_keys: Mapping[str, tuple[tuple[str, ...], str]] = field(repr=False, default_factory=dict)

    @classmethod
    def build(
        cls,
        groups: Iterable[NocUnitGroup],
        *,
        version: str,
        source: str,
        complete: bool | None = None,
        synonyms: Iterable[TitleSynonym] | None = None,
        synonyms_version: str | None = None,
    ) -> "NocSet":
        """Index the unit groups; `synonyms` default to the bundled job-titles table (pass () for none)."""
        by_code = {g.code: g for g in groups}
        if complete is None:
            complete = len(by_code) == NOC_2021_UNIT_GROUP_COUNT
        postings: dict[str, dict[str, int]] = {}
        example_codes: dict[str, dict[str, str]] = {}  # key -> {code: example as written}
        for group in by_code.values():
            for word in _words(group.title):
                codes = postings.setdefault(word, {})
                codes[group.code] = _TITLE
            for example in group.examples:
                for word in _words(example):
                    codes = postings.setdefault(word, {})
                    codes.setdefault(group.code, _EXAMPLE)
                example_codes.setdefault(" ".join(_title_words(example)), {}).setdefault(group.code, example)
        words = tuple(sorted(postings))

        if synonyms is None:
            table, synonyms_version = load_title_synonyms(), title_synonyms_version()
        else:
            table = tuple(synonyms)
        phrases: list[tuple[int, tuple[str, ...]]] = []
        synonym_keys: dict[str, int] = {}
        for index, synonym in enumerate(table):
            for spelling in (synonym.title, *synonym.variants):
                phrase = _title_words(spelling)
                if phrase:
                    phrases.append((index, phrase))
                    synonym_keys.setdefault(" ".join(phrase), index)
        syn_postings: dict[str, list[int]] = {}
        for pid, (_, phrase) in enumerate(phrases):
            for word in set(phrase):
                syn_postings.setdefault(word, []).append(pid)
        syn_words = tuple(sorted(syn_postings))

        return cls(
            version=version,
            complete=complete,
            source=source,
            groups=MappingProxyType(by_code),
            _words=words,
            _postings=tuple(MappingProxyType(postings[w]) for w in words),
            synonyms=table,
            synonyms_version=synonyms_version if table else None,
            _phrases=tuple(phrases),
            _syn_words=syn_words,
            _syn_postings=tuple(tuple(syn_postings[w]) for w in syn_words),
            _synonym_keys=MappingProxyType(synonym_keys),
            _example_keys=MappingProxyType({
                key: (tuple(sorted(codes)), next(iter(codes.values()))) for key, codes in example_codes.items()
            }),
        )

    def get(self, code: str) -> NocUnitGroup | None:
        return self.groups.get(code)

    # --- the NOC picker ----------------------------------------------------------------
    def search(self, text: str, limit: int = 10) -> list[NocMatch]:
        """Unit groups for a job title: job titles in current use first, then titles and example titles.

        Each word of `text` must start a word of the synonym (or of the group's
        title or example titles). Synonym hits list the synonym's unit groups in
        its order; each unit group appears once. Digits search codes by prefix
        ("2123" finds 21230-21234).
        """
        query = _words(text or "")
        if not query or limit <= 0:
            return []
        if len(query) == 1 and query[0].isdigit():
            codes = sorted(c for c in self.groups if c.startswith(query[0]))
            return [self._match(c, None, kind="code") for c in codes[:limit]]
        results = self._synonym_hits(query, limit)
        seen = {m.code for m in results}
        if len(results) < limit:
            for match in self._group_hits(query, limit + len(seen)):
                if match.code not in seen:
                    results.append(match)
                    seen.add(match.code)
                    if len(results) >= limit:
                        break
        return results

    def _synonym_hits(self, text_words: list[str], limit: int) -> list[NocMatch]:
        query = [w for word in text_words for w in _JOINED.get(word, (word,))]
        scores: dict[int, int] | None = None
        for word in query:
            hits: dict[int, int] = {}
            start = bisect.bisect_left(self._syn_words, word)
            for i in range(start, len(self._syn_words)):
                candidate = self._syn_words[i]
                if not candidate.startswith(word):
                    break
                score = 2 if candidate == word else 1
                for pid in self._syn_postings[i]:
                    if score > hits.get(pid, 0):
                        hits[pid] = score
            scores = hits if scores is None else {p: s + hits[p] for p, s in scores.items() if p in hits}
            if not scores:
                return []
        # Per synonym its best phrase: strongest words, then fewest words beyond the query's, then table order.
        best: dict[int, tuple[int, int]] = {}
        for pid, score in scores.items():
            entry, phrase = self._phrases[pid]
            key = (-score, len(phrase) - len(query))
            if entry not in best or key < best[entry]:
                best[entry] = key
        ranked = sorted(best, key=lambda e: (best[e], e))
        # A synonym the query spells in full brings all its unit groups at once; for the others, each one's most
        # likely unit group first, then the alternatives in the same order.
        pairs = []
        for entry in ranked:
            synonym = self.synonyms[entry]
            whole = best[entry][1] == 0
            pairs.extend((synonym, code) for code in (synonym.groups if whole else synonym.groups[:1]))
        for entry in ranked:
            pairs.extend((self.synonyms[entry], code) for code in self.synonyms[entry].groups[1:])
        results: list[NocMatch] = []
        seen: set[str] = set()
        for synonym, code in pairs:
            if code in seen or code not in self.groups:
                continue
            seen.add(code)
            group = self.groups[code]
            results.append(NocMatch(group.code, group.title, group.teer, synonym.title, matched=synonym.title,
                                    kind="synonym", source=synonym.source, status=synonym.status, note=synonym.note))
            if len(results) >= limit:
                break
        return results

    def _group_hits(self, query: list[str], limit: int) -> list[NocMatch]:
        # Ranked by how strongly the words match (title over example, whole word over prefix), then by code.
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
        results = []
        for code, _ in ranked:
            example = self._best_example(code, query)
            results.append(self._match(code, example, kind="example" if example else "title"))
        return results

    def _match(self, code: str, example: str | None, *, kind: str) -> NocMatch:
        group = self.groups[code]
        return NocMatch(group.code, group.title, group.teer, example, matched=example, kind=kind)

    def _best_example(self, code: str, query: list[str]) -> str | None:
        group = self.groups[code]
        if all(any(w.startswith(q) for w in _words(group.title)) for q in query):
            return None  # the title itself matches
        for example in group.examples:
            words = _words(example)
            if all(any(w.startswith(q) for w in words) for q in query):
                return example
        return None

    # --- what a job title says about its NOC ------------------------------------------
    def title_match(self, title: str | None) -> TitleMatch | None:
        """The unit groups `title` clearly belongs to, from the job-titles table or an official example title.

        The whole title must be a synonym or an example title (seniority words
        such as "Senior" or "II" aside); otherwise None: a title the tables do not
        know says nothing about the NOC.
        """
        words = _title_words(title or "")
        for candidate in dict.fromkeys((words, _without_level(words))):
            if not candidate:
                continue
            key = " ".join(candidate)
            entry = self._synonym_keys.get(key)
            if entry is not None:
                synonym = self.synonyms[entry]
                return TitleMatch(synonym.title, synonym.groups, "synonym", synonym.status, synonym.source,
                                  synonym.note, synonym.ambiguous)
            listed = self._example_keys.get(key)
            if listed is not None:
                codes, example = listed
                return TitleMatch(example, codes, "example", OFFICIAL_EXAMPLE,
                                  f"Statistics Canada, NOC 2021 Version 1.0: illustrative example of {', '.join(codes)}")
        return None
