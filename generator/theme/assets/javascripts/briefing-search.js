/*
 * Arabic search for the briefing site: header search box, query analysis, ranking and snippets.
 * The index (search/*.gz) is written by generator/search/ at build time; this file mirrors the analyzer
 * of generator/search/analyze.py, reading its tables from search/meta.gz. Nothing loads until the reader
 * focuses the search box; then one query fetches the small metadata, one shard per word and one
 * fragment per shown result (and an article result's page, whose text its snippet is cut from). All
 * text from the index and the pages is inserted as text, never as HTML.
 */
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);
  const PAGE = 10;
  const WORD = /[\p{L}\p{N}\p{M}_]+(?:['’ʼʾʿ][\p{L}\p{N}\p{M}_]+)*/gu;
  const ARABIC = /^[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]/;
  const MARKS = /\p{M}/gu;
  const PLAIN = /^[\u0621-\u063a\u0641-\u064a]+$/; // Arabic letters only: no marks, tatweel, digits
  const KINDS = ["article", "actor", "theme", "event"];
  const EVENT = KINDS.indexOf("event");
  const KIND_LABEL = new Map([["article", "مقال"], ["actor", "فاعل"], ["theme", "محور"], ["event", "حدث"]]);
  const FILTER_LABEL = new Map([
    ["all", "الكل"], ["article", "المقالات"], ["event", "الأحداث"], ["actor", "الفاعلون"], ["theme", "المحاور"],
  ]);
  const FILTER_ORDER = ["all", "article", "event", "actor", "theme"];
  const DAY_MS = 86_400_000;
  const YEAR_DAYS = 366; // the day field of a year token's payload (generator/search/periods.py)
  // Bounds on what one query may cost, whatever is typed or pasted and whatever the registry holds:
  // words searched (each may fetch a shard; the rest are ignored and the reader is told), actors and
  // themes one query names (a name shared by more is a common word, not a name), words of their
  // aliases that the highlighter looks for, and trie nodes a highlighted word may extend at once.
  const MAX_WORDS = 32;
  const MAX_ENTITIES = 32;
  const MAX_NAME_WORDS = 20_000;
  const MAX_ACTIVE = 64;
  const SHOWN_QUERY = 80; // characters of the query repeated in the status line

  /* ---------------------------------------------------------------- analyzer (mirror of analyze.py) */

  class Analyzer {
    constructor(t) {
      this.fold_ = new Map(Object.entries(t.fold));
      this.seats = Object.entries(t.seatFold);
      this.tanween = t.tanween;
      this.ignorable = new Set(t.ignorable);
      this.articles = t.articles;
      this.clitics = t.clitics;
      this.pairs = new Set(t.pairs);
      this.pronouns = t.pronouns;
      this.min = t.minStem;
      this.stop = new Set(t.stop);
      this.cache = new Map();
    }

    /** The words of a text, the first `limit` only: a pasted page is not split further. */
    words(text, limit = Infinity) {
      const out = [];
      if (limit <= 0) return out;
      for (const m of text.matchAll(WORD)) if (out.push(m[0]) >= limit) break;
      return out;
    }

    clean(word) {
      let text = word.toLowerCase().normalize("NFC");
      for (const [seat, common] of this.seats) text = text.replaceAll(seat, common);
      text = text.normalize("NFKD").replace(MARKS, "");
      let out = "";
      for (const c of text) if (!this.ignorable.has(c)) out += c;
      return out;
    }

    fold(word) {
      // Plain Arabic letters need no Unicode normalisation: the table folds أ إ آ ؤ ئ as NFKD would.
      let text = word;
      if (PLAIN.test(word)) for (const [seat, common] of this.seats) text = text.replaceAll(seat, common);
      else text = this.clean(word);
      let out = "";
      for (const c of text) out += this.fold_.get(c) ?? c;
      return out;
    }

    isArabic(folded) {
      return ARABIC.test(folded);
    }

    stripArticle(folded, minRest = this.min) {
      let word = folded;
      for (let changed = true; changed; ) {
        changed = false;
        for (const p of this.articles) {
          if (word.startsWith(p) && word.length - p.length >= minRest) {
            word = word.slice(p.length);
            changed = true;
            break;
          }
        }
      }
      return word;
    }

    plural(base) {
      if (base.endsWith("ات")) {
        const stem = base.slice(0, -2);
        return [stem, stem + "ه"].filter((s) => s.length >= this.min);
      }
      if ((base.endsWith("ون") || base.endsWith("ين")) && base.length - 2 >= this.min) {
        return [base.slice(0, -2)];
      }
      return [];
    }

    suffixKeys(base, ending, tanween, keys) {
      keys.add(base);
      for (const k of this.plural(base)) keys.add(k);
      for (const p of this.pronouns) {
        if (base.endsWith(p) && base.length - p.length >= this.min) {
          const bare = base.slice(0, -p.length);
          keys.add(bare);
          for (const k of this.plural(bare)) keys.add(k);
          break;
        }
      }
      if (tanween && base.endsWith("ا") && base.length - 1 >= this.min) keys.add(base.slice(0, -1));
      if (base.endsWith("ه") && base.length - 1 >= this.min && (ending === "ه" || (ending === "ة" && base.endsWith("يه")))) {
        keys.add(base.slice(0, -1));
      }
    }

    /** Every key a text word is indexed under (index_keys in analyze.py). */
    indexKeys(word) {
      let keys = this.cache.get(word);
      if (keys) return keys;
      keys = new Set();
      const folded = this.fold(word);
      const clean = PLAIN.test(word) ? word : this.clean(word);
      if (!this.isArabic(folded)) {
        if (folded) keys.add(folded);
      } else {
        const tanween = word.includes(this.tanween);
        const main = this.stripArticle(folded);
        this.suffixKeys(main, clean.slice(-1), tanween, keys);
        const short = this.stripArticle(folded, 2);
        if (short !== main) keys.add(short);
        const ending = "";
        if (this.clitics.includes(folded[0]) && folded.length - 1 >= this.min) {
          this.suffixKeys(this.stripArticle(folded.slice(1)), ending, tanween, keys);
        }
        if (this.pairs.has(folded.slice(0, 2)) && folded.length - 2 >= this.min) {
          this.suffixKeys(this.stripArticle(folded.slice(2)), ending, tanween, keys);
        }
      }
      this.cache.set(word, keys);
      return keys;
    }

    primaryKey(word) {
      const folded = this.fold(word);
      return this.isArabic(folded) ? this.stripArticle(folded) : folded;
    }

    /** The keys of a typed word; any of them matches (query_keys in analyze.py). */
    queryKeys(word) {
      const key = this.primaryKey(word);
      if (!this.isArabic(key)) return [key];
      const plural = this.plural(key);
      return plural.length ? [...new Set(plural)].sort() : [key];
    }

    aliasKey(text) {
      return this.words(text)
        .map((w) => this.aliasPart(w))
        .filter((k) => k)
        .join(" ");
    }

    /** What one word adds to an alias key: its primary key, nothing for Latin "al"/"el". */
    aliasPart(word) {
      const k = this.primaryKey(word);
      return k === "al" || k === "el" ? "" : k;
    }
  }

  /* ---------------------------------------------------------------- index files */

  async function gunzip(buffer) {
    const bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // a server already decoded it
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  async function fetchBytes(path, version) {
    const url = new URL(path, new URL("search/", ROOT));
    if (version) url.searchParams.set("v", version);
    const response = await fetch(url, version ? {} : { cache: "no-cache" });
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return gunzip(await response.arrayBuffer());
  }

  const decoder = new TextDecoder();
  const fetchJson = async (path, version) => JSON.parse(decoder.decode(await fetchBytes(path, version)));

  function fnv1a(text) {
    let h = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    return h;
  }

  class Reader {
    constructor(bytes) {
      this.b = bytes;
      this.i = 0;
    }
    varint() {
      let n = 0;
      let shift = 0;
      let byte;
      do {
        byte = this.b[this.i++];
        n += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return n;
    }
  }

  /**
   * Postings of one key as typed arrays: document numbers (ascending), counts, and for word keys the
   * positions of each document in pos[start[i]] .. pos[start[i + 1]] (ascending).
   */
  function decodePostings(bytes, positional) {
    const r = new Reader(bytes);
    const n = r.varint();
    const docs = new Int32Array(n);
    const tf = new Int32Array(n);
    const start = new Int32Array(n + 1);
    const pos = positional ? new Int32Array(bytes.length) : null; // every number takes a byte at least
    let doc = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      doc += r.varint();
      docs[i] = doc;
      const count = r.varint();
      tf[i] = count;
      start[i] = k;
      if (positional) {
        let p = 0;
        for (let j = 0; j < count; j++) pos[k++] = p += r.varint();
      }
    }
    start[n] = k;
    return { positional, n, docs, tf, start, pos };
  }

  function decodeShard(bytes) {
    const r = new Reader(bytes);
    const entries = new Map();
    for (let n = r.varint(); n > 0; n--) {
      const length = r.varint();
      const key = decoder.decode(bytes.subarray(r.i, r.i + length));
      r.i += length;
      const positional = r.varint() === 1;
      const size = r.varint();
      entries.set(key, { positional, bytes: bytes.subarray(r.i, r.i + size) });
      r.i += size;
    }
    return entries;
  }

  const EMPTY = decodePostings(new Uint8Array([0]), false);

  /**
   * Sequences of keys as a trie held in one flat Map, (node, key) -> child node: a sequence is
   * followed one key at a time, each step one Map lookup, however many or long the sequences are.
   * Node 0 is the root; `ends` maps the node where a sequence ends to its value.
   */
  class KeyTrie {
    constructor() {
      this.next = new Map();
      this.ends = new Map();
      this.nodes = 1;
      this.depth = 0; // keys in the longest sequence
    }

    add(parts, value) {
      let node = 0;
      for (const part of parts) {
        const edge = `${node} ${part}`;
        let child = this.next.get(edge);
        if (child === undefined) this.next.set(edge, (child = this.nodes++));
        node = child;
      }
      if (!this.ends.has(node)) this.ends.set(node, value);
      if (parts.length > this.depth) this.depth = parts.length;
    }

    child(node, part) {
      return this.next.get(`${node} ${part}`) ?? -1;
    }
  }

  /**
   * Alias keys -> entity numbers. A registry at the limits has about 200,000 keys, so the table is
   * the parsed JSON object itself, made prototype-free (no "constructor" or "__proto__" but its own),
   * and only keys of several words go into a trie too, to be followed word by word.
   */
  class AliasTable {
    constructor(keys) {
      this.keys = Object.setPrototypeOf(keys, null);
      this.longer = new KeyTrie();
      for (const key of Object.keys(this.keys)) {
        // A key splits on " " exactly as a span of query words joined with " " does.
        if (key.includes(" ")) this.longer.add(key.split(" "), this.keys[key]);
      }
      this.depth = Math.max(1, this.longer.depth); // words in the longest key
    }

    /**
     * The longest span of words from `from` whose parts (one list per word, see parse) make a key:
     * its number of words and entities, or n = 0. A span may hold more words than its key: Latin
     * "al" adds no part (al-Sudani), hence up to depth + 2 words. Each part costs one lookup, and
     * the walk stops as soon as no key starts with the parts read: `work` counts the lookups.
     */
    longest(parts, from) {
      const limit = Math.min(this.depth + 2, parts.length - from);
      let node = 0; // in the trie of longer keys
      let read = 0; // parts read
      let first = ""; // the first part: a one-part key is looked up in `keys`
      let found = { n: 0, entities: null, work: 0 };
      for (let n = 1; n <= limit; n++) {
        const word = parts[from + n - 1];
        if (word.length && node < 0) break; // only a one-part key (and words without parts) is left
        found.work += Math.max(1, word.length);
        for (const part of word) {
          if (read++ === 0) first = part;
          node = node < 0 ? -1 : this.longer.child(node, part);
          if (node < 0 && read > 1) return found;
        }
        if (!read) continue;
        const entities = read === 1 ? this.keys[first] : this.longer.ends.get(node);
        if (entities) found = { n, entities, work: found.work };
      }
      return found;
    }
  }

  class Index {
    static async load() {
      const meta = await fetchJson("meta.gz");
      return new Index(meta, meta.docs);
    }

    constructor(meta, docs) {
      this.meta = meta;
      this.docs = Index.table(meta, docs);
      this.analyzer = new Analyzer(meta.analyzer);
      this.shards = new Map();
      this.decoded = new Map();
      this.fragments = new Map();
      this.width = Math.max(1, (meta.shards - 1).toString(16).length);
      this.aliases = new AliasTable(meta.aliases);
    }

    /**
     * Kind, length, title length, year and recency rank of every document as typed arrays. meta.gz
     * lists kind and lengths for articles, actors and themes; events, numbered last by id, have the
     * average length, no title boost, and their year and rank from the days of `events` (below).
     * Articles, numbered by id (a date edit renumbers nothing), come first with the days of their
     * dates (`day`: the last day, days since 1970, as differences; `span`: days back to the first day
     * where it differs), from which come their year (the first day's) and their rank: their place
     * newest first (latest last day, then latest first day, then lower number, as derive's
     * `articles_newest`). Any other document's rank is its number, so a lower rank is newer. Each
     * kind starts at a round number (index.py): the numbers between are holes no posting names, and
     * `size` (the highest number + 1) sizes the tables where `count` (the documents) weighs words.
     */
    static table(meta, docs) {
      const n = meta.size ?? meta.count;
      const events = meta.events || { first: docs.kind.length };
      const table = {
        kind: new Int8Array(n), len: new Float64Array(n), title: new Int32Array(n), year: new Int32Array(n), rank: new Int32Array(n),
      };
      table.kind.set(docs.kind);
      table.len.set(docs.len);
      table.title.set(docs.title);
      for (let i = 0; i < n; i++) table.rank[i] = i;
      const days = docs.day || [];
      const spans = docs.span || {};
      const lastDay = new Float64Array(days.length);
      const firstDay = new Float64Array(days.length);
      let day = 0;
      days.forEach((delta, i) => {
        day += delta;
        lastDay[i] = day;
        firstDay[i] = day - (spans[i] || 0);
        table.year[i] = new Date(firstDay[i] * 86400000).getUTCFullYear();
      });
      Array.from(lastDay.keys())
        .sort((x, y) => lastDay[y] - lastDay[x] || firstDay[y] - firstDay[x] || x - y)
        .forEach((doc, place) => {
          table.rank[doc] = place;
        });
      table.kind.fill(EVENT, events.first);
      table.len.fill(meta.avgLen, events.first);
      // Events, numbered by id after a round number: the first day of each (`day`, differences
      // from the previous event's) and how many days more its date runs (`span`). Newest first:
      // latest first day, then latest last day, then higher number (the id order reversed); an
      // event's rank is the first event's number plus its place in that order (as when events
      // were numbered newest first), so results come in the same order.
      const eventDays = events.day || [];
      const eventSpans = events.span || [];
      const first = new Float64Array(eventDays.length);
      const last = new Float64Array(eventDays.length);
      day = 0;
      eventDays.forEach((delta, i) => {
        day += delta;
        first[i] = day;
        last[i] = day + (eventSpans[i] || 0);
        table.year[events.first + i] = new Date(day * 86400000).getUTCFullYear();
      });
      Array.from(first.keys())
        .sort((x, y) => first[y] - first[x] || last[y] - last[x] || y - x)
        .forEach((i, place) => {
          table.rank[events.first + i] = events.first + place;
        });
      return table;
    }

    shard(n) {
      if (!this.shards.has(n)) {
        const name = `t/${n.toString(16).padStart(this.width, "0")}.gz`;
        this.shards.set(n, fetchBytes(name, this.meta.version).then(decodeShard));
      }
      return this.shards.get(n);
    }

    async postings(key) {
      if (!this.decoded.has(key)) {
        const entry = (await this.shard(fnv1a(key) % this.meta.shards)).get(key);
        if (this.decoded.size > 200) this.decoded.clear(); // a session's keys; memory stays bounded
        this.decoded.set(key, entry ? decodePostings(entry.bytes, entry.positional) : EMPTY);
      }
      return this.decoded.get(key);
    }

    /** What a result shows. Pages have a file each; events come EVENT_GROUP to a file (index.py). */
    fragment(doc) {
      const events = this.meta.events;
      if (!events || !events.group || doc < events.first) {
        if (!this.fragments.has(doc)) this.fragments.set(doc, fetchJson(`f/${doc}.gz`, this.meta.version));
        return this.fragments.get(doc);
      }
      const group = Math.floor((doc - events.first) / events.group);
      const key = `e${group}`;
      if (!this.fragments.has(key)) this.fragments.set(key, fetchJson(`f/${key}.gz`, this.meta.version));
      return this.fragments.get(key).then((list) => list[(doc - events.first) % events.group]);
    }
  }

  /* ---------------------------------------------------------------- article texts */

  // An article's fragment holds its summary; the paragraphs of its text are on its page (the index
  // does not carry every text twice: generator/search/documents.py). The page is fetched when the
  // result is shown (the reader is likely to open it next: it is then in the browser's cache), and
  // its text's paragraphs follow the summary. Without the page, the summary is the snippet.
  const pages = new Map();
  function withText(f) {
    if (f.k !== "article") return f;
    if (!pages.has(f.u)) {
      pages.set(f.u, fetch(new URL(f.u, ROOT))
        .then((r) => (r.ok ? r.text() : ""))
        .then((html) => {
          const doc = new DOMParser().parseFromString(html, "text/html");
          return [...doc.querySelectorAll(".brf-text > p")].map((p) => p.textContent);
        })
        .catch(() => []));
      if (pages.size > 200) pages.delete(pages.keys().next().value); // memory stays bounded
    }
    return pages.get(f.u).then((text) => ({ ...f, p: [...f.p, ...text] }));
  }

  /* ---------------------------------------------------------------- periods */

  const YEAR_TOKEN = "%"; // "%2024": the postings of the pages dated in 2024 (periods.py TOKEN)
  const SEPARATORS = new Set(["/", "-", "."]); // between the numbers of a date: 11/2024, 2024-11-10

  /** Day of year `y` (0: 1 January) of month `m` (1-12), day `d` (0: the last day of month m - 1). */
  const dayOfYear = (y, m, d) => (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / DAY_MS;

  function realDay(y, m, d) {
    const t = new Date(Date.UTC(y, m - 1, d));
    return m >= 1 && m <= 12 && d >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }

  /** A year, a month of it or a day of it, as the days of the year it covers. */
  function period(year, month = 0, day = 0) {
    if (!month) return { year, month, day, from: 0, to: dayOfYear(year, 13, 0) };
    if (!day) return { year, month, day, from: dayOfYear(year, month, 1), to: dayOfYear(year, month + 1, 0) };
    const d = dayOfYear(year, month, day);
    return { year, month, day, from: d, to: d };
  }

  /**
   * The periods a query names, each { at, n, year, month, day, from, to }: its `n` words from word
   * `at` and the days of the year it covers. A year is four digits from 1000 to 2999 (not followed by
   * هـ: a Hijri year); a month is a month name before the year (any of meta.months: Egyptian/Gulf,
   * Levantine, Maghreb, English; both names may be given, «تشرين الثاني/نوفمبر 2024») or a number
   * joined to it by / - or . («11/2024», «2024-11»); a day adds its number («10 نوفمبر 2024»,
   * «10/11/2024», «2024-11-10»). Arabic-Indic digits are digits. Each word is looked at a few times.
   */
  function findPeriods(index, spans, text) {
    const a = index.analyzer;
    const months = index.meta.months || {};
    const folded = spans.map((s) => a.fold(s.raw));
    const num = (i) => (i < spans.length && /^[0-9]{1,4}$/.test(folded[i]) ? Number(folded[i]) : -1);
    const small = (i) => num(i) >= 1 && folded[i].length <= 2;
    const isYear = (i) => num(i) >= 1000 && num(i) <= 2999 && folded[i].length === 4 && folded[i + 1] !== "ه";
    const sep = (i) => (i + 1 < spans.length ? text.slice(spans[i].end, spans[i + 1].start).trim() : "");
    const joined = (i) => SEPARATORS.has(sep(i));
    const monthAt = (i) => {
      const first = i < spans.length ? a.aliasPart(spans[i].raw) : "";
      if (!first) return null;
      const two = i + 1 < spans.length ? `${first} ${a.aliasPart(spans[i + 1].raw)}` : "";
      if (two && Object.hasOwn(months, two)) return { month: months[two], n: 2 };
      return Object.hasOwn(months, first) ? { month: months[first], n: 1 } : null;
    };
    const named = (i) => {
      // [day] month-name [month-name] year
      const day = small(i) && monthAt(i + 1) ? num(i) : 0;
      const j = day ? i + 1 : i;
      const m = monthAt(j);
      if (!m) return null;
      let k = j + m.n;
      const again = monthAt(k);
      if (again && again.month === m.month) k += again.n;
      if (!isYear(k)) return null;
      const y = num(k);
      if (day && !realDay(y, m.month, day)) return null; // then the month alone, from the next word
      return { at: i, n: k + 1 - i, ...period(y, m.month, day) };
    };
    const numeric = (i) => {
      if (small(i) && joined(i) && small(i + 1) && sep(i + 1) === sep(i) && isYear(i + 2)) {
        const [d, m, y] = [num(i), num(i + 1), num(i + 2)];
        if (realDay(y, m, d)) return { at: i, n: 3, ...period(y, m, d) };
      }
      if (small(i) && joined(i) && isYear(i + 1) && num(i) <= 12) return { at: i, n: 2, ...period(num(i + 1), num(i)) };
      if (isYear(i) && joined(i) && sep(i) !== "." && small(i + 1) && num(i + 1) <= 12) {
        const [y, m] = [num(i), num(i + 1)];
        if (sep(i + 1) === sep(i) && small(i + 2) && realDay(y, m, num(i + 2))) {
          return { at: i, n: 3, ...period(y, m, num(i + 2)) };
        }
        return { at: i, n: 2, ...period(y, m) };
      }
      return isYear(i) ? { at: i, n: 1, ...period(num(i)) } : null;
    };
    const out = [];
    for (let i = 0; i < spans.length; ) {
      const found = named(i) || numeric(i);
      if (found) out.push(found);
      i += found ? found.n : 1;
    }
    return out;
  }

  /**
   * The documents of a year token's postings that fall in a period, as an ascending list and a map
   * doc -> { within, first }: whether the document's date lies wholly in the period, and the first day
   * of the year it covers (its place in the year). Payload: periods.py.
   */
  function datedIn(postings, p) {
    const docs = new Int32Array(postings.n);
    const info = new Map();
    let n = 0;
    for (let i = 0; i < postings.n; i++) {
      const code = postings.tf[i] - 1;
      const whole = code % 2 === 1;
      const v = Math.floor(code / 2);
      const first = v % YEAR_DAYS;
      const last = first + Math.floor(v / YEAR_DAYS);
      if (first > p.to || last < p.from) continue;
      docs[n++] = postings.docs[i];
      info.set(postings.docs[i], { within: whole && first >= p.from && last <= p.to, first });
    }
    return { docs: docs.subarray(0, n), info };
  }

  /** How the status line names a period: "تشرين الثاني/نوفمبر 2024", in the site's date style. */
  function periodLabel(meta, p) {
    const names = meta.monthLabels || [];
    const text = [p.day || "", p.month ? names[p.month - 1] || p.month : "", p.year].filter((x) => x).join(" ");
    return meta.dateDigits === "arabic" ? text.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[d]) : text;
  }

  /* ---------------------------------------------------------------- queries */

  /** The words of a text with where they start and end, the first `limit` only. */
  function spansOf(text, limit) {
    const out = [];
    if (limit <= 0) return out;
    for (const m of text.matchAll(WORD)) if (out.push({ raw: m[0], start: m.index, end: m.index + m[0].length }) >= limit) break;
    return out;
  }

  /**
   * Query text -> groups: periods (a year, a month or a day: findPeriods), runs of words that name an
   * actor or theme (aliases), and single words. The first MAX_WORDS words are searched (`cut` tells
   * whether there were more). At each word the longest alias starting there is found by following
   * the aliases word by word, so the work (`work`, lookups) is at most words x (longest alias + 2)
   * and usually about one lookup a word. A quoted query is words only: no period, only the phrase.
   */
  function parse(index, text) {
    const a = index.analyzer;
    const trimmed = text.trim();
    const quoted = /^["«“].*["»”]$/u.test(trimmed) && trimmed.length > 2;
    const all = spansOf(trimmed, MAX_WORDS + 1);
    const cut = all.length > MAX_WORDS;
    const spans = all.slice(0, MAX_WORDS);
    const words = spans.map(({ raw }, at) => {
      const keys = a.queryKeys(raw);
      return { raw, at, keys, stop: keys.every((k) => a.stop.has(k)) };
    });
    const periods = quoted ? [] : findPeriods(index, spans, trimmed);
    // A word's part of an alias key, as the keys' words: a folded word may hold a space (ﹰ).
    const parts = words.map((w) => {
      const part = a.aliasPart(w.raw);
      return part ? part.split(" ") : [];
    });
    const groups = [];
    let work = 0;
    let named = 0;
    let p = 0; // the next period
    let bounded = parts; // the words up to the next period: an alias does not run into it
    for (let i = 0; i < words.length; ) {
      if (p < periods.length && periods[p].at === i) {
        groups.push({ words: words.slice(i, i + periods[p].n), entities: [], period: periods[p] });
        i += periods[p].n;
        p += 1;
        bounded = p < periods.length ? parts.slice(0, periods[p].at) : parts;
        continue;
      }
      if (p < periods.length && bounded.length !== periods[p].at) bounded = parts.slice(0, periods[p].at);
      const found = index.aliases.longest(bounded, i);
      work += found.work;
      if (found.n) {
        // Past MAX_ENTITIES names the run still counts as words side by side.
        const entities = found.entities.slice(0, MAX_ENTITIES - named).map((e) => index.meta.entities[e]);
        named += entities.length;
        groups.push({ words: words.slice(i, i + found.n), entities });
        i += found.n;
      } else {
        groups.push({ words: [words[i]], entities: [] });
        i += 1;
      }
    }
    for (const g of groups) g.stop = !g.period && g.entities.length === 0 && g.words.every((w) => w.stop);
    return { text: trimmed, quoted, words, groups, periods, cut, work };
  }

  /** The ascending union of ascending document lists. */
  function unionSorted(lists) {
    lists = lists.filter((l) => l.length);
    if (lists.length <= 1) return lists[0] || new Int32Array(0);
    const out = new Int32Array(lists.reduce((sum, l) => sum + l.length, 0));
    const at = new Int32Array(lists.length);
    let n = 0;
    for (let last = -1; ; ) {
      let min = Infinity;
      let which = -1;
      for (let j = 0; j < lists.length; j++) {
        if (at[j] < lists[j].length && lists[j][at[j]] < min) {
          min = lists[j][at[j]];
          which = j;
        }
      }
      if (which < 0) break;
      at[which]++;
      if (min !== last) out[n++] = last = min;
    }
    return out.subarray(0, n);
  }

  function intersectSorted(a, b) {
    const out = new Int32Array(Math.min(a.length, b.length));
    let n = 0;
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        out[n++] = a[i];
        i++;
        j++;
      }
    }
    return out.subarray(0, n);
  }

  function includesSorted(list, from, to, value) {
    let lo = from;
    let hi = to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] === value) return true;
      if (list[mid] < value) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /**
   * A word's postings (one list per key) read in ascending document order without allocating:
   * seek(doc) moves every list to the document and returns its count there.
   */
  class View {
    constructor(postings) {
      this.ps = postings.filter((p) => p.n);
      this.at = new Int32Array(this.ps.length);
      this.hit = new Int32Array(this.ps.length);
      this.k = 0;
    }

    get docs() {
      return unionSorted(this.ps.map((p) => p.docs));
    }

    seek(doc) {
      let tf = 0;
      this.k = 0;
      for (let j = 0; j < this.ps.length; j++) {
        const p = this.ps[j];
        const docs = p.docs;
        let i = this.at[j];
        while (i < p.n && docs[i] < doc) i++;
        this.at[j] = i;
        if (i < p.n && docs[i] === doc) {
          tf += p.tf[i];
          this.hit[this.k++] = j;
        }
      }
      return tf;
    }

    /** The first position in the current document, -1 when none (the title comes first). */
    first() {
      let best = -1;
      for (let h = 0; h < this.k; h++) {
        const p = this.ps[this.hit[h]];
        if (!p.positional) continue;
        const v = p.pos[p.start[this.at[this.hit[h]]]];
        if (best < 0 || v < best) best = v;
      }
      return best;
    }

    /** How many positions the current document has (a position under two keys counts twice). */
    size() {
      let n = 0;
      for (let h = 0; h < this.k; h++) {
        const p = this.ps[this.hit[h]];
        const i = this.at[this.hit[h]];
        if (p.positional) n += p.start[i + 1] - p.start[i];
      }
      return n;
    }

    has(position) {
      for (let h = 0; h < this.k; h++) {
        const p = this.ps[this.hit[h]];
        const i = this.at[this.hit[h]];
        if (p.positional && includesSorted(p.pos, p.start[i], p.start[i + 1], position)) return true;
      }
      return false;
    }

    /** Calls f(position) for each position of the current document, once per position. */
    each(f) {
      for (let h = 0; h < this.k; h++) {
        const p = this.ps[this.hit[h]];
        const i = this.at[this.hit[h]];
        if (!p.positional) continue;
        for (let x = p.start[i]; x < p.start[i + 1]; x++) {
          let seen = false;
          for (let g = 0; g < h && !seen; g++) {
            const q = this.ps[this.hit[g]];
            const j = this.at[this.hit[g]];
            seen = q.positional && includesSorted(q.pos, q.start[j], q.start[j + 1], p.pos[x]);
          }
          if (!seen) f(p.pos[x]);
        }
      }
    }
  }

  /** How often the words stand side by side in order in the document all views were moved to;
   *  `real` holds the words that are not stop words (those match any word) with their views. */
  function phraseCount(real) {
    if (!real.length) return 0;
    let anchor = real[0];
    let fewest = Infinity;
    for (const r of real) {
      if (!r.view.k) return 0;
      const n = r.view.size();
      if (n < fewest) {
        fewest = n;
        anchor = r;
      }
    }
    let count = 0;
    anchor.view.each((position) => {
      const start = position - anchor.word.at;
      for (let j = 0; j < real.length; j++) {
        const r = real[j];
        if (r !== anchor && !r.view.has(start + r.word.at)) return;
      }
      count++;
    });
    return count;
  }

  async function search(index, text) {
    const q = parse(index, text);
    const a = index.analyzer;
    const keys = new Set(q.words.flatMap((w) => w.keys));
    for (const g of q.groups) for (const e of g.entities) keys.add(e.id);
    for (const p of q.periods) keys.add(YEAR_TOKEN + p.year);
    const t0 = performance.now();
    const loaded = new Map();
    await Promise.all([...keys].map(async (k) => loaded.set(k, await index.postings(k))));
    const t1 = performance.now();

    const N = index.meta.count;
    const { len, title, kind, year, rank } = index.docs;
    const view = (w) => new View(w.keys.map((k) => loaded.get(k)));
    const active = q.groups.filter((g) => !g.stop);
    const groups = active.length ? active : q.groups;

    // The documents of each group: its word, or (names) its actors' and themes' pages and articles
    // plus the documents where its words stand side by side.
    const evaluated = groups.map((g) => {
      const entities = g.entities.map((e) => loaded.get(e.id));
      let literal;
      let phrases = null;
      if (g.words.length === 1) {
        literal = view(g.words[0]).docs;
      } else {
        const real = g.words.filter((w) => !w.stop).map((word) => ({ word, view: view(word) }));
        const docs = real.map((r) => r.view.docs).reduce((acc, d) => intersectSorted(acc, d), real[0].view.docs);
        phrases = new Map();
        for (const doc of docs) {
          for (const r of real) r.view.seek(doc);
          const count = phraseCount(real);
          if (count) phrases.set(doc, count);
        }
        literal = Int32Array.from(phrases.keys());
      }
      // A period: the documents dated in it, and those whose text names it (words side by side).
      const dated = g.period ? datedIn(loaded.get(YEAR_TOKEN + g.period.year), g.period) : null;
      const docs = unionSorted([literal, ...entities.map((p) => p.docs), ...(dated ? [dated.docs] : [])]);
      return { g, docs, entities, phrases, dated, idf: Math.log(1 + (N - docs.length + 0.5) / (docs.length + 0.5)) };
    });
    if (!evaluated.length) return { q, ranked: [], highlight: highlighter(a, q), timing: {} };

    // When the query is only names (aliases), the pages of those actors and themes come first.
    const namesOnly = groups.every((g) => g.entities.length);
    const pages = new Map();
    if (namesOnly) {
      groups.forEach((g, gi) => g.entities.forEach((e, ei) => e.doc >= 0 && pages.set(e.doc, gi * 100 + ei)));
    }
    let candidates = [...evaluated].sort((x, y) => x.docs.length - y.docs.length).map((ev) => ev.docs)
      .reduce((acc, docs) => intersectSorted(acc, docs));
    if (!q.quoted) candidates = unionSorted([candidates, Int32Array.from([...pages.keys()].sort((x, y) => x - y))]);

    // Score the candidates in ascending order, reading every posting list once. A query that is one
    // name already has its phrase counts.
    const single = evaluated.length === 1 && evaluated[0].phrases;
    const whole = single ? [] : q.words.filter((w) => !w.stop).map((word) => ({ word, view: view(word) }));
    const cursors = evaluated.map((ev) => ({
      word: ev.g.words.length === 1 ? view(ev.g.words[0]) : null,
      entities: ev.entities.map((p) => new View([p])),
    }));
    const avg = index.meta.avgLen;
    const periods = evaluated.filter((ev) => ev.dated);
    const scored = [];
    for (const doc of candidates) {
      let phrase = single ? single.has(doc) : false;
      if (whole.length > 1) {
        for (const r of whole) r.view.seek(doc);
        phrase = phraseCount(whole) > 0;
      }
      if (q.quoted && (single || whole.length > 1) && !phrase) continue;
      let score = 0;
      for (let i = 0; i < evaluated.length; i++) {
        const ev = evaluated[i];
        const c = cursors[i];
        let tf = 0;
        let inTitle = false;
        if (c.word) {
          tf += c.word.seek(doc);
          const first = tf ? c.word.first() : -1;
          inTitle = first >= 0 && first < title[doc];
        } else if (ev.phrases) {
          tf += ev.phrases.get(doc) || 0;
        }
        for (const e of c.entities) if (e.seek(doc)) tf += 1;
        if (!tf) continue;
        score += (ev.idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * len[doc]) / avg));
        if (inTitle) score += ev.idf;
      }
      // Tiers: the pages of the names asked for; then documents dated in the period(s) named, wholly,
      // then in part, in date order (an event before an article of the same day); then documents
      // with all the words side by side; then the rest.
      let tier = pages.has(doc) ? 0 : phrase ? 3 : 4;
      let order = pages.get(doc) ?? 0;
      if (tier && periods.length) {
        const at = periods.map((ev) => ev.dated.info.get(doc));
        if (at.every((d) => d)) {
          tier = at.every((d) => d.within) ? 1 : 2;
          order = at[0].first * 2 + (kind[doc] === EVENT ? 0 : 1);
        }
      }
      scored.push({ doc, tier, order, score, rank: rank[doc], kind: KINDS[kind[doc]], year: year[doc] });
    }
    // Dated tiers stay in date order (on the same day, older first: a higher rank); the others go by
    // score, then newer first (a lower rank).
    const dated = (t) => t === 1 || t === 2;
    scored.sort((x, y) => x.tier - y.tier || x.order - y.order || (dated(x.tier) ? y.rank - x.rank : y.score - x.score || x.rank - y.rank));
    const timing = { postings: t1 - t0, rank: performance.now() - t1 };
    return { q, ranked: scored, highlight: highlighter(a, q), timing };
  }

  /* ---------------------------------------------------------------- snippets */

  /** What to mark in a text: single keys, the query's words side by side (phrases, multi-word
   *  names) and the Arabic aliases of the actors and themes named. */
  function highlighter(a, q) {
    const singles = new Set();
    const sequences = []; // per word its key set, null for a stop word (matches any word)
    const names = new KeyTrie(); // aliases of more than one word, followed key by key
    let budget = MAX_NAME_WORDS;
    for (const g of q.groups) {
      for (const w of g.words) if (!w.stop) w.keys.forEach((k) => singles.add(k));
      if (g.words.length > 1) sequences.push(g.words.map((w) => new Set(w.keys)));
      for (const e of g.entities) {
        for (const alias of e.ar) {
          const parts = alias.split(" ");
          if (parts.length === 1) singles.add(parts[0]);
          else if ((budget -= parts.length) >= 0) names.add(parts, true);
        }
      }
    }
    const real = q.words.filter((w) => !w.stop);
    const whole = real.length > 1 ? q.words.map((w) => (w.stop ? null : new Set(w.keys))) : null;
    if (whole) sequences.push(whole);
    // Sequences are looked up by the keys of their first word, so a token is checked only against the
    // sequences it can start (a stop word first: always checked).
    const byFirst = new Map();
    const always = [];
    for (const seq of sequences) {
      if (seq[0] === null) always.push(seq);
      else {
        for (const k of seq[0]) {
          if (!byFirst.has(k)) byFirst.set(k, []);
          byFirst.get(k).push(seq);
        }
      }
    }
    const has = (keys, wanted) => {
      if (wanted === null) return true;
      for (const k of keys) if (wanted.has(k)) return true;
      return false;
    };
    const at = (tokens, i, seq) => {
      if (i + seq.length > tokens.length) return false;
      for (let j = 0; j < seq.length; j++) if (!has(tokens[i + j].keys, seq[j])) return false;
      return true;
    };
    /** Words in the longest alias starting at token i (0: none). The trie nodes reached by the
     *  keys read so far are followed together (a word has several keys), at most MAX_ACTIVE. */
    const longestName = (tokens, i) => {
      let active = [0];
      let best = 0;
      for (let j = 0; active.length && i + j < tokens.length && j < names.depth; j++) {
        const next = [];
        for (const node of active) {
          for (const k of tokens[i + j].keys) {
            const child = names.child(node, k);
            if (child < 0 || next.includes(child) || next.length >= MAX_ACTIVE) continue;
            next.push(child);
            if (names.ends.has(child)) best = j + 1;
          }
        }
        active = next;
      }
      return best;
    };
    // Every key is a piece of its folded word (a final ه aside: مسيرات gives مسيره), so a text whose
    // folded form contains none of these pieces has nothing to mark and is not split into words. A
    // sequence needs its first piece. With many pieces, splitting into words is cheaper.
    const pieces = new Set();
    for (const k of singles) pieces.add(k.replace(/ه$/, ""));
    for (const seq of sequences) for (const want of seq) if (want) for (const k of want) pieces.add(k.replace(/ه$/, ""));
    for (const edge of names.next.keys()) if (edge.startsWith("0 ")) pieces.add(edge.slice(2).replace(/ه$/, ""));
    const filter = pieces.size <= 64;
    const none = { tokens: null, marked: null, phrase: -1 };
    return (text, full = false) => {
      if (!full && filter) {
        const folded = a.fold(text);
        let any = false;
        for (const piece of pieces) if (folded.includes(piece)) any = true;
        if (!any) return none;
      }
      const tokens = [];
      for (const m of text.matchAll(WORD)) tokens.push({ start: m.index, end: m.index + m[0].length, keys: a.indexKeys(m[0]) });
      const marked = new Array(tokens.length).fill(false);
      let reach = 0; // tokens before this one are marked already where a match covered them
      const mark = (from, to) => {
        for (let j = Math.max(from, reach); j < to; j++) marked[j] = true;
        if (to > reach) reach = to;
      };
      let phrase = -1;
      for (let i = 0; i < tokens.length; i++) {
        const candidates = new Set(always);
        for (const k of tokens[i].keys) {
          if (singles.has(k)) marked[i] = true;
          for (const seq of byFirst.get(k) || []) candidates.add(seq);
        }
        for (const seq of candidates) {
          if (!at(tokens, i, seq)) continue;
          mark(i, i + seq.length);
          if (seq === whole && phrase < 0) phrase = i;
        }
        if (names.depth) mark(i, i + longestName(tokens, i));
      }
      return { tokens, marked, phrase };
    };
  }

  function render(text, tokens, marked, from, to, into) {
    let cursor = from > 0 && from < tokens.length ? tokens[from].start : 0;
    const end = to > 0 && to < tokens.length ? tokens[to - 1].end : text.length;
    if (from > 0) into.append("… ");
    for (let i = from; i < to; i++) {
      if (!marked[i]) continue;
      let j = i; // one <mark> for words side by side, not across punctuation
      while (j + 1 < to && marked[j + 1] && !/\S/.test(text.slice(tokens[j].end, tokens[j + 1].start))) j++;
      into.append(text.slice(cursor, tokens[i].start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(tokens[i].start, tokens[j].end);
      into.append(mark);
      cursor = tokens[j].end;
      i = j;
    }
    into.append(text.slice(cursor, end));
    if (to < tokens.length) into.append(" …");
  }

  /** The first occurrence of the whole query as a phrase, else the paragraph window with the most
   *  marked words, as text and <mark> nodes. */
  function snippet(paragraphs, highlight, into) {
    let best = null;
    let seen = 0;
    for (const text of paragraphs) {
      if (!text) continue;
      const { tokens, marked, phrase } = highlight(text);
      if (!tokens) continue;
      if (phrase >= 0) {
        best = { text, tokens, marked, at: phrase };
        break;
      }
      let had = false;
      for (let i = 0; i < tokens.length; i++) {
        if (!marked[i]) continue;
        had = true;
        let count = 0;
        for (let j = i; j < Math.min(tokens.length, i + 30); j++) count += marked[j] ? 1 : 0;
        if (!best || count > best.count) best = { text, tokens, marked, at: i, count };
      }
      if (had && ++seen >= 3) break; // three paragraphs with matches are enough to choose from
    }
    if (!best) {
      const text = paragraphs.find((p) => p) || "";
      const { tokens, marked } = highlight(text, true);
      return render(text, tokens, marked, 0, Math.min(tokens.length, 36), into);
    }
    const from = Math.max(0, best.at - 10);
    render(best.text, best.tokens, best.marked, from, Math.min(best.tokens.length, from + 40), into);
  }

  /* ---------------------------------------------------------------- user interface */

  /** The first `n` characters of a text (whole code points), with "…" when there were more. */
  function shorten(text, n) {
    let out = "";
    let count = 0;
    for (const c of text) {
      if (count++ === n) return out + "…";
      out += c;
    }
    return out;
  }

  function countLabel(n) {
    if (n === 1) return "نتيجة واحدة";
    if (n === 2) return "نتيجتان";
    if (n <= 10) return `${n} نتائج`;
    return `${n} نتيجة`;
  }

  function element(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.append(...children);
    return el;
  }

  class SearchBox {
    constructor(root) {
      this.root = root;
      this.toggle = document.getElementById("__search");
      this.input = root.querySelector("[data-brf-search-input]");
      this.status = root.querySelector("[data-brf-search-status]");
      this.filters = root.querySelector("[data-brf-search-filters]");
      this.list = root.querySelector("[data-brf-search-list]");
      this.more = root.querySelector("[data-brf-search-more]");
      this.results = root.querySelector("[data-brf-search-results]");
      this.index = null;
      this.serial = 0;
      this.filter = { kind: "all", year: 0 };
      this.bind();
    }

    load() {
      if (!this.index) {
        this.index = Index.load().catch((err) => {
          this.index = null;
          throw err;
        });
      }
      return this.index;
    }

    open() {
      if (this.toggle && !this.toggle.checked) {
        this.toggle.checked = true;
        this.toggle.dispatchEvent(new Event("change"));
      }
      this.load().catch(() => {});
    }

    close() {
      if (this.toggle && this.toggle.checked) {
        this.toggle.checked = false;
        this.toggle.dispatchEvent(new Event("change"));
      }
      this.input.blur();
    }

    bind() {
      this.timer = 0;
      this.input.addEventListener("focus", () => this.open());
      this.input.addEventListener("input", () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.run(), 120);
      });
      this.root.querySelector("form").addEventListener("submit", (e) => e.preventDefault());
      this.root.querySelector("form").addEventListener("reset", () => {
        setTimeout(() => {
          this.clear();
          this.input.focus();
        });
      });
      if (this.toggle) {
        // Opened from the header button (phones): focus the box once it has slid in, unless closed again.
        this.toggle.addEventListener("change", () => {
          if (this.toggle.checked && document.activeElement !== this.input) {
            setTimeout(() => this.toggle.checked && this.input.focus(), 150);
          }
        });
      }
      // Tabbing out of the open search closes it, so focus never goes on behind the results.
      this.root.addEventListener("focusout", (e) => {
        if (e.relatedTarget && !this.root.contains(e.relatedTarget)) this.close();
      });
      this.more.addEventListener("click", () => this.show(this.shown + PAGE));
      this.input.addEventListener("keydown", (e) => this.onInputKey(e));
      this.list.addEventListener("keydown", (e) => this.onListKey(e));
      this.filters.addEventListener("click", (e) => {
        const button = e.target.closest("button[data-kind]");
        if (button) {
          this.filter.kind = button.dataset.kind;
          this.apply();
        }
      });
      this.filters.addEventListener("change", (e) => {
        if (e.target.matches("select")) {
          this.filter.year = Number(e.target.value);
          this.apply();
        }
      });
      document.addEventListener("keydown", (e) => {
        const target = e.target;
        const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
        if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s")) {
          e.preventDefault();
          this.open();
          this.input.focus();
        } else if (e.key === "Escape" && this.toggle && this.toggle.checked && this.root.contains(target)) {
          this.close();
        }
      });
      const q = new URLSearchParams(location.search).get("q");
      if (q) {
        this.input.value = q;
        this.open();
        this.run();
      }
    }

    links() {
      return [...this.list.querySelectorAll("a")];
    }

    onInputKey(e) {
      if (e.key === "ArrowDown" && this.links().length) {
        e.preventDefault();
        this.links()[0].focus();
      } else if (e.key === "Enter") {
        // Enter opens the first result, once the results of what is typed are on screen.
        e.preventDefault();
        clearTimeout(this.timer);
        const ready = this.results.dataset.brfQuery === this.input.value ? Promise.resolve() : this.run();
        ready.then(() => this.links()[0]?.click());
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      }
    }

    onListKey(e) {
      const links = this.links();
      const at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && at < links.length - 1) {
        e.preventDefault();
        links[at + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        (at > 0 ? links[at - 1] : this.input).focus();
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.input.focus();
        this.close();
      }
    }

    clear() {
      this.results.removeAttribute("data-brf-query");
      this.list.replaceChildren();
      this.filters.hidden = true;
      this.more.hidden = true;
      this.status.textContent = "اكتب كلمة أو اسماً للبحث";
    }

    async run() {
      const text = this.input.value;
      const serial = ++this.serial;
      if (!text.trim()) return this.clear();
      const started = performance.now();
      this.started = started;
      this.status.textContent = "جارٍ البحث…";
      let found;
      try {
        const index = await this.load();
        const loaded = performance.now();
        found = await search(index, text);
        found.meta = index.meta;
        found.timing.index = loaded - started;
      } catch (err) {
        if (serial === this.serial) this.status.textContent = "تعذّر تحميل فهرس البحث";
        console.error(err);
        return;
      }
      if (serial !== this.serial) return;
      this.found = found;
      this.filter = { kind: "all", year: 0 };
      await this.apply();
      if (serial !== this.serial) return;
      this.results.dataset.brfTime = String(Math.round(performance.now() - started));
      // Where the time went (index metadata, postings, ranking, fragments, rendering), for the benchmark.
      this.results.dataset.brfTiming = Object.entries(found.timing).map(([k, v]) => `${k}:${Math.round(v)}`).join(" ");
      this.results.dataset.brfQuery = text;
    }

    async apply() {
      const { ranked } = this.found;
      const { kind, year } = this.filter;
      this.visible = ranked.filter((r) => (kind === "all" || r.kind === kind) && (!year || r.year === year));
      this.renderFilters(ranked);
      this.list.replaceChildren();
      this.shown = 0;
      this.view = (this.view || 0) + 1;
      const q = shorten(this.found.q.text, SHOWN_QUERY);
      const cut = this.found.q.cut ? ` (بُحث عن أول ${MAX_WORDS} كلمة فقط)` : "";
      const count = ranked.length ? countLabel(this.visible.length) : "لا نتائج";
      // A period named: say so when something is dated in it (it is listed first).
      const periods = this.found.q.periods.map((p) => periodLabel(this.found.meta, p)).join("، ");
      const dated = periods && ranked.some((r) => r.tier === 1 || r.tier === 2) ? ` — ما يقع في ${periods} أولاً` : "";
      this.status.textContent = `${count} لـ «${q}»${cut}${dated}`;
      await this.show(PAGE);
      this.results.dataset.brfFilter = `${kind} ${year}`; // the filtered list is on screen (tests)
    }

    renderFilters(ranked) {
      this.filters.replaceChildren();
      this.filters.hidden = ranked.length < 2;
      const kinds = new Map([["all", ranked.length]]);
      const years = new Map();
      for (const r of ranked) {
        kinds.set(r.kind, (kinds.get(r.kind) || 0) + 1);
        if (r.year) years.set(r.year, (years.get(r.year) || 0) + 1);
      }
      for (const k of FILTER_ORDER) {
        if (!kinds.get(k)) continue;
        const pressed = String(this.filter.kind === k);
        this.filters.append(
          element("button", { type: "button", "data-kind": k, "aria-pressed": pressed }, `${FILTER_LABEL.get(k)} (${kinds.get(k)})`),
        );
      }
      if (years.size > 1) {
        const select = element("select", { "aria-label": "السنة" }, element("option", { value: "0" }, "كل السنوات"));
        for (const y of [...years.keys()].sort((p, n) => n - p)) {
          const option = element("option", { value: String(y) }, `${y} (${years.get(y)})`);
          if (y === this.filter.year) option.selected = true;
          select.append(option);
        }
        this.filters.append(select);
      }
    }

    show(upto) {
      // One batch at a time ("more results" pressed twice waits for the first batch).
      this.showing = (this.showing || Promise.resolve()).then(() => this.showBatch(upto));
      return this.showing;
    }

    /** Results up to `upto`, each shown as soon as its fragment (and those before it) arrived. */
    async showBatch(upto) {
      const view = this.view;
      const index = await this.load();
      const batch = this.visible.slice(this.shown, upto);
      const pending = batch.map((r) => index.fragment(r.doc).then((f) => withText(f)));
      const t0 = performance.now();
      let rendering = 0;
      for (let i = 0; i < batch.length; i++) {
        const fragment = await pending[i];
        if (view !== this.view) return;
        const t = performance.now();
        this.list.append(this.item(batch[i], fragment));
        rendering += performance.now() - t;
        this.shown += 1;
        if (i === 0 && this.found.timing.first === undefined) this.found.timing.first = performance.now() - this.started;
      }
      Object.assign(this.found.timing, { fragments: performance.now() - t0 - rendering, render: rendering });
      const rest = this.visible.length - this.shown;
      this.more.hidden = rest <= 0;
      this.more.textContent = `نتائج أخرى (${rest})`;
      this.results.dataset.brfShown = String(this.shown); // a batch is on screen (tests wait for it)
    }

    item(r, f) {
      const highlight = this.found.highlight;
      const heading = element("h1", { dir: "auto" });
      const t = highlight(f.t, true);
      render(f.t, t.tokens, t.marked, 0, t.tokens.length, heading);
      const meta = element("p", { class: "brf-result-meta" }, element("span", { class: "brf-result-kind" }, KIND_LABEL.get(f.k) ?? ""));
      if (f.s) meta.append(" · ", element("bdi", {}, f.s));
      const text = element("p", { dir: "auto" });
      snippet(f.p, highlight, text);
      const link = element("a", { href: new URL(f.u, ROOT).href, class: "md-search-result__link", "data-kind": f.k },
        element("article", { class: "md-search-result__article md-typeset" }, heading, meta, text));
      link.addEventListener("click", () => this.close());
      return element("li", { class: "md-search-result__item" }, link);
    }
  }

  /* ------------------------------------------------------------ the dialog */

  // Material's icons (magnify, arrow-left, close), as its header draws them.
  const ICONS = {
    magnify: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  };

  function icon(name) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICONS[name]);
    svg.append(path);
    return svg;
  }

  /**
   * The search dialog (Material's search layout), made here: it works only with this script, and
   * carried in every page it weighed 2 KB a page, 2.6 KiB an article of a large briefing (issue 15).
   * The page holds an empty box, <div class="md-search brf-search" data-brf-search>.
   */
  function fillDialog(root) {
    root.setAttribute("role", "dialog");
    root.setAttribute("aria-label", "بحث في الموجز");
    const input = element("input", {
      type: "search", class: "md-search__input", name: "q", dir: "auto", lang: "ar",
      "aria-label": "ابحث في المقالات والفاعلين والمحاور", placeholder: "بحث",
      autocapitalize: "off", autocorrect: "off", autocomplete: "off", spellcheck: "false",
      "aria-controls": "brf-search-results", "aria-keyshortcuts": "/ s", required: "",
      "data-brf-search-input": "",
    });
    const form = element("form", { class: "md-search__form", name: "brf-search", "data-brf-search-form": "" },
      input,
      element("label", { class: "md-search__icon md-icon", for: "__search", title: "إغلاق البحث" },
        icon("magnify"), icon("back")),
      element("nav", { class: "md-search__options", "aria-label": "خيارات البحث" },
        element("button", { type: "reset", class: "md-search__icon md-icon", title: "مسح", "aria-label": "مسح", tabindex: "-1" },
          icon("close"))));
    const results = element("div", { class: "md-search-result", id: "brf-search-results", "data-brf-search-results": "" },
      element("div", { class: "md-search-result__meta", role: "status", "aria-live": "polite", "data-brf-search-status": "" },
        "اكتب كلمة أو اسماً للبحث"),
      element("div", { class: "brf-search-filters", "data-brf-search-filters": "", hidden: "" }),
      element("ol", { class: "md-search-result__list", "data-brf-search-list": "" }),
      element("button", { type: "button", class: "brf-search-more", "data-brf-search-more": "", hidden: "" }, "نتائج أخرى"));
    root.append(
      element("label", { class: "md-search__overlay", for: "__search" }),
      element("div", { class: "md-search__inner", role: "search" },
        form,
        element("div", { class: "md-search__output" },
          element("div", { class: "md-search__scrollwrap", tabindex: "-1" }, results))));
  }

  function start() {
    const root = document.querySelector("[data-brf-search]");
    if (!root) return;
    if (!root.firstElementChild) fillDialog(root);
    window.briefingSearch = new SearchBox(root);
  }

  // Exposed for the browser tests (the analyzer against the Python one, the work a query costs).
  const limits = { words: MAX_WORDS, entities: MAX_ENTITIES };
  window.BriefingSearch = { Analyzer, AliasTable, parse, search, Index, fnv1a, limits };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
