//! Cluster-level labor-market summaries (sums over the cluster's occupations).

use trellis_framework::model::Cluster;

use crate::api::ClusterProfile;
use crate::app::AppState;
use crate::data::catalog::Status;
use crate::data::state_figures::AreaWages;

/// Sums over the occupations whose primary assignment is `c`, each counted once.
pub fn cluster_profile(
    state: &AppState,
    c: &Cluster,
    area: Option<&str>,
    wages: Option<&AreaWages>,
) -> ClusterProfile {
    let mut p = ClusterProfile {
        cluster: c.id.clone(),
        area: area.unwrap_or("US").to_owned(),
        occupations: 0,
        employment: 0.0,
        suppressed: 0,
        employment_projected: 0.0,
        annual_openings: 0.0,
        median_of_medians: None,
    };
    let mut weighted: Vec<(f64, f64)> = Vec::new();
    for o in state.catalog.cluster_occupations(&c.id) {
        if o.primary().is_none_or(|a| a.cluster != c.id) {
            continue;
        }
        p.occupations += 1;
        let w = match wages {
            Some(w) => w.get(&o.soc),
            None => o.wages.as_ref(),
        };
        let emp = match (wages, w) {
            (Some(_), Some(w))
                if w.employment.status == Status::Ok && w.via_aggregate.is_none() =>
            {
                w.employment.value
            }
            (Some(_), _) => None,
            (None, _) => o.projections.as_ref().and_then(|p| p.employment_base),
        };
        match emp {
            Some(e) => p.employment += e,
            None => p.suppressed += 1,
        }
        if let Some(pr) = &o.projections {
            p.employment_projected += pr.employment_projected.unwrap_or(0.0);
            p.annual_openings += pr.openings.unwrap_or(0.0);
        }
        if let (Some(e), Some(w)) = (emp, w)
            && let (Status::Ok, Some(m)) = (w.median.status, w.median.value)
        {
            weighted.push((m, e));
        }
    }
    p.median_of_medians = weighted_median(&mut weighted);
    p
}

/// The value below which half of the weight lies.
pub fn weighted_median(v: &mut [(f64, f64)]) -> Option<f64> {
    let total: f64 = v.iter().map(|x| x.1).sum();
    if v.is_empty() || total <= 0.0 {
        return None;
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut acc = 0.0;
    for (value, w) in v.iter() {
        acc += w;
        if acc >= total / 2.0 {
            return Some(*value);
        }
    }
    v.last().map(|x| x.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_median_follows_weights() {
        assert_eq!(weighted_median(&mut [(10.0, 1.0), (20.0, 1.0), (30.0, 5.0)]), Some(30.0));
        assert_eq!(weighted_median(&mut [(10.0, 3.0), (20.0, 1.0), (30.0, 1.0)]), Some(10.0));
        assert_eq!(weighted_median(&mut []), None);
    }
}
