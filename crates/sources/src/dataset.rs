//! The datasets Trellis reads, and one call to read any of them.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cip::{CipRecord, CipSocCrosswalk};
use crate::clusters2002::ClusterAssignment;
use crate::ep::{EpOccupationTables, IndustryOutput};
use crate::error::ReadError;
use crate::meta::SourceInfo;
use crate::naics::NaicsRecord;
use crate::nem::{Nem2018, NemCell, NemIndustryFile, NemListItem};
use crate::oews::OewsRow;
use crate::onet::{
    AlternateTitle, ElementRating, EteCategory, EteValue, Interest, JobZone, OnetOccupation,
    RelatedOccupation, ReportedTitle, TaskStatement, Technology,
};
use crate::soc::SocRecord;

/// An official dataset. Its [`name`](Dataset::name) is what the database's `sources.dataset`
/// column records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dataset {
    Soc,
    OnetOccupationData,
    OnetAlternateTitles,
    OnetReportedTitles,
    OnetInterests,
    OnetJobZones,
    OnetEducationTrainingExperience,
    OnetEteCategories,
    OnetSkills,
    OnetKnowledge,
    OnetTechnologySkills,
    OnetTaskStatements,
    OnetRelatedOccupations,
    /// O*NET OnLine's "All Career Clusters" export (2002 framework, O*NET-SOC 2019).
    OnetCareerClusters,
    /// Perkins IV crosswalk Table 4, O*NETs in Pathways (2002 framework, O*NET-SOC 2006).
    PerkinsIvTable4,
    Cip,
    CipSoc,
    NaicsCodes,
    NaicsDescriptions,
    /// EP `occupation.xlsx`: Tables 1.2, 1.10, 1.9.
    EpOccupation,
    /// EP `industry.xlsx`: Tables 2.1, 2.2, 2.11.
    EpIndustry,
    /// One per-industry National Employment Matrix file (2022–32 layout).
    NemIndustry,
    /// The 2018–28 matrix extract's employment file.
    Nem2018Matrix,
    Nem2018Industries,
    Nem2018Occupations,
    OewsNational,
    OewsNatsector,
    OewsState,
}

impl Dataset {
    pub const ALL: &'static [Dataset] = &[
        Dataset::Soc,
        Dataset::OnetOccupationData,
        Dataset::OnetAlternateTitles,
        Dataset::OnetReportedTitles,
        Dataset::OnetInterests,
        Dataset::OnetJobZones,
        Dataset::OnetEducationTrainingExperience,
        Dataset::OnetEteCategories,
        Dataset::OnetSkills,
        Dataset::OnetKnowledge,
        Dataset::OnetTechnologySkills,
        Dataset::OnetTaskStatements,
        Dataset::OnetRelatedOccupations,
        Dataset::OnetCareerClusters,
        Dataset::PerkinsIvTable4,
        Dataset::Cip,
        Dataset::CipSoc,
        Dataset::NaicsCodes,
        Dataset::NaicsDescriptions,
        Dataset::EpOccupation,
        Dataset::EpIndustry,
        Dataset::NemIndustry,
        Dataset::Nem2018Matrix,
        Dataset::Nem2018Industries,
        Dataset::Nem2018Occupations,
        Dataset::OewsNational,
        Dataset::OewsNatsector,
        Dataset::OewsState,
    ];

    /// The name recorded in `sources.dataset`, e.g. `oews_national`.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Soc => "soc",
            Dataset::OnetOccupationData => "onet_occupation_data",
            Dataset::OnetAlternateTitles => "onet_alternate_titles",
            Dataset::OnetReportedTitles => "onet_reported_titles",
            Dataset::OnetInterests => "onet_interests",
            Dataset::OnetJobZones => "onet_job_zones",
            Dataset::OnetEducationTrainingExperience => "onet_ete",
            Dataset::OnetEteCategories => "onet_ete_categories",
            Dataset::OnetSkills => "onet_skills",
            Dataset::OnetKnowledge => "onet_knowledge",
            Dataset::OnetTechnologySkills => "onet_technology_skills",
            Dataset::OnetTaskStatements => "onet_task_statements",
            Dataset::OnetRelatedOccupations => "onet_related_occupations",
            Dataset::OnetCareerClusters => "onet_career_clusters",
            Dataset::PerkinsIvTable4 => "perkins_iv_table4",
            Dataset::Cip => "cip",
            Dataset::CipSoc => "cip_soc",
            Dataset::NaicsCodes => "naics_codes",
            Dataset::NaicsDescriptions => "naics_descriptions",
            Dataset::EpOccupation => "ep_occupation",
            Dataset::EpIndustry => "ep_industry",
            Dataset::NemIndustry => "nem_industry",
            Dataset::Nem2018Matrix => "nem_matrix",
            Dataset::Nem2018Industries => "nem_industries",
            Dataset::Nem2018Occupations => "nem_occupations",
            Dataset::OewsNational => "oews_national",
            Dataset::OewsNatsector => "oews_natsector",
            Dataset::OewsState => "oews_state",
        }
    }

    /// Whether the dataset is part of the O*NET database (its release is its vintage).
    pub fn is_onet(self) -> bool {
        matches!(
            self,
            Dataset::OnetOccupationData
                | Dataset::OnetAlternateTitles
                | Dataset::OnetReportedTitles
                | Dataset::OnetInterests
                | Dataset::OnetJobZones
                | Dataset::OnetEducationTrainingExperience
                | Dataset::OnetEteCategories
                | Dataset::OnetSkills
                | Dataset::OnetKnowledge
                | Dataset::OnetTechnologySkills
                | Dataset::OnetTaskStatements
                | Dataset::OnetRelatedOccupations
        )
    }
}

