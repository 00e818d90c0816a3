"""Lookups over every name in a library without a Python loop over all of them.

A library of 10,000 guides has about 40,000 names (generic, brand, misspellings, conditions).
Search and the search box ask three things of them on every keystroke or query, each answered
here from structures built once per library file:
- closest spellings: rapidfuzz over the distinct spellings only (many names share one), and
  only those whose length can reach the score cutoff at all (fuzz.ratio is at most
  200 * shorter / (both lengths), so a slice of the spellings sorted by length), memoized for
  the few calls one request makes (search, then resolve);
- names starting with a prefix: a sorted list and bisect;
- names containing some text: one joined string searched by `str.find` (C speed).
Every answer is a list of positions in the caller's name list, in that list's order.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from rapidfuzz import fuzz, process

MEMO_SIZE = 256  # spellings looked up lately (one request asks for the same one 2-3 times)
MEMO_LIMIT = 30  # the most names callers ask for (5 guides, 6 names each)


class NameIndex:
    def __init__(self, norms: list[str]) -> None:
        self.norms = norms
        self.positions: dict[str, list[int]] = {}
        for i, norm in enumerate(norms):
            self.positions.setdefault(norm, []).append(i)
        self.unique = list(self.positions)  # in first-seen order
        self._by_length = sorted(self.unique, key=len)  # stable: first-seen order within a length
        self._lengths = [len(u) for u in self._by_length]
        self._memo: dict[tuple[str, int], tuple[float, list[tuple[int, float]]]] = {}
        order = sorted(range(len(norms)), key=norms.__getitem__)
        self._sorted = [norms[i] for i in order]
        self._sorted_at = order
        self._joined = "\n".join(self.unique)  # normalized names hold no newline
        self._starts: list[int] = []
        at = 0
        for norm in self.unique:
            self._starts.append(at)
            at += len(norm) + 1

    def closest(self, norm: str, limit: int, cutoff: float) -> list[tuple[int, float]]:
        """The `limit` best (position, score) by fuzz.ratio >= cutoff: best first, then by position."""
        # A pass at a lower cutoff serves later calls at higher ones: the best n at cutoff 60,
        # filtered, are the best n at 72, and their first 3 the best 3. A pass at a higher cutoff
        # looks at fewer names (a narrower length window), so none is made lower than asked.
        n = max(MEMO_LIMIT, limit)
        key = (norm, n)
        known = self._memo.get(key)
        if known is None or known[0] > cutoff:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            known = self._memo[key] = (cutoff, self._closest(norm, n, cutoff))
        return [(i, s) for i, s in known[1] if s >= cutoff][:limit]

    def _closest(self, norm: str, limit: int, cutoff: float) -> list[tuple[int, float]]:
        # ratio <= 200 * min(n, m) / (n + m): lengths outside [n * r, n / r] cannot reach the cutoff
        n, r = len(norm), cutoff / (200 - cutoff) if cutoff < 200 else 1.0
        lo = bisect_left(self._lengths, math.ceil(n * r - 1e-9))
        hi = bisect_right(self._lengths, math.floor(n / r + 1e-9)) if r > 0 else len(self._lengths)
        found = process.extract(norm, self._by_length[lo:hi], scorer=fuzz.ratio, limit=limit,
                                score_cutoff=cutoff)
        ranked = sorted((-score, i) for spelling, score, _ in found for i in self.positions[spelling])
        return [(i, -neg) for neg, i in ranked[:limit]]

    def starting(self, prefix: str) -> list[int]:
        """Positions of the names that start with `prefix`."""
        lo = bisect_left(self._sorted, prefix)
        hi = bisect_left(self._sorted, prefix + "\U0010ffff", lo)
        return sorted(self._sorted_at[lo:hi])

    def containing(self, text: str) -> list[int]:
        """Positions of the names that contain `text`, in order."""
        if not text or "\n" in text:
            return []
        found: list[int] = []
        at = self._joined.find(text)
        while at >= 0:
            i = bisect_right(self._starts, at) - 1
            spelling = self.unique[i]
            found.extend(self.positions[spelling])
            # on to the next distinct spelling: one hit each is enough
            at = self._joined.find(text, self._starts[i] + len(spelling) + 1)
        found.sort()
        return found
