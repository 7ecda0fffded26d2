//! Turning a job title, posting title or program name as people write it into the canonical
//! token sequence the index is built on.
//!
//! The same function runs on the index side (O*NET, SOC and CIP texts) and on the query side,
//! so most rules only need to make variants *agree* (`Nurses` and `Nurse`, `Salesman` and
//! `Saleswoman`), not produce dictionary words. What only postings carry — shift, pay, bonus,
//! location, employment type, requisition numbers, seniority — is removed.

use ahash::{AHashMap, AHashSet};
use unicode_normalization::UnicodeNormalization;

/// Longest input the normalizer reads, in bytes; the rest of a longer text is ignored so a
/// pasted description cannot make one row cost milliseconds.
pub const MAX_INPUT_BYTES: usize = 1024;

/// Abbreviations and short forms of postings, expanded to the words O*NET and SOC titles use.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("mgr", "manager"),
    ("mngr", "manager"),
    ("mgmt", "management"),
    ("asst", "assistant"),
    ("assist", "assistant"),
    ("assoc", "associate"),
    ("tech", "technician"),
    ("techn", "technician"),
    ("technologist", "technologist"),
    ("coord", "coordinator"),
    ("supv", "supervisor"),
    ("supvr", "supervisor"),
    ("supr", "supervisor"),
    ("spvr", "supervisor"),
    ("spec", "specialist"),
    ("rep", "representative"),
    ("reps", "representative"),
    ("eng", "engineer"),
    ("engr", "engineer"),
    ("dev", "developer"),
    ("devops", "developer operations"),
    ("svc", "service"),
    ("svcs", "service"),
    ("cust", "customer"),
    ("acct", "account"),
    ("accts", "account"),
    ("dir", "director"),
    ("vp", "vice president"),
    ("svp", "vice president"),
    ("evp", "vice president"),
    ("avp", "vice president"),
    ("pres", "president"),
    ("exec", "executive"),
    ("ops", "operations"),
    ("mfg", "manufacturing"),
    ("maint", "maintenance"),
    ("elec", "electrical"),
    ("equip", "equipment"),
    ("oper", "operator"),
    ("op", "operator"),
    ("ctr", "center"),
    ("dept", "department"),
    ("hr", "human resources"),
    ("it", "information technology"),
    ("qa", "quality assurance"),
    ("qc", "quality control"),
    ("ar", "accounts receivable"),
    ("ap", "accounts payable"),
    ("emt", "emergency medical technician"),
    ("rn", "registered nurse"),
    ("lpn", "licensed practical nurse"),
    ("lvn", "licensed vocational nurse"),
    ("cna", "certified nursing assistant"),
    ("np", "nurse practitioner"),
    ("crna", "certified registered nurse anesthetist"),
    ("cma", "certified medical assistant"),
    ("ma", "medical assistant"),
    ("rph", "pharmacist"),
    ("cdl", "commercial driver license"),
    ("hvac", "heating ventilation air conditioning"),
    ("hvacr", "heating ventilation air conditioning refrigeration"),
    ("cnc", "computer numerical control"),
    ("ceo", "chief executive officer"),
    ("cfo", "chief financial officer"),
    ("coo", "chief operating officer"),
    ("cto", "chief technology officer"),
    ("cio", "chief information officer"),
    ("cpa", "certified public accountant"),
    ("sw", "software"),
    ("swe", "software engineer"),
    ("sde", "software developer engineer"),
    ("ui", "user interface"),
    ("ux", "user experience"),
    ("pm", "project manager"),
    ("ot", "occupational therapist"),
    ("slp", "speech language pathologist"),
    ("dba", "database administrator"),
    ("sysadmin", "system administrator"),
    ("gm", "general manager"),
    ("csr", "customer service representative"),
    ("sdr", "sales development representative"),
    ("bdr", "business development representative"),
    ("cpht", "pharmacy technician"),
    ("phleb", "phlebotomist"),
    ("dds", "dentist"),
    ("dmd", "dentist"),
    ("rda", "registered dental assistant"),
    ("rdh", "registered dental hygienist"),
    ("cpt", "certified pharmacy technician"),
    ("paralegal", "paralegal"),
    ("atty", "attorney"),
    ("admin", "administrative"),
    ("adm", "administrative"),
    ("sec", "secretary"),
    ("recept", "receptionist"),
    ("dr", "driver"),
    ("drvr", "driver"),
    ("whse", "warehouse"),
    ("wh", "warehouse"),
    ("prod", "production"),
    ("mech", "mechanic"),
    ("instr", "instructor"),
    ("prof", "professor"),
    ("gen", "general"),
    ("natl", "national"),
    ("intl", "international"),
    ("reg", "regional"),
    ("dist", "district"),
    ("hosp", "hospital"),
    ("med", "medical"),
    ("pharm", "pharmacy"),
    ("phys", "physical"),
    ("ed", "education"),
    ("educ", "education"),
    ("govt", "government"),
    ("info", "information"),
    ("sys", "system"),
    ("env", "environmental"),
    ("envr", "environmental"),
    ("fin", "financial"),
    ("mktg", "marketing"),
    ("mkt", "marketing"),
    ("purch", "purchasing"),
    ("proc", "processing"),
    ("trans", "transportation"),
    ("hs", "high school"),
    ("k12", "school"),
    ("prek", "preschool"),
];

