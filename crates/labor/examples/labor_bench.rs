//! Benchmark: every state's HSHWID list and LQ table from one in-memory snapshot.
//!
//! ```sh
//! cargo run --release -p trellis-labor --example labor_bench -- trellis.sqlite [rounds]
//! ```
//!
//! Prints the time to load the snapshot from SQLite, the time to compute all state HSHWID
//! lists (Connecticut's definitions applied to every state) and all LQ tables (target: under
//! 1 s together), and a baseline in the same run: the per-state cluster employment the LQ
//! tables need, computed instead by one SQL `GROUP BY` query per state.

use std::path::PathBuf;
use std::time::Instant;

use trellis_labor::{Area, LaborData, hshwid, region};

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), so that the
/// figures mean something on a machine shared with other work; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse::<f64>().ok().map(|ns| ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(args.next().ok_or("usage: labor_bench DATABASE [rounds]")?);
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);

    let t = Instant::now();
    let data = LaborData::open(&db)?;
    let load = t.elapsed();
    let fw = trellis_framework::Framework::builtin();
    let defs = fw
        .state("CT")
        .and_then(|s| s.hshwid.as_ref())
        .ok_or("the CT profile has no HSHWID definitions")?;
    let states: Vec<usize> =
        (0..data.states.len()).filter(|&i| data.states[i].rows() > 0).collect();

    let mut best_hshwid = f64::MAX;
    let mut best_lq = f64::MAX;
    let (mut cpu_hshwid, mut cpu_lq) = (f64::MAX, f64::MAX);
    let mut check = 0usize;
    for _ in 0..rounds {
        let (t, c) = (Instant::now(), cpu_seconds());
        for &si in &states {
            let list = hshwid::evaluate(&data, Area::State(si), defs, None)?;
            check += list.rows.iter().filter(|r| r.all_three() == Some(true)).count();
        }
        best_hshwid = best_hshwid.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            cpu_hshwid = cpu_hshwid.min(b - a);
        }
        let (t, c) = (Instant::now(), cpu_seconds());
        let tables = region::region_all(&data, Default::default());
        check += tables.iter().map(|t| t.specialized.len()).sum::<usize>();
        best_lq = best_lq.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            cpu_lq = cpu_lq.min(b - a);
        }
    }

    // Baseline: the cluster employment of every state by SQL, one query per state.
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let build: i64 = conn.query_row(
        "SELECT id FROM crosswalk_build WHERE is_current = 1 ORDER BY id DESC LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let mut best_sql = f64::MAX;
    let mut cpu_sql = f64::MAX;
    for _ in 0..rounds.min(3) {
        let (t, c) = (Instant::now(), cpu_seconds());
        let mut st = conn.prepare(
            "SELECT x.cluster_id, SUM(o.tot_emp) FROM oews o
             JOIN xw_occupation x ON x.soc = o.soc AND x.build_id = ?2 AND x.is_primary = 1
             WHERE o.area = ?1 AND o.naics = '000000' AND o.tot_emp IS NOT NULL
             GROUP BY x.cluster_id",
        )?;
        for &si in &states {
            let rows = st.query_map(rusqlite::params![data.states[si].code, build], |r| {
                r.get::<_, f64>(1)
            })?;
            check += rows.count();
        }
        best_sql = best_sql.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            cpu_sql = cpu_sql.min(b - a);
        }
    }

    let total = best_hshwid + best_lq;
    println!("states: {}", states.len());
    println!("load snapshot from SQLite: {:.1} ms", load.as_secs_f64() * 1e3);
    println!("{} HSHWID lists: {:.1} ms (best of {rounds})", states.len(), best_hshwid * 1e3);
    println!(
        "{} LQ tables (clusters and sub-clusters): {:.1} ms (best of {rounds})",
        states.len(),
        best_lq * 1e3
    );
    println!(
        "HSHWID + LQ total: {:.1} ms (target < 1000 ms): {}",
        total * 1e3,
        if total < 1.0 { "met" } else { "NOT met" }
    );
    println!(
        "baseline, cluster employment by one SQL query per state: {:.1} ms; in-memory LQ tables are {:.1}x faster",
        best_sql * 1e3,
        best_sql / best_lq
    );
    if cpu_hshwid < f64::MAX {
        // The scheduler's counter advances in ticks: intervals under a few ms read as 0.
        let lq =
            if cpu_lq >= 0.005 { format!("{:.1} ms", cpu_lq * 1e3) } else { "< 5 ms".to_string() };
        println!(
            "CPU time of this thread (immune to other load on the machine): HSHWID {:.1} ms, LQ {lq}; SQL baseline {:.1} ms",
            cpu_hshwid * 1e3,
            cpu_sql * 1e3,
        );
    }
    println!("(checksum {check})");
    Ok(())
}
