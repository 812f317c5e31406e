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
//!
//! And it warns when a step's dates fall more than two months before the previous step's,
//! or before those of a step it waits for (`after`): how a school-year table (September to
//! June) copied with one `year` shows itself (DESIGN §1).

use std::io::Write;

use chrono::Datelike;

use anyhow::Result;
use serde_json::json;

use super::{Env, Exit, Session, write_json};
use crate::calendar::DayOff;
use crate::cli::Global;
use crate::error::{Level, lines};
use crate::lang::Lang;
use crate::ledger::{self, EventKind};
use crate::message::{Warning, counted};
use crate::plan::{Due, ItemKind, Plan};
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
                &json!({
                    "plan": g.plan,
                    "errors": problems.to_json(env.lang.with_source(&problems.source)),
                    "warnings": [],
                }),
            )?;
            return Ok(Exit::Problems);
        }
        Err(e) => return Err(e),
    };
    let ledger = ledger::read_file(&s.ledger_path)?;
    let lpath = s.ledger_path.display().to_string();
    let lang = s.out.lang;
    let mut errors: Vec<Warning> = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    for p in &ledger.problems {
        let w = Warning::Ledger {
            file: lpath.clone(),
            problem: p.clone(),
        };
        if p.blocks_writes() {
            errors.push(w);
        } else {
            warnings.push(w);
        }
    }
    if let Some(l) = &s.plan.ledger
        && g.ledger.is_none()
        && leaves_the_directory(std::path::Path::new(l))
    {
        warnings.push(Warning::LedgerOutside {
            file: s.plan_path.display().to_string(),
            ledger: l.clone(),
        });
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
        warnings.push(Warning::FutureEvents {
            file: lpath.clone(),
            count: future,
        });
    }
    let later: Vec<u32> = ledger
        .events
        .iter()
        .map(|e| e.v)
        .filter(|&v| v != 1)
        .collect();
    if let Some(&v) = later.iter().max() {
        warnings.push(Warning::LaterFormat {
            file: lpath.clone(),
            count: later.len(),
            version: v,
        });
    }
    let mut strange: Vec<&str> = Vec::new();
    for e in &ledger.events {
        if let (1, EventKind::Other(name)) = (e.v, &e.event)
            && !strange.contains(&name.as_str())
        {
            strange.push(name);
        }
    }
    for name in &strange {
        warnings.push(Warning::UnknownKind {
            file: lpath.clone(),
            name: (*name).to_string(),
        });
    }
    for id in &unknown {
        warnings.push(Warning::UnknownStep {
            file: lpath.clone(),
            id: (*id).to_string(),
        });
    }
    let statuses = s.statuses(&s.history_of(&ledger));
    warnings.extend(crate::report::explain::unknown_years_warning(
        &crate::state::unknown_years(&statuses),
    ));
    warnings.extend(days_off(&s, &statuses));
    warnings.extend(year_order(&s.plan, &s.plan_path.display().to_string()));
    warnings.extend(past_the_years(&s, &statuses));
    let steps = s
        .plan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Step)
        .count();
    let tasks = s.plan.items.len() - steps;
    if s.json {
        let words = |list: &[Warning]| -> Vec<String> {
            list.iter().map(|w| w.text(lang).message).collect()
        };
        let value = json!({
            "plan": s.plan_path, "ledger": s.ledger_path, "steps": steps, "tasks": tasks,
            "events": ledger.events.len(), "errors": words(&errors), "warnings": words(&warnings),
        });
        write_json(out, &value)?;
    } else {
        let mut err = String::new();
        for e in &errors {
            err.push_str(&lines(Level::Error, &e.text(lang), lang));
        }
        for w in &warnings {
            err.push_str(&lines(Level::Warning, &w.text(lang), lang));
        }
        if !errors.is_empty() {
            err.push_str(Level::Hint.prefix(lang));
            err.push_str(match lang {
                Lang::Zh => "请手工改正上面列出的行（每条记录都要保留），然后再运行 `chunjiang check`\n",
                Lang::En => "fix the lines named above by hand (keep every record), then run `chunjiang check` again\n",
            });
        }
        let _ = write!(std::io::stderr(), "{}", crate::text::escape_message(&err));
        let plan = crate::text::escape_control(&s.plan_path.display().to_string());
        let lpath = crate::text::escape_control(&lpath);
        let (steps, tasks, events) = (
            counted(steps, "step", "个步骤", lang),
            counted(tasks, "task", "项任务", lang),
            counted(ledger.events.len(), "event", "条记录", lang),
        );
        let line = match (lang, errors.is_empty()) {
            (Lang::Zh, true) => format!("{plan}：{steps}，{tasks}；{lpath}：{events}——没有问题"),
            (Lang::Zh, false) => format!("{plan}：{steps}，{tasks}；{lpath}：{events}——发现问题"),
            (Lang::En, ok) => format!(
                "{plan}: {steps}, {tasks}; {lpath}: {events} — {}",
                if ok { "ok" } else { "problems found" }
            ),
        };
        writeln!(out, "{line}")?;
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
fn days_off(s: &Session, statuses: &[Status]) -> Vec<Warning> {
    let file = s.plan_path.display().to_string();
    s.plan
        .items
        .iter()
        .zip(statuses)
        .filter(|(item, _)| {
            matches!(item.due, Due::Fixed(_))
                && (item.texts.when.is_some() || item.texts.due.is_some())
        })
        .filter_map(|(item, st)| {
            let holiday = match s.plan.calendar.day_off(st.due)? {
                DayOff::Holiday { zh, en } => Some((zh, en)),
                DayOff::Local => None,
                DayOff::Weekend => return None,
            };
            Some(Warning::DueOnDayOff {
                file: file.clone(),
                line: item.line,
                task: item.kind == ItemKind::Task,
                id: item.id.clone(),
                due: st.due,
                holiday,
            })
        })
        .collect()
}

/// A warning for each step whose dates fall more than two months before the previous
/// step's, or before the first day of a step it waits for. Steps with a relative due are
/// skipped (their dates move with the ledger); the first day of a step is its start, or its
/// due when it has none.
fn year_order(plan: &Plan, file: &str) -> Vec<Warning> {
    let first_day = |i: usize| -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let item = &plan.items[i];
        match item.due {
            Due::Fixed(due) => Some((item.start.unwrap_or(due), due)),
            Due::After { .. } => None,
        }
    };
    let mut out = Vec::new();
    let mut previous: Option<(usize, chrono::NaiveDate)> = None;
    for (i, item) in plan.items.iter().enumerate() {
        if item.kind != ItemKind::Step {
            continue;
        }
        let Some((start, due)) = first_day(i) else {
            continue;
        };
        let text = item
            .texts
            .when
            .clone()
            .or_else(|| item.texts.due.clone())
            .unwrap_or_default();
        let warning =
            |other: usize, other_start: chrono::NaiveDate, waits: bool| Warning::YearOrder {
                file: file.to_owned(),
                line: item.line,
                id: item.id.clone(),
                text: text.clone(),
                start,
                due,
                other: plan.items[other].id.clone(),
                other_start,
                waits,
                next_year: due.year() + 1,
            };
        let waited = item.after.iter().find_map(|&a| {
            let (a_start, _) = first_day(a)?;
            (due < a_start).then(|| warning(a, a_start, true))
        });
        if let Some(w) = waited {
            out.push(w);
        } else if let Some((p, p_start)) = previous
            && p_start
                .checked_sub_months(chrono::Months::new(2))
                .is_some_and(|limit| due < limit)
        {
            out.push(warning(p, p_start, false));
        }
        previous = Some((i, start));
    }
    out
}

/// A warning when relative dues ran past the last year a plan may name, where they stop:
/// the first such item, and how many more.
fn past_the_years(s: &Session, statuses: &[Status]) -> Option<Warning> {
    let last = crate::dates::last_day();
    let mut past = s
        .plan
        .items
        .iter()
        .zip(statuses)
        .filter(|(item, st)| matches!(item.due, Due::After { .. }) && st.due >= last);
    let (item, _) = past.next()?;
    Some(Warning::PastTheYears {
        file: s.plan_path.display().to_string(),
        line: item.line,
        task: item.kind == ItemKind::Task,
        id: item.id.clone(),
        last,
        more: past.count(),
    })
}

/// Whether a path written in the plan leads out of the plan's directory: absolute, or more
/// `..` than it goes down.
fn leaves_the_directory(p: &std::path::Path) -> bool {
    use std::path::Component;
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => return true,
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
        if depth < 0 {
            return true;
        }
    }
    false
}