/// Frequent misspellings in postings; rarer ones are caught by the index's fuzzy token match.
const MISSPELLINGS: &[(&str, &str)] = &[
    ("recieving", "receiving"),
    ("reciever", "receiver"),
    ("maintainance", "maintenance"),
    ("maintenence", "maintenance"),
    ("maintanence", "maintenance"),
    ("assitant", "assistant"),
    ("assistent", "assistant"),
    ("asistant", "assistant"),
    ("secratary", "secretary"),
    ("secretery", "secretary"),
    ("adminstrative", "administrative"),
    ("administative", "administrative"),
    ("adminstrator", "administrator"),
    ("managment", "management"),
    ("manger", "manager"),
    ("mananger", "manager"),
    ("technican", "technician"),
    ("techician", "technician"),
    ("techincian", "technician"),
    ("enginner", "engineer"),
    ("engeneer", "engineer"),
    ("operater", "operator"),
    ("opperator", "operator"),
    ("superviser", "supervisor"),
    ("supervisior", "supervisor"),
    ("cordinator", "coordinator"),
    ("coordinater", "coordinator"),
    ("recepionist", "receptionist"),
    ("receptionest", "receptionist"),
    ("accountent", "accountant"),
    ("acountant", "accountant"),
    ("mechanichal", "mechanical"),
    ("machanic", "mechanic"),
    ("electrision", "electrician"),
    ("electican", "electrician"),
    ("plumer", "plumber"),
    ("carpanter", "carpenter"),
    ("cashir", "cashier"),
    ("casheir", "cashier"),
    ("custodain", "custodian"),
    ("janiter", "janitor"),
    ("warehose", "warehouse"),
    ("wharehouse", "warehouse"),
    ("forklit", "forklift"),
    ("pharmacey", "pharmacy"),
    ("phlebotomest", "phlebotomist"),
    ("theraphist", "therapist"),
    ("therapest", "therapist"),
    ("nurce", "nurse"),
    ("analist", "analyst"),
    ("anaylst", "analyst"),
    ("analyist", "analyst"),
    ("developper", "developer"),
    ("programer", "programmer"),
    ("teachor", "teacher"),
    ("councelor", "counselor"),
    ("counsellor", "counselor"),
    ("labour", "labor"),
    ("labourer", "laborer"),
    ("organisation", "organization"),
    ("centre", "center"),
    ("colour", "color"),
    ("fibre", "fiber"),
    ("theatre", "theater"),
    ("paediatric", "pediatric"),
    ("anaesthesiologist", "anesthesiologist"),
    ("orthopaedic", "orthopedic"),
    ("jewellery", "jewelry"),
    ("jeweller", "jeweler"),
    ("fork", "fork"),
];

/// Gendered forms with an `-ess` ending, mapped to the form O*NET uses.
const GENDERED: &[(&str, &str)] = &[
    ("waitress", "waiter"),
    ("hostess", "host"),
    ("actress", "actor"),
    ("stewardess", "steward"),
    ("headmistress", "headmaster"),
    ("laundress", "launderer"),
    ("postmistress", "postmaster"),
    ("businesswoman", "businessperson"),
    ("businessman", "businessperson"),
];

