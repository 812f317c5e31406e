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
use crate::message::Warning;
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
    by: Option<&str>,
    env: &Env,
    out: &mut dyn Write,
) -> Result<Exit> {
    let index = s.item(id)?;
    if text.trim().is_empty() {
        return Err(Error::new(Kind::EmptyNote { id: id.to_string() }).into());
    }
    let step = s.plan.items[index].id.clone();
    let by = recorder(s, by, env);
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
    let by = recorder(s, args.by.as_deref(), env);
    let by = by.as_deref();
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
    if toggle == Toggle::Done {
        warn_far_day(s, on);
    }
    let mut unchanged = Vec::new();
    let mut along = Along::default();
    let mut early = Vec::new();
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
                        after_latest(at, sink.history.latest_order(i))?,
                        Some(on),
                        by.filter(|b| !b.trim().is_empty()).map(str::to_string),
                        note.map(str::to_string),
                    )),
                }
            }
            along = Along::of(s, &sink.history, &done, &events, &indices);
            if toggle == Toggle::Done {
                early = too_early(s, &with_events(s, &sink.history, &events), &events, on);
            }
            Ok(events)
        },
    )?;
    for w in &early {
        s.warn(w);
    }
    report(
        s,
        &appended.written,
        &unchanged,
        appended.torn_saved.as_deref(),
        out,
    )?;
    along.report(s, out)
}

/// Completion once `events` are recorded after `history`.
fn with_events(
    s: &Session,
    history: &crate::state::History,
    events: &[Event],
) -> crate::state::Completion {
    let mut history = history.clone();
    for e in events {
        if let (Some(i), Some(on)) = (s.plan.find(&e.step), e.on) {
            let change = crate::state::Change::new(e.event == EventKind::Done, on);
            history.record(i, ledger::Order::new(&e.at, &e.id), change);
        }
    }
    history.latest(&s.plan)
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
        let done = events.iter().any(|e| e.event == EventKind::Done);
        let after = with_events(s, history, events);
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

/// Who records: `--by`, else `CHUNJIANG_BY`, else the git user name (from the plan's
/// folder), else the login name; so the 台账's 记录人 is not blank. A name given with
/// `--by` or `CHUNJIANG_BY` that a present `[people]` roster lacks is warned about (not
/// refused: a deputy may record for someone).
fn recorder(s: &Session, given: Option<&str>, env: &Env) -> Option<String> {
    let named = given
        .or(env.by.as_deref())
        .map(str::trim)
        .filter(|b| !b.is_empty());
    if let (Some(name), Some(people)) = (named, &s.plan.people)
        && !people.iter().any(|p| p.name == name)
    {
        s.warn(&Warning::RecorderNotInRoster {
            name: name.to_string(),
            roster: people.iter().map(|p| p.name.clone()).collect(),
        });
    }
    named.map(str::to_string).or_else(|| {
        let dir = s.plan_path.parent().filter(|d| !d.as_os_str().is_empty());
        git_user(dir.unwrap_or(std::path::Path::new("."))).or_else(|| env.login.clone())
    })
}

/// `git config user.name`, run in `dir`; `None` without git, a repository or the setting.
fn git_user(dir: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?;
    let name = name.trim();
    (out.status.success() && !name.is_empty()).then(|| name.to_string())
}

/// How far outside the plan's dates a `done --on` may fall before it looks like a typo
/// (`2020` for `2025`).
const FAR: chrono::Days = chrono::Days::new(60);

/// Warns when `on` is far from every date of the plan.
fn warn_far_day(s: &Session, on: NaiveDate) {
    let planned = crate::state::evaluate(
        &s.plan,
        &crate::state::History::empty(&s.plan).latest(&s.plan),
        s.today,
    );
    let first = s
        .plan
        .items
        .iter()
        .zip(&planned)
        .map(|(i, st)| i.start.unwrap_or(st.due).min(st.due))
        .min();
    let last = planned.iter().map(|st| st.due).max();
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    if on < first - FAR || on > last + chrono::Days::new(366) {
        s.warn(&Warning::OnFarAway { on, first, last });
    }
}

/// Warnings for steps and tasks recorded done before they could have been: a window that
/// starts after `on`, or `after` steps still open once this command's events are in
/// (`done` reads `done`, the completion with them).
fn too_early(
    s: &Session,
    done: &crate::state::Completion,
    events: &[Event],
    on: NaiveDate,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for e in events {
        let Some(i) = s.plan.find(&e.step) else {
            continue;
        };
        let item = &s.plan.items[i];
        let start = item.start.or(s.plan.items[item.step].start);
        if let Some(start) = start.filter(|&d| d > on) {
            warnings.push(Warning::DoneBeforeStart {
                id: item.id.clone(),
                start,
                on,
            });
        }
        let open: Vec<String> = item
            .after
            .iter()
            .filter(|&&b| done.done_on(b).is_none())
            .map(|&b| s.plan.items[b].id.clone())
            .collect();
        if !open.is_empty() {
            warnings.push(Warning::DoneBeforeAfter {
                id: item.id.clone(),
                open,
            });
        }
    }
    warnings
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

/// `at`, or just after the change that now decides the item when that one is stamped
/// later (a colleague's clock ahead of ours, by any amount): whatever the clocks, the
/// event a person just recorded is the one that decides, so "recorded" is never said of a
/// change that has no effect.
fn after_latest(
    at: DateTime<FixedOffset>,
    latest: Option<&ledger::Order>,
) -> Result<DateTime<FixedOffset>> {
    let Some(latest) = latest.map(|o| o.at.utc()) else {
        return Ok(at);
    };
    if latest < at {
        return Ok(at);
    }
    match latest.checked_add_signed(Duration::microseconds(1)) {
        Some(later) => Ok(later.with_timezone(&at.timezone())),
        None => Err(crate::error::Error::new(crate::error::Kind::StampTooLate {
            latest: latest.to_rfc3339(),
        })
        .into()),
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
