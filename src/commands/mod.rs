//! One file per subcommand. This is the only layer that touches the disk, the clock and
//! stdout; everything below it is pure. `run` dispatches; `Session` loads what most
//! commands need (plan, today, ledger path) once.

mod check;
pub mod completions;
mod export;
mod gantt;
mod import;
mod init;
mod list;
mod log;
mod man;
mod office;
mod record;
mod remind;
mod report;
mod show;
mod status;
mod week;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::{DateTime, Datelike as _, FixedOffset, Local, NaiveDate, Utc};

use crate::cli::{Cli, ColorChoice, Command, Global, TableStyle};
use crate::error::{Error, Kind};
use crate::ledger::{self, EventKind, Ledger, Order, Sink};
use crate::message::{Note, Warning};
use crate::plan::{Lang, Plan};
use crate::report::Out;
use crate::state::{Asked, History, Status, Toggle, evaluate};
use crate::text::{Guard, GuardMode};

/// What the process was started with, besides its arguments: read once in `main`.
#[derive(Debug, Clone)]
pub struct Env {
    /// The wall clock, read in exactly one place (`main`).
    pub now: DateTime<Utc>,
    /// `--lang`, `CHUNJIANG_LANG` and the locale: what decides the language with the plan.
    pub lang: crate::lang::Choice,
    /// The language decided once a plan was read, for the error printed after a failure.
    pub said: std::cell::Cell<Option<Lang>>,
    pub no_color: bool,
    /// `CHUNJIANG_BY`: who records, when `--by` is not given.
    pub by: Option<String>,
    pub stdout_is_terminal: bool,
    /// Terminal width, when stdout is one (or `COLUMNS`).
    pub width: Option<usize>,
    /// The login name (`USER`, else `USERNAME`): who records, failing `--by`,
    /// `CHUNJIANG_BY` and the git user name.
    pub login: Option<String>,
    /// The plan was found in a parent folder ([`find_plan`]): say so once it is read.
    pub plan_above: bool,
}

/// `./plan.toml`, else the nearest `plan.toml` in a parent of `dir`; `None` when there is
/// none (then `./plan.toml` stands, and reading it says there is no plan).
#[must_use]
pub fn find_plan(dir: &Path) -> Option<PathBuf> {
    let found = nearest_plan(dir)?;
    (found.parent() != Some(dir)).then_some(found)
}

/// The nearest `plan.toml` in `dir` or a folder above it.
#[must_use]
pub fn nearest_plan(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("plan.toml"))
        .find(|p| p.exists())
}

/// The exit status of a command that ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok,
    /// The command ran, and what it found is a failure (`check` with problems).
    Problems,
}

/// Runs the command with its stdout behind a [`Guard`]: whatever the views did, no
/// control character from a plan, a ledger or a file name reaches the terminal raw.
pub fn run(cli: Cli, env: &Env, out: &mut dyn Write) -> Result<Exit> {
    // The man page and completions are the tool's own text; a workbook or a Word file
    // is binary for a pipe or a file (export never writes one to a terminal).
    if matches!(
        cli.command,
        Command::Completions { .. }
            | Command::Man { .. }
            | Command::Export {
                format: crate::cli::ExportFormat::Xlsx | crate::cli::ExportFormat::Docx,
                ..
            }
    ) {
        return dispatch(cli, env, out);
    }
    let json = cli.global.json
        || matches!(
            cli.command,
            Command::Export {
                format: crate::cli::ExportFormat::Json,
                output: None,
                ..
            }
        );
    let mode = if json {
        GuardMode::Json
    } else {
        GuardMode::Human {
            colour: colour(&cli.global, env),
        }
    };
    let mut guarded = Guard::new(out, mode);
    let exit = dispatch(cli, env, &mut guarded)?;
    guarded.finish()?;
    Ok(exit)
}