/// Words that never help coding a title: seniority and level, employment type, hiring chatter.
const NOISE: &[&str] = &[
    "sr",
    "senior",
    "jr",
    "junior",
    "level",
    "lvl",
    "experienced",
    "exp",
    "fulltime",
    "parttime",
    "ft",
    "prn",
    "remote",
    "hybrid",
    "onsite",
    "shift",
    "shifts",
    "nights",
    "weekends",
    "evenings",
    "overnights",
    "hiring",
    "urgently",
    "urgent",
    "immediately",
    "immediate",
    "now",
    "wanted",
    "needed",
    "position",
    "opening",
    "openings",
    "opportunity",
    "apply",
    "today",
    "bonus",
    "signon",
    "signing",
    "hourly",
    "salary",
    "salaried",
    "benefits",
    "pay",
    "paid",
    "weekly",
    "daily",
    "usd",
    "hrs",
    "hour",
    "hours",
    "yr",
    "week",
    "per",
    "temp",
    "temporary",
    "seasonal",
    "permanent",
    "w2",
    "1099",
    "req",
    "id",
    "great",
    "excellent",
    "flexible",
    "schedule",
    "wfh",
    "ii",
    "iii",
    "iv",
    "i",
];

/// Noise words that can also be part of a real title, so they are only removed in a trailing
/// segment ("Nurse - Nights") or before "shift" ("Night Shift Cook").
const CONTEXT_NOISE: &[&str] = &[
    "night",
    "day",
    "days",
    "evening",
    "weekend",
    "overnight",
    "graveyard",
    "swing",
    "first",
    "second",
    "third",
    "1st",
    "2nd",
    "3rd",
    "full",
    "part",
    "time",
    "contract",
    "sign",
    "on",
    "up",
    "to",
    "k",
    "starting",
    "start",
    "at",
    "year",
    "month",
    "annual",
    "plus",
    "with",
    "and",
    "a",
    "an",
    "the",
    "for",
    "in",
    "of",
    "or",
    "all",
    "diem",
    "associate",
    "entry",
    "contractor",
    "new",
    "grad",
    "graduate",
    "job",
    "local",
    "travel",
    "traveling",
    "work",
    "from",
    "home",
];

/// Words that carry no meaning for matching anywhere.
const STOP: &[&str] = &["and", "or", "of", "the", "for", "in", "a", "an", "to", "at", "with", "by"];

/// US states and territories, as postal codes and names, to spot a location segment.
const STATES: &[&str] = &[
    "al",
    "ak",
    "az",
    "ar",
    "ca",
    "co",
    "ct",
    "de",
    "dc",
    "fl",
    "ga",
    "hi",
    "id",
    "il",
    "in",
    "ia",
    "ks",
    "ky",
    "la",
    "me",
    "md",
    "ma",
    "mi",
    "mn",
    "ms",
    "mo",
    "mt",
    "ne",
    "nv",
    "nh",
    "nj",
    "nm",
    "ny",
    "nc",
    "nd",
    "oh",
    "ok",
    "or",
    "pa",
    "ri",
    "sc",
    "sd",
    "tn",
    "tx",
    "ut",
    "vt",
    "va",
    "wa",
    "wv",
    "wi",
    "wy",
    "pr",
    "gu",
    "vi",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "hampshire",
    "jersey",
    "mexico",
    "york",
    "carolina",
    "dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
    "usa",
    "us",
    "nationwide",
];

/// Words that stay plural-looking: `-s` is part of the word, or the singular means something else.
const KEEP_S: &[&str] = &[
    "sales",
    "news",
    "gas",
    "bus",
    "us",
    "its",
    "this",
    "physics",
    "ethics",
    "series",
    "species",
    "logistics",
    "economics",
    "mathematics",
    "statistics",
    "athletics",
    "aerobics",
    "analytics",
    "diagnostics",
    "robotics",
    "electronics",
    "pediatrics",
    "geriatrics",
    "obstetrics",
    "orthodontics",
    "orthotics",
    "prosthetics",
    "optics",
    "genetics",
    "graphics",
    "avionics",
    "hydraulics",
    "pneumatics",
    "mechanics",
    "dynamics",
    "linguistics",
    "christmas",
    "texas",
    "kansas",
    "arkansas",
    "canvas",
    "atlas",
    "alias",
    "bias",
    "chaos",
    "kudos",
    "lens",
    "always",
    "nervous",
    "various",
    "plus",
    "campus",
    "census",
    "corpus",
    "focus",
    "virus",
    "status",
    "bonus",
    "nucleus",
    "apparatus",
    "stimulus",
    "thesaurus",
    "surplus",
    "cactus",
    "citrus",
    "asbestos",
    "humanities",
    "arts",
    "dais",
    "chassis",
    "axis",
    "basis",
    "thesis",
    "analysis",
    "diagnosis",
    "prognosis",
    "dialysis",
    "paralysis",
    "emphasis",
    "synthesis",
    "hydrolysis",
    "osmosis",
    "tennis",
    "pelvis",
    "has",
    "was",
    "is",
    "as",
    "gps",
    "hiv",
    "aids",
    "ems",
    "pos",
    "os",
    "sas",
    "aws",
    "cms",
    "ios",
    "ss",
];

