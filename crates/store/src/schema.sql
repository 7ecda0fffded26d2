-- The Trellis database: everything read from the official files, in one SQLite file.
--
-- Conventions
-- * Codes are stored in their canonical written form (SOC `15-1252`, O*NET-SOC `15-1252.00`,
--   CIP `51.3801`, NAICS `541511` or `31-33`), as the trellis-framework code types print them.
-- * Every table that holds data read from an official file has `source_id`, the row of
--   `sources` it came from, so that every figure can be traced back to its file.
-- * A BLS value that is not a number is never stored as 0: the value column is NULL and the
--   matching `*_status` column says why ('suppressed', 'top_coded', 'bottom_coded',
--   'not_available').
--   A status column is 'ok' when the value is present. For top-coded wages the value column
--   holds the top-code threshold (e.g. 239200), so `>= value` is what is known.
-- * Employment is stored in persons (BLS EP and matrix tables publish thousands; the reader
--   multiplies), wages in US dollars (annual unless the column says hourly).
-- * Vintages are explicit: `vintage` columns hold e.g. '2024-34' (projections), 'M2024'
--   (OEWS), '29.3' (O*NET), and SOC-coded tables from another SOC version say so in
--   `soc_version`.

PRAGMA foreign_keys = OFF;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
-- keys: schema_version, trellis_version, built_at (RFC 3339 UTC), data_dir

CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    path      TEXT NOT NULL,      -- as found under the import directory, relative to it
    file_name TEXT NOT NULL,
    size      INTEGER NOT NULL,   -- bytes
    sha256    TEXT NOT NULL,
    dataset   TEXT NOT NULL,      -- e.g. 'onet_occupation_data', 'oews_national', 'nem_industry'
    vintage   TEXT NOT NULL,      -- e.g. '29.3', 'M2024', '2024-34', '2018'
    reader    TEXT NOT NULL,      -- reader name and version, e.g. 'oews_xlsx/1'
    sheet     TEXT,               -- worksheet read, for spreadsheets
    rows      INTEGER NOT NULL,   -- data rows read
    warnings  TEXT NOT NULL DEFAULT '[]'  -- JSON array of strings
);

-- ---------------------------------------------------------------------------------------------
-- Classifications
-- ---------------------------------------------------------------------------------------------

CREATE TABLE soc (
    code       TEXT PRIMARY KEY,  -- SOC 2018
    level      TEXT NOT NULL CHECK (level IN ('major','minor','broad','detailed')),
    title      TEXT NOT NULL,
    definition TEXT,              -- detailed occupations only, as published
    parent     TEXT,              -- code one level up; NULL for major groups
    source_id  INTEGER NOT NULL
) WITHOUT ROWID;

-- Codes that appear in BLS tables but are not SOC 2018 detailed occupations: OEWS and EP
-- aggregates (e.g. 13-1020 'Buyers and Purchasing Agents', 15-1240), kept and mapped to the
-- detailed codes they stand for.
CREATE TABLE soc_aggregate (
    code      TEXT NOT NULL,      -- the aggregate code as published
    title     TEXT NOT NULL,
    detailed  TEXT NOT NULL,      -- one SOC 2018 detailed code it covers
    origin    TEXT NOT NULL,      -- 'oews', 'ep', 'nem'
    PRIMARY KEY (code, detailed, origin)
) WITHOUT ROWID;

