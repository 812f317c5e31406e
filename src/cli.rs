//! The command line, as clap sees it. Nothing here runs anything.

// Doc comments here are the `--help` text people read; backticks around every variable
// name would show up there, and so would the escapes rustdoc wants for `[default: …]`.
#![allow(
    clippy::doc_markdown,
    rustdoc::broken_intra_doc_links,
    rustdoc::invalid_html_tags
)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use crate::commands::completions;

#[derive(Debug, Parser)]
#[command(
    name = "chunjiang",
    version,
    about = "Track a plan of steps, owners and deadlines; completion is kept in an append-only ledger",
    long_about = "Track a plan of steps, owners and deadlines.\n\nThe plan is a TOML file written once from the schedule (plan.toml); completion is \
recorded in an append-only JSON Lines ledger beside it (plan.ledger.jsonl), the official record.",
    after_help = "Dates on the command line take the plan's forms: 2014-06-20, 6月20日, 6.20, 7.1前夕."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    // The CHUNJIANG_* variables are read in `main`, not by clap, so that an empty one
    // counts as unset instead of as an empty value.
    /// The plan file [env: CHUNJIANG_PLAN]
    #[arg(long, global = true, default_value = "plan.toml", value_name = "FILE")]
    pub plan: PathBuf,
    /// The ledger file [env: CHUNJIANG_LEDGER] [default: `ledger` in the plan, else <plan stem>.ledger.jsonl beside it]
    #[arg(long, global = true, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    /// Answer as if today were DATE (any single-day date expression) [env: CHUNJIANG_TODAY]
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    /// Print JSON for scripts instead of tables
    #[arg(long, global = true)]
    pub json: bool,
    /// When to colour tables
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Table borders and punctuation: ascii for terminals that draw “” … wide
    #[arg(long, global = true, value_enum, default_value_t = TableStyle::Unicode)]
    pub style: TableStyle,
    /// Language of everything said [env: CHUNJIANG_LANG] [default: `lang` in the plan, else Chinese for a Chinese plan, else from LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableStyle {
    Unicode,
    Ascii,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    Overdue,
    // The JSON spelling (`due_today`) is accepted too: scripts copy it from `--json`.
    #[value(alias = "due_today")]
    DueToday,
    #[value(alias = "due_soon")]
    DueSoon,
    Active,
    Upcoming,
    Done,
    /// Everything not done
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    Week,
    Owner,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An iCalendar file (RFC 5545) of every open item, for calendar apps
    Ics,
    /// One row per item, for spreadsheets (UTF-8 with BOM)
    Csv,
    /// A Markdown report to send upward: this week, what is overdue and why, next week, and
    /// every item (import reads it back)
    Md,
    /// The whole state: plan, items and ledger events
    Json,
    /// The timeline as an SVG picture, for a report or a projector
    Svg,
    /// The weekly report as a self-contained page, with the status table and the timeline
    Html,
    /// The 台账 workbook: every item, every ledger event, the weekly totals (needs -o on a terminal)
    Xlsx,
    /// The 周报 of a week as a Word document (needs -o on a terminal)
    Docx,
}

impl ExportFormat {
    /// Formats that are not text: never written to a terminal.
    #[must_use]
    pub fn is_binary(self) -> bool {
        matches!(self, ExportFormat::Xlsx | ExportFormat::Docx)
    }
}

