//! `done`, `reopen` and `note`: the commands that write the ledger. Every id is checked
//! before anything is written; what to write is decided under the ledger's lock from the
//! ledger as it is then, so `done 3` run twice at once records once.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, SubsecRound as _};
use serde_json::json;

use super::{Env, Exit, Session, write_json};
use crate::cli::Record;
use crate::error::{Error, Kind};
use crate::ledger::{self, Event, EventKind, Scanned};
use crate::plan::Lang;
use crate::state::Toggle;

/// An id left alone, and why.
struct Unchanged {
    id: String,
    /// When it was done (for `done`); `None`: it is not done (for `reopen`).
    done_on: Option<NaiveDate>,
}

impl Unchanged {
    /// Why nothing was written. JSON always takes the English, which scripts may match.
    fn reason(&self, lang: Lang) -> String {
        match (self.done_on, lang) {
            (Some(d), Lang::En) => format!("already done on {d}"),
            (Some(d), Lang::Zh) => format!("已于 {d} 完成"),
            (None, Lang::En) => "not done".to_string(),
            (None, Lang::Zh) => "尚未完成".to_string(),
        }
    }
}

pub fn note(
    s: &Session,
    id: &str,
    text: String,
    by: Option<String>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let index = s.item(id)?;
    if text.trim().is_empty() {
        return Err(Error::new(Kind::EmptyNote { id: id.to_string() }).into());
    }
    let step = s.plan.items[index].id.clone();
    let by = by.filter(|b| !b.trim().is_empty());
    let appended = ledger::append(
        &s.ledger_path,
        s.now,
        || (),
        |l, ()| {
            Ok(vec![Event::new(
                EventKind::Note,
                &step,
                stamp(s.now, l),
                None,
                by,
                Some(text),
            )])
        },
    )?;
    report(
        s,
        &appended.written,
        &[],
        appended.torn_saved.as_deref(),
        out,
    )
}

/// `done` or `reopen` of every id given.
pub fn toggle(
    s: &Session,
    toggle: Toggle,
    args: &Record,
    env: &Env,
    out: &mut dyn Write,
) -> Result<Exit> {
    let by = args.by.as_deref().or(env.by.as_deref());
    let note = args.note.as_deref();
    // Every id is checked before the ledger is touched.
    let mut indices: Vec<usize> = Vec::new();
    for id in &args.ids {
        let i = s.item(id)?;
        if !indices.contains(&i) {
            indices.push(i);
        }
    }
    let on: NaiveDate = match args.on.as_deref() {
        Some(text) => s.day_arg(text, "--on")?,
        None => s.today,
    };
    if on > s.today {
        return Err(Error::new(Kind::OnAfterToday {
            on: on.to_string(),
            today: s.today.to_string(),
        })
        .into());
    }
    let mut unchanged = Vec::new();
    let mut along = Along::default();
    let appended = ledger::append(
        &s.ledger_path,
        s.now,
        || s.plan_sink(crate::state::Asked::Latest),
        |l, sink| {
            let done = sink.history.latest(&s.plan);
            let at = stamp(s.now, l);
            let mut events = Vec::new();
            for &i in &indices {
                let id = &s.plan.items[i].id;
                match (toggle, done.done_on(i)) {
                    (Toggle::Done, Some(d)) => unchanged.push(Unchanged {
                        id: id.clone(),
                        done_on: Some(d),
                    }),
                    (Toggle::Reopen, None) => unchanged.push(Unchanged {
                        id: id.clone(),
                        done_on: None,
                    }),
                    _ => events.push(Event::new(
                        toggle.kind(),
                        id,
                        at,
                        Some(on),
                        by.filter(|b| !b.trim().is_empty()).map(str::to_string),
                        note.map(str::to_string),
                    )),
                }
            }
            along = Along::of(s, &sink.history, &done, &events, &indices);
            Ok(events)
        },
    )?;
    report(
        s,
        &appended.written,
        &unchanged,
        appended.torn_saved.as_deref(),
        out,
    )?;
    along.report(s, out)
}

/// What a step's `done` or `reopen` did to its tasks that were not named: those that
/// followed it, and its follow-ups that stay open (their due counts from the step, or from
/// an item not done yet).
#[derive(Default)]
struct Along {
    followed: Vec<usize>,
    kept_open: Vec<usize>,
    done: bool,
}