fn dispatch(cli: Cli, env: &Env, out: &mut dyn Write) -> Result<Exit> {
    let g = &cli.global;
    match cli.command {
        Command::Status { owner, all } => {
            status::run(&Session::read(g, env)?, owner.as_deref(), all, out)
        }
        Command::Done(r) => record::toggle(&Session::open(g, env)?, Toggle::Done, &r, env, out),
        Command::Reopen(r) => record::toggle(&Session::open(g, env)?, Toggle::Reopen, &r, env, out),
        Command::Note { id, text, by } => {
            record::note(&Session::open(g, env)?, &id, text, by.as_deref(), env, out)
        }
        Command::List { owner, state } => {
            list::run(&Session::read(g, env)?, owner.as_deref(), state, out)
        }
        Command::Show { id } => show::run(&Session::read(g, env)?, &id, out),
        Command::Log { id } => log::run(&Session::read(g, env)?, id.as_deref(), out),
        Command::Week { date, next, last } => {
            week::run(&Session::read(g, env)?, date.as_deref(), next, last, out)
        }
        Command::Report { by } => report::run(&Session::read(g, env)?, by, out),
        Command::Check => check::run(g, env, out),
        Command::Gantt { from, to, owner } => gantt::run(
            &Session::read(g, env)?,
            from.as_deref(),
            to.as_deref(),
            owner.as_deref(),
            out,
        ),
        Command::Remind { owner, days } => {
            remind::run(&Session::read(g, env)?, owner.as_deref(), days, out)
        }
        Command::Export {
            format,
            owner,
            output,
            week,
        } => export::run(
            &Session::read(g, env)?,
            export::Args {
                format,
                owner: owner.as_deref(),
                output: output.as_deref(),
                week: week.as_deref(),
                terminal: env.stdout_is_terminal,
            },
            out,
        ),
        Command::Init { blank } => init::run(g, env, blank, out),
        Command::Import {
            file,
            output,
            year,
            table,
            force,
        } => import::run(
            g,
            env,
            &import::Args {
                file: &file,
                output: &output,
                year,
                table: table.map(|n| n as usize),
                force,
            },
            out,
        ),
        Command::Completions { shell } => completions::run(shell, out),
        // Printed before any plan is read: the flag, the variable, the locale.
        Command::Man { page } => man::run(page.as_deref(), env.lang.before_plan(), out),
        Command::Undo { rest } => Err(undo_hint(g, env, &rest)),
    }
}

/// `undo` is not a command: the ledger is the record and is never rewritten, so what was
/// done is undone by recording `reopen` (and a note by another note).
fn undo_hint(g: &Global, env: &Env, rest: &[String]) -> anyhow::Error {
    // Opened only to decide the language the refusal is printed in.
    let _ = Session::open(g, env);
    Error::new(Kind::NoUndo {
        ids: (!rest.is_empty()).then(|| rest.join(" ")),
    })
    .into()
}

/// The plan, the day, the ledger's place and how to print: what most commands start from.
pub struct Session {
    pub plan: Plan,
    pub plan_path: PathBuf,
    pub ledger_path: PathBuf,
    pub today: NaiveDate,
    /// Now, in the plan's time zone: the `at` of new ledger events.
    pub now: DateTime<FixedOffset>,
    pub json: bool,
    pub out: Out,
}

impl Session {
    /// The session of a command that writes (`done`, `reopen`, `note`): every problem in
    /// the plan is an error.
    pub fn open(g: &Global, env: &Env) -> Result<Session> {
        Session::start(g, env, false)
    }

    /// The session of a command that only reads: a step or task with a problem is left out
    /// (with a warning naming it) and the rest answered ([`crate::plan::parse_lenient`]).
    pub fn read(g: &Global, env: &Env) -> Result<Session> {
        Session::start(g, env, true)
    }