impl std::fmt::Display for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The file format a dataset was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xls,
    Csv,
    Tsv,
}

/// An official file found by [`discover`](crate::discover), and the dataset it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub path: PathBuf,
    /// The path relative to the directory searched.
    pub relative: PathBuf,
    pub size: u64,
    pub dataset: Dataset,
    pub format: Format,
    /// True for a form derived from the agency's file (a TSV of a workbook, a cleaned CSV),
    /// read only because the original is absent.
    pub derived: bool,
}

/// A file [`discover`](crate::discover) does not import, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub relative: PathBuf,
    pub reason: String,
}

/// What a directory holds: the files to import (one per dataset), and the files skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Discovery {
    pub found: Vec<Found>,
    pub skipped: Vec<Skipped>,
}

/// The rows of any dataset, as [`read`] returns them.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "rows", rename_all = "snake_case")]
pub enum Data {
    Soc(Vec<SocRecord>),
    OnetOccupations(Vec<OnetOccupation>),
    OnetAlternateTitles(Vec<AlternateTitle>),
    OnetReportedTitles(Vec<ReportedTitle>),
    OnetInterests(Vec<Interest>),
    OnetJobZones(Vec<JobZone>),
    OnetEte(Vec<EteValue>),
    OnetEteCategories(Vec<EteCategory>),
    /// Skills or knowledge, as the [`Loaded::dataset`] says.
    OnetRatings(Vec<ElementRating>),
    OnetTechnology(Vec<Technology>),
    OnetTasks(Vec<TaskStatement>),
    OnetRelated(Vec<RelatedOccupation>),
    /// 2002 framework assignments, from either file.
    Clusters2002(Vec<ClusterAssignment>),
    Cip(Vec<CipRecord>),
    CipSoc(CipSocCrosswalk),
    /// NAICS codes (descriptions when the dataset is `NaicsDescriptions`).
    Naics(Vec<NaicsRecord>),
    EpOccupation(EpOccupationTables),
    EpIndustry(Vec<IndustryOutput>),
    NemIndustry(NemIndustryFile),
    Nem2018Matrix(Nem2018<NemCell>),
    /// Industries or occupations, as the [`Loaded::dataset`] says.
    Nem2018List(Nem2018<NemListItem>),
    Oews(Vec<OewsRow>),
}

/// One file read: what it was, what is known about it, and its rows.
#[derive(Debug, Clone, Serialize)]
pub struct Loaded {
    pub dataset: Dataset,
    pub info: SourceInfo,
    pub data: Data,
}

/// Reads a file found by [`discover`](crate::discover) with the reader for its dataset.
pub fn read(found: &Found) -> Result<Loaded, ReadError> {
    read_dataset(found.dataset, &found.path)
}