impl Along {
    fn of(
        s: &Session,
        history: &crate::state::History,
        before: &crate::state::Completion,
        events: &[Event],
        named: &[usize],
    ) -> Along {
        let mut history = history.clone();
        let mut done = false;
        for e in events {
            if let (Some(i), Some(on)) = (s.plan.find(&e.step), e.on) {
                done = e.event == EventKind::Done;
                let change = crate::state::Change::new(done, on);
                history.record(i, ledger::Order::new(&e.at, &e.id), change);
            }
        }
        let after = history.latest(&s.plan);
        let mut along = Along {
            done,
            ..Along::default()
        };
        for e in events {
            let Some(step) = s.plan.find(&e.step) else {
                continue;
            };
            for &t in &s.plan.items[step].tasks {
                if named.contains(&t) {
                    continue;
                }
                let (was, is) = (before.done_on(t), after.done_on(t));
                if was.is_some() != is.is_some() {
                    along.followed.push(t);
                } else if done && is.is_none() && after.is_follow_up(&s.plan, t) {
                    along.kept_open.push(t);
                }
            }
        }
        along
    }

    fn report(&self, s: &Session, out: &mut dyn Write) -> Result<Exit> {
        if s.json {
            return Ok(Exit::Ok);
        }
        let o = &s.out;
        let line = |i: usize| {
            let item = &s.plan.items[i];
            format!("{} {}", item.id, o.text(&item.title))
        };
        for &t in &self.followed {
            let label = match (o.lang, self.done) {
                (Lang::Zh, true) => "  随之完成：",
                (Lang::Zh, false) => "  随之重开：",
                (Lang::En, true) => "  done with it: ",
                (Lang::En, false) => "  reopened with it: ",
            };
            writeln!(out, "{label}{}", line(t))?;
        }
        for &t in &self.kept_open {
            let anchor = match s.plan.items[t].due {
                crate::plan::Due::After { anchor, .. } => s.plan.items[anchor].id.as_str(),
                crate::plan::Due::Fixed(_) => continue,
            };
            let text = match o.lang {
                Lang::Zh => format!("  仍未完成：{}（截止日从 {anchor} 完成起算）", line(t)),
                Lang::En => format!(
                    "  still open: {} (its due counts from when {anchor} is done)",
                    line(t)
                ),
            };
            writeln!(out, "{text}")?;
        }
        Ok(Exit::Ok)
    }
}

/// How far ahead of our clock the ledger's latest event may be for a new event to be
/// stamped just after it: a clock stepped back a little, or a colleague's a few minutes fast.
const SKEW: Duration = Duration::minutes(10);

/// The `at` of new events: now — but just after the ledger's latest event when that is a
/// little ahead of now, so that the replay order is the order things were recorded. A
/// latest event far in the future (a wrong clock elsewhere) does not drag every later
/// record with it; `check` warns about it instead.
fn stamp(now: DateTime<FixedOffset>, l: &Scanned) -> DateTime<FixedOffset> {
    let now = now.trunc_subsecs(6);
    match l.last.as_ref().map(|last| last.at.utc()) {
        Some(last) if last >= now && last.signed_duration_since(now) <= SKEW => {
            (last + Duration::microseconds(1)).with_timezone(&now.timezone())
        }
        _ => now,
    }
}

fn report(
    s: &Session,
    written: &[Event],
    unchanged: &[Unchanged],
    torn: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> Result<Exit> {
    if let Some(t) = torn {
        s.warn(&crate::message::Warning::TornSaved {
            path: t.display().to_string(),
        });
    }
    if s.json {
        let unchanged: Vec<_> = unchanged
            .iter()
            .map(|u| json!({ "id": u.id, "reason": u.reason(Lang::En) }))
            .collect();
        return write_json(out, &json!({ "written": written, "unchanged": unchanged }))
            .map(|()| Exit::Ok);
    }
    let o = &s.out;
    let recorded = match o.lang {
        Lang::Zh => "已记录：",
        Lang::En => "recorded: ",
    };
    for e in written {
        let title = s
            .plan
            .find(&e.step)
            .map_or("", |i| s.plan.items[i].title.as_str());
        let what = crate::report::events::kind_word(&e.event, o.lang);
        match e.on {
            Some(on) => writeln!(out, "{recorded}{} {} {what} {on}", e.step, o.text(title))?,
            None => writeln!(out, "{recorded}{} {} {what}", e.step, o.text(title))?,
        }
    }
    for u in unchanged {
        let line = match o.lang {
            Lang::Zh => format!("未改动：{}（{}）", u.id, u.reason(Lang::Zh)),
            Lang::En => format!("unchanged: {} ({})", u.id, u.reason(Lang::En)),
        };
        writeln!(out, "{line}")?;
    }
    Ok(Exit::Ok)
}
