//! The clusters and sub-clusters the crosswalk assigns to, with their ids and names.

use std::collections::BTreeMap;

use crate::text::name_key;

/// One 2024 cluster.
#[derive(Debug, Clone)]
pub struct ClusterDef {
    pub id: String,
    pub name: String,
    pub cross_cutting: bool,
    /// Indexes into [`Taxonomy::sub_clusters`].
    pub sub_clusters: Vec<usize>,
    /// The seed's sample and emerging occupations of this cluster (003 appendix).
    pub sample_occupations: Vec<String>,
}

/// One 2024 sub-cluster.
#[derive(Debug, Clone)]
pub struct SubClusterDef {
    pub id: String,
    pub name: String,
    /// Index into [`Taxonomy::clusters`].
    pub cluster: usize,
}

/// The 2002 framework's clusters and pathways, by id, for reading `cluster2002_occupation`.
#[derive(Debug, Clone, Default)]
pub struct Framework2002 {
    /// id -> name
    pub clusters: BTreeMap<String, String>,
    /// id -> (name, cluster id)
    pub pathways: BTreeMap<String, (String, String)>,
}

/// The 2024 clusters and sub-clusters in display order, plus the 2002 names.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub clusters: Vec<ClusterDef>,
    pub sub_clusters: Vec<SubClusterDef>,
    pub framework_2002: Framework2002,
}

impl Taxonomy {
    /// Adds a cluster and returns its index.
    pub fn add_cluster(&mut self, id: &str, name: &str, cross_cutting: bool) -> usize {
        self.clusters.push(ClusterDef {
            id: id.to_string(),
            name: name.to_string(),
            cross_cutting,
            sub_clusters: Vec::new(),
            sample_occupations: Vec::new(),
        });
        self.clusters.len() - 1
    }

    /// Adds a sub-cluster to cluster `cluster` and returns its index.
    pub fn add_sub_cluster(&mut self, cluster: usize, id: &str, name: &str) -> usize {
        self.sub_clusters.push(SubClusterDef {
            id: id.to_string(),
            name: name.to_string(),
            cluster,
        });
        let i = self.sub_clusters.len() - 1;
        self.clusters[cluster].sub_clusters.push(i);
        i
    }

    /// The cluster named `name` (any spelling the name key ignores) or with id `name`.
    pub fn cluster(&self, name: &str) -> Option<usize> {
        let key = name_key(name);
        self.clusters.iter().position(|c| c.id == name || name_key(&c.name) == key)
    }

    /// The sub-cluster of cluster `cluster` named `name`.
    pub fn sub_cluster(&self, cluster: usize, name: &str) -> Option<usize> {
        let key = name_key(name);
        self.clusters[cluster].sub_clusters.iter().copied().find(|&s| {
            self.sub_clusters[s].id == name || name_key(&self.sub_clusters[s].name) == key
        })
    }

    /// The cluster with id `id`.
    pub fn cluster_by_id(&self, id: &str) -> Option<usize> {
        self.clusters.iter().position(|c| c.id == id)
    }

    /// The sub-cluster with id `id`.
    pub fn sub_cluster_by_id(&self, id: &str) -> Option<usize> {
        self.sub_clusters.iter().position(|s| s.id == id)
    }

    /// The framework as Trellis defines it (crate `trellis-framework`).
    pub fn framework() -> Taxonomy {
        crate::framework_adapter::taxonomy()
    }
}
