//! Every cluster and pathway name in the official career cluster files resolves: O*NET
//! OnLine's "All Career Clusters" export and the Perkins IV crosswalk table. The data import
//! relies on this. Needs `TRELLIS_TEST_DATA` (the directory of the official files).

use std::path::PathBuf;

use trellis_framework::Framework;

fn data_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("TRELLIS_TEST_DATA") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("SKIPPED: {test} needs TRELLIS_TEST_DATA");
            None
        }
    }
}

#[test]
fn onet_all_career_clusters_names_resolve() {
    let Some(dir) = data_dir("onet_all_career_clusters_names_resolve") else { return };
    let path = dir.join("onet/career_clusters/All_Career_Clusters.csv");
    let mut rdr = csv::Reader::from_path(&path).expect("All_Career_Clusters.csv opens");
    let fw = Framework::builtin();
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        // A row of two clusters lists both, and both pathways, joined by "; ".
        let clusters: Vec<&str> = rec[0].split("; ").collect();
        let pathways: Vec<&str> = rec[1].split("; ").collect();
        assert_eq!(clusters.len(), pathways.len(), "{rec:?}");
        for (c, p) in clusters.iter().zip(&pathways) {
            let cluster = fw
                .resolve_cluster_2002(c)
                .unwrap_or_else(|| panic!("cluster {c:?} does not resolve"));
            assert!(
                fw.resolve_pathway_2002(&cluster.id, p).is_some(),
                "pathway {p:?} does not resolve within {}",
                cluster.id
            );
        }
        rows += 1;
    }
    assert!(rows > 1000, "read {rows} rows");
}

#[test]
fn perkins_iv_names_and_codes_resolve() {
    let Some(dir) = data_dir("perkins_iv_names_and_codes_resolve") else { return };
    let path = dir.join("onet/career_clusters/Perkins_IV_Crosswalk_Table_4_ONETs_in_Pathways.tsv");
    let text = std::fs::read_to_string(&path).expect("the Perkins IV table opens");
    let fw = Framework::builtin();
    let mut rows = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (pathway_code, pathway_title, cluster_code, cluster_title) = (f[2], f[3], f[4], f[5]);
        let cluster = fw
            .resolve_cluster_2002(cluster_title)
            .unwrap_or_else(|| panic!("cluster {cluster_title:?} does not resolve"));
        assert_eq!(fw.cluster_2002_by_perkins_iv(cluster_code).map(|c| &c.id), Some(&cluster.id));
        let placed = fw.perkins_iv(pathway_code).unwrap_or_else(|| panic!("code {pathway_code}"));
        assert_eq!(placed.cluster.id, cluster.id, "{line}");
        if !pathway_title.is_empty() {
            let by_name = fw
                .resolve_in_cluster_2002(&cluster.id, pathway_title)
                .unwrap_or_else(|| panic!("{pathway_title:?} does not resolve in {}", cluster.id));
            let by_code =
                placed.pathway.map(|p| p.id.as_str()).or(placed.unmatched.map(|h| h.id.as_str()));
            assert_eq!(Some(by_name.id()), by_code, "{line}");
        }
        rows += 1;
    }
    assert!(rows > 1100, "read {rows} rows");
}