/// What `done` and `reopen` take.
#[derive(Debug, Args)]
pub struct Record {
    /// Step or task ids (3, 5.1), or a piece of one item's title (谈心)
    #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(completions::ids))]
    pub ids: Vec<String>,
    /// The day it took effect [default: today]
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Who did it or records it [env: CHUNJIANG_BY] [default: git user.name, else the login name]
    #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::owners))]
    pub by: Option<String>,
    /// A note kept with the record (what was handed in, where it went)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// What is overdue, due today and due soon, and whose it is
    Status {
        /// Only items this person owns
        #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::owners))]
        owner: Option<String>,
        /// Also list items not due soon, and done ones
        #[arg(long)]
        all: bool,
    },
    /// Mark steps or tasks done
    Done(Record),
    /// Undo `done`
    Reopen(Record),
    /// Add a record to an item (talk records, evidence)
    Note {
        /// Step or task id (3, 5.1), or a piece of one item's title
        #[arg(value_name = "ID", add = ArgValueCandidates::new(completions::ids))]
        id: String,
        /// The record: what was said, what was handed in
        #[arg(value_name = "TEXT")]
        text: String,
        /// Who records it [env: CHUNJIANG_BY] [default: git user.name, else the login name]
        #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::owners))]
        by: Option<String>,
    },
    /// Every step and task with its state
    List {
        /// Only items this person owns
        #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::owners))]
        owner: Option<String>,
        /// Only items in this state
        #[arg(long, value_enum, value_name = "STATE")]
        state: Option<StateArg>,
    },
    /// One step: detail, tasks, owners, dates and how they were read, history
    Show {
        /// A step id (3) or a task id (5.1), or a piece of one item's title
        #[arg(value_name = "ID", add = ArgValueCandidates::new(completions::ids))]
        id: String,
    },
    /// The ledger, oldest first
    Log {
        /// Only this step (with its tasks) or task
        #[arg(value_name = "ID", add = ArgValueCandidates::new(completions::ids))]
        id: Option<String>,
    },
    /// The weekly summary table for the week holding DATE
    Week {
        /// Any day of the week, an ISO week such as 2014-W26, or 本周, 上周, 下周 [default: today]
        #[arg(value_name = "DATE")]
        date: Option<String>,
        /// The week after
        #[arg(long, conflicts_with = "last")]
        next: bool,
        /// The week before
        #[arg(long)]
        last: bool,
    },
    /// One row per week across the plan, and one per owner
    Report {
        /// Only the weeks, or only the owners [default: both]
        #[arg(long, value_enum)]
        by: Option<ReportBy>,
    },
    /// Validate the plan and the ledger; exit 1 when anything is wrong
    Check,
    /// The plan as a timeline in the terminal
    Gantt {
        /// First day shown [default: the plan's first date]
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day shown [default: the plan's last date]
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only this person's steps and tasks
        #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::owners))]
        owner: Option<String>,
    },
    /// Per-owner messages about what is overdue or due soon, ready to paste into a chat
    Remind {
        /// Only this person's message
        #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::owners))]
        owner: Option<String>,
        /// How many days ahead counts as due [default: the plan's `soon_days`]
        #[arg(long, value_name = "N")]
        days: Option<i64>,
    },
    /// Write the plan as a calendar, a spreadsheet, a report, JSON or a timeline picture
    Export {
        /// What to write
        #[arg(long, short, value_enum, value_name = "FORMAT")]
        format: ExportFormat,
        /// Only items this person owns
        #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::owners))]
        owner: Option<String>,
        /// Write to FILE (replacing it) instead of stdout
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The week of the report (md, docx, html): a day in it, as `week` takes [default: this week]
        #[arg(long, value_name = "DATE")]
        week: Option<String>,
    },
    /// Write a starter plan.toml here, and `*.ledger.jsonl merge=union` to .gitattributes
    Init {
        /// A minimal plan with every field explained, instead of an example schedule
        #[arg(long)]
        blank: bool,
    },
    /// Read the schedule table of a document (.docx, .xlsx/.xls/.ods, .html, .csv/.tsv, .md, .txt) into a plan draft
    Import {
        /// The document
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the draft (`-` for stdout); never replaced without --force
        #[arg(long, short, default_value = "plan.toml", value_name = "OUT")]
        output: PathBuf,
        /// The year of dates written without one [default: the document's, else this year]
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1900..=2200))]
        year: Option<i32>,
        /// Which table to read (1 = the first), when the document has several
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        table: Option<u32>,
        /// Replace OUT if it exists (never a ledger)
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script
    Completions {
        /// Which shell
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): the main page, or one command's page
    Man {
        /// Only this command's page (e.g. status) [default: the main page]
        #[arg(value_name = "COMMAND")]
        page: Option<String>,
    },
    /// There is no undo: points to `reopen` (the ledger is never rewritten)
    #[command(hide = true)]
    Undo {
        #[arg(value_name = "ID", trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
}