    fn start(g: &Global, env: &Env, read_only: bool) -> Result<Session> {
        // The local time zone (a read of /etc/localtime) only when something needs it: a
        // plan without `timezone`, or a `--today` without a year.
        let local_now = std::cell::OnceCell::new();
        let local_now = || *local_now.get_or_init(|| env.now.with_timezone(&Local).fixed_offset());
        // A plan without `year` takes the year of "today": of `--today` when that names a
        // year (2014-06-20), else of the clock, so a fixed `--today` gives fixed answers.
        // `--today` is read once: in the clock's year when the plan has none (the plan's
        // year is then the one it was read in), else in the plan's year.
        let read = std::cell::OnceCell::new();
        let default_year = || {
            let year = local_now().year();
            let day = g.today.as_deref().map(|t| {
                read.get_or_init(|| crate::dates::read_day(&crate::text::typed_id(t), year))
            });
            match day {
                Some(Ok(d)) if d.named_year => d.day.year(),
                _ => year,
            }
        };
        let (plan, left_out) = if read_only {
            crate::plan::load_lenient(&g.plan, &default_year)?
        } else {
            (crate::plan::load(&g.plan, &default_year)?, Vec::new())
        };
        let lang = env.lang.with_plan(plan.lang, plan.text_is_chinese());
        env.said.set(Some(lang));
        warn_left_out(&g.plan.display().to_string(), left_out, lang);
        let now = match plan.timezone {
            Some(tz) => env.now.with_timezone(&tz),
            None => local_now(),
        };
        let today = match &g.today {
            Some(t) => match read.into_inner() {
                Some(day) => day.map(|d| d.day),
                None => crate::dates::read_day(&crate::text::typed_id(t), plan.year).map(|d| d.day),
            }
            .map_err(|e| date_arg_error("--today", t, e))?,
            None => now.date_naive(),
        };
        let ledger_path = ledger_path(g, &plan);
        let color = colour(g, env);
        if g.today.is_none() {
            note_plan_over(&plan, today, lang);
        }
        if env.plan_above {
            note(
                &Note::PlanAbove {
                    path: g.plan.display().to_string(),
                },
                lang,
            );
        }
        Ok(Session {
            plan,
            plan_path: g.plan.clone(),
            ledger_path,
            today,
            now,
            json: g.json,
            out: Out {
                lang,
                color,
                ascii: g.style == TableStyle::Ascii,
                width: env.width,
                year: today.year(),
            },
        })
    }

    /// A warning for each problem readers tolerate — the first few; `check` lists them all.
    fn warn_ledger(&self, problems: &[ledger::Problem]) {
        const SHOWN: usize = 10;
        let file = self.ledger_path.display().to_string();
        for p in problems.iter().take(SHOWN) {
            self.warn(&Warning::Ledger {
                file: file.clone(),
                problem: p.clone(),
            });
        }
        if problems.len() > SHOWN {
            self.warn(&Warning::LedgerMore {
                file,
                more: problems.len() - SHOWN,
            });
        }
    }

    /// Prints a warning on stderr in the session's language.
    pub fn warn(&self, w: &Warning) {
        warn(w, self.out.lang);
    }

    /// Reads the ledger, printing a warning for each problem readers tolerate.
    pub fn ledger(&self) -> Result<Ledger> {
        let ledger = ledger::read_file(&self.ledger_path)?;
        self.warn_ledger(&ledger.problems);
        Ok(ledger)
    }

    /// Each item's changes, streamed from the ledger without holding its events,
    /// printing a warning for each problem readers tolerate.
    pub fn history(&self, days: Asked) -> Result<History> {
        let (scanned, sink) = ledger::scan_file(&self.ledger_path, || self.plan_sink(days))?;
        self.warn_ledger(&scanned.problems);
        Ok(sink.history)
    }

