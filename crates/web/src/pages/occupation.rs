//! The occupation page: profile, ladder, lattice, programs.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::cluster::{StateQuery, chosen_state};
use super::program::{AssignmentView, assignment_views};
use super::{Layout, PP, PQ, data_note, html, state_options};
use crate::api::soc_param;
use crate::app::AppState;
use crate::charts::{Bar, bars};
use crate::data::catalog::{Figure, Occupation, Status, Wages};
use crate::data::detail::OnetDetail;
use crate::error::{PageError, Problem};
use crate::format;

/// (measure, national value, state value, source)
type FigureRow = (String, String, String, String);

#[derive(Template)]
#[template(path = "occupation.html")]
struct OccupationPage {
    l: Layout,
    soc: String,
    title: String,
    definition: String,
    alt_titles: String,
    crumb_cluster: (String, String),
    crumb_sub: (String, String),
    data_note: String,
    clusters: Vec<AssignmentView>,
    states: Vec<(String, String, bool)>,
    state_name: String,
    figures: Vec<FigureRow>,
    notes: Vec<String>,
    wage_chart: String,
    ladder: Vec<(String, String, String)>,
    lattice: Vec<(String, String, String)>,
    programs: Vec<(String, String)>,
    tasks: Vec<String>,
    skills: Vec<String>,
    knowledge: Vec<String>,
    hot: Vec<String>,
    history: Vec<String>,
}

fn cluster_names(state: &AppState, o: &Occupation) -> String {
    let mut names: Vec<String> = Vec::new();
    for a in &o.assignments {
        if let Some(c) = state.fw.cluster(&a.cluster)
            && !names.contains(&c.name)
        {
            names.push(c.name.clone());
        }
    }
    names.join(", ")
}

fn ladder(state: &AppState, o: &Occupation) -> Vec<(String, String, String)> {
    let Some(sub) = o.primary().and_then(|a| a.sub_cluster.clone()) else { return Vec::new() };
    let my_zone = o.job_zone.unwrap_or(0);
    let my_wage = o.wages.as_ref().and_then(|w| w.median.value).unwrap_or(0.0);
    let mut v: Vec<&Occupation> = state
        .catalog
        .sub_cluster_occupations(&sub)
        .filter(|x| x.soc != o.soc)
        .filter(|x| x.job_zone.is_some_and(|z| z > my_zone))
        .filter(|x| x.wages.as_ref().and_then(|w| w.median.value).is_some_and(|w| w > my_wage))
        .collect();
    v.sort_by(|a, b| {
        a.job_zone.cmp(&b.job_zone).then_with(|| {
            let wa = a.wages.as_ref().and_then(|w| w.median.value).unwrap_or(0.0);
            let wb = b.wages.as_ref().and_then(|w| w.median.value).unwrap_or(0.0);
            wa.total_cmp(&wb)
        })
    });
    v.into_iter()
        .take(10)
        .map(|x| {
            let w = x.wages.as_ref().map(|w| format::wage(&w.median)).unwrap_or_default();
            (
                x.soc.clone(),
                x.title.clone(),
                format!("job zone {}, median {w}", x.job_zone.unwrap_or(0)),
            )
        })
        .collect()
}

fn figure_rows(
    state: &AppState,
    o: &Occupation,
    sw: Option<&Wages>,
) -> (Vec<FigureRow>, Vec<String>) {
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let oews = state.catalog.oews_vintage.clone().unwrap_or_default();
    let ep = state.catalog.ep_vintage.clone().unwrap_or_default();
    let nw = o.wages.as_ref();
    let w = |f: fn(&Wages) -> &Figure, fmt: fn(&Figure) -> String| {
        (
            nw.map(|x| fmt(f(x))).unwrap_or_else(|| "–".into()),
            sw.map(|x| fmt(f(x))).unwrap_or_else(|| "–".into()),
        )
    };
    let src = format!("BLS OEWS {oews}");
    for (label, get, fmt) in [
        (
            "Employment",
            (|x: &Wages| &x.employment) as fn(&Wages) -> &Figure,
            format::count as fn(&Figure) -> String,
        ),
        ("Annual wage, 10th percentile", |x: &Wages| &x.pct10, format::wage),
        ("Annual wage, 25th percentile", |x: &Wages| &x.pct25, format::wage),
        ("Annual wage, median", |x: &Wages| &x.median, format::wage),
        ("Annual wage, 75th percentile", |x: &Wages| &x.pct75, format::wage),
        ("Annual wage, 90th percentile", |x: &Wages| &x.pct90, format::wage),
    ] {
        let (a, b) = w(get, fmt);
        rows.push((label.to_owned(), a, b, src.clone()));
    }
    if let Some(lq) = sw.and_then(|x| x.location_quotient) {
        rows.push(("Location quotient".into(), "1.00".into(), format!("{lq:.2}"), src.clone()));
    }
    if let Some(agg) = nw.and_then(|x| x.via_aggregate.clone()) {
        notes.push(format!("OEWS publishes this occupation only within the aggregate {agg}; the wages shown are the aggregate's."));
    }
    if let Some(p) = &o.projections {
        let (base, proj) =
            ep.split_once('-').map_or(("base".to_owned(), "projected".to_owned()), |(a, b)| {
                (a.to_owned(), format!("{}{}", &a[..a.len().min(2)], b))
            });
        let src = format!("BLS Employment Projections {ep}");
        let na = "–".to_owned();
        rows.push((
            format!("Employment, {base}"),
            format::opt_int(p.employment_base),
            na.clone(),
            src.clone(),
        ));
        rows.push((
            format!("Employment, {proj}"),
            format::opt_int(p.employment_projected),
            na.clone(),
            src.clone(),
        ));
        rows.push((
            "Projected change".into(),
            format::pct_change(p.change_pct),
            na.clone(),
            src.clone(),
        ));
        rows.push(("Annual openings".into(), format::opt_int(p.openings), na.clone(), src.clone()));
        rows.push((
            "Median wage (projections table)".into(),
            format::wage(&p.median_wage),
            na.clone(),
            src.clone(),
        ));
        for (label, v) in [
            ("Typical entry education", &p.education),
            ("Work experience in a related occupation", &p.experience),
            ("Typical on-the-job training", &p.training),
        ] {
            rows.push((
                label.into(),
                v.clone().unwrap_or_else(|| "–".into()),
                na.clone(),
                src.clone(),
            ));
        }
        if sw.is_some() {
            notes.push(
                "Projections are national: BLS publishes no state projections in this database."
                    .into(),
            );
        }
    }
    if let Some(z) = o.job_zone {
        rows.push(("O*NET job zone (1–5)".into(), z.to_string(), "–".into(), "O*NET".into()));
    }
    if nw.is_some_and(|x| x.median.status == Status::TopCoded) {
        notes.push("“≥” marks a top-coded wage: BLS publishes only that the figure is at least this amount.".into());
    }
    (rows, notes)
}

