"""Many patterns in one pass: an Aho–Corasick automaton over words or characters.

Registry names are found in texts (the search documents, `briefing lint`, `briefing new`) and an
annotation's forms in its article (validate) by one automaton each, so the work is linear in the
text plus the patterns: no pattern is tried at every position, and each pattern found is reported
once per text however often it occurs (10,022 names sharing their first two words, those words
9,997 times in the text: the search documents took 145 CPU s before, 0.4 s now).

The automaton reads a text from its end. Its state at a position then stands for the patterns that
*start* there, which gives two things a left-to-right automaton cannot:
- the longest name starting at a position, in constant time (the suggesters take the longest name);
- the first word of a name matched by another form of the text's word (without its clitic: بغداد
  in وبغداد): one extra transition on that form, looked up in a table built once per automaton
  (`_Heads`), in logarithmic time. Only the first word may be matched so: allowing it at every
  word turns the problem into subset matching with many patterns, for which no near-linear
  algorithm can exist unless the orthogonal-vectors conjecture fails.

pyahocorasick 2.3.1 and ahocorasick-rs 1.0.3 (both on PyPI) were compared and not used: both report
either every overlapping occurrence (500 nested forms "ب", "بب", … over 200,000 letters "ب" make
100 million matches: 7 s and 21 s) or leftmost-longest matches only (then nested names are lost),
and neither gives the automaton's state, which the clitic transition and the longest-name lookup
need. The automaton here is about 150 lines of plain Python with no dependency.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Sequence

# Below this many needles `in` (C, a few passes over the text) is faster than one Python pass.
FEW_NEEDLES = 64


class Automaton:
    """Patterns are sequences of hashable symbols (words, or the characters of a string); a
    pattern's id is its index in the input. Empty patterns never match."""

    def __init__(self, patterns: Iterable[Sequence[Hashable]]) -> None:
        goto: list[dict[Hashable, int]] = [{}]
        depth = [0]
        ids = [-1]  # the lowest pattern id ending at a node, -1 if none
        more: dict[int, list[int]] = {}  # further ids of patterns equal to another
        heads: set[Hashable] = set()
        for pid, pattern in enumerate(patterns):
            if not pattern:
                continue
            heads.add(pattern[0])
            node = 0
            for symbol in reversed(pattern):  # stored reversed: the text is read from its end
                nxt = goto[node].get(symbol)
                if nxt is None:
                    nxt = len(goto)
                    goto[node][symbol] = nxt
                    goto.append({})
                    depth.append(depth[node] + 1)
                    ids.append(-1)
                node = nxt
            if ids[node] < 0:
                ids[node] = pid
            else:
                more.setdefault(node, []).append(pid)
        fail = [0] * len(goto)
        out = [0] * len(goto)  # the nearest node on the fail chain where a pattern ends, 0 if none
        queue = deque(goto[0].values())
        while queue:
            u = queue.popleft()
            for symbol, v in goto[u].items():
                f = fail[u]
                while f and symbol not in goto[f]:
                    f = fail[f]
                w = goto[f].get(symbol, 0) if u else 0
                fail[v] = w
                out[v] = w if ids[w] >= 0 else out[w]
                queue.append(v)
        self._goto, self._fail, self._out, self._depth = goto, fail, out, depth
        self._ids, self._more, self._heads = ids, more, heads
        self._head_table: _Heads | None = None
        self._seen = [0] * len(goto)  # the last scan that reported a node
        self._scan = 0
        # Work done by the scans so far, besides one transition per symbol: fail links followed
        # and pattern ends reported. Tests check that it stays linear.
        self.work = 0

    def __len__(self) -> int:
        """Nodes of the automaton (for tests and benchmarks)."""
        return len(self._goto)

    def _step(self, state: int, symbol: Hashable) -> int:
        goto, fail = self._goto, self._fail
        while True:
            nxt = goto[state].get(symbol)
            if nxt is not None:
                return nxt
            if not state:
                return 0
            state = fail[state]
            self.work += 1

    def _first_word(self, state: int, symbol: Hashable) -> int:
        """The state after `symbol` read as the first word of a pattern only: the patterns ending
        there begin with `symbol`. 0 if no pattern can begin so here."""
        if symbol not in self._heads:
            return 0
        if self._head_table is None:
            self._head_table = _Heads(self._goto, self._fail, self._heads)
        node = self._head_table.nearest(state, symbol)
        return 0 if node < 0 else self._goto[node][symbol]

    def _ending(self, node: int) -> int:
        """The longest pattern ending at a state: the state itself or the nearest on its chain."""
        return node if self._ids[node] >= 0 else self._out[node]

    def present(
        self,
        runs: Iterable[Sequence[Hashable]],
        alternatives: Iterable[Sequence[Hashable | None]] | None = None,
    ) -> set[int]:
        """Ids of the patterns that occur in any of the runs (no match spans two runs, nor a None
        symbol: a symbol no pattern has may be given as None). With `alternatives` (one sequence
        per run, one symbol or None per position), a pattern's first symbol may also be matched by
        the position's alternative symbol."""
        self._scan += 1
        scan, seen, ids, out, more = self._scan, self._seen, self._ids, self._out, self._more
        goto, fail = self._goto, self._fail
        found: set[int] = set()

        moves = 0

        def report(node: int) -> None:
            # Each chain is walked once per scan: a node already seen had its chain reported.
            nonlocal moves
            while node and seen[node] != scan:
                seen[node] = scan
                found.add(ids[node])
                found.update(more.get(node, ()))
                node = out[node]
                moves += 1

        alts_of = iter(alternatives) if alternatives is not None else None
        for run in runs:
            alts = next(alts_of) if alts_of is not None else None
            state = 0
            for i in range(len(run) - 1, -1, -1):
                symbol, before = run[i], state
                if symbol is None:
                    state = 0
                else:
                    while True:  # the usual transition, inlined: this runs once per symbol
                        nxt = goto[state].get(symbol)
                        if nxt is not None:
                            state = nxt
                            break
                        if not state:
                            break
                        state = fail[state]
                        moves += 1
                    node = state if ids[state] >= 0 else out[state]
                    if node and seen[node] != scan:
                        report(node)
                if alts is not None and alts[i] is not None:
                    node = self._first_word(before, alts[i])
                    if node:
                        report(self._ending(node))
        self.work += moves
        return found

    def longest(
        self,
        symbols: Sequence[Hashable],
        alternatives: Sequence[Sequence[Hashable]],
        joined: Sequence[bool],
    ) -> list[tuple[int, int, int]]:
        """For each position: (length, id, k) of the longest pattern starting there, 0 length if
        none. Its first symbol is the position's symbol (k = 0) or alternatives[i][k - 1]; on equal
        length the earlier alternative wins, then the lower id. joined[i] says whether symbol i may
        follow symbol i - 1 within one pattern."""
        ids, depth = self._ids, self._depth
        result: list[tuple[int, int, int]] = [(0, -1, 0)] * len(symbols)
        state = 0
        for i in range(len(symbols) - 1, -1, -1):
            before = state if i + 1 < len(symbols) and joined[i + 1] else 0
            state = self._step(before, symbols[i])
            best = (0, -1, 0)
            node = self._ending(state)
            if node:
                best = (depth[node], ids[node], 0)
            for k, alt in enumerate(alternatives[i], start=1):
                node = self._first_word(before, alt)
                node = self._ending(node) if node else 0
                if node and depth[node] > best[0]:
                    best = (depth[node], ids[node], k)
            result[i] = best
        return result


