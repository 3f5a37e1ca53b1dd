"""Derive stage: who acts for whom on an event's date.

An event names people and bodies; an analyst asks about states and institutions. Each actor an
event names rolls up to the offices, bodies and states it belonged to on the event's date:

- a person holding posts (registry `positions`, with `from`/`to`) acts for the body of each post
  that overlaps the event's date (an uncertain or ranged date takes every post that overlaps it);
  a person with no post on that date (or none recorded) counts for their `affiliations`;
- a body (a ministry, an agency, a government, an armed group…) counts for its `affiliations`,
  which hold at any date;
- and so on up: the National Security Advisory belongs to the Iraqi government, which belongs to
  Iraq. The walk is iterative and visits each body once (affiliations may form loops).

So al-Araji in November 2024 acts for the Iraqi National Security Advisory, the Iraqi government
and Iraq; as interior minister in 2017, for Iraq.
"""

from __future__ import annotations

from collections import deque
from datetime import date

from .edtf import EdtfDate
from .model import AFFILIATION, POSITION, Acting, Actor


class RollUp:
    """The registry's posts and affiliations, ready to ask for any actor and date."""

    def __init__(self, actors: dict[str, Actor]) -> None:
        self.actors = actors
        # Posts with an `of`: (body, first day, last day), open ends unbounded.
        self.posts: dict[str, list[tuple[str, date, date]]] = {}
        for actor in actors.values():
            posts = [(p.of, p.start.lower if p.start else date.min,
                      p.end.upper if p.end else date.max)
                     for p in actor.positions if p.of and p.of in actors]
            if posts:
                self.posts[actor.id] = posts
        self._above: dict[str, tuple[str, ...]] = {}  # body -> every body above it, nearest first

    def above(self, body: str) -> tuple[str, ...]:
        """Every body `body` belongs to through affiliations, nearest first; each once, loops cut.
        Remembered: a body's chain does not depend on the date."""
        if body not in self._above:
            found: dict[str, None] = {}
            queue = deque(a for a in self.actors[body].affiliations if a in self.actors)
            while queue:
                nxt = queue.popleft()
                if nxt in found or nxt == body:
                    continue
                found[nxt] = None
                queue += [a for a in self.actors[nxt].affiliations if a in self.actors]
            self._above[body] = tuple(found)
        return self._above[body]

    def acting(self, actor_id: str, when: EdtfDate) -> list[Acting]:
        """What `actor_id` acted for on `when`, nearest first; never the actor itself."""
        served = [(body, POSITION) for body, first, last in self.posts.get(actor_id, ())
                  if first <= when.upper and when.lower <= last]
        if not served:
            served = [(a, AFFILIATION) for a in self.actors[actor_id].affiliations
                      if a in self.actors]
        out: dict[str, Acting] = {}
        for body, how in served:
            for each in (body, *self.above(body)):
                if each != actor_id and each not in out:
                    out[each] = Acting(each, actor_id, how)
        return list(out.values())

    def event(self, actors: tuple[str, ...], when: EdtfDate) -> tuple[Acting, ...]:
        """What each actor of one event acted for (every actor's bodies, in the order the event
        names the actors), leaving out bodies the event names itself."""
        named = set(actors)
        return tuple(acting for actor_id in actors for acting in self.acting(actor_id, when)
                     if acting.body not in named)