/// A per-thread scratch for normalizing without allocating per call.
#[derive(Default)]
pub struct Scratch {
    folded: String,
    tokens: Vec<(u32, u32, u16)>,
    /// Per segment, whether a dash, bar or bracket opened it (not a comma or colon).
    strong: Vec<bool>,
    kept: Vec<bool>,
    /// Per token, its entry in the normalizer's lexicon ([`NOT_LISTED`] when it has none).
    lex: Vec<u32>,
    segments: Vec<(usize, usize)>,
}

/// What the normalizer's tables say of one word, found with one lookup (each table was a
/// lookup of its own, several per word and query).
#[derive(Debug, Clone, Default)]
struct Lex {
    /// [`NOISE`], [`CONTEXT_NOISE`], [`STOP`], [`STATES`], [`KEEP_S`] membership bits.
    flags: u8,
    rewrite: Option<&'static str>,
    learned: Option<Box<str>>,
}

const IS_NOISE: u8 = 1;
const IS_CONTEXT_NOISE: u8 = 2;
const IS_STOP: u8 = 4;
const IS_STATE: u8 = 8;
const IS_KEEP_S: u8 = 16;

/// A token with no lexicon entry.
const NOT_LISTED: u32 = u32::MAX;

/// The normalizer: built once (the tables are small), shared by all threads.
#[derive(Debug, Clone)]
pub struct Normalizer {
    rewrite: AHashMap<&'static str, &'static str>,
    noise: AHashSet<&'static str>,
    states: AHashSet<&'static str>,
    keep_s: AHashSet<&'static str>,
    /// Abbreviations learned from the corpus (`SNF` from "SNF RN (Skilled Nursing Facility RN)").
    learned: AHashMap<String, String>,
    /// The tables above merged, per word: `lex[lexicon[word]]`.
    lexicon: AHashMap<Box<str>, u32>,
    lex: Vec<Lex>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    pub fn new() -> Normalizer {
        let mut rewrite = AHashMap::new();
        for &(from, to) in MISSPELLINGS.iter().chain(GENDERED).chain(ABBREVIATIONS) {
            rewrite.insert(from, to);
        }
        let mut n = Normalizer {
            rewrite,
            noise: NOISE.iter().copied().collect(),
            states: STATES.iter().copied().collect(),
            keep_s: KEEP_S.iter().copied().collect(),
            learned: AHashMap::new(),
            lexicon: AHashMap::new(),
            lex: Vec::new(),
        };
        let rewrite: Vec<(&'static str, &'static str)> =
            n.rewrite.iter().map(|(&a, &b)| (a, b)).collect();
        for (from, to) in rewrite {
            n.lex_mut(from).rewrite = Some(to);
        }
        let sets = [
            (NOISE, IS_NOISE),
            (CONTEXT_NOISE, IS_CONTEXT_NOISE),
            (STOP, IS_STOP),
            (STATES, IS_STATE),
            (KEEP_S, IS_KEEP_S),
        ];
        for (words, flag) in sets {
            for &w in words {
                n.lex_mut(w).flags |= flag;
            }
        }
        n
    }

    /// The word's lexicon entry, created empty if it has none.
    fn lex_mut(&mut self, word: &str) -> &mut Lex {
        let next = self.lex.len() as u32;
        let i = *self.lexicon.entry(word.into()).or_insert(next);
        if i == next {
            self.lex.push(Lex::default());
        }
        &mut self.lex[i as usize]
    }

