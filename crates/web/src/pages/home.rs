//! The home page with the framework wheel, and the list of clusters.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Layout, data_note, html};
use crate::app::AppState;
use crate::error::PageError;
use crate::wheel::{WheelCluster, WheelGroup, wheel};

pub struct GroupView {
    pub id: String,
    pub name: String,
    pub cross_cutting: bool,
    pub clusters: Vec<ClusterItem>,
}

pub struct ClusterItem {
    pub id: String,
    pub name: String,
    pub caption: String,
    pub subs: Vec<(String, String)>,
}

fn groups(state: &AppState) -> Vec<GroupView> {
    let fw = state.fw;
    let mut v: Vec<GroupView> = fw
        .groupings
        .iter()
        .map(|g| GroupView {
            id: g.id.clone(),
            name: g.name.clone(),
            cross_cutting: g.cross_cutting,
            clusters: fw
                .clusters_in(&g.id)
                .map(|c| ClusterItem {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    caption: c.caption.clone(),
                    subs: fw
                        .sub_clusters_of(&c.id)
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    // The cross-cutting grouping last: it wraps the others.
    v.sort_by_key(|g| g.cross_cutting);
    v
}

fn to_wheel(g: &GroupView) -> WheelGroup<'_> {
    WheelGroup {
        id: &g.id,
        name: &g.name,
        clusters: g
            .clusters
            .iter()
            .map(|c| WheelCluster { id: &c.id, name: &c.name, caption: &c.caption })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    l: Layout,
    wheel: String,
    groups: Vec<GroupView>,
    practices: Vec<String>,
    data_note: String,
}

pub async fn home(State(state): State<AppState>) -> Result<Response, PageError> {
    let groups = groups(&state);
    let inner: Vec<WheelGroup<'_>> =
        groups.iter().filter(|g| !g.cross_cutting).map(to_wheel).collect();
    let cross = groups.iter().find(|g| g.cross_cutting).map(to_wheel).unwrap_or(WheelGroup {
        id: "",
        name: "",
        clusters: Vec::new(),
    });
    let svg = wheel(&inner, &cross);
    let mut l = Layout::new("The National Career Clusters Framework", "home");
    l.description = "Explore the 14 Career Clusters, 72 Sub-Clusters and their occupations, wages, openings and programs of study.".into();
    let note = if state.catalog.loaded { String::new() } else { data_note(&state) };
    html(&Home {
        l,
        wheel: svg,
        practices: state.fw.career_ready_practices.clone(),
        groups,
        data_note: note,
    })
}

#[derive(Template)]
#[template(path = "clusters.html")]
struct Clusters {
    l: Layout,
    groups: Vec<GroupView>,
}

pub async fn clusters(State(state): State<AppState>) -> Result<Response, PageError> {
    html(&Clusters { l: Layout::new("Career Clusters", "clusters"), groups: groups(&state) })
}
