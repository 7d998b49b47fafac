"""Loading the reference registry of blocs (data/blocs.yaml) and asking it about dates.

The registry says what the treaties and organisations say: who is a member when, and what
the members owe each other. The news says what they do; analysis/ compares the two.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path


from ..store.periods import normalise, period, today
from ..datafiles import load_yaml

DATA_FILE = Path(__file__).parent / "data" / "blocs.yaml"

# Statuses that make an actor part of the bloc (as opposed to watching or applying).
MEMBERSHIP_STATUSES = frozenset({"member", "frozen", "associate", "participant"})
# Statuses under which the treaty's obligations bind: a frozen member is still a party.
OBLIGATED_STATUSES = frozenset({"member", "frozen"})
STATUSES = MEMBERSHIP_STATUSES | {"observer", "partner", "candidate", "invited"}
OBLIGATION_TYPES = frozenset({"defence", "offence", "neutrality", "non_aggression",
                              "consultation"})


@dataclass(frozen=True)
class Spell:
    """One stretch of time an actor held one status in a bloc; `end` is exclusive."""
    status: str
    start: str | None            # as written in the data file (YYYY[-MM[-DD]])
    end: str | None = None
    source: str = ""

    def covers(self, day: str) -> bool:
        """True when `day` (YYYY-MM-DD) falls in the spell."""
        first = period(self.start)[0] if self.start else "0000-01-01"
        if day < first:
            return False
        return self.end is None or day < period(self.end)[0]


@dataclass(frozen=True)
class Obligation:
    """What the members owe each other, coded like ATOP."""
    type: str                    # defence | offence | neutrality | non_aggression | consultation
    clause: str
    summary: str
    conditional: bool
    since: str | None
    source: str


@dataclass
class Bloc:
    code: str
    name: str
    kind: str
    names: list[str] = field(default_factory=list)
    founded: str | None = None
    dissolved: str | None = None
    note: str = ""
    sources: list[str] = field(default_factory=list)
    members: dict[str, list[Spell]] = field(default_factory=dict)
    obligations: list[Obligation] = field(default_factory=list)

    def status(self, actor: str, at: str | None = None) -> str | None:
        """The actor's status on day `at` (default today): a spell status, 'former', or None.

        'former' means the actor had been a member (in any membership status) before `at`
        and is none now.
        """
        day = _day(at)
        spells = self.members.get(actor, [])
        for spell in spells:
            if spell.covers(day):
                return spell.status
        was_member = any(s.status in MEMBERSHIP_STATUSES and s.start
                         and period(s.start)[0] <= day for s in spells)
        return "former" if was_member else None

    def spell(self, actor: str, at: str | None = None) -> Spell | None:
        day = _day(at)
        return next((s for s in self.members.get(actor, []) if s.covers(day)), None)

    def members_at(self, at: str | None = None,
                   statuses: frozenset[str] = MEMBERSHIP_STATUSES) -> list[str]:
        """Actors whose status on `at` is one of `statuses`, sorted."""
        return sorted(a for a in self.members if self.status(a, at) in statuses)

    def obligated_at(self, at: str | None = None) -> list[str]:
        return self.members_at(at, OBLIGATED_STATUSES)

    def ever_members(self) -> list[str]:
        return sorted(a for a, spells in self.members.items()
                      if any(s.status in MEMBERSHIP_STATUSES for s in spells))

    def existed(self, at: str | None = None) -> bool:
        day = _day(at)
        if self.founded and day < period(self.founded)[0]:
            return False
        return not (self.dissolved and day >= period(self.dissolved)[0])


@dataclass
class Registry:
    blocs: dict[str, Bloc]

    def get(self, name: str) -> Bloc | None:
        """A bloc by code or by any of its names, case-insensitive ('OVKS' -> CSTO)."""
        wanted = name.strip().casefold()
        for bloc in self.blocs.values():
            if wanted == bloc.code.casefold() or wanted in (n.casefold() for n in bloc.names):
                return bloc
        return None

    def __getitem__(self, name: str) -> Bloc:
        bloc = self.get(name)
        if bloc is None:
            raise KeyError(f"unknown bloc {name!r}; known: {', '.join(sorted(self.blocs))}")
        return bloc

    def blocs_of(self, actor: str, at: str | None = None) -> dict[str, str]:
        """Bloc code -> the actor's status in it on `at`, for every bloc it has one in."""
        found = {}
        for bloc in self.blocs.values():
            status = bloc.status(actor, at)
            if status is not None:
                found[bloc.code] = status
        return found

    def codes(self) -> frozenset[str]:
        return frozenset(self.blocs)

    def defence_ties(self, actor: str, at: str | None = None) -> list[Binding]:
        """Every defence obligation that binds other parties to `actor` on `at` (default
        today): a bloc's or treaty's defence clause in force then, `actor` a party under
        it (member, or frozen: a frozen member is still owed), the others obliged."""
        day = _day(at)
        found = []
        for bloc in self.blocs.values():
            status = bloc.status(actor, day)
            if status not in OBLIGATED_STATUSES or not bloc.existed(day):
                continue
            parties = [p for p in bloc.obligated_at(day) if p != actor]
            for obligation in bloc.obligations:
                if obligation.type != "defence":
                    continue
                if obligation.since and day < period(obligation.since)[0]:
                    continue
                found.append(Binding(bloc, obligation, status, parties))
        return found