    /// Adds abbreviations learned from the corpus; built-in rules win over learned ones.
    pub fn learn_abbreviations(&mut self, pairs: impl IntoIterator<Item = (String, String)>) {
        for (abbr, expansion) in pairs {
            if !self.rewrite.contains_key(abbr.as_str())
                && !self.noise.contains(abbr.as_str())
                && !self.states.contains(abbr.as_str())
            {
                let lex = self.lex_mut(&abbr);
                if lex.learned.is_none() {
                    lex.learned = Some(expansion.as_str().into());
                }
                self.learned.entry(abbr).or_insert(expansion);
            }
        }
    }

    /// The learned abbreviations, for inspection.
    pub fn learned_abbreviations(&self) -> impl Iterator<Item = (&str, &str)> {
        self.learned.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }

    /// Normalizes `text` into space-separated canonical tokens (title order kept).
    pub fn normalize(&self, text: &str) -> String {
        let mut out = String::new();
        self.normalize_into(text, &mut Scratch::default(), &mut out);
        out
    }

    /// Normalizes `text` into `out` (cleared first), reusing `scratch`.
    pub fn normalize_into(&self, text: &str, scratch: &mut Scratch, out: &mut String) {
        out.clear();
        let text = truncate_at_char(text, MAX_INPUT_BYTES);
        fold(text, &mut scratch.folded, &mut scratch.tokens, &mut scratch.strong);
        let folded = &scratch.folded;
        let tokens = &scratch.tokens;
        let tok = |i: usize| -> &str {
            let (s, e, _) = tokens[i];
            &folded[s as usize..e as usize]
        };
        let kept = &mut scratch.kept;
        kept.clear();
        kept.resize(tokens.len(), true);
        // Each token's lexicon entry, looked up once.
        scratch.lex.clear();
        scratch.lex.extend(
            (0..tokens.len()).map(|i| self.lexicon.get(tok(i)).copied().unwrap_or(NOT_LISTED)),
        );
        let lex = &scratch.lex;
        let flags = |i: usize| -> u8 {
            match lex[i] {
                NOT_LISTED => 0,
                l => self.lex[l as usize].flags,
            }
        };

        // Segment pass: a trailing segment that is all pay, place or schedule goes entirely,
        // and so does the city before a trailing state ("Boston, MA").
        let segments = &mut scratch.segments;
        segments.clear();
        let mut seg_start = 0;
        while seg_start < tokens.len() {
            let seg = tokens[seg_start].2;
            let mut seg_end = seg_start;
            while seg_end < tokens.len() && tokens[seg_end].2 == seg {
                seg_end += 1;
            }
            segments.push((seg_start, seg_end));
            seg_start = seg_end;
        }
        for (k, &(s, e)) in segments.iter().enumerate().skip(1) {
            let all_noise = (s..e).all(|i| {
                let t = tok(i);
                flags(i) & (IS_NOISE | IS_CONTEXT_NOISE | IS_STATE) != 0
                    || t.as_bytes()[0].is_ascii_digit()
                    || t == "$"
            });
            let money = (s..e).any(|i| tok(i) == "$");
            let place = e - s <= 3 && flags(e - 1) & IS_STATE != 0;
            if all_noise || money || place {
                kept[s..e].iter_mut().for_each(|x| *x = false);
            }
            if place && k >= 2 {
                let (ps, pe) = segments[k - 1];
                if pe - ps <= 3 {
                    kept[ps..pe].iter_mut().for_each(|x| *x = false);
                }
            }
        }

        // Token pass: patterns like "night shift", "full time", "sign on bonus", "per diem".
        for i in 0..tokens.len() {
            if !kept[i] {
                continue;
            }
            let t = tok(i);
            let next = if i + 1 < tokens.len() { tok(i + 1) } else { "" };
            let third = if i + 2 < tokens.len() { tok(i + 2) } else { "" };
            // "Work from home", "work at home": where, not what.
            if t == "work" && matches!(next, "from" | "at") && third == "home" {
                kept[i..i + 3].iter_mut().for_each(|x| *x = false);
                continue;
            }
            let pair = matches!(
                (t, next),
                ("full", "time")
                    | ("part", "time")
                    | ("per", "diem")
                    | ("sign", "on")
                    | ("on", "call")
                    | ("up", "to")
                    | ("from", "home")
                    | ("new", "grad")
                    | ("new", "graduate")
                    | ("non", "cdl" | "exempt" | "union" | "clinical")
            ) || (flags(i) & IS_CONTEXT_NOISE != 0
                && (next == "shift" || next == "shifts"));
            if pair {
                kept[i] = false;
                kept[i + 1] = false;
                continue;
            }
            let prev = if i > 0 { tok(i - 1) } else { "" };
            let unit = matches!(t, "hr" | "yr" | "k" | "hour" | "year")
                && (prev.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    || matches!(prev, "per" | "a" | "an"));
            let number = t.as_bytes()[0].is_ascii_digit() && !matches!(t, "3d" | "2d" | "911");
            // "Shift Supervisor", "Shift Manager", "Shift Lead": a role, not a schedule.
            let role_shift =
                t == "shift" && matches!(next, "supervisor" | "manager" | "lead" | "leader");
            if t == "$" || unit || number || (flags(i) & IS_NOISE != 0 && !role_shift) {
                kept[i] = false;
            }
        }

        // A posting names the job first and qualifies it after a dash or in brackets
        // ("Medical Assistant - Family Practice"): the words before the first such break are
        // emitted last, so the head word (the last one) is the job's. Commas do not count:
        // O*NET lists with them ("Crop, Grain, or Livestock Farm Manager").
        let split = (1..segments.len())
            .find(|&k| scratch.strong.get(k).copied().unwrap_or(false))
            .map(|k| segments[k].0)
            .filter(|&at| kept[..at].iter().any(|&k| k) && kept[at..].iter().any(|&k| k))
            .unwrap_or(0);
        for i in (split..tokens.len()).chain(0..split) {
            if !kept[i] || flags(i) & IS_STOP != 0 {
                continue;
            }
            let lex = match lex[i] {
                NOT_LISTED => None,
                l => Some(&self.lex[l as usize]),
            };
            self.emit(tok(i), lex, out);
        }
        // A title ending in "Lead" names a leader ("Team Lead", "Shift Lead"); elsewhere
        // "lead" is a rank ("Lead Welder") or the metal ("Lead Abatement Worker").
        if out == "lead" || out.ends_with(" lead") {
            out.push_str("er");
        }
    }

