"""A synthetic corpus of any size in the project's real format (seeds/FORMAT.md), for the benchmark.

Deterministic: the same N and seed write the same bytes. The shape follows a growing briefing:

- article text: sentences sampled from the seed articles (~700 words), a title line first; every
  actor the annotation names is named in the text, and quotes are sentences of the text;
- about one registry actor per 10 articles (at least 20), drawn with Zipf weights, so a few actors
  (the states) appear in most articles, as Iran and Iraq do in the seeds;
- 50 themes (the 15 seed themes and 35 more);
- about 3 events per article; about one event in six is also reported by 1-3 later articles, with a
  less precise date, another date phrase or another place, as real sources disagree;
- most events name one or two of their article's themes (the rest have all of them);
- dates: mostly days, some months, approximate, uncertain and ranges; some publication dates
  inferred.

    python -m tests.bench.corpus 1000 bench-out/corpus-1000
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from bisect import bisect
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

import yaml

SEED = 20261127
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
THEMES = 50
WORDS_PER_ARTICLE = 700
EVENTS_PER_ARTICLE = 3
SHARED_SHARE = 1 / 6  # events that more than one article reports
EVENT_THEMES_SHARE = 0.8  # events that name their themes (the rest have all of the article's)
MAX_REPORTS = 4
START = date(2019, 1, 1)
DAYS = 2800  # articles are spread over ~7.7 years, oldest first

FIRST = [
    ("أحمد", "ahmad"), ("محمد", "muhammad"), ("علي", "ali"), ("حسين", "husayn"), ("حسن", "hasan"),
    ("عباس", "abbas"), ("قاسم", "qasim"), ("جعفر", "jafar"), ("مهدي", "mahdi"), ("كاظم", "kazim"),
    ("رضا", "rida"), ("حيدر", "haydar"), ("سعيد", "said"), ("فالح", "falih"), ("هادي", "hadi"),
    ("نوري", "nuri"), ("عادل", "adil"), ("مصطفى", "mustafa"), ("فؤاد", "fuad"),
    ("إبراهيم", "ibrahim"), ("يوسف", "yusuf"), ("عمار", "ammar"), ("باقر", "baqir"),
    ("جواد", "jawad"), ("صادق", "sadiq"), ("ليلى", "layla"), ("زينب", "zaynab"),
    ("مريم", "maryam"), ("سلمان", "salman"), ("كريم", "karim"),
]
FATHERS = [name for name in FIRST if name[1] not in ("layla", "zaynab", "maryam")]
FAMILY = [
    ("الحسيني", "al-husayni"), ("الموسوي", "al-musawi"), ("الجبوري", "al-jaburi"),
    ("العامري", "al-amiri"), ("الخزعلي", "al-khazali"), ("الكعبي", "al-kabi"),
    ("الزيدي", "al-zaydi"), ("الربيعي", "al-rubayi"), ("التميمي", "al-tamimi"),
    ("الساعدي", "al-saidi"), ("الدليمي", "al-dulaymi"), ("الشمري", "al-shammari"),
    ("العبيدي", "al-ubaydi"), ("الحكيم", "al-hakim"), ("الصدر", "al-sadr"),
    ("البياتي", "al-bayati"), ("نجفي", "najafi"), ("رضائي", "rezaei"),
    ("سليماني", "soleimani"), ("قاآني", "qaani"),
    ("باقري", "bagheri"), ("محمدي", "mohammadi"), ("كريمي", "karimi"), ("حسيني", "hosseini"),
    ("طالباني", "talabani"), ("بارزاني", "barzani"), ("الأسدي", "al-asadi"),
    ("المالكي", "al-maliki"), ("العبادي", "al-abadi"), ("الفياض", "al-fayyad"),
    ("الأعرجي", "al-araji"), ("الكاظمي", "al-kazimi"),
]
PLACES = [
    ("بغداد", "baghdad"), ("البصرة", "basra"), ("أربيل", "erbil"), ("السليمانية", "sulaymaniyah"),
    ("الموصل", "mosul"), ("كركوك", "kirkuk"), ("ديالى", "diyala"), ("الأنبار", "anbar"),
    ("كربلاء", "karbala"), ("النجف", "najaf"), ("طهران", "tehran"), ("مشهد", "mashhad"),
    ("الأهواز", "ahvaz"), ("كرمانشاه", "kermanshah"), ("تبريز", "tabriz"), ("دمشق", "damascus"),
    ("بيروت", "beirut"), ("صلاح الدين", "salahuddin"), ("دهوك", "duhok"), ("واسط", "wasit"),
]
ORGS = [  # (type, Arabic pattern, English pattern)
    ("armed-group", "كتائب {place}", "{Place} Brigades"),
    ("armed-group", "لواء {place}", "{Place} Brigade"),
    ("security-body", "قيادة عمليات {place}", "{Place} Operations Command"),
    ("security-body", "شرطة {place}", "{Place} Police"),
    ("government", "محافظة {place}", "{Place} Governorate"),
    ("government", "مجلس محافظة {place}", "{Place} Provincial Council"),
    ("party", "تيار {place} الوطني", "{Place} National Movement"),
    ("group", "عشائر {place}", "{Place} tribes"),
    ("ministry", "مديرية أمن {place}", "{Place} Security Directorate"),
    ("international-org", "بعثة الأمم المتحدة في {place}", "UN mission in {Place}"),
]
STATES = [
    ("إيران", "iran", "Iran"), ("العراق", "iraq", "Iraq"),
    ("الولايات المتحدة", "united-states", "United States"),
    ("إسرائيل", "israel", "Israel"), ("سوريا", "syria", "Syria"), ("تركيا", "turkey", "Turkey"),
    ("السعودية", "saudi-arabia", "Saudi Arabia"), ("قطر", "qatar", "Qatar"),
]
MEDIA = [("رويترز", "reuters", "Reuters"), ("وكالة الأنباء العراقية", "iraqi-news-agency", "INA"),
         ("وكالة إرنا", "irna", "IRNA"), ("فرانس برس", "afp", "AFP")]
OUTLETS = ["رويترز", "ميدل إيست أونلاين", "العرب", "إندبندنت عربية", "الشرق الأوسط", "الجزيرة نت",
           "العربي الجديد", "شفق نيوز", ""]
ROLES = ["طرف في اللقاء", "أدلى بتصريح عن الوضع الأمني", "مستهدف بالهجوم",
         "نفذ العملية بحسب المقال", "يتهمه المقال بالتصعيد", "وسيط بين الطرفين",
         "مذكور في سياق الأحداث", "مصدر الخبر", "وقع الاتفاق", "ندد بالهجوم",
         "طالب بانسحاب القوات", "نفى الاتهامات"]
VERBS = ["وقال", "وأكد", "وأعلن", "وذكر", "وأوضح", "وأشار", "وصرح"]
CLAIMS = ["أن الهجوم استهدف مواقع عسكرية", "أن الاتفاق الأمني سيطبق خلال أسابيع",
          "أن الحدود باتت تحت السيطرة", "أن جهات خارجية تقف وراء التصعيد",
          "أن القوات الأجنبية ستنسحب قريباً", "أن المفاوضات حققت تقدماً"]
ACTIONS = ["اجتماع أمني", "هجوم بطائرات مسيرة", "زيارة رسمية", "اتصال هاتفي", "توقيع اتفاق",
           "قصف مدفعي", "اعتقالات", "تصريح مشترك", "مناورات عسكرية", "انفجار عبوة ناسفة"]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول"]
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+|\n+")


def q(text: str) -> str:
    """A double-quoted YAML string (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def seed_sentences(seeds: Path = SEEDS) -> list[str]:
    """Sentences of the seed articles, 6 to 60 words, without double quotes (titles stay plain)."""
    out = []
    for path in sorted((seeds / "articles").glob("*.txt")):
        for part in _SENTENCE_END.split(path.read_text(encoding="utf-8")):
            part = part.strip()
            if 6 <= len(part.split()) <= 60 and '"' not in part:
                out.append(part)
    return sorted(set(out))


class Zipf:
    """Draws indexes 0..n-1 with weight 1/(i+1)^s: a few items are everywhere, most are rare."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        self.cum = list(accumulate(1 / (i + 1) ** s for i in range(n)))
        self.rng = rng

    def sample(self, k: int) -> list[int]:
        """k distinct indexes (fewer if there are fewer items), in draw order."""
        k = min(k, len(self.cum))
        found: dict[int, None] = {}
        while len(found) < k:
            found[bisect(self.cum, self.rng.random() * self.cum[-1])] = None
        return list(found)


def _actors(count: int, rng: random.Random) -> list[dict]:
    """The registry: states first (the busiest actors), then media, people and organisations."""
    actors = [{"id": i, "type": "state", "ar": ar, "en": en} for ar, i, en in STATES]
    actors[4:4] = [{"id": i, "type": "media", "ar": ar, "en": en} for ar, i, en in MEDIA]
    names = {a["ar"] for a in actors}
    n = 0
    while len(actors) < count:
        n += 1
        kind, pa, pe = rng.choice(ORGS)
        place, place_en = rng.choice(PLACES)
        ar, en = pa.format(place=place), pe.format(Place=place_en.title())
        if n % 3 or ar in names:  # two people for each organisation; 200 organisation names
            fa, fe = rng.choice(FIRST)
            ma, me = rng.choice(FATHERS)
            la, le = rng.choice(FAMILY)
            ar, en, kind = f"{fa} {ma} {la}", f"{fe.title()} {me.title()} {le}", "person"
        if ar in names:
            continue  # one name, one actor: a name shared by two would make `forms` ambiguous
        names.add(ar)
        ident = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")
        actors.append({"id": ident, "type": kind, "ar": ar, "en": en})
    return actors[:count]


def write_actors(path: Path, actors: list[dict], rng: random.Random) -> None:
    states = [a["id"] for a in actors if a["type"] == "state"]
    lines = ["# Synthetic registry (tests/bench/corpus.py)", "actors:"]
    for a in actors:
        lines += [
            f"  - id: {q(a['id'])}",
            f"    type: {q(a['type'])}",
            f"    name: {{ar: {q(a['ar'])}, en: {q(a['en'])}}}",
        ]
        if a["type"] == "person":
            last, last_en = a["ar"].rsplit(" ", 1)[1], a["en"].rsplit(" ", 1)[1]
            lines.append(f"    aliases: {{ar: [{q(last)}], en: [{q(last_en)}]}}")
            state = rng.choice(states)
            lines.append(f"    positions: [{{title: {q('مسؤول أمني')}, of: {q(state)}, from: "
                         f"{q(str(rng.randint(2010, 2022)))}}}]")
            lines.append(f"    affiliations: [{q(state)}]")
        lines.append(
            f"    description: {{ar: {q('وصف ' + a['ar'] + '.')}, "
            f"en: {q('About ' + a['en'] + '.')}}}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_themes(path: Path, seeds: Path) -> list[str]:
    """The seed themes, then synthetic ones up to THEMES; returns their ids."""
    text = (seeds / "themes.yml").read_text(encoding="utf-8")
    seed = yaml.load(text, Loader=yaml.CSafeLoader)["themes"]
    themes = [(t["id"], t["label"]["ar"], t["label"]["en"], t.get("parent")) for t in seed]
    topics = [
        ("الأمن في", "security-in", "Security in"),
        ("الاقتصاد في", "economy-in", "Economy in"),
        ("الفصائل في", "factions-in", "Factions in"),
    ]
    for i in range(THEMES - len(themes)):
        (ta, ti, te), (pa, pe) = topics[i % 3], PLACES[i // 3 % len(PLACES)]
        themes.append((f"{ti}-{pe}", f"{ta} {pa}", f"{te} {pe.title()}", None))
    lines = ["# Synthetic registry (tests/bench/corpus.py)", "themes:"]
    for ident, ar, en, parent in themes[:THEMES]:
        lines += [f"  - id: {q(ident)}", f"    label: {{ar: {q(ar)}, en: {q(en)}}}",
                  f"    description: {{ar: {q('وصف محور ' + ar + '.')}, en: {q(en + '.')}}}"]
        if parent:
            lines.append(f"    parent: {q(parent)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [t[0] for t in themes[:THEMES]]


def _edtf(day: date, rng: random.Random) -> tuple[str, str]:
    """An event date as annotated (mostly a day) and the phrase it came from."""
    roll = rng.random()
    month = MONTHS[day.month - 1]
    if roll < 0.75:
        return day.isoformat(), f"{day.day} {month} {day.year}"
    if roll < 0.85:
        return day.isoformat()[:7], f"{month} {day.year}"
    if roll < 0.90:
        return day.isoformat()[:7] + "~", f"أواخر {month} {day.year}"
    if roll < 0.95:
        end = day + timedelta(days=rng.randint(1, 4))
        return f"{day.isoformat()}/{end.isoformat()}", f"بين {day.day} و{end.day} {month}"
    if roll < 0.98:
        return day.isoformat() + "?", f"{day.day} {month} على الأرجح"
    return str(day.year), f"عام {day.year}"


def _event_themes(chosen: list[str], rng: random.Random) -> list[str]:
    """Most events name one or two of their article's themes, as the seeds' do; some name none
    and so have all of the article's."""
    if rng.random() < EVENT_THEMES_SHARE:
        picked = sorted(rng.sample(chosen, min(len(chosen), rng.randint(1, 2))))
        return [f"    themes: [{', '.join(q(t) for t in picked)}]"]
    return []


def write_corpus(target: Path, count: int, seeds: Path = SEEDS, seed: int = SEED) -> Path:
    """Write `count` articles and their annotations, actors.yml and themes.yml into target."""
    rng = random.Random(seed)
    theme_rng = random.Random(seed + 1)  # its own stream: the rest of the corpus stays as it was
    sentences = seed_sentences(seeds)
    if target.exists():
        shutil.rmtree(target)
    (target / "articles").mkdir(parents=True)
    (target / "annotations").mkdir()
    actors = _actors(max(20, round(count / 10)), rng)
    write_actors(target / "actors.yml", actors, rng)
    themes = write_themes(target / "themes.yml", seeds)
    pick_actor = Zipf(len(actors), 1.0, rng)
    pick_theme = Zipf(len(themes), 0.8, rng)
    media = {a["ar"]: a["id"] for a in actors if a["type"] == "media"}
    open_events: list[dict] = []  # recent events that later articles may report too
    serial = 0
    for n in range(count):
        published = START + timedelta(days=n * DAYS // count + rng.randint(0, 2))
        stem = f"{n:05d}_{rng.getrandbits(64):016x}"
        # Events first: a shared one brings its actors into this article.
        events = []
        for _ in range(rng.choice((2, 3, 3, 3, 4))):
            shared = [e for e in open_events if e["reports"] < MAX_REPORTS]
            if shared and rng.random() < SHARED_SHARE * 1.5:
                event = rng.choice(shared)
                if any(e["id"] == event["id"] for e in events):
                    continue
                event["reports"] += 1
                when, phrase = _edtf(event["day"], rng)
                place = rng.choice([event["place"], event["place"], rng.choice(PLACES)[0]])
                events.append({**event, "date": when, "date_text": phrase, "place": place})
                continue
            serial += 1
            day = published - timedelta(days=rng.randint(0, 20))
            people = [actors[i]["id"] for i in pick_actor.sample(rng.randint(1, 3))]
            place, place_en = rng.choice(PLACES)
            event = {"id": f"{day.isoformat()}-{place_en}-{serial}", "day": day, "actors": people,
                     "place": place, "action": rng.choice(ACTIONS), "reports": 1}
            if rng.random() < SHARED_SHARE:
                open_events.append(event)
            when, phrase = _edtf(day, rng)
            events.append({**event, "date": when, "date_text": phrase})
        open_events = open_events[-60:]  # later reports follow within days, not years
        in_events = [a for e in events for a in e["actors"]]
        more = [actors[i]["id"] for i in pick_actor.sample(rng.randint(4, 9))]
        named = list(dict.fromkeys(in_events + more))
        by_id = {a["id"]: a for a in actors}
        title = " ".join(rng.choice(sentences).split()[:12]).rstrip(".،")
        body: list[str] = []
        for actor_id in named:
            body.append(f"{rng.choice(VERBS)} {by_id[actor_id]['ar']} إن {rng.choice(sentences)}")
        quotes = []
        for speaker in rng.sample(named, min(len(named), rng.randint(0, 2))):
            said = rng.choice(sentences)
            body.append(f"وقال {by_id[speaker]['ar']} في تصريح: «{said}»")
            quotes.append((speaker, said))
        words = sum(len(s.split()) for s in body)
        while words < WORDS_PER_ARTICLE:
            sentence = rng.choice(sentences)
            body.append(sentence)
            words += len(sentence.split())
        rng.shuffle(body)
        paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
        text = title + "\n\n" + "\n".join(paragraphs) + "\n"
        (target / "articles" / f"{stem}.txt").write_text(text, encoding="utf-8")

        outlet = rng.choice(OUTLETS)
        inferred = rng.random() < 0.05
        lines = [f"title: {q(title)}", f"outlet: {q(outlet)}"]
        if outlet in media:
            lines.append(f"outlet_actor: {q(media[outlet])}")
        lines += [
            f"url: {q(f'https://news.example/{n}') if rng.random() < 0.7 else q('')}",
            'language: "ar"',
            f"published: {q(published.isoformat() + ('?' if inferred else ''))}",
            f"published_basis: {q('inferred' if inferred else 'printed')}",
        ]
        if inferred:
            lines.append(f"published_note: {q('التاريخ غير مطبوع؛ استنتج من أحدث حدث في المقال.')}")
        chosen = sorted({themes[i] for i in pick_theme.sample(rng.randint(1, 4))})
        lines += [f"summary: {q(' '.join(rng.sample(sentences, 2)))}",
                  f"themes: [{', '.join(q(t) for t in chosen)}]", "actors:"]
        for actor_id in named:
            lines += [f"  - id: {q(actor_id)}", f"    role: {q(rng.choice(ROLES))}",
                      f"    forms: [{q(by_id[actor_id]['ar'])}]"]
        lines.append("events:")
        for e in events:
            lines += [
                f"  - id: {q(e['id'])}",
                f"    date: {q(e['date'])}",
                f"    date_text: {q(e['date_text'])}",
                f"    date_basis: {q(rng.choice(('explicit', 'explicit', 'relative')))}",
                f"    actors: [{', '.join(q(a) for a in e['actors'])}]",
                *_event_themes(chosen, theme_rng),
                f"    place: {q(e['place'])}",
                f"    description: {q(e['action'] + ' في ' + e['place'] + '.')}",
            ]
        if quotes:
            lines.append("quotes:")
            lines += [f"  - speaker: {q(s)}\n    text: {q(t)}" for s, t in quotes]
        claimants = rng.sample(named, min(len(named), rng.randint(0, 2)))
        if claimants:
            lines.append("claims:")
            for c in claimants:
                about = [a for a in rng.sample(named, min(2, len(named))) if a != c]
                lines.append(
                    f"  - claimant: {q(c)}\n    text: {q('يدعي ' + rng.choice(CLAIMS) + '.')}"
                    f"\n    about: [{', '.join(q(a) for a in about)}]"
                )
        annotation = target / "annotations" / f"{stem}.yml"
        annotation.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    write_corpus(Path(sys.argv[2]), int(sys.argv[1]))
