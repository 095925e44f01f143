// Consumer-electronics and appliance brands and product lines sold by electronics retailers.
const BRANDS = [
  "Samsung",
  "LG",
  "Sony",
  "Apple",
  "Xiaomi",
  "Redmi",
  "Poco",
  "Huawei",
  "Honor",
  "Oppo",
  "Vivo",
  "Realme",
  "OnePlus",
  "Nokia",
  "Motorola",
  "Google",
  "Tecno",
  "Infinix",
  "ZTE",
  "Lenovo",
  "HP",
  "Dell",
  "Asus",
  "Acer",
  "MSI",
  "Microsoft",
  "Gigabyte",
  "Razer",
  "Logitech",
  "HyperX",
  "SteelSeries",
  "Corsair",
  "JBL",
  "Bose",
  "Sennheiser",
  "Marshall",
  "Beats",
  "Jabra",
  "Philips",
  "Panasonic",
  "Toshiba",
  "Sharp",
  "Hisense",
  "TCL",
  "Haier",
  "Bosch",
  "Siemens",
  "Electrolux",
  "AEG",
  "Whirlpool",
  "Indesit",
  "Hotpoint",
  "Ariston",
  "Beko",
  "Gorenje",
  "Candy",
  "Hoover",
  "Zanussi",
  "Miele",
  "Smeg",
  "Midea",
  "Gree",
  "Artel",
  "Hyundai",
  "Tefal",
  "Moulinex",
  "Rowenta",
  "Braun",
  "Krups",
  "DeLonghi",
  "De'Longhi",
  "Kenwood",
  "Redmond",
  "Polaris",
  "Vitek",
  "Scarlett",
  "Dyson",
  "Karcher",
  "Kärcher",
  "iRobot",
  "Roborock",
  "Dreame",
  "Ecovacs",
  "Canon",
  "Nikon",
  "Fujifilm",
  "GoPro",
  "DJI",
  "Garmin",
  "Fitbit",
  "Amazfit",
  "Huami",
  "Epson",
  "Brother",
  "Kyocera",
  "Xerox",
  "Nintendo",
  "PlayStation",
  "Xbox",
  "Baseus",
  "Anker",
  "Ugreen",
  "Remington",
  "Gorenje",
  "Liebherr",
  "Atlant",
  "Weissgauff",
  "Kuppersberg",
  "Thomson",
  "Grundig",
  "Pioneer",
  "Yamaha",
  "Denon",
  "Onkyo",
  "Kingston",
  "SanDisk",
  "WD",
  "Seagate",
  "Tp-Link",
  "TP-Link",
  "Keenetic",
  "Netgear",
  "Mikrotik",
  "Ezviz",
  "Hikvision",
  "Blackview",
  "Oukitel",
  "Ulefone",
  "Casio",
  "Sonos",
  "Vitek",
  "Starwind",
  "Centek",
  "Supra",
  "BQ",
  "Digma",
  "Prestigio",
  "Meizu",
  "Dexp",
  "DEXP",
  "Sven",
  "A4Tech",
  "Атлант",
  "Бирюса",
  "Редмонд",
  "Поларис",
  "Витязь",
  "Горизонт",
  "Edifier",
  "Microlab",
  "Energizer",
];
// Product lines often written without the brand.
const LINES = [
  "iPhone",
  "iPad",
  "MacBook",
  "iMac",
  "AirPods",
  "Apple Watch",
  "Galaxy",
  "PlayStation",
  "DualSense",
  "DualShock",
  "Xbox",
  "Surface",
  "ThinkPad",
  "IdeaPad",
  "Pixel",
  "Kindle",
  "Nintendo Switch",
  "Steam Deck",
  "Mac mini",
  "Mac Studio",
];
// Generic nouns that end a model name rather than belong to it.
const GENERIC = new Set([
  "tv",
  "smart",
  "laptop",
  "phone",
  "smartphone",
  "tablet",
  "monitor",
  "fridge",
  "refrigerator",
  "washer",
  "dishwasher",
  "kettle",
  "vacuum",
  "cleaner",
  "printer",
  "camera",
  "kit",
  "console",
  "controller",
  "headphones",
  "earbuds",
  "watch",
  "speaker",
  "router",
  "oven",
  "microwave",
  "machine",
  "conditioner",
  "model",
  "series",
  "edition",
  "version",
  "new",
  "the",
  "and",
  "or",
  "i",
  "my",
  "it",
  "is",
  "was",
  "in",
  "on",
  "at",
  "for",
  "from",
  "with",
  "to",
  "a",
  "an",
]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ANCHORS = [...new Set([...LINES, ...BRANDS])].sort((a, b) => b.length - a.length);
const ANCHOR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${ANCHORS.map(escapeRe).join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);
// "Sent from my iPhone": the device a mail was written on is not a product in question.
const SIGNATURE = /(sent from|sent with|отправлено (с|из)|жіберілді)[^\n]{0,40}/giu;
const LINE_SET = new Set(LINES.map((l) => l.toLowerCase()));
// Verbs that introduce a bought or ordered thing, for brands not in the list.
// The verb is captured only so that the look-behind can follow it (`\1`, then the character
// before): the engine then skips to where a verb could begin instead of trying every position.
const VERB_RE =
  /(bought|ordered|purchased|got|received|купил[аи]?|заказал[аи]?|приобрел[аи]?|приобрёл|сатып алдым|алдым|тапсырыс бердім)(?<!\p{L}\1)\s+(?:(?:a|an|the|my|new|a new|your|новый|новую|новое)\s+)*/giu;

// One token of a model name: has a digit or a capital letter, or is a known suffix.
const TOKEN = /^(?=[\p{L}\p{N}])[\p{L}\p{N}+\-/.']*[\p{L}\p{N}+]$/u;

function isModelToken(tok: string): boolean {
  if (!TOKEN.test(tok)) return false;
  // Cyrillic words end a Latin model name, unless they are themselves a model code ("ХМ-4421").
  if (/^[\p{Script=Cyrillic}]/u.test(tok) && !/\d/.test(tok)) return false;
  // A capitalised generic noun may sit inside a name ("Robot Vacuum S10"); trailing ones are trimmed.
  if (GENERIC.has(tok.toLowerCase()) && !/\d/.test(tok) && !/^\p{Lu}/u.test(tok)) return false;
  if (/^(the|and|or|i|my|it|is|in|on|at|for|a|an|to)$/i.test(tok)) return false;
  return /\d/.test(tok) || /\p{Lu}/u.test(tok) ||
    /^(pro|max|plus|mini|lite|ultra|fe|se)$/i.test(tok);
}

function takeModel(text: string, start: number, maxTokens = 6): { tokens: string[]; end: number } {
  const tokens: string[] = [];
  let pos = start;
  const re = /^[ \u00a0]+([^\s,;:!?()«»"“”]+)/u;
  while (tokens.length < maxTokens) {
    const m = text.slice(pos).match(re);
    if (!m) break;
    const tok = m[1].replace(/[.]+$/, "");
    if (!isModelToken(tok)) break;
    // "… ECAM22.110.B 1 марта": a bare day number before a month name belongs to a date.
    if (
      /^\d{1,2}$/.test(tok) &&
      MONTH_AHEAD.test(text.slice(pos + m[0].length, pos + m[0].length + 14))
    ) {
      break;
    }
    // In a shouted letter ("IdeaPad Slim 3 BATTERY IS SWOLLEN") a capitalised word followed by
    // more capitalised words is the sentence going on, not part of the model name.
    if (SHOUTED_AHEAD.test(text.slice(pos))) break;
    tokens.push(tok);
    pos += m[0].length;
    if (m[1].endsWith(".") && !/\d\.$/.test(m[1])) break;
  }
  while (tokens.length && GENERIC.has(tokens[tokens.length - 1].toLowerCase())) tokens.pop();
  return { tokens, end: pos };
}

const SHOUTED_AHEAD =
  /^[ \u00a0]+\p{Lu}{4,}[ \u00a0]+\p{Lu}{2,}[ \u00a0]+\p{Lu}{2,}(?![\p{L}\p{N}])/u;
const MONTH_AHEAD =
  /^\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)/iu;

/**
 * Product names: a known brand or product line followed by model tokens ("LG 55UR78006LK",
 * "Apple iPhone 15 128GB", "Xiaomi Robot Vacuum S10+"), or a model-like name after "bought",
 * "ordered", "купил" and similar. A brand alone is not a product; a product line alone is.
 */
export function extractProducts(text: string): string[] {
  const found: { index: number; end: number; name: string }[] = [];
  const clean = text.replace(SIGNATURE, (s) => " ".repeat(s.length));
  for (const m of clean.matchAll(ANCHOR_RE)) {
    const anchor = m[1];
    if (!/^\p{Lu}|^i\p{Lu}/u.test(anchor)) continue;
    const { tokens, end } = takeModel(text, m.index + anchor.length);
    const hasModel = tokens.some((t) => /\d/.test(t)) || tokens.length >= 1;
    if (!hasModel && !LINE_SET.has(anchor.toLowerCase())) continue;
    found.push({ index: m.index, end, name: [anchor, ...tokens].join(" ") });
  }
  for (const m of clean.matchAll(VERB_RE)) {
    const start = m.index + m[0].length - 1;
    const { tokens, end } = takeModel(text, start);
    if (tokens.length >= 2 && tokens.some((t) => /\d/.test(t)) && /^\p{Lu}/u.test(tokens[0])) {
      found.push({ index: start + 1, end, name: tokens.join(" ") });
    }
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const out: string[] = [];
  let coveredTo = -1;
  for (const f of found) {
    if (f.index < coveredTo) continue;
    coveredTo = f.end;
    if (!out.some((p) => p.toLowerCase() === f.name.toLowerCase())) out.push(f.name);
  }
  // A bare product line ("iPhone") adds nothing next to a full name of the same line.
  return out.filter((p) =>
    !LINE_SET.has(p.toLowerCase()) ||
    !out.some((q) => q !== p && q.toLowerCase().startsWith(p.toLowerCase() + " "))
  );
}