/// Reads `path` as `dataset`.
pub fn read_dataset(dataset: Dataset, path: &Path) -> Result<Loaded, ReadError> {
    use crate::{cip, clusters2002, ep, naics, nem, oews, onet, soc};
    let t = |info: SourceInfo, data: Data| Loaded { dataset, info, data };
    Ok(match dataset {
        Dataset::Soc => {
            let r = soc::read_soc(path)?;
            t(r.info, Data::Soc(r.rows))
        }
        Dataset::OnetOccupationData => {
            let r = onet::read_occupations(path)?;
            t(r.info, Data::OnetOccupations(r.rows))
        }
        Dataset::OnetAlternateTitles => {
            let r = onet::read_alternate_titles(path)?;
            t(r.info, Data::OnetAlternateTitles(r.rows))
        }
        Dataset::OnetReportedTitles => {
            let r = onet::read_reported_titles(path)?;
            t(r.info, Data::OnetReportedTitles(r.rows))
        }
        Dataset::OnetInterests => {
            let r = onet::read_interests(path)?;
            t(r.info, Data::OnetInterests(r.rows))
        }
        Dataset::OnetJobZones => {
            let r = onet::read_job_zones(path)?;
            t(r.info, Data::OnetJobZones(r.rows))
        }
        Dataset::OnetEducationTrainingExperience => {
            let r = onet::read_ete(path)?;
            t(r.info, Data::OnetEte(r.rows))
        }
        Dataset::OnetEteCategories => {
            let r = onet::read_ete_categories(path)?;
            t(r.info, Data::OnetEteCategories(r.rows))
        }
        Dataset::OnetSkills | Dataset::OnetKnowledge => {
            let mut r = onet::read_element_ratings(path)?;
            r.info.reader =
                if dataset == Dataset::OnetSkills { "onet_skills/1" } else { "onet_knowledge/1" };
            t(r.info, Data::OnetRatings(r.rows))
        }
        Dataset::OnetTechnologySkills => {
            let r = onet::read_technology_skills(path)?;
            t(r.info, Data::OnetTechnology(r.rows))
        }
        Dataset::OnetTaskStatements => {
            let r = onet::read_task_statements(path)?;
            t(r.info, Data::OnetTasks(r.rows))
        }
        Dataset::OnetRelatedOccupations => {
            let r = onet::read_related_occupations(path)?;
            t(r.info, Data::OnetRelated(r.rows))
        }
        Dataset::OnetCareerClusters => {
            let r = clusters2002::read_onet_career_clusters(path)?;
            t(r.info, Data::Clusters2002(r.rows))
        }
        Dataset::PerkinsIvTable4 => {
            let r = clusters2002::read_perkins_table4(path)?;
            t(r.info, Data::Clusters2002(r.rows))
        }
        Dataset::Cip => {
            let r = cip::read_cip(path)?;
            t(r.info, Data::Cip(r.rows))
        }
        Dataset::CipSoc => {
            let (x, info) = cip::read_cip_soc(path)?;
            t(info, Data::CipSoc(x))
        }
        Dataset::NaicsCodes | Dataset::NaicsDescriptions => {
            let r = naics::read_naics(path)?;
            t(r.info, Data::Naics(r.rows))
        }
        Dataset::EpOccupation => {
            let (x, info) = ep::read_ep_occupation(path)?;
            t(info, Data::EpOccupation(x))
        }
        Dataset::EpIndustry => {
            let (x, info) = ep::read_ep_industry(path)?;
            t(info, Data::EpIndustry(x))
        }
        Dataset::NemIndustry => {
            let (x, info) = nem::read_nem_industry(path)?;
            t(info, Data::NemIndustry(x))
        }
        Dataset::Nem2018Matrix => {
            let (x, info) = nem::read_nem2018_matrix(path)?;
            t(info, Data::Nem2018Matrix(x))
        }
        Dataset::Nem2018Industries | Dataset::Nem2018Occupations => {
            let (x, info) = nem::read_nem2018_list(path, dataset == Dataset::Nem2018Occupations)?;
            t(info, Data::Nem2018List(x))
        }
        Dataset::OewsNational | Dataset::OewsNatsector | Dataset::OewsState => {
            let r = oews::read_oews(path)?;
            t(r.info, Data::Oews(r.rows))
        }
    })
}