fn wage_chart(o: &Occupation, sw: Option<&Wages>, state_name: &str) -> String {
    let Some(nw) = &o.wages else { return String::new() };
    let pts = |w: &Wages| [w.pct10, w.pct25, w.median, w.pct75, w.pct90];
    let labels =
        ["10th percentile", "25th percentile", "Median", "75th percentile", "90th percentile"];
    let n = pts(nw);
    let s = sw.map(pts);
    if n.iter().all(|f| f.value.is_none()) {
        return String::new();
    }
    let b: Vec<Bar> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| Bar {
            label: (*l).to_owned(),
            value: n[i].value.unwrap_or(0.0),
            second: s.map(|s| s[i].value.unwrap_or(0.0)),
            text: match s {
                Some(s) => format!("{} / {}", format::wage(&n[i]), format::wage(&s[i])),
                None => format::wage(&n[i]),
            },
        })
        .collect();
    bars(
        "wages",
        "Annual wage distribution",
        "Annual wages at the 10th, 25th, 50th, 75th and 90th percentiles (OEWS).",
        &b,
        s.map(|_| ("United States", state_name)),
    )
}

pub async fn page(
    State(state): State<AppState>,
    PP(soc): PP<String>,
    PQ(q): PQ<StateQuery>,
) -> Result<Response, PageError> {
    if !state.catalog.loaded {
        return Err(Problem::unavailable(data_note(&state)).into());
    }
    let code = soc_param(&soc)?;
    let o = state.catalog.occupation(&code).ok_or_else(|| {
        Problem::not_found(format!("There is no detailed SOC 2018 occupation {code}."))
    })?;
    let chosen = chosen_state(&state, q.state.as_deref())?;
    let st = chosen.as_ref().map(|(c, _)| c.clone());
    let state_name = st
        .as_deref()
        .and_then(|x| state.states.state(x))
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let sw = chosen.as_ref().and_then(|(_, w)| w.get(&code).cloned());
    let detail = {
        let st2 = state.clone();
        let c2 = code.clone();
        tokio::task::spawn_blocking(move || match &st2.db {
            Some(db) => crate::data::detail::onet_detail(db, &c2),
            None => Ok(OnetDetail::default()),
        })
        .await
        .map_err(Problem::internal)?
        .map_err(Problem::from)?
    };
    let (figures, notes) = figure_rows(&state, o, sw.as_ref());
    let lattice = detail
        .related
        .iter()
        .filter_map(|s| state.catalog.occupation(s))
        .map(|x| (x.soc.clone(), x.title.clone(), cluster_names(&state, x)))
        .collect();
    let primary = o.primary();
    let crumb_cluster = primary
        .and_then(|a| state.fw.cluster(&a.cluster))
        .map(|c| (c.id.clone(), c.name.clone()))
        .unwrap_or_default();
    let crumb_sub = primary
        .and_then(|a| a.sub_cluster.as_deref())
        .and_then(|s| state.fw.sub_cluster(s))
        .map(|s| (s.id.clone(), s.name.clone()))
        .unwrap_or_default();
    let history = o
        .clusters_2002
        .iter()
        .map(|(c, p)| {
            let cn = state.fw.cluster_2002(c).map(|x| x.name.clone()).unwrap_or_else(|| c.clone());
            match p.as_deref().and_then(|p| state.fw.pathway_2002(p)) {
                Some(pw) => format!("{cn} › {}", pw.name),
                None => cn,
            }
        })
        .collect();
    html(&OccupationPage {
        l: Layout::new(format!("{} ({})", o.title, o.soc), "clusters"),
        soc: o.soc.clone(),
        title: o.title.clone(),
        definition: o.definition.clone().unwrap_or_default(),
        alt_titles: detail.alternate_titles.join("; "),
        crumb_cluster,
        crumb_sub,
        data_note: data_note(&state),
        clusters: assignment_views(&state, &o.assignments),
        states: state_options(&state, st.as_deref()),
        wage_chart: wage_chart(o, sw.as_ref(), &state_name),
        state_name,
        figures,
        notes,
        ladder: ladder(&state, o),
        lattice,
        programs: o
            .programs
            .iter()
            .map(|c| {
                (c.clone(), state.catalog.program(c).map(|p| p.title.clone()).unwrap_or_default())
            })
            .collect(),
        tasks: detail.tasks,
        skills: detail.skills.into_iter().map(|r| r.name).collect(),
        knowledge: detail.knowledge.into_iter().map(|r| r.name).collect(),
        hot: detail.hot_technologies,
        history,
    })
}
