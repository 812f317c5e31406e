//! `chunjiang report`: one row per week across the plan, and one per owner.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::{Exit, Session, write_json};
use crate::cli::ReportBy;
use crate::report::week;
use crate::state::evaluate;

pub fn run(s: &Session, by: Option<ReportBy>, out: &mut dyn Write) -> Result<Exit> {
    let history = s.history(s.week_ends())?;
    let show_weeks = by != Some(ReportBy::Owner);
    let show_owners = by != Some(ReportBy::Week);
    let weeks = if show_weeks {
        week::weeks(&s.plan, &history, s.today)
    } else {
        Vec::new()
    };
    let owners = if show_owners {
        let now = evaluate(&s.plan, &history.as_of(&s.plan, s.today), s.today);
        week::owners(&s.plan, &now)
    } else {
        Vec::new()
    };
    if s.json {
        let mut value = Map::new();
        if show_weeks {
            let rows: Vec<Value> = weeks
                .iter()
                .map(|w| {
                    json!({"week": w.label, "from": w.from, "to": w.to, "due": w.totals.due,
                           "done": w.totals.done, "done_late": w.totals.done_late, "overdue": w.totals.overdue})
                })
                .collect();
            value.insert("weeks".into(), Value::Array(rows));
        }
        if show_owners {
            value.insert("owners".into(), serde_json::to_value(&owners)?);
        }
        return write_json(out, &value).map(|()| Exit::Ok);
    }
    if show_weeks {
        out.write_all(week::weeks_table(&weeks, &s.out).as_bytes())?;
    }
    if show_owners {
        if show_weeks {
            writeln!(out)?;
        }
        out.write_all(week::owners_table(&owners, &s.out).as_bytes())?;
    }
    Ok(Exit::Ok)
}