    /// A sink that replays ledger events into a [`History`] of this plan's items.
    fn plan_sink(&self, days: Asked) -> PlanSink<'_> {
        PlanSink {
            plan: &self.plan,
            history: History::for_days(&self.plan, days),
        }
    }

    /// The same [`History`] from a ledger already read in full (for commands that also
    /// show its events).
    #[must_use]
    pub fn history_of(&self, ledger: &Ledger) -> History {
        let mut sink = self.plan_sink(Asked::All);
        ledger::replay_events(&ledger.events, &mut sink);
        sink.history
    }

    /// Every item's status on `self.today`, after the whole ledger.
    #[must_use]
    pub fn statuses(&self, history: &History) -> Vec<Status> {
        evaluate(&self.plan, &history.latest(&self.plan), self.today)
    }

    /// Warns once, on stderr, when dues about to be shown were counted in working days
    /// through years the official calendar does not know (only weekends were used).
    pub fn warn_unknown_years<'a>(&self, shown: impl IntoIterator<Item = &'a Status>) {
        let years = crate::state::unknown_years(shown);
        if let Some(w) = crate::report::explain::unknown_years_warning(&years) {
            self.warn(&w);
        }
    }

    /// Checks an `--owner` name against the plan, so a typo is an error and not an empty list.
    pub fn owner<'a>(&self, name: Option<&'a str>) -> Result<Option<&'a str>> {
        let Some(name) = name.map(str::trim) else {
            return Ok(None);
        };
        let owners = self.plan.owners();
        if owners.contains(&name) {
            return Ok(Some(name));
        }
        let near = crate::text::nearest(name, owners.iter().copied());
        Err(Error::new(Kind::UnknownOwner {
            name: name.to_string(),
            file: self.plan_path.display().to_string(),
            near: near.map(str::to_string),
            owners: owners.iter().map(|o| (*o).to_string()).collect(),
        })
        .into())
    }

    /// The item index for an id given on the command line, or an error naming the ids
    /// that exist and the nearest one.
    /// A text that is not an id may be a fragment of one item's title (`done 谈心`);
    /// several matches are an error listing them. A text made of digits and dots only
    /// is always an id: a mistyped `10` must not pick the item titled "…10个工作日…".
    /// Full-width digits and a Chinese full stop between digits read as the id they type
    /// (`５．１`, `５。１` are `5.1`).
    pub fn item(&self, typed: &str) -> Result<usize> {
        let id = &crate::text::typed_id(typed);
        if let Some(i) = self.plan.find(id) {
            return Ok(i);
        }
        let fragment = id.as_str();
        if !fragment.is_empty() && !fragment.chars().all(|c| c.is_ascii_digit() || c == '.') {
            let matches: Vec<usize> = (0..self.plan.items.len())
                .filter(|&i| self.plan.items[i].title.contains(fragment))
                .collect();
            match matches[..] {
                [one] => return Ok(one),
                [] => {}
                _ => return Err(self.ambiguous(fragment, &matches)),
            }
        }
        let ids: Vec<String> = self
            .plan
            .items
            .iter()
            .map(|i| i.id.clone())
            .take(40)
            .collect();
        Err(Error::new(Kind::UnknownId {
            id: typed.to_string(),
            file: self.plan_path.display().to_string(),
            near: self.plan.nearest_id(id).map(str::to_string),
            more: self.plan.items.len() > ids.len(),
            ids,
        })
        .into())
    }

    /// "`谈心` is in the titles of 2, 2.1: give one id" — nothing is written.
    fn ambiguous(&self, fragment: &str, matches: &[usize]) -> anyhow::Error {
        let items = matches
            .iter()
            .map(|&i| {
                (
                    self.plan.items[i].id.clone(),
                    self.plan.items[i].title.clone(),
                )
            })
            .collect();
        Error::new(Kind::AmbiguousTitle {
            fragment: fragment.to_string(),
            items,
        })
        .into()
    }

    /// A date given as an argument, read with the plan's year.
    pub fn day_arg(&self, text: &str, flag: &str) -> Result<NaiveDate> {
        parse_day_arg(text, self.plan.year, flag)
    }

    /// The days a date argument covers, read with the plan's date grammar (year and
    /// `term_start`): `10月` is October, `第3周` a teaching week, `6月16日` one day.
    pub fn window_arg(&self, text: &str, flag: &str) -> Result<crate::dates::Window> {
        let ctx = crate::dates::Context {
            year: self.plan.year,
            term_start: self.plan.term_start,
        };
        crate::dates::parse_window_in(&crate::text::typed_id(text), ctx)
            .map_err(|e| date_arg_error(flag, text, e))
    }

    /// `第3周` (or `第3-4周`): the teaching weeks it names, counted from the plan's
    /// `term_start`; `None` when the text is not a teaching week; an error (saying to add
    /// `term_start`) when it is one the plan cannot place.
    pub fn teaching_weeks_arg(
        &self,
        text: &str,
        flag: &str,
    ) -> Result<Option<crate::dates::Window>> {
        crate::dates::teaching_weeks(&crate::text::typed_id(text), self.plan.term_start)
            .map_err(|e| date_arg_error(flag, text, e))
    }
}

/// Feeds a ledger scan into a [`History`]: done and reopen of items the plan has.
struct PlanSink<'a> {
    plan: &'a Plan,
    history: History,
}