@dataclass(frozen=True)
class Binding:
    """A defence clause binding `parties` to an actor whose status in `bloc` is `status`."""
    bloc: Bloc
    obligation: Obligation
    status: str
    parties: list[str]


def _day(at: str | None) -> str:
    """First day of the period `at` (default today)."""
    if at is None:
        return today()
    covered = period(at)
    if covered is None:
        raise ValueError(f"not a date: {at!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return covered[0]


class RegistryError(ValueError):
    """The data file breaks its own format."""


def _text(value) -> str | None:
    if value is None:
        return None
    normal = normalise(value)
    if normal is None:
        raise RegistryError(f"not a date: {value!r}")
    return normal


def parse(data: dict) -> Registry:
    """A Registry from the mapping of blocs.yaml, checking the format as it goes."""
    blocs = {}
    for code, entry in data.items():
        members = {}
        for actor, spells in (entry.get("members") or {}).items():
            parsed = []
            for raw in spells:
                status = raw.get("status", "member")
                if status not in STATUSES:
                    raise RegistryError(f"{code}/{actor}: unknown status {status!r}")
                if not raw.get("source"):
                    raise RegistryError(f"{code}/{actor}: spell without source")
                parsed.append(Spell(status=status, start=_text(raw.get("from")),
                                    end=_text(raw.get("to")), source=raw["source"]))
            members[actor] = parsed
        obligations = []
        for raw in entry.get("obligations") or []:
            if raw["type"] not in OBLIGATION_TYPES:
                raise RegistryError(f"{code}: unknown obligation type {raw['type']!r}")
            obligations.append(Obligation(
                type=raw["type"], clause=str(raw["clause"]), summary=str(raw["summary"]).strip(),
                conditional=bool(raw.get("conditional", True)), since=_text(raw.get("since")),
                source=str(raw["source"])))
        blocs[code] = Bloc(
            code=code, name=entry["name"], kind=entry.get("kind", "organisation"),
            names=list(entry.get("names") or []), founded=_text(entry.get("founded")),
            dissolved=_text(entry.get("dissolved")), note=str(entry.get("note", "")).strip(),
            sources=list(entry.get("sources") or []), members=members,
            obligations=obligations)
    return Registry(blocs)


@functools.lru_cache(maxsize=4)
def load_registry(path: str | Path | None = None) -> Registry:
    """The registry from `path` (default: the packaged data/blocs.yaml), cached."""
    with open(path or DATA_FILE, encoding="utf-8") as handle:
        return parse(load_yaml(handle))