    /// Writes token `t` (its lexicon entry `lex`) in canonical form.
    fn emit(&self, t: &str, lex: Option<&Lex>, out: &mut String) {
        if let Some(to) = lex.and_then(|l| l.rewrite) {
            push_words(out, to);
            return;
        }
        if let Some(to) = lex.and_then(|l| l.learned.as_deref()) {
            push_words(out, to);
            return;
        }
        let keep_s = lex.is_some_and(|l| l.flags & IS_KEEP_S != 0);
        let base = gender_neutral(singular(t, keep_s));
        // A base equal to the token has no rewrite (it would have been taken above).
        let rewrite = if *base == *t {
            None
        } else {
            self.lexicon.get(base.as_ref()).and_then(|&l| self.lex[l as usize].rewrite)
        };
        push_words(out, rewrite.unwrap_or(&base));
    }

    /// The singular of an English plural, by suffix rules with an exception list.
    pub fn singular<'a>(&self, t: &'a str) -> std::borrow::Cow<'a, str> {
        // The exception list is read only for a word that could be a plural.
        let could_be = t.len() > 3 && t.ends_with('s') && !t.ends_with("people");
        singular(t, could_be && self.keep_s.contains(t))
    }
}

/// [`Normalizer::singular`], told whether `t` is on the exception list ([`KEEP_S`]).
fn singular(t: &str, keep_s: bool) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let n = t.len();
    if let Some(stem) = t.strip_suffix("people") {
        return Cow::Owned(format!("{stem}person"));
    }
    if n <= 3 || !t.ends_with('s') || keep_s {
        return Cow::Borrowed(t);
    }
    if let Some(stem) = t.strip_suffix("ies")
        && n > 4
    {
        return Cow::Owned(format!("{stem}y"));
    }
    if t.ends_with("sses") || t.ends_with("xes") || t.ends_with("ches") || t.ends_with("shes") {
        return Cow::Borrowed(&t[..n - 2]);
    }
    if t.ends_with("ss") || t.ends_with("us") || t.ends_with("is") {
        return Cow::Borrowed(t);
    }
    Cow::Borrowed(&t[..n - 1])
}

