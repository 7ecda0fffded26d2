//! Job-posting analytics: code each posting's title, count postings by cluster and
//! sub-cluster, list the most frequent titles per occupation, and count the technology, skill
//! and knowledge names their descriptions mention, per cluster.

use std::io::{BufRead, BufReader, Read};

use ahash::AHashMap;
use rayon::prelude::*;
use serde::Serialize;

use crate::batch::{BatchError, InputFormat};
use crate::skills::SkillDictionary;
use crate::{Domain, Matcher};

/// One posting as read.
#[derive(Debug, Clone, Default)]
pub struct Posting {
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
}

/// Counts over a file of postings.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    pub postings: u64,
    /// Postings coded to an occupation.
    pub coded: u64,
    /// Postings whose title was too uncertain to code.
    pub abstained: u64,
    /// Records that could not be read (broken JSON, no title).
    pub unreadable: u64,
    /// Coded postings whose occupation has no cluster in the current crosswalk.
    pub no_cluster: u64,
    pub clusters: Vec<Count>,
    pub sub_clusters: Vec<Count>,
    /// The most frequent titles per occupation (SOC), most postings first.
    pub occupations: Vec<OccupationTitles>,
    /// Mentions per cluster: postings of the cluster whose description names the skill.
    pub skills: Vec<SkillCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// Framework id (`digital-technology`), `unassigned` when the crosswalk has none.
    pub id: String,
    pub postings: u64,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct OccupationTitles {
    pub soc: String,
    pub title: String,
    pub postings: u64,
    pub top_titles: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillCount {
    pub cluster: String,
    pub skill: String,
    pub kind: &'static str,
    pub postings: u64,
    /// Share of the cluster's postings with a description that mention it.
    pub share: f64,
}

/// Reads postings from JSONL (fields `title`, `description`, `location`) or CSV/TSV (columns
/// of those names, any case); unreadable records come back as `None`.
pub fn read_postings<R: Read>(
    input: R,
    format: InputFormat,
    mut each: impl FnMut(Option<Posting>) -> Result<(), BatchError>,
) -> Result<(), BatchError> {
    match format {
        InputFormat::Jsonl | InputFormat::Lines => {
            let mut r = BufReader::new(input);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                if r.read_until(b'\n', &mut buf)? == 0 {
                    return Ok(());
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let p = match serde_json::from_slice::<serde_json::Value>(&buf) {
                    Ok(serde_json::Value::Object(m)) => {
                        let s = |k: &str| m.get(k).and_then(|v| v.as_str()).map(str::to_string);
                        s("title").map(|title| Posting {
                            title,
                            description: s("description"),
                            location: s("location"),
                        })
                    }
                    _ => None,
                };
                each(p)?;
            }
        }
        InputFormat::Csv | InputFormat::Tsv => {
            let mut r = csv::ReaderBuilder::new()
                .delimiter(if format == InputFormat::Tsv { b'\t' } else { b',' })
                .flexible(true)
                .from_reader(input);
            let headers: Vec<String> = r
                .headers()?
                .iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
                .collect();
            let col = |name: &str| headers.iter().position(|h| h == name);
            let Some(title) = col("title") else {
                return Err(BatchError::MissingColumn {
                    wanted: "title".into(),
                    available: headers.join(", "),
                });
            };
            let (desc, loc) = (col("description"), col("location"));
            let mut rec = csv::ByteRecord::new();
            loop {
                match r.read_byte_record(&mut rec) {
                    Ok(false) => return Ok(()),
                    Ok(true) => {
                        let get = |i: Option<usize>| {
                            i.and_then(|i| rec.get(i))
                                .map(|b| String::from_utf8_lossy(b).into_owned())
                        };
                        let p = get(Some(title)).filter(|t| !t.trim().is_empty()).map(|t| {
                            Posting { title: t, description: get(desc), location: get(loc) }
                        });
                        each(p)?;
                    }
                    Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return Err(e.into()),
                    Err(_) => each(None)?,
                }
            }
        }
    }
}

/// Accumulates postings chunk by chunk.
pub struct Analyzer<'a> {
    matcher: &'a Matcher,
    skills: &'a SkillDictionary,
    result: Analysis,
    clusters: AHashMap<String, u64>,
    sub_clusters: AHashMap<String, u64>,
    /// Postings with a description per cluster (the denominator of skill shares).
    described: AHashMap<String, u64>,
    occupations: AHashMap<u32, (u64, AHashMap<String, u64>)>,
    mentions: AHashMap<(String, u32), u64>,
}

const UNASSIGNED: &str = "unassigned";

