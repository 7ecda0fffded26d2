//! Evidence from the SOC hierarchy. When several occupations of one major group all
//! match a title a little, the group is more likely right than a lone occupation elsewhere
//! that matches a little better: O*NET spreads the production, construction and repair trades
//! over many sibling codes that share most of their words, and a title that falls between
//! siblings still belongs to their group. Each candidate gains its group's share of the
//! candidates' score mass, which moves near-ties toward the group with the most support.

use crate::model::Target;
use crate::params::Params;
use crate::rerank::Parts;

/// Group ids per target, from its SOC code (`47-2021` → major 47).
#[derive(Debug, Default)]
pub(crate) struct Hierarchy {
    /// Major group (11..=55), 0 when the target has no SOC code.
    major: Vec<u8>,
    /// Supervisors and helpers: SOC codes defined by the role, not by the work's domain.
    role: Vec<bool>,
}

const MAJORS: usize = 100;

impl Hierarchy {
    pub fn new(targets: &[Target]) -> Hierarchy {
        let mut h = Hierarchy::default();
        for t in targets {
            let major = t.soc.as_deref().and_then(major_group).unwrap_or(0);
            h.major.push(major);
            h.role.push(is_role(&t.title));
        }
        h
    }

    /// The target's SOC major group, 0 when it has none.
    pub fn major(&self, t: u32) -> u8 {
        self.major[t as usize]
    }

    /// Whether the target is a first-line supervisor or helper occupation.
    pub fn is_role(&self, t: u32) -> bool {
        self.role[t as usize]
    }

    /// Adds to each candidate's score the share of the candidates' score mass that its
    /// major group holds. `ranked` holds the best candidates, unsorted or sorted.
    pub fn adjust(&self, ranked: &mut [(f32, u32)], parts: &mut [Parts], p: &Params) {
        if ranked.len() < 2 || p.major_weight == 0.0 {
            return;
        }
        let top = ranked.iter().map(|r| r.0).fold(0f32, f32::max);
        if top <= 0.0 {
            return;
        }
        let mut major = [0f32; MAJORS];
        let mut total = 0f32;
        for &(raw, t) in ranked.iter() {
            // Mass relative to the best candidate, sharpened so weak candidates weigh little.
            let m = mass(raw / top, p.group_sharpness);
            major[self.major[t as usize] as usize] += m;
            total += m;
        }
        if total <= 0.0 {
            return;
        }
        let inv = 1.0 / total;
        let plurality = plurality(ranked.iter().map(|r| self.major[r.1 as usize]), &major);
        for (r, part) in ranked.iter_mut().zip(parts.iter_mut()) {
            let t = r.1 as usize;
            let ma = self.major[t] as usize;
            if ma == 0 {
                continue;
            }
            part.group_share = major[ma] * inv;
            part.plurality = ma == plurality;
            r.0 += top * p.major_weight * major[ma] * inv;
        }
    }
}

/// The major group (1..`MAJORS`) with the largest mass, the last of equals: what
/// `(1..MAJORS).max_by(total_cmp)` picks, found among the candidates' groups (the others hold
/// +0, and every mass is +0 or more) instead of over all hundred.
fn plurality(groups: impl Iterator<Item = u8>, major: &[f32; MAJORS]) -> usize {
    // With no positive mass, all hundred are equal and the last one is picked.
    let (mut best, mut at) = (0f32, MAJORS - 1);
    for g in groups.map(usize::from).filter(|&g| g != 0) {
        let m = major[g];
        if m > best || (m == best && m > 0.0 && g > at) {
            (best, at) = (m, g);
        }
    }
    at
}

/// `x^k` for x in 0..1 with k rounded to a whole power: cheap and monotone.
#[inline]
fn mass(x: f32, k: f32) -> f32 {
    let x = x.clamp(0.0, 1.0);
    let mut m = x;
    for _ in 1..(k.round() as i32).max(1) {
        m *= x;
    }
    m
}

/// SOC names its supervisor and helper occupations after the workers they supervise or help:
/// "First-Line Supervisors of Construction Trades …", "Helpers--Production Workers".
fn is_role(title: &str) -> bool {
    title.starts_with("First-Line Supervisors") || title.starts_with("Helpers")
}

fn major_group(soc: &str) -> Option<u8> {
    let b = soc.as_bytes();
    if b.len() < 3 || b[2] != b'-' || !b[0].is_ascii_digit() || !b[1].is_ascii_digit() {
        return None;
    }
    Some((b[0] - b'0') * 10 + (b[1] - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_from_soc_codes() {
        assert_eq!(major_group("47-2021"), Some(47));
        assert_eq!(major_group("11-1011"), Some(11));
        assert_eq!(major_group("bad"), None);
    }

    #[test]
    fn the_plurality_is_the_last_of_the_largest_as_over_all_groups() {
        let over_all = |major: &[f32; MAJORS]| {
            (1..MAJORS).max_by(|&a, &b| major[a].total_cmp(&major[b])).unwrap_or(0)
        };
        let cases: &[&[(u8, f32)]] = &[
            &[(47, 0.5), (51, 0.7), (53, 0.2)],
            &[(51, 0.7), (47, 0.7), (53, 0.2)],
            &[(47, 0.7), (51, 0.7)],
            &[(0, 0.9), (11, 0.1)],
            &[(0, 0.9), (11, 0.0)],
            &[(13, 0.0), (29, 0.0)],
            &[],
        ];
        for case in cases {
            let mut major = [0f32; MAJORS];
            for &(g, m) in case.iter() {
                major[g as usize] += m;
            }
            let groups = case.iter().map(|c| c.0);
            assert_eq!(plurality(groups, &major), over_all(&major), "{case:?}");
        }
    }

    #[test]
    fn a_supported_group_wins_a_near_tie() {
        let target = |soc: &str| Target {
            code: soc.into(),
            domain: crate::model::Domain::Occupation,
            title: soc.into(),
            soc: Some(soc.into()),
            employment: None,
            cluster: None,
            sub_cluster: None,
        };
        let h = Hierarchy::new(&[target("43-5111"), target("51-9061"), target("51-9199")]);
        let p = Params { major_weight: 0.2, ..Params::default() };
        let mut ranked = vec![(1.0, 0), (0.97, 1), (0.9, 2)];
        let mut parts = vec![Parts::default(); ranked.len()];
        h.adjust(&mut ranked, &mut parts, &p);
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        assert_eq!(ranked[0].1, 1, "{ranked:?}");
        // Without group weights the order stays.
        let mut ranked = vec![(1.0, 0), (0.97, 1), (0.9, 2)];
        h.adjust(&mut ranked, &mut parts, &Params { major_weight: 0.0, ..p });
        assert_eq!(ranked[0], (1.0, 0));
    }
}
