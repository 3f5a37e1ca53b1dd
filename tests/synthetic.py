"""A synthetic but valid corpus of any size, for tests that need many articles."""

from __future__ import annotations

import json
from pathlib import Path

NAMES = [
    ("qasim-al-araji", "person", "قاسم الأعرجي", "Qasim al-Araji"),
    ("abbas-araghchi", "person", "عباس عراقجي", "Abbas Araghchi"),
    ("ali-larijani", "person", "علي لاريجاني", "Ali Larijani"),
    ("iraq", "state", "العراق", "Iraq"),
    ("iran", "state", "إيران", "Iran"),
    ("united-states", "state", "الولايات المتحدة", "United States"),
    ("iraqi-government", "government", "الحكومة العراقية", "Iraqi government"),
    ("irgc", "security-body", "الحرس الثوري", "IRGC"),
    ("kataib-hezbollah", "armed-group", "كتائب حزب الله", "Kataib Hezbollah"),
    ("nujaba", "armed-group", "حركة النجباء", "Harakat al-Nujaba"),
    ("un", "international-org", "الأمم المتحدة", "United Nations"),
    ("reuters", "media", "رويترز", "Reuters"),
]
THEMES = [
    ("security-cooperation", "التعاون الأمني", None),
    ("border-security", "أمن الحدود", "security-cooperation"),
    ("armed-groups", "الفصائل المسلحة", None),
    ("us-presence", "الوجود الأميركي", "armed-groups"),
    ("diplomacy", "الدبلوماسية والزيارات", None),
]
OUTLETS = ["رويترز", "ميدل إيست أونلاين", "العرب", "إندبندنت عربية"]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_corpus(target: Path, articles: int, actors: int = len(NAMES)) -> Path:
    """Write `articles` articles (and their annotations, registries) under target; returns target.

    Article i names three actors, reports event i and also event i-1 (so most events have two
    sources that disagree on the date precision and a number), quotes one actor and has one claim.
    """
    (target / "articles").mkdir(parents=True, exist_ok=True)
    (target / "annotations").mkdir(parents=True, exist_ok=True)
    registry = NAMES[:actors]
    lines = ["actors:"]
    for i, (aid, kind, ar, en) in enumerate(registry):
        lines += [
            f"  - id: {_q(aid)}",
            f"    type: {_q(kind)}",
            f"    name: {{ar: {_q(ar)}, en: {_q(en)}}}",
            f"    description: {{ar: {_q('وصف ' + ar + '.')}, en: {_q('About ' + en + '.')}}}",
        ]
        if kind == "person":
            lines.append(f"    affiliations: [{_q('iraq' if i == 0 else 'iran')}]")
    (target / "actors.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["themes:"]
    for tid, label, parent in THEMES:
        lines += [f"  - id: {_q(tid)}", f"    label: {{ar: {_q(label)}, en: {_q(tid)}}}"]
        if parent:
            lines.append(f"    parent: {_q(parent)}")
    (target / "themes.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    for n in range(articles):
        year = 2021 + n % 5
        month = 1 + (n * 7) % 12
        day = 1 + (n * 11) % 28
        named = [registry[(n + k) % len(registry)] for k in range(3)]
        stem = f"{n:05d}_synthetic"
        quote = f"هذا تصريح رقم {n} عن الأمن"
        text = "\n".join(
            [f"عنوان المقال {n}", ""]
            + [f"قال {ar} إن الوضع يتطلب تنسيقاً." for _, _, ar, _ in named]
            + [f'وأضاف: "{quote}".', "وتابع المصدر أن 3 صواريخ أطلقت."]
        )
        (target / "articles" / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
        events = [(f"event-{n:05d}", f"{year}-{month:02d}-{day:02d}", "5")]
        if n:
            month_before = f"{2021 + (n - 1) % 5}-{1 + ((n - 1) * 7) % 12:02d}"
            events.append((f"event-{n - 1:05d}", month_before, "7"))
        ann = [
            f"title: {_q(f'عنوان المقال {n}')}",
            f"outlet: {_q(OUTLETS[n % len(OUTLETS)])}",
            'url: ""',
            'language: "ar"',
            f'published: "{year}-{month:02d}-{day:02d}"',
            'published_basis: "printed"',
            f"summary: {_q(f'ملخص المقال {n}.')}",
            f"themes: [{_q(THEMES[n % len(THEMES)][0])}]",
            "actors:",
        ]
        for aid, _, ar, _ in named:
            role = _q("دور في المقال")
            ann += [f"  - id: {_q(aid)}", f"    role: {role}", f"    forms: [{_q(ar)}]"]
        ann.append("events:")
        for eid, date, count in events:
            ann += [
                f"  - id: {_q(eid)}",
                f"    date: {_q(date)}",
                f"    date_text: {_q(date)}",
                '    date_basis: "explicit"',
                f"    actors: [{_q(named[0][0])}, {_q(named[1][0])}]",
                f"    description: {_q(f'أطلقت {count} صواريخ في الحدث {eid}.')}",
            ]
        ann += [
            "quotes:",
            f"  - speaker: {_q(named[0][0])}",
            f"    text: {_q(quote)}",
            "claims:",
            f"  - claimant: {_q(named[1][0])}",
            f"    text: {_q('ادعاء في المقال.')}",
            f"    about: [{_q(named[2][0])}]",
        ]
        (target / "annotations" / f"{stem}.yml").write_text("\n".join(ann) + "\n", encoding="utf-8")
    return target