impl<'a> Analyzer<'a> {
    pub fn new(matcher: &'a Matcher, skills: &'a SkillDictionary) -> Analyzer<'a> {
        Analyzer {
            matcher,
            skills,
            result: Analysis::default(),
            clusters: AHashMap::new(),
            sub_clusters: AHashMap::new(),
            described: AHashMap::new(),
            occupations: AHashMap::new(),
            mentions: AHashMap::new(),
        }
    }

    /// Codes and counts a chunk of postings (`None` = an unreadable record), in parallel.
    pub fn add(&mut self, chunk: &[Option<Posting>]) {
        let m = self.matcher;
        let dict = self.skills;
        let coded: Vec<(Option<u32>, Vec<u32>)> = chunk
            .par_iter()
            .map_init(Vec::new, |buf, p| match p {
                None => (None, Vec::new()),
                Some(p) => {
                    let target = m.code(&p.title, Domain::Occupation).target;
                    if let Some(d) = &p.description {
                        dict.find(d, buf);
                    } else {
                        buf.clear();
                    }
                    (target, buf.clone())
                }
            })
            .collect();
        for (p, (target, found)) in chunk.iter().zip(coded) {
            self.result.postings += 1;
            let Some(p) = p else {
                self.result.unreadable += 1;
                continue;
            };
            let Some(t) = target else {
                self.result.abstained += 1;
                continue;
            };
            self.result.coded += 1;
            let target = &m.targets()[t as usize];
            let cluster = target.cluster.clone().unwrap_or_else(|| UNASSIGNED.into());
            if target.cluster.is_none() {
                self.result.no_cluster += 1;
            }
            *self.clusters.entry(cluster.clone()).or_default() += 1;
            if let Some(sc) = &target.sub_cluster {
                *self.sub_clusters.entry(sc.clone()).or_default() += 1;
            }
            let occ = self.occupations.entry(t).or_default();
            occ.0 += 1;
            *occ.1.entry(p.title.trim().to_string()).or_default() += 1;
            if p.description.as_deref().is_some_and(|d| !d.trim().is_empty()) {
                *self.described.entry(cluster.clone()).or_default() += 1;
                for id in found {
                    *self.mentions.entry((cluster.clone(), id)).or_default() += 1;
                }
            }
        }
    }

    /// The totals, sorted: clusters and sub-clusters by postings, `top` titles per
    /// occupation, `top` skills per cluster.
    pub fn finish(mut self, top: usize) -> Analysis {
        let coded = self.result.coded.max(1) as f64;
        let sorted = |m: AHashMap<String, u64>| {
            let mut v: Vec<Count> = m
                .into_iter()
                .map(|(id, n)| Count { id, postings: n, share: n as f64 / coded })
                .collect();
            v.sort_by(|a, b| b.postings.cmp(&a.postings).then(a.id.cmp(&b.id)));
            v
        };
        self.result.clusters = sorted(self.clusters);
        self.result.sub_clusters = sorted(self.sub_clusters);
        let mut occ: Vec<OccupationTitles> = self
            .occupations
            .into_iter()
            .map(|(t, (n, titles))| {
                let target = &self.matcher.targets()[t as usize];
                let mut titles: Vec<(String, u64)> = titles.into_iter().collect();
                titles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                titles.truncate(top);
                OccupationTitles {
                    soc: target.soc.clone().unwrap_or_else(|| target.code.clone()),
                    title: target.title.clone(),
                    postings: n,
                    top_titles: titles,
                }
            })
            .collect();
        occ.sort_by(|a, b| b.postings.cmp(&a.postings).then(a.soc.cmp(&b.soc)));
        self.result.occupations = occ;
        let mut by_cluster: AHashMap<String, Vec<(u32, u64)>> = AHashMap::new();
        for ((c, id), n) in self.mentions {
            by_cluster.entry(c).or_default().push((id, n));
        }
        let mut skills = Vec::new();
        let mut clusters: Vec<String> = by_cluster.keys().cloned().collect();
        clusters.sort();
        for c in clusters {
            let mut v = by_cluster.remove(&c).unwrap_or_default();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let denom = self.described.get(&c).copied().unwrap_or(1).max(1) as f64;
            for (id, n) in v.into_iter().take(top) {
                let s = &self.skills.skills()[id as usize];
                skills.push(SkillCount {
                    cluster: c.clone(),
                    skill: s.name.clone(),
                    kind: s.kind.as_str(),
                    postings: n,
                    share: n as f64 / denom,
                });
            }
        }
        self.result.skills = skills;
        self.result
    }
}
