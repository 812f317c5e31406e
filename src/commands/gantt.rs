//! `chunjiang gantt`: the plan as a timeline in the terminal.

use std::io::Write;

use anyhow::Result;

use super::{Exit, Session, write_json};
use crate::report::gantt::{self, Chart};
use crate::report::item;

/// `gantt --json`: the span shown and its rows.
#[derive(serde::Serialize)]
struct Json<'a> {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    today: chrono::NaiveDate,
    rows: Vec<item::ItemJson<'a>>,
}

pub fn run(
    s: &Session,
    from: Option<&str>,
    to: Option<&str>,
    owner: Option<&str>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let statuses = s.statuses(&s.history(crate::state::Asked::Latest)?);
    let owner = s.owner(owner)?;
    let plan = &s.plan;
    let rows = gantt::rows(plan, owner);
    let Some((first, last)) = gantt::span(plan, &statuses, &rows) else {
        return Ok(Exit::Ok);
    };
    // `--from 10月` is from October 1st, `--to 10月` to October 31st.
    let from = match from {
        Some(d) => {
            let w = s.window_arg(d, "--from")?;
            w.start.unwrap_or(w.due)
        }
        None => first,
    };
    let to = match to {
        Some(d) => s.window_arg(d, "--to")?.due,
        None => last,
    };
    if to < from {
        return Err(crate::error::Error::new(crate::error::Kind::ToBeforeFrom {
            from: from.to_string(),
            to: to.to_string(),
        })
        .into());
    }
    if s.json {
        let json = Json {
            from,
            to,
            today: s.today,
            rows: rows
                .iter()
                .map(|&i| item::json(plan, &statuses[i]))
                .collect(),
        };
        return write_json(out, &json).map(|()| Exit::Ok);
    }
    let chart = Chart {
        plan,
        statuses: &statuses,
        rows,
        from,
        to,
        today: s.today,
    };
    out.write_all(gantt::render(&chart, &s.out).as_bytes())?;
    Ok(Exit::Ok)
}