class _Heads:
    """For a symbol that begins some pattern: the nearest state on a fail chain with a transition
    on it, in O(log n). The fail links form a tree; the states with a transition on the symbol are
    marked, and the nearest marked ancestor of a state is found by binary search over the tree's
    preorder (marked subtrees nest: each stretch of the preorder has one deepest marked state)."""

    def __init__(self, goto: list[dict[Hashable, int]], fail: list[int], heads: set[Hashable]):
        children: list[list[int]] = [[] for _ in goto]
        for v in range(1, len(goto)):
            children[fail[v]].append(v)
        first, last = [0] * len(goto), [0] * len(goto)
        clock = 0
        stack = [0]
        while stack:  # preorder numbers; last[v]: the highest number in v's subtree
            v = stack.pop()
            if v < 0:
                last[~v] = clock - 1
                continue
            first[v] = clock
            clock += 1
            stack.append(~v)
            stack.extend(children[v])
        marked: dict[Hashable, list[int]] = {}
        for v, edges in enumerate(goto):
            for symbol in edges:
                if symbol in heads:
                    marked.setdefault(symbol, []).append(v)
        self._first = first
        self._tables: dict[Hashable, tuple[list[int], list[int]]] = {}
        for symbol, nodes in marked.items():
            points: list[int] = []
            owners: list[int] = []  # the deepest marked state from points[j] on, -1 if none
            open_: list[int] = []
            for v in sorted(nodes, key=first.__getitem__):
                while open_ and last[open_[-1]] < first[v]:
                    points.append(last[open_.pop()] + 1)
                    owners.append(open_[-1] if open_ else -1)
                open_.append(v)
                points.append(first[v])
                owners.append(v)
            while open_:
                points.append(last[open_.pop()] + 1)
                owners.append(open_[-1] if open_ else -1)
            self._tables[symbol] = (points, owners)

    def nearest(self, state: int, symbol: Hashable) -> int:
        points, owners = self._tables[symbol]
        j = bisect_right(points, self._first[state]) - 1
        return owners[j] if j >= 0 else -1


def occurring(text: str, needles: Sequence[str]) -> set[int]:
    """Indices of the needles that are substrings of text (an empty needle always is)."""
    if len(needles) <= FEW_NEEDLES:
        return {k for k, needle in enumerate(needles) if needle in text}
    return Automaton(needles).present([text]) | {k for k, n in enumerate(needles) if not n}


def absent(text: str, needles: Sequence[str], fold: Callable[[str], str]) -> set[int]:
    """Indices of the needles found in text neither as they are nor folded (fold(needle) in
    fold(text)); the text is folded only when a needle is not found as it is."""
    found = occurring(text, needles)
    rest = [k for k in range(len(needles)) if k not in found]
    if not rest:
        return set()
    folded = occurring(fold(text), [fold(needles[k]) for k in rest])
    return {k for n, k in enumerate(rest) if n not in folded}
