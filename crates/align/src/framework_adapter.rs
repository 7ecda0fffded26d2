//! The taxonomy from `trellis-framework`: ids, canonical names, the seed's sample occupations.

use trellis_framework::Framework;

use crate::taxonomy::{Framework2002, Taxonomy};

pub(crate) fn taxonomy() -> Taxonomy {
    let fw = Framework::builtin();
    let mut t = Taxonomy::default();
    for c in &fw.clusters {
        let i = t.add_cluster(&c.id, &c.name, c.cross_cutting);
        let content = &c.content;
        t.clusters[i].sample_occupations = content
            .sample_occupations
            .iter()
            .chain(&content.emerging_occupations)
            .cloned()
            .collect();
        for s in fw.sub_clusters.iter().filter(|s| s.cluster == c.id) {
            t.add_sub_cluster(i, &s.id, &s.name);
        }
    }
    let mut f = Framework2002::default();
    for c in &fw.clusters_2002 {
        f.clusters.insert(c.id.clone(), c.name.clone());
    }
    for p in &fw.pathways_2002 {
        f.pathways.insert(p.id.clone(), (p.name.clone(), p.cluster.clone()));
    }
    t.framework_2002 = f;
    t
}