CREATE TABLE onet_occupation (
    onet_soc    TEXT PRIMARY KEY,
    soc         TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    source_id   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX onet_occupation_soc ON onet_occupation (soc);

CREATE TABLE onet_alternate_title (
    onet_soc    TEXT NOT NULL,
    title       TEXT NOT NULL,
    short_title TEXT,
    sources     TEXT              -- O*NET 'Source(s)' codes, as text
);
CREATE INDEX onet_alternate_title_code ON onet_alternate_title (onet_soc);

CREATE TABLE onet_reported_title (
    onet_soc      TEXT NOT NULL,
    title         TEXT NOT NULL,
    shown_in_mnm  INTEGER NOT NULL  -- 'Shown in My Next Move' Y=1/N=0
);
CREATE INDEX onet_reported_title_code ON onet_reported_title (onet_soc);

CREATE TABLE onet_interest (      -- RIASEC occupational interests (scale OI) and high-points (IH)
    onet_soc     TEXT NOT NULL,
    element_id   TEXT NOT NULL,
    element_name TEXT NOT NULL,
    scale_id     TEXT NOT NULL,
    value        REAL NOT NULL,
    PRIMARY KEY (onet_soc, element_id, scale_id)
) WITHOUT ROWID;

CREATE TABLE onet_job_zone (
    onet_soc TEXT PRIMARY KEY,
    job_zone INTEGER NOT NULL CHECK (job_zone BETWEEN 1 AND 5)
) WITHOUT ROWID;

CREATE TABLE onet_ete (           -- Education, Training, and Experience category distributions
    onet_soc     TEXT NOT NULL,
    element_id   TEXT NOT NULL,
    element_name TEXT NOT NULL,
    scale_id     TEXT NOT NULL,   -- RL, RW, PT, OJ; IM (importance of a certification)
    category     INTEGER,         -- NULL on IM rows, which carry a 1-5 rating, not a share
    value        REAL NOT NULL    -- percent of respondents (IM: the rating)
);
CREATE INDEX onet_ete_code ON onet_ete (onet_soc, scale_id, category);

CREATE TABLE onet_ete_category (
    element_id  TEXT NOT NULL,
    scale_id    TEXT NOT NULL,
    category    INTEGER NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (scale_id, category)
) WITHOUT ROWID;

-- Skills and knowledge, importance (IM, 1-5) and level (LV, 0-7) side by side.
CREATE TABLE onet_skill (
    onet_soc     TEXT NOT NULL,
    element_id   TEXT NOT NULL,
    element_name TEXT NOT NULL,
    importance   REAL,
    level        REAL,
    PRIMARY KEY (onet_soc, element_id)
) WITHOUT ROWID;

CREATE TABLE onet_knowledge (
    onet_soc     TEXT NOT NULL,
    element_id   TEXT NOT NULL,
    element_name TEXT NOT NULL,
    importance   REAL,
    level        REAL,
    PRIMARY KEY (onet_soc, element_id)
) WITHOUT ROWID;

CREATE TABLE onet_technology (
    onet_soc        TEXT NOT NULL,
    example         TEXT NOT NULL,
    commodity_code  INTEGER NOT NULL,
    commodity_title TEXT NOT NULL,
    hot             INTEGER NOT NULL,  -- 'Hot Technology' Y=1
    in_demand       INTEGER NOT NULL   -- 'In Demand' Y=1
);
CREATE INDEX onet_technology_code ON onet_technology (onet_soc);

CREATE TABLE onet_task (
    onet_soc  TEXT NOT NULL,
    task_id   INTEGER NOT NULL,
    task      TEXT NOT NULL,
    task_type TEXT,               -- 'Core', 'Supplemental' or NULL
    PRIMARY KEY (onet_soc, task_id)
) WITHOUT ROWID;

CREATE TABLE onet_related (
    onet_soc         TEXT NOT NULL,
    related_onet_soc TEXT NOT NULL,
    tier             TEXT NOT NULL,   -- 'Primary-Short', 'Primary-Long', 'Supplemental'
    rank             INTEGER NOT NULL,
    PRIMARY KEY (onet_soc, related_onet_soc)
) WITHOUT ROWID;

-- The 2002 framework's occupation assignments, from O*NET's career-cluster export and the
-- Perkins IV crosswalk (the latter in O*NET-SOC 2006 codes; `code_version` says which).
CREATE TABLE cluster2002_occupation (
    onet_soc     TEXT NOT NULL,
    code_version TEXT NOT NULL,   -- 'onet-soc-2019' or 'onet-soc-2006'
    cluster_id   TEXT NOT NULL,   -- 2002 cluster id from the framework definitions
    pathway_id   TEXT,            -- 2002 pathway id, NULL when the file names none
    origin       TEXT NOT NULL,   -- 'onet_all_career_clusters' or 'perkins_iv_table4'
    source_id    INTEGER NOT NULL
);
CREATE INDEX cluster2002_occupation_code ON cluster2002_occupation (onet_soc);

CREATE TABLE cip (
    code             TEXT PRIMARY KEY,   -- CIP 2020
    level            TEXT NOT NULL CHECK (level IN ('series','group','program')),
    title            TEXT NOT NULL,      -- as published, trailing period removed
    definition       TEXT NOT NULL,
    action           TEXT,               -- NCES 2020 action ('No substantive changes', 'New', ...)
    cross_references TEXT,
    examples         TEXT,
    source_id        INTEGER NOT NULL
) WITHOUT ROWID;

-- NCES CIP 2020 - SOC 2018 crosswalk: only real pairs; the no-match rows (99.9999 / 99-9999)
-- are kept apart in `cip_soc_unmatched`.
CREATE TABLE cip_soc (
    cip       TEXT NOT NULL,
    soc       TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (cip, soc)
) WITHOUT ROWID;
CREATE INDEX cip_soc_soc ON cip_soc (soc);

CREATE TABLE cip_soc_unmatched (
    kind TEXT NOT NULL CHECK (kind IN ('cip','soc')),
    code TEXT NOT NULL,
    PRIMARY KEY (kind, code)
) WITHOUT ROWID;

CREATE TABLE naics (
    code        TEXT PRIMARY KEY,     -- NAICS 2022; range sectors as '31-33'
    level       TEXT NOT NULL,        -- sector, subsector, industry_group, industry, national_industry
    title       TEXT NOT NULL,        -- trailing 'T' footnote marker removed
    description TEXT,
    parent      TEXT,
    source_id   INTEGER NOT NULL
) WITHOUT ROWID;

-- ---------------------------------------------------------------------------------------------
-- BLS Employment Projections
-- ---------------------------------------------------------------------------------------------

-- Table 1.2 (+ Table 1.10 separations), one row per matrix occupation, line items and summaries.
CREATE TABLE ep_occupation (
    soc                 TEXT NOT NULL,   -- as published (line items are SOC 2018 detailed codes;
                                         -- summaries are major/minor/broad codes)
    vintage             TEXT NOT NULL,   -- '2024-34'
    title               TEXT NOT NULL,
    occ_type            TEXT NOT NULL CHECK (occ_type IN ('line_item','summary')),
    emp_base            REAL,            -- persons, base year
    emp_proj            REAL,            -- persons, projection year
    emp_change          REAL,
    emp_change_pct      REAL,
    self_employed_pct   REAL,
    openings            REAL,            -- annual average, persons
    median_wage         REAL,            -- annual, dollars
    median_wage_status  TEXT NOT NULL,   -- ok | top_coded | not_available
    education           TEXT,            -- 'Bachelor's degree', ...
    experience          TEXT,            -- 'None', 'Less than 5 years', '5 years or more'
    training            TEXT,            -- 'None', 'Short-term on-the-job training', ...
    labor_force_exit_rate REAL,          -- Table 1.10, percent
    occupational_transfer_rate REAL,
    separations_rate    REAL,
    labor_force_exits   REAL,            -- persons, annual average
    occupational_transfers REAL,
    separations         REAL,
    source_id           INTEGER NOT NULL,
    PRIMARY KEY (soc, vintage)
) WITHOUT ROWID;

-- Table 1.9: matrix industry codes and the NAICS codes they stand for.
CREATE TABLE ep_industry (
    code      TEXT NOT NULL,     -- matrix industry code, e.g. '541500', '3250A1', 'TE1000'
    vintage   TEXT NOT NULL,
    title     TEXT NOT NULL,
    ind_type  TEXT NOT NULL CHECK (ind_type IN ('line_item','summary')),
    naics     TEXT,              -- as published, e.g. '5415', '3251, 3259', '31-33'
    source_id INTEGER NOT NULL,
    PRIMARY KEY (code, vintage)
) WITHOUT ROWID;

-- Industry employment and output, EP industry tables 2.1/2.2 (sectors) and 2.11 (matrix industries).
CREATE TABLE ep_industry_output (
    code        TEXT NOT NULL,   -- matrix code for 2.11; NAICS sector as published for 2.1/2.2
    table_id    TEXT NOT NULL,   -- '2.1', '2.2', '2.11'
    vintage     TEXT NOT NULL,   -- '2023-33'
    title       TEXT NOT NULL,
    naics       TEXT,
    ind_type    TEXT,            -- line_item | summary (2.11)
    emp_past    REAL,            -- persons, ten years before base (2.1)
    emp_base    REAL,
    emp_proj    REAL,
    output_past REAL,            -- billions of chained dollars
    output_base REAL,
    output_proj REAL,
    source_id   INTEGER NOT NULL,
    PRIMARY KEY (code, table_id, vintage)
) WITHOUT ROWID;

-- National Employment Matrix: employment of an occupation in a matrix industry.
CREATE TABLE nem (
    vintage        TEXT NOT NULL,   -- '2022-32', '2018-28'
    soc_version    TEXT NOT NULL,   -- '2018', '2010'
    industry       TEXT NOT NULL,   -- matrix industry code
    soc            TEXT NOT NULL,
    occ_type       TEXT NOT NULL CHECK (occ_type IN ('line_item','summary')),
    emp_base       REAL,            -- persons
    emp_proj       REAL,
    pct_of_industry   REAL,
    pct_of_occupation REAL,
    source_id      INTEGER NOT NULL,
    PRIMARY KEY (vintage, industry, soc)
) WITHOUT ROWID;
-- No index by occupation: the matrix is read a whole vintage at a time (a key range), and an
-- index in occupation order would make such reads look up every row in the table.

CREATE TABLE nem_industry (        -- industries of a matrix vintage (2018-28 ships a list)
    vintage   TEXT NOT NULL,
    code      TEXT NOT NULL,
    title     TEXT NOT NULL,
    ind_type  TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (vintage, code)
) WITHOUT ROWID;

CREATE TABLE nem_occupation (      -- occupations of a matrix vintage (2018-28 ships a list)
    vintage     TEXT NOT NULL,
    soc_version TEXT NOT NULL,
    code        TEXT NOT NULL,     -- SOC code of that version
    title       TEXT NOT NULL,
    occ_type    TEXT NOT NULL CHECK (occ_type IN ('line_item','summary')),
    source_id   INTEGER NOT NULL,
    PRIMARY KEY (vintage, code)
) WITHOUT ROWID;

-- ---------------------------------------------------------------------------------------------
-- OEWS
-- ---------------------------------------------------------------------------------------------

-- One row per area x industry x occupation. National cross-industry: area_type 'national',
-- area 'US', naics '000000'. By sector: area_type 'national', naics the OEWS sector code as
-- published ('31-33' normalized, '99' for government). States: area_type 'state', area the
-- two-letter postal code, naics '000000'. BLS's state file also covers Puerto Rico, Guam and
-- the Virgin Islands: area_type 'territory'.
CREATE TABLE oews (
    vintage      TEXT NOT NULL,   -- 'M2024'
    area_type    TEXT NOT NULL CHECK (area_type IN ('national','state','territory')),
    area         TEXT NOT NULL,   -- 'US' or postal code ('CT'; territories 'PR', 'GU', 'VI')
    area_fips    TEXT,            -- '09'
    area_title   TEXT NOT NULL,
    naics        TEXT NOT NULL,
    soc          TEXT NOT NULL,   -- as published; may be an aggregate (see soc_aggregate)
    occ_title    TEXT,            -- OCC_TITLE as published
    o_group      TEXT NOT NULL,   -- total, major, minor, broad, detailed
    tot_emp      REAL,  tot_emp_status  TEXT NOT NULL,
    jobs_1000    REAL,
    loc_quotient REAL,
    a_mean       REAL,  a_mean_status   TEXT NOT NULL,
    a_pct10      REAL,  a_pct10_status  TEXT NOT NULL,
    a_pct25      REAL,  a_pct25_status  TEXT NOT NULL,
    a_median     REAL,  a_median_status TEXT NOT NULL,
    a_pct75      REAL,  a_pct75_status  TEXT NOT NULL,
    a_pct90      REAL,  a_pct90_status  TEXT NOT NULL,
    h_median     REAL,  h_median_status TEXT NOT NULL,
    annual_only  INTEGER NOT NULL DEFAULT 0,  -- ANNUAL = TRUE: only annual wages published
    source_id    INTEGER NOT NULL,
    -- OEWS publishes an aggregate that is a SOC broad code (13-1020) twice, as 'broad' and as
    -- 'detailed', with the same figures: o_group is part of the key.
    PRIMARY KEY (vintage, area, naics, soc, o_group)
) WITHOUT ROWID;
CREATE INDEX oews_soc ON oews (soc, vintage);
