//! Parameters of a build, with the documented defaults of `data/params.toml`.

use serde::{Deserialize, Serialize};

/// The default parameters file, compiled in.
pub const DEFAULT_PARAMS: &str = include_str!("../data/params.toml");

/// Every number the method uses; see `data/params.toml` for what each one means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub interdisciplinary_threshold: f64,
    pub prior_2002_weight: f64,
    pub sample_weight: f64,
    pub rule_weight: f64,
    pub cross_cutting_weight: f64,
    pub government_weight: f64,
    pub breadth_min_share: f64,
    pub breadth_min_clusters: usize,
    pub breadth_max_top_share: f64,
    pub subcluster_soc_weight: f64,
    pub subcluster_industry_weight: f64,
    pub subcluster_text_weight: f64,
    pub self_employed_full_share: f64,
    pub close_second_ratio: f64,
    pub program_min_share: f64,
}

impl Default for Params {
    fn default() -> Self {
        toml::from_str(DEFAULT_PARAMS).expect("the compiled-in params.toml is valid")
    }
}

impl Params {
    /// Reads a parameters file; keys it leaves out keep their default values.
    pub fn from_toml(text: &str) -> Result<Params, crate::Error> {
        let mut table: toml::Table = toml::from_str(DEFAULT_PARAMS).expect("valid defaults");
        let over: toml::Table = toml::from_str(text)
            .map_err(|e| crate::Error::Method(format!("parameters file: {e}")))?;
        for (k, v) in over {
            if !table.contains_key(&k) {
                return Err(crate::Error::Method(format!(
                    "parameters file: unknown key `{k}`; the keys are those of the default file (`trellis crosswalk params` prints it)"
                )));
            }
            table.insert(k, v);
        }
        let params: Params = toml::Value::Table(table)
            .try_into()
            .map_err(|e| crate::Error::Method(format!("parameters file: {e}")))?;
        params.validate()?;
        Ok(params)
    }

    fn validate(&self) -> Result<(), crate::Error> {
        for (name, v) in [
            ("interdisciplinary_threshold", self.interdisciplinary_threshold),
            ("breadth_min_share", self.breadth_min_share),
            ("breadth_max_top_share", self.breadth_max_top_share),
            ("close_second_ratio", self.close_second_ratio),
            ("program_min_share", self.program_min_share),
            ("government_weight", self.government_weight),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(crate::Error::Method(format!(
                    "parameters file: `{name}` must be between 0 and 1, got {v}"
                )));
            }
        }
        Ok(())
    }

    /// The parameters as canonical JSON (sorted keys), as stored with a build.
    pub fn to_json(&self) -> String {
        let v = serde_json::to_value(self).expect("params serialize");
        serde_json::to_string(&v).expect("params serialize")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_partial_files_override() {
        let d = Params::default();
        assert!(d.interdisciplinary_threshold > 0.0);
        let p = Params::from_toml("interdisciplinary_threshold = 0.3").unwrap();
        assert_eq!(p.interdisciplinary_threshold, 0.3);
        assert_eq!(p.rule_weight, d.rule_weight);
        assert!(Params::from_toml("nonsense = 1").unwrap_err().to_string().contains("unknown key"));
        assert!(Params::from_toml("close_second_ratio = 2.0").is_err());
    }
}
