//! The National Career Clusters® Framework as data.
//!
//! This crate is the bottom of Trellis: it knows the framework itself and the classification
//! codes everything else joins on, and depends on no data directory.
//!
//! - [`Framework`]: the 2024 framework (6 groupings, 14 clusters of which 3 are cross-cutting,
//!   72 sub-clusters), the 2002 framework (16 clusters, 79 pathways), the cluster-level
//!   2002 → 2024 crosswalk, what the Advance CTE technical report lists per cluster (skills,
//!   sample and emerging occupations, places of work), the 12 Career Ready Practices, the
//!   Industry Advisory Groups with their NAICS sectors, and state profiles. The definitions are
//!   TOML files under `data/`, compiled in and validated on first use ([`Framework::builtin`]).
//! - [`Framework::resolve`]: any spelling of a name, or an id, to the entity it names; unknown
//!   names get the closest names as suggestions.
//! - [`codes`]: strict parsers for SOC 2018, O*NET-SOC, CIP 2020 and NAICS 2022 codes.
//! - [`state`]: state profiles and the data format of high-skill, high-wage, in-demand rules.
//!
//! ```
//! use trellis_framework::{Framework, EntityKind};
//!
//! let fw = Framework::builtin();
//! assert_eq!(fw.clusters.len(), 14);
//! let web = &fw.resolve("Web and Cloud").unwrap()[0];
//! assert_eq!((web.entity.kind(), web.entity.id()), (EntityKind::SubCluster, "web-cloud"));
//! assert_eq!(fw.cluster("digital-technology").unwrap().caption,
//!            "Modernizing Industries and Connecting Communities");
//! let ct = fw.state("CT").unwrap();
//! assert!(ct.hshwid.is_some());
//! ```
//!
//! Ids are stable kebab-case slugs of canonical names (`arts-entertainment-design`); 2002
//! entities are prefixed `2002-` and their pathways are `<cluster id>--<pathway slug>`.

pub mod codes;
mod framework;
pub mod load;
pub mod model;
pub mod normalize;
mod resolve;
pub mod state;

pub use framework::{Entity, EntityKind, Framework, PerkinsIvPlacement};
pub use load::{LoadError, Problem, SourceFile, Sources};
pub use model::*;
pub use resolve::{MAX_SUGGESTIONS, Match, MatchedBy, Suggestion, Unresolved};
