//! `chunjiang check`: validates the plan and the ledger. Plan problems stop the command
//! with every one of them listed; ledger problems are listed here with their line.

use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::{Env, Exit, Session, write_json};
use crate::cli::Global;
use crate::ledger;
use crate::plan::ItemKind;

pub fn run(g: &Global, env: &Env, out: &mut dyn Write) -> Result<Exit> {
    let s = Session::open(g, env)?;
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
    for id in &unknown {
        warnings.push(format!(
            "ledger `{lpath}`: events for `{}`, which the plan no longer has (the plan changed?); they are kept and ignored",
            crate::text::escape_control(id)
        ));
    }
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
            eprintln!("error: {e}");
        }
        for w in &warnings {
            eprintln!("warning: {w}");
        }
        if !errors.is_empty() {
            eprintln!(
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
            "{}: {steps} steps, {tasks} tasks; {lpath}: {} events — {verdict}",
            s.plan_path.display(),
            ledger.events.len(),
        )?;
    }
    Ok(if errors.is_empty() {
        Exit::Ok
    } else {
        Exit::Problems
    })
}
