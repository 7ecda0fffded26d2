-- Crosswalk tables, written by `trellis crosswalk build` (and by `trellis data import`, which
-- runs the default build inside the same atomic database build). Framework ids are the slugs
-- of the framework definitions (crates/framework/data).

CREATE TABLE IF NOT EXISTS crosswalk_build (
    id             INTEGER PRIMARY KEY,
    created_at     TEXT NOT NULL,    -- RFC 3339 UTC
    label          TEXT,             -- free text, e.g. 'default', 'CT overrides'
    inputs_sha256  TEXT NOT NULL,    -- sha256 over the sha256 of every input source
    params_json    TEXT NOT NULL,
    overrides_json TEXT NOT NULL DEFAULT '[]',
    is_current     INTEGER NOT NULL DEFAULT 0  -- the build queries use by default
);

-- One row per occupation x (cluster, sub-cluster) assignment.
CREATE TABLE IF NOT EXISTS xw_occupation (
    build_id          INTEGER NOT NULL,
    soc               TEXT NOT NULL,     -- SOC 2018 detailed
    cluster_id        TEXT NOT NULL,
    sub_cluster_id    TEXT,              -- NULL when no sub-cluster could be given
    is_primary        INTEGER NOT NULL,  -- 1 for the one primary assignment of the code
    rank              INTEGER NOT NULL,  -- 1 = primary, then by score
    score             REAL NOT NULL,     -- 0..1
    cluster_share     REAL,              -- share of the occupation's employment in the cluster's sectors
    interdisciplinary INTEGER NOT NULL,  -- the occupation holds a material share in 2+ clusters
    overridden        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (build_id, soc, cluster_id, sub_cluster_id)
);
CREATE INDEX IF NOT EXISTS xw_occupation_cluster ON xw_occupation (build_id, cluster_id, sub_cluster_id);

-- The evidence behind each occupation's assignment, as JSON (sector shares, rules fired,
-- sub-cluster scores), for `crosswalk explain` and the web pages.
CREATE TABLE IF NOT EXISTS xw_occupation_evidence (
    build_id INTEGER NOT NULL,
    soc      TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (build_id, soc)
);

CREATE TABLE IF NOT EXISTS xw_program (
    build_id          INTEGER NOT NULL,
    cip               TEXT NOT NULL,
    cluster_id        TEXT NOT NULL,
    sub_cluster_id    TEXT,
    is_primary        INTEGER NOT NULL,
    rank              INTEGER NOT NULL,
    score             REAL NOT NULL,     -- employment-weighted share of the program's occupations
    interdisciplinary INTEGER NOT NULL,
    overridden        INTEGER NOT NULL DEFAULT 0,  -- pinned by the build's overrides file
    PRIMARY KEY (build_id, cip, cluster_id, sub_cluster_id)
);

CREATE TABLE IF NOT EXISTS xw_industry (
    build_id       INTEGER NOT NULL,
    naics          TEXT NOT NULL,        -- 2-digit sector for clusters, 3-digit subsector for sub-clusters
    cluster_id     TEXT NOT NULL,
    sub_cluster_id TEXT,
    PRIMARY KEY (build_id, naics, cluster_id, sub_cluster_id)
);

-- 2002 pathway -> 2024 sub-cluster, weighted by the employment of shared occupations.
CREATE TABLE IF NOT EXISTS xw_pathway (
    build_id       INTEGER NOT NULL,
    pathway_id     TEXT NOT NULL,        -- 2002 pathway id
    sub_cluster_id TEXT NOT NULL,
    share          REAL NOT NULL,        -- of the pathway's employment, 0..1
    employment     REAL NOT NULL,
    occupations    INTEGER NOT NULL,
    PRIMARY KEY (build_id, pathway_id, sub_cluster_id)
);