/// `-man`, `-woman`, `-men`, `-women`, `-person` compounds all become `-person`.
fn gender_neutral(t: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    const NOT_COMPOUNDS: &[&str] = &[
        "human", "german", "roman", "shaman", "ottoman", "caiman", "talisman", "woman", "man",
        "women", "men", "amen", "omen", "semen", "specimen", "abdomen", "regimen", "acumen",
        "stamen", "hymen", "layman", "ramen", "cayman", "superman", "batman", "walkman", "yemen",
    ];
    let s: &str = &t;
    if s.len() < 6 || NOT_COMPOUNDS.contains(&s) {
        return t;
    }
    for suffix in ["woman", "women", "person", "man", "men"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            if stem.len() >= 3 && suffix != "person" {
                return Cow::Owned(format!("{stem}person"));
            }
            return t;
        }
    }
    t
}

fn push_words(out: &mut String, words: &str) {
    for w in words.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

fn truncate_at_char(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Lower-cases and strips accents into `folded`, recording each token's byte span and the
/// number of the segment it belongs to. Segments are split by `|`, ` - `, `–`, `—`, `,`, `;`,
/// `:` and brackets, which in postings separate the title from location, pay and schedule.
fn fold(
    text: &str,
    folded: &mut String,
    tokens: &mut Vec<(u32, u32, u16)>,
    strong: &mut Vec<bool>,
) {
    folded.clear();
    tokens.clear();
    strong.clear();
    strong.push(false);
    let mut seg: u16 = 0;
    let mut start: Option<usize> = None;
    let mut seg_has_token = false;
    let mut prev_space = true;
    let close = |folded: &mut String,
                 tokens: &mut Vec<(u32, u32, u16)>,
                 start: &mut Option<usize>,
                 seg: u16,
                 has: &mut bool| {
        if let Some(s) = start.take() {
            tokens.push((s as u32, folded.len() as u32, seg));
            folded.push(' ');
            *has = true;
        }
    };
    let mut chars = text.chars().peekable();
    let mut prev_char = ' ';
    while let Some(c) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|n| n.is_whitespace());
        let digit_comma = c == ','
            && prev_char.is_ascii_digit()
            && chars.peek().is_some_and(char::is_ascii_digit);
        prev_char = c;
        let push_char = |folded: &mut String, ch: char, start: &mut Option<usize>| {
            if start.is_none() {
                *start = Some(folded.len());
            }
            folded.push(ch);
        };
        if c.is_ascii_alphanumeric() {
            push_char(folded, c.to_ascii_lowercase(), &mut start);
            prev_space = false;
            continue;
        }
        if c.is_ascii() {
            let segment_break = !digit_comma
                && match c {
                    '|' | ',' | ';' | '(' | ')' | '[' | ']' | '{' | '}' | ':' | '!' | '?' | '*' => {
                        true
                    }
                    '-' => prev_space && next_is_space,
                    _ => false,
                };
            match c {
                '\'' | '.' if start.is_some() => {}
                '$' => {
                    close(folded, tokens, &mut start, seg, &mut seg_has_token);
                    tokens.push((folded.len() as u32, folded.len() as u32 + 1, seg));
                    folded.push_str("$ ");
                    seg_has_token = true;
                }
                '+' if start.is_some() => {
                    // "c++" and "C+" stay distinct from "c".
                    folded.push('p');
                }
                '#' if start.is_some() => folded.push_str("sharp"),
                _ => close(folded, tokens, &mut start, seg, &mut seg_has_token),
            }
            if segment_break && seg_has_token {
                seg = seg.saturating_add(1);
                seg_has_token = false;
                strong.push(matches!(c, '|' | '(' | '[' | '{' | '-'));
            }
            prev_space = c.is_ascii_whitespace();
            continue;
        }
        // Non-ASCII: dashes and bullets break segments; letters lose their accents.
        if matches!(c, '–' | '—' | '•' | '·' | '|' | '/') {
            close(folded, tokens, &mut start, seg, &mut seg_has_token);
            if seg_has_token {
                seg = seg.saturating_add(1);
                seg_has_token = false;
                strong.push(true);
            }
            prev_space = true;
            continue;
        }
        if matches!(c, '’' | '‘') {
            continue;
        }
        let mut any = false;
        for d in std::iter::once(c).nfkd() {
            if d.is_alphanumeric() {
                for l in d.to_lowercase() {
                    if l.is_alphanumeric() {
                        push_char(folded, l, &mut start);
                        any = true;
                    }
                }
            }
        }
        if !any && !is_combining(c) {
            close(folded, tokens, &mut start, seg, &mut seg_has_token);
        }
        prev_space = c.is_whitespace();
    }
    close(folded, tokens, &mut start, seg, &mut seg_has_token);
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        Normalizer::new().normalize(s)
    }

    #[test]
    fn case_punctuation_and_plural() {
        assert_eq!(n("Registered Nurses"), "registered nurse");
        assert_eq!(n("CHIEF EXECUTIVES"), "chief executive");
        assert_eq!(
            n("Secretaries & Administrative Assistants"),
            "secretary administrative assistant"
        );
        assert_eq!(n("Driver's Helper"), "driver helper");
    }

    #[test]
    fn abbreviations_and_seniority() {
        assert_eq!(n("Sr. Mgr, Ops"), "manager operations");
        assert_eq!(n("RN"), "registered nurse");
        assert_eq!(n("HVAC Tech II"), "heating ventilation air conditioning technician");
        assert_eq!(n("Asst. Store Mgr"), "assistant store manager");
        assert_eq!(n("CDL-A Truck Driver"), "commercial driver license truck driver");
    }

    #[test]
    fn posting_noise() {
        assert_eq!(
            n("Registered Nurse - ICU - Nights - $5,000 Sign-On Bonus"),
            "icu registered nurse"
        );
        assert_eq!(n("Warehouse Associate | Boston, MA"), "warehouse associate");
        assert_eq!(n("Night Shift Line Cook (Full-Time)"), "line cook");
        assert_eq!(n("CNA - Per Diem - $18/hr"), "certified nursing assistant");
        assert_eq!(n("Welder 2nd shift, up to $25/hour"), "welder");
        assert_eq!(n("Customer Service Rep - Work From Home"), "customer service representative");
        assert_eq!(n("Work at Home Customer Service Rep"), "customer service representative");
        assert_eq!(n("New Grad RN"), "registered nurse");
        assert_eq!(n("Shift Supervisor - Nights"), "shift supervisor");
        assert_eq!(n("Team Lead"), "team leader");
        assert_eq!(n("Delivery Driver (Non-CDL)"), "delivery driver");
        // The job before a dash or bracket keeps the head position.
        assert_eq!(n("Medical Assistant - Family Practice"), "family practice medical assistant");
        assert_eq!(n("Software Engineer (Backend) - Remote"), "backend software engineer");
        assert_eq!(
            n("Crop, Grain, or Livestock Farm Manager"),
            "crop grain livestock farm manager"
        );
        assert_eq!(n("Lead Welder"), "lead welder");
    }

    #[test]
    fn words_of_real_titles_are_not_noise_inside_a_title() {
        // Each was once dropped everywhere, which made "Travel Agent" an agent of artists and
        // "Home Health Aide" a nursing assistant.
        assert_eq!(n("Home Health Aide"), "home health aide");
        assert_eq!(n("Travel Agent"), "travel agent");
        assert_eq!(n("Data Entry Clerk"), "data entry clerk");
        assert_eq!(n("Job Coach"), "job coach");
        assert_eq!(n("New Accounts Clerk"), "new account clerk");
        assert_eq!(n("General Contractor"), "general contractor");
        assert_eq!(n("Social Work Assistant"), "social work assistant");
        // In a trailing segment they are still posting noise.
        assert_eq!(n("Registered Nurse - Travel"), "registered nurse");
        assert_eq!(n("Accountant - Contractor - Local"), "accountant");
    }

    #[test]
    fn gendered_forms_agree() {
        assert_eq!(n("Salesman"), n("Saleswoman"));
        assert_eq!(n("Salesmen"), n("Salesperson"));
        assert_eq!(n("Waitress"), n("Waiter"));
        assert_eq!(n("Human Resources Specialist"), "human resource specialist");
    }

    #[test]
    fn accents_and_misspellings() {
        assert_eq!(n("Café Barista"), "cafe barista");
        assert_eq!(n("Maintainance Techician"), "maintenance technician");
    }

    #[test]
    fn empty_and_noise_only() {
        assert_eq!(n(""), "");
        assert_eq!(n("   - | -  "), "");
        assert_eq!(n("$$$ 123"), "");
    }

    #[test]
    fn long_input_is_bounded() {
        let long = "welder ".repeat(2000);
        let out = n(&long);
        assert!(out.len() <= MAX_INPUT_BYTES);
        assert!(out.starts_with("welder"));
    }
}
