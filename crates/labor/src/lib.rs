//! Labor-market analysis of the National Career Clusters Framework: profiles of clusters,
//! sub-clusters and occupations for the nation and each state, high-skill/high-wage/in-demand
//! (Perkins V) designations from a state's definitions, and regional cluster analysis with
//! location quotients.
//!
//! Everything runs on [`LaborData`], an in-memory snapshot read once from the Trellis database
//! ([`LaborData::open`] or [`LaborData::load`]); each computation is then a pass over a few
//! vectors (all 51 state HSHWID lists and LQ tables take milliseconds). Figures carry their
//! provenance ([`Figure`]: value, status such as suppressed or top-coded, and basis: published,
//! computed or **estimated**), so no output passes an estimate off as published or a missing
//! value off as zero.
//!
//! Principal entry points, the API the CLI and the web app call:
//! - [`profile::profile`]: a [`profile::Profile`] of a [`profile::Subject`] (cluster,
//!   sub-cluster, occupation) in an [`Area`] (nation or state).
//! - [`hshwid::evaluate`]: a state's [`hshwid::HshwidList`] from its profile's definitions
//!   (`trellis_framework::state::Hshwid`); [`workbook::hshwid_workbook`] writes it as XLSX.
//! - [`region::region`] / [`region::region_all`]: a state's [`region::RegionTable`] of
//!   location quotients, employment and wages by cluster and sub-cluster.
//! - [`StateProjections`]: a state's own projections (CSV, `docs/STATE_PROJECTIONS.md`) that
//!   replace the estimates scaled from national projections.
//!
//! ```no_run
//! use trellis_labor::{Area, LaborData, hshwid, profile, region};
//!
//! let data = LaborData::open(std::path::Path::new("trellis.sqlite"))?;
//! let ct = Area::resolve(&data, Some("CT"))?;
//! let construction = profile::Subject::cluster(&data, "construction")?;
//! let p = profile::profile(&data, ct, construction, Default::default())?;
//! println!("{} employs {:?} in {}", p.name, p.employment.now.value, p.area_name);
//!
//! let fw = trellis_framework::Framework::builtin();
//! let defs = fw.state("CT").and_then(|s| s.hshwid.as_ref()).expect("CT has definitions");
//! let list = hshwid::evaluate(&data, ct, defs, None)?;
//! println!("{} occupations evaluated", list.rows.len());
//!
//! let tables = region::region_all(&data, Default::default());
//! println!("{} states", tables.len());
//! # Ok::<(), trellis_labor::LaborError>(())
//! ```

pub mod area;
pub mod error;
pub mod figure;
pub mod hshwid;
pub mod load;
pub mod model;
pub mod profile;
pub mod region;
pub mod state_projections;
pub mod workbook;

use std::path::Path;

pub use area::{Area, AreaFigures, OccupationFigures};
pub use error::{LaborError, Result};
pub use figure::{Basis, Figure, Kind, Status, WeightedAverage};
pub use model::{Cluster, LaborData, Occupation, SubCluster};
pub use state_projections::StateProjections;

/// The framework's clusters and sub-clusters, with the report's skill lists, in display order.
pub fn framework_clusters(fw: &trellis_framework::Framework) -> Vec<Cluster> {
    fw.clusters
        .iter()
        .map(|c| Cluster {
            id: c.id.clone(),
            name: c.name.clone(),
            cross_cutting: c.cross_cutting,
            sub_clusters: fw
                .sub_clusters
                .iter()
                .filter(|s| s.cluster == c.id)
                .map(|s| SubCluster { id: s.id.clone(), name: s.name.clone() })
                .collect(),
            specialized_skills: c.content.specialized_skills.clone(),
            software_skills: c.content.software_skills.clone(),
        })
        .collect()
}

impl LaborData {
    /// Opens the database read-only and loads the snapshot with the built-in framework.
    pub fn open(path: &Path) -> Result<LaborData> {
        if !path.exists() {
            return Err(LaborError::NoDatabase { path: path.to_path_buf() });
        }
        let conn =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|source| LaborError::Database {
                    context: format!("opening {}", path.display()),
                    source,
                })?;
        LaborData::load(&conn, framework_clusters(trellis_framework::Framework::builtin()))
    }
}