impl Sink for PlanSink<'_> {
    fn event(&mut self, step: &str, order: &Order, kind: &EventKind, on: Option<NaiveDate>) {
        let (Some(toggle), Some(on)) = (Toggle::of(kind), on) else {
            return;
        };
        if let Some(i) = self.plan.find(step) {
            self.history.record(i, order.clone(), toggle.on(on));
        }
    }
}

/// A date typed on the command line: full-width digits and `。` between digits too
/// ([`crate::text::typed_id`]), so `６。２０` is `6.20`.
fn parse_day_arg(text: &str, year: i32, flag: &str) -> Result<NaiveDate> {
    crate::dates::parse_day(&crate::text::typed_id(text), year)
        .map_err(|e| date_arg_error(flag, text, e))
}

/// A date argument that could not be read: [`Kind::DateArg`].
fn date_arg_error(flag: &str, text: &str, error: crate::dates::DateError) -> anyhow::Error {
    Error::new(Kind::DateArg {
        flag: flag.to_string(),
        text: text.to_string(),
        error,
    })
    .into()
}

fn ledger_path(g: &Global, plan: &Plan) -> PathBuf {
    if let Some(l) = &g.ledger {
        return l.clone();
    }
    let dir = g.plan.parent().unwrap_or_else(|| Path::new(""));
    if let Some(l) = &plan.ledger {
        dir.join(l)
    } else {
        let stem = g
            .plan
            .file_stem()
            .map_or_else(|| "plan".into(), |s| s.to_string_lossy());
        dir.join(format!("{stem}.ledger.jsonl"))
    }
}

/// Whether stdout gets colour codes.
fn colour(g: &Global, env: &Env) -> bool {
    match g.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    }
}

/// Prints `警告：…` / `warning: …` on stderr. A closed stderr is no reason to fail or
/// panic: the answer on stdout still stands.
pub fn warn(w: &Warning, lang: Lang) {
    let text = crate::error::lines(crate::error::Level::Warning, &w.text(lang), lang);
    // Escaped at the boundary too: a warning quotes plan and ledger text.
    let _ = write!(std::io::stderr(), "{}", crate::text::escape_message(&text));
}

/// `{"today": …, "items": […]}`: what `status` and `list` print with `--json` (DESIGN §5).
#[derive(serde::Serialize)]
pub struct ItemsJson<'a> {
    pub today: NaiveDate,
    pub items: Vec<crate::report::item::ItemJson<'a>>,
}

/// Says once, on stderr, when today is after the plan's last date (as planned), that
/// `--today` shows it as it was: a plan long over is otherwise thousands of days overdue.
fn note_plan_over(plan: &Plan, today: NaiveDate, lang: Lang) {
    let planned = evaluate(plan, &History::empty(plan).latest(plan), today);
    let Some(last) = planned.iter().map(|s| s.due).max() else {
        return;
    };
    if today > last {
        note(&Note::PlanOver { last }, lang);
    }
}

/// A warning for each item a read left out — the first few; `check` lists every problem.
fn warn_left_out(file: &str, left_out: Vec<crate::plan::LeftOut>, lang: Lang) {
    const SHOWN: usize = 10;
    let count = left_out.len();
    for (n, left) in left_out.into_iter().enumerate().take(SHOWN) {
        let hint = n + 1 == count.min(SHOWN);
        let file = file.to_string();
        warn(&Warning::LeftOut { file, left, hint }, lang);
    }
    if count > SHOWN {
        let file = file.to_string();
        warn(
            &Warning::LeftOutMore {
                file,
                more: count - SHOWN,
            },
            lang,
        );
    }
}

/// A note on stderr in the user's language (`注意：` / `note: `): said, not warned about.
/// A closed stderr is no reason to fail.
pub fn note(n: &Note, lang: Lang) {
    let prefix = match lang {
        Lang::Zh => "注意：",
        Lang::En => "note: ",
    };
    let _ = writeln!(
        std::io::stderr(),
        "{prefix}{}",
        crate::text::escape_message(&n.text(lang))
    );
}

/// Writes JSON with a newline.
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value).context("failed to write JSON")?;
    writeln!(out)?;
    Ok(())
}
