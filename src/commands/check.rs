//! `chunjiang check`: validates the plan and the ledger. Plan problems stop the command
//! with every one of them listed; ledger problems are listed here with their line.
//!
//! It also warns, without failing, about dates that are probably slips: a date written in
//! the plan (`when`, `due`) that falls on an official day off or on one of the plan's own
//! `[calendar]` holidays, and working-day counts through years the official calendar does
//! not know. Plain weekends are not warned about here: schedules often end on a Saturday
//! on purpose (the seed plan's step 2 does), and a warning every run would teach people
//! to ignore warnings; `status`, `list` and `show` still flag them in their remarks.
//! Relative dues are not checked for days off: they move with the ledger.

use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::{Env, Exit, Session, write_json};
use crate::calendar::DayOff;
use crate::cli::Global;
use crate::ledger;
use crate::plan::{Due, ItemKind};
use crate::state::Status;

pub fn run(g: &Global, env: &Env, out: &mut dyn Write) -> Result<Exit> {
    let s = match Session::open(g, env) {
        Ok(s) => s,
        Err(e) if g.json => {
            let Some(problems) = e.downcast_ref::<crate::plan::Problems>() else {
                return Err(e);
            };
            write_json(
                out,
                &json!({ "plan": g.plan, "errors": problems.to_json(), "warnings": [] }),
            )?;
            return Ok(Exit::Problems);
        }
        Err(e) => return Err(e),
    };
    let ledger = ledger::read_file(&s.ledger_path)?;
    let lpath = s.ledger_path.display().to_string();
    let mut errors: Vec<String> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    for p in &ledger.problems {
        let text = format!("ledger `{lpath}`: {p}");
        if p.blocks_writes() {
            errors.push(text);
        } else {
            warnings.push(text);
        }
    }
    let mut unknown: Vec<&str> = Vec::new();
    for e in &ledger.events {
        if s.plan.find(&e.step).is_none() && !unknown.contains(&e.step.as_str()) {
            unknown.push(&e.step);
        }
    }
    let future = ledger
        .events
        .iter()
        .filter(|e| e.at > s.now + chrono::Duration::days(1))
        .count();
    if future > 0 {
        warnings.push(format!(
            "ledger `{lpath}`: {} recorded more than a day after now (a wrong clock?); they are kept and replayed in their order",
            counted(future, "event")
        ));
    }
    let later: Vec<u32> = ledger
        .events
        .iter()
        .map(|e| e.v)
        .filter(|&v| v != 1)
        .collect();
    if let Some(v) = later.iter().max() {
        warnings.push(format!(
            "ledger `{lpath}`: {} of a later format (up to v{v}) are kept but not read; a newer chunjiang understands them",
            counted(later.len(), "event")
        ));
    }
    for id in &unknown {
        warnings.push(format!(
            "ledger `{lpath}`: events for `{}`, which the plan no longer has (the plan changed?); they are kept and ignored",
            crate::text::escape_control(id)
        ));
    }
    let statuses = s.statuses(&s.history_of(&ledger));
    warnings.extend(crate::report::explain::unknown_years_warning(
        &crate::state::unknown_years(&statuses),
    ));
    warnings.extend(days_off(&s, &statuses));
    let steps = s
        .plan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Step)
        .count();
    let tasks = s.plan.items.len() - steps;
    if s.json {
        let value = json!({
            "plan": s.plan_path, "ledger": s.ledger_path, "steps": steps, "tasks": tasks,
            "events": ledger.events.len(), "errors": errors, "warnings": warnings,
        });
        write_json(out, &value)?;
    } else {
        for e in &errors {
            let _ = writeln!(std::io::stderr(), "error: {e}");
        }
        for w in &warnings {
            super::warn(w);
        }
        if !errors.is_empty() {
            let _ = writeln!(
                std::io::stderr(),
                "hint: fix the lines named above by hand (keep every record), then run `chunjiang check` again"
            );
        }
        let verdict = if errors.is_empty() {
            "ok"
        } else {
            "problems found"
        };
        writeln!(
            out,
            "{}: {}, {}; {lpath}: {} — {verdict}",
            s.plan_path.display(),
            counted(steps, "step"),
            counted(tasks, "task"),
            counted(ledger.events.len(), "event"),
        )?;
    }
    Ok(if errors.is_empty() {
        Exit::Ok
    } else {
        Exit::Problems
    })
}

/// A warning for each date written in the plan that falls on an official day off or a
/// local one: `plan.toml:31: step 2 is due 2014-06-02, Dragon Boat Festival (端午节) — an
/// official day off`.
fn days_off(s: &Session, statuses: &[Status]) -> Vec<String> {
    let file = s.plan_path.display();
    s.plan
        .items
        .iter()
        .zip(statuses)
        .filter(|(item, _)| {
            matches!(item.due, Due::Fixed(_))
                && (item.texts.when.is_some() || item.texts.due.is_some())
        })
        .filter_map(|(item, st)| {
            let why = match s.plan.calendar.day_off(st.due)? {
                DayOff::Holiday { zh, en } => format!("{en} ({zh}) — an official day off"),
                DayOff::Local => "a local day off ([calendar] holidays)".to_string(),
                DayOff::Weekend => return None,
            };
            Some(format!(
                "{file}:{}: {} {} is due {}, {why}",
                item.line,
                item.kind.as_str(),
                crate::text::escape_control(&item.id),
                st.due
            ))
        })
        .collect()
}

/// "1 step", "8 steps".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
