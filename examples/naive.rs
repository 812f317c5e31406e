//! The naive reference for `bench/run.sh`: what "just parse the files" costs.
//!
//! ```text
//! cargo run --release --example naive -- PLAN LEDGER TODAY
//! ```
//!
//! Parses the plan with `toml` + serde into simple structs and the ledger with
//! `serde_json`, line by line, into a `Vec` of structs, then counts the items not done whose
//! due (ISO dates only; this is not a date parser) is before TODAY. No validation, no
//! de-duplication, no relative dues: a floor for what a straightforward tool would cost,
//! not a correct one.

use std::collections::HashMap;

use serde::Deserialize;

#[derive(Deserialize)]
struct Plan {
    #[allow(dead_code)]
    title: String,
    #[serde(default)]
    step: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    id: toml::Value,
    #[allow(dead_code)]
    title: String,
    when: Option<String>,
    due: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    owners: Vec<String>,
    #[serde(default)]
    task: Vec<Task>,
}

#[derive(Deserialize)]
struct Task {
    #[allow(dead_code)]
    title: String,
    due: Option<toml::Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Line {
    v: u32,
    id: String,
    at: String,
    event: String,
    step: String,
    on: Option<String>,
    by: Option<String>,
    note: Option<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [plan, ledger, today] = args.as_slice() else {
        eprintln!("usage: naive PLAN LEDGER TODAY");
        std::process::exit(2);
    };
    let plan: Plan = toml::from_str(&std::fs::read_to_string(plan).expect("plan readable"))
        .expect("plan parses");
    let text = std::fs::read_to_string(ledger).unwrap_or_default();
    let events: Vec<Line> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut done: HashMap<&str, bool> = HashMap::new();
    for e in &events {
        done.insert(&e.step, e.event == "done");
    }
    let iso = |v: Option<&str>| v.map(|s| s.rsplit("..").next().unwrap_or(s).to_owned());
    let mut overdue = 0;
    for s in &plan.step {
        let id = match &s.id {
            toml::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let due = iso(s.when.as_deref()).or_else(|| iso(s.due.as_ref().and_then(|d| d.as_str())));
        let late = |d: &Option<String>| {
            d.as_deref()
                .is_some_and(|d| d.len() == 10 && d < today.as_str())
        };
        if !done.get(id.as_str()).copied().unwrap_or(false) && late(&due) {
            overdue += 1;
        }
        for (k, t) in s.task.iter().enumerate() {
            let tid = format!("{id}.{}", k + 1);
            let tdue = iso(t.due.as_ref().and_then(|d| d.as_str())).or_else(|| due.clone());
            if !done.get(tid.as_str()).copied().unwrap_or(false) && late(&tdue) {
                overdue += 1;
            }
        }
    }
    println!("{} events, {overdue} overdue", events.len());
}
