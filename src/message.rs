//! The message catalogue: every error the tool reports, as data (a [`Kind`] with the
//! values it is about and a stable `code`), and its wording in Chinese and English. This
//! is the one place that words an error; the domain returns a `Kind`, the edge renders it
//! ([`crate::error`]). Every piece of user text (ids, names, file names, the text of a
//! plan) is escaped here with [`escape_control`] before it is put into a sentence.
//!
//! Chinese wording uses full-width punctuation (：，（）) and quotes user text with “”;
//! TOML keys and commands the user types stay in backticks.

use std::fmt::Write as _;

use crate::lang::Lang;
use crate::text::escape_control;

macro_rules! pick {
    ($lang:expr, $zh:literal, $en:literal) => {
        match $lang {
            Lang::Zh => format!($zh),
            Lang::En => format!($en),
        }
    };
}

/// A message and the way out, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub message: String,
    pub hint: Option<String>,
}

/// An I/O failure's cause, kept as data so it can be worded in Chinese too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Io {
    pub kind: std::io::ErrorKind,
    /// The system's own words (English), shown in English messages.
    pub text: String,
}

impl From<&std::io::Error> for Io {
    fn from(e: &std::io::Error) -> Io {
        Io {
            kind: e.kind(),
            text: e.to_string(),
        }
    }
}

impl Io {
    #[must_use]
    pub fn words(&self, lang: Lang) -> String {
        use std::io::ErrorKind as K;
        match lang {
            Lang::En => self.text.clone(),
            Lang::Zh => match self.kind {
                K::NotFound => "文件不存在".into(),
                K::PermissionDenied => "没有权限".into(),
                K::AlreadyExists => "文件已存在".into(),
                K::IsADirectory => "这是一个目录".into(),
                K::NotADirectory => "路径中有一段不是目录".into(),
                K::StorageFull => "磁盘已满".into(),
                K::FileTooLarge => "文件超出了系统允许的大小".into(),
                K::ReadOnlyFilesystem => "文件系统只读".into(),
                K::InvalidData => "内容无法识别".into(),
                K::WouldBlock => "文件正被占用".into(),
                K::Interrupted => "操作被中断".into(),
                _ => "系统错误".into(),
            },
        }
    }
}

/// Why `import` will not write its draft to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// It is the document being imported.
    TheDocument,
    /// It is a ledger.
    Ledger,
    /// It is a folder or a device.
    NotAFile,
    /// It exists, and `--force` was not given.
    Exists,
}

/// The tables of a document, one per line, for choosing with `--table N`.
fn tables_seen(tables: &[crate::import::detect::TableSeen], lang: Lang) -> String {
    tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (n, rows, columns, first) = (i + 1, t.rows, t.columns, e(&t.first));
            pick!(
                lang,
                "\n  第 {n} 个：{rows} 行 {columns} 列，第一行“{first}”",
                "\n  {n}: {rows} × {columns}: {first}"
            )
        })
        .collect()
}

/// What a problem in a plan is about: the plan, a step or a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Plan,
    Step(String),
    Task(String),
}

impl Subject {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Subject::Plan, Lang::Zh) => "计划".into(),
            (Subject::Plan, Lang::En) => "the plan".into(),
            (Subject::Step(id), Lang::Zh) => format!("步骤{}", e(id)),
            (Subject::Step(id), Lang::En) => format!("step {}", e(id)),
            (Subject::Task(id), Lang::Zh) => format!("任务{}", e(id)),
            (Subject::Task(id), Lang::En) => format!("task {}", e(id)),
        }
    }
}

/// Where in the plan a key was found, for an unknown key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Root,
    Step,
    Task,
    Person,
    Calendar,
    RelativeDue,
}

impl Place {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Place::Root, Lang::Zh) => "计划顶层",
            (Place::Step, Lang::Zh) => "`[[step]]`",
            (Place::Task, Lang::Zh) => "`[[step.task]]`",
            (Place::Person, Lang::Zh) => "`[people]` 中的人员",
            (Place::Calendar, Lang::Zh) => "`[calendar]`",
            (Place::RelativeDue, Lang::Zh) => "相对截止日期",
            (Place::Root, Lang::En) => "the plan",
            (Place::Step, Lang::En) => "a [[step]]",
            (Place::Task, Lang::En) => "a [[step.task]]",
            (Place::Person, Lang::En) => "a person",
            (Place::Calendar, Lang::En) => "[calendar]",
            (Place::RelativeDue, Lang::En) => "a relative due",
        }
    }
}

/// A TOML value's type, as found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlType {
    String,
    Integer,
    Float,
    Boolean,
    Datetime,
    Array,
    Table,
}

impl TomlType {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TomlType::String, Lang::Zh) => "字符串",
            (TomlType::Integer, Lang::Zh) => "整数",
            (TomlType::Float, Lang::Zh) => "小数",
            (TomlType::Boolean, Lang::Zh) => "布尔值",
            (TomlType::Datetime, Lang::Zh) => "TOML 日期",
            (TomlType::Array, Lang::Zh) => "数组",
            (TomlType::Table, Lang::Zh) => "表",
            (TomlType::String, Lang::En) => "a string",
            (TomlType::Integer, Lang::En) => "an integer",
            (TomlType::Float, Lang::En) => "a number",
            (TomlType::Boolean, Lang::En) => "a boolean",
            (TomlType::Datetime, Lang::En) => "a TOML date",
            (TomlType::Array, Lang::En) => "an array",
            (TomlType::Table, Lang::En) => "a table",
        }
    }
}

/// What a key's value should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    String,
    Integer,
    Id,
    Strings,
    Steps,
    Tasks,
    Calendar,
    Person,
    People,
    Due,
}

impl Expect {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expect::String, Lang::Zh) => "双引号中的字符串",
            (Expect::Integer, Lang::Zh) => "整数",
            (Expect::Id, Lang::Zh) => "步骤编号，例如 `3` 或 `\"4a\"`",
            (Expect::Strings, Lang::Zh) => "字符串数组，例如 `[\"唐健\"]`",
            (Expect::Steps, Lang::Zh) => "`[[step]]` 表",
            (Expect::Tasks, Lang::Zh) => "`[[step.task]]` 表",
            (Expect::Calendar, Lang::Zh) => "`\"cn\"`、`\"none\"` 或 `[calendar]` 表",
            (Expect::Person, Lang::Zh) => "表，例如 `{ role = \"支部书记\" }`",
            (Expect::People, Lang::Zh) => "人员名单 `[people]` 表",
            (Expect::Due, Lang::Zh) => {
                "日期，例如 `\"6月20日前\"`，或 `{ after = \"5\", days = 10 }`"
            }
            (Expect::String, Lang::En) => "a string in double quotes",
            (Expect::Integer, Lang::En) => "a whole number",
            (Expect::Id, Lang::En) => "a step id such as 3 or \"4a\"",
            (Expect::Strings, Lang::En) => "an array of strings, such as `[\"唐健\"]`",
            (Expect::Steps, Lang::En) => "[[step]] tables",
            (Expect::Tasks, Lang::En) => "[[step.task]] tables",
            (Expect::Calendar, Lang::En) => "\"cn\", \"none\" or a [calendar] table",
            (Expect::Person, Lang::En) => "a table such as `{ role = \"支部书记\" }`",
            (Expect::People, Lang::En) => "a [people] table of names",
            (Expect::Due, Lang::En) => {
                "a date expression such as `\"6月20日前\"` or `{ after = \"5\", days = 10 }`"
            }
        }
    }
}

/// The date forms a plan accepts, for hints.
fn accepted(lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("可以写：{}", crate::dates::ACCEPTED_ZH),
        Lang::En => format!("accepted: {}", crate::dates::ACCEPTED),
    }
}

/// A date the date reader refused: its reason and hint in `lang` (the reader words both),
/// escaped; without a hint of its own, the accepted forms.
fn date_error(err: &crate::dates::DateError, lang: Lang) -> (String, Option<String>) {
    let (message, hint) = match lang {
        Lang::Zh => (&err.zh, &err.hint_zh),
        Lang::En => (&err.message, &err.hint),
    };
    (
        e(message),
        Some(hint.as_deref().map_or_else(|| accepted(lang), e)),
    )
}

/// "是不是“x”？" / "did you mean `x`? ", or nothing.
fn did_you_mean(near: Option<&String>, lang: Lang) -> String {
    near.map(|n| {
        let n = e(n);
        pick!(lang, "是不是“{n}”？", "did you mean `{n}`? ")
    })
    .unwrap_or_default()
}

/// Which encoding a file that is not UTF-8 seems to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf16Le,
    Utf16Be,
    Gbk,
    Unknown,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Gbk => "GBK",
            Encoding::Unknown => "?",
        }
    }

    fn iconv(self) -> &'static str {
        match self {
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gbk | Encoding::Unknown => "GBK",
        }
    }
}

macro_rules! kinds {
    ($(#[$edoc:meta])* $enum:ident; $( $(#[$doc:meta])* $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $code:literal, )*) => {
        $(#[$edoc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $enum {
            $( $(#[$doc])* $name $({ $($field: $ty),* })?, )*
        }

        impl $enum {
            /// Every code, in declaration order: a test renders each in both languages.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// The stable code scripts may match (`--json`): snake case, never translated.
            #[must_use]
            pub fn code(&self) -> &'static str {
                match self {
                    $( $enum::$name { .. } => $code, )*
                }
            }
        }
    };
}

kinds! {
    /// Everything that can go wrong that a user can fix, with what it is about.
    Kind;
    /// An id on the command line names no step or task.
    UnknownId { id: String, file: String, near: Option<String>, ids: Vec<String>, more: bool } => "unknown_id",
    /// A piece of a title on the command line is in several items' titles.
    AmbiguousTitle { fragment: String, items: Vec<(String, String)> } => "ambiguous_title",
    /// `undo`, which is not a command: the ledger is never rewritten.
    NoUndo { ids: Option<String> } => "no_undo",
    /// An `--owner` names nobody in the plan.
    UnknownOwner { name: String, file: String, near: Option<String>, owners: Vec<String> } => "unknown_owner",
    /// A date argument (`--today`, `--on`, `--from`, `week DATE`) that is not one day.
    DateArg { flag: String, text: String, error: crate::dates::DateError } => "date_invalid",
    /// `--on` later than today.
    OnAfterToday { on: String, today: String } => "date_in_future",
    /// `gantt --to` before `--from`.
    ToBeforeFrom { from: String, to: String } => "date_order",
    /// A binary export (`xlsx`, `docx`) asked for on a terminal, without `-o`.
    BinaryToTerminal { format: String, file: String } => "export_binary_terminal",
    /// `export --week` with a format that has no week.
    WeekUnused { format: String } => "export_week_unused",
    /// `remind --days` negative.
    NegativeDays { days: i64 } => "days_negative",
    /// The item's deciding event is stamped at the end of time: nothing can sort after it.
    StampTooLate { latest: String } => "ledger_stamp_too_late",
    /// `note` with empty text.
    EmptyNote { id: String } => "note_empty",
    /// `import`: the document cannot be read (an old binary Word file, a broken zip, text
    /// in no known encoding…).
    ImportUnreadable { file: String, why: crate::import::ReadError } => "import_unreadable",
    /// `import`: the document holds no table at all.
    ImportNoTable { file: String } => "import_no_table",
    /// `import`: no table's header names a schedule's columns, or `--table N` names none
    /// (`wanted`); the tables it has.
    ImportNoSchedule { file: String, wanted: Option<usize>, tables: Vec<crate::import::detect::TableSeen> } => "import_no_schedule",
    /// `import`: several tables (1-based) look equally like the schedule.
    ImportUnclear { file: String, which: Vec<usize>, tables: Vec<crate::import::detect::TableSeen> } => "import_table_unclear",
    /// `import -o OUT`: OUT is taken; nothing was written.
    ImportOutputTaken { file: String, why: Taken } => "import_output_taken",
    // Problems in a plan file (each at its place; rendered under the file:line:column).
    /// The text is not TOML; `detail` is the TOML parser's own words (English).
    PlanSyntax { detail: String } => "plan_syntax",
    /// A key given twice in one table.
    DuplicateKey { key: String } => "duplicate_key",
    /// A value that is not a TOML value: a word without quotes.
    BareValue { detail: String } => "plan_bare_value",
    /// A character from a Chinese keyboard where TOML needs an ASCII one.
    FullWidth { found: char, ascii: char } => "fullwidth_char",
    /// A string in Word's quotes “…” or ‘…’ instead of "…".
    WordQuotes { found: char } => "word_quotes",
    /// A key the place does not take.
    UnknownKey { key: String, near: Option<String>, place: Place, allowed: Vec<&'static str> } => "unknown_key",
    /// A value of the wrong type.
    WrongType { key: String, found: TomlType, expected: Expect } => "wrong_type",
    /// `owners = "a，b"`.
    OwnersOneString => "owners_one_string",
    /// Both `owner` and `owners`.
    OwnerAndOwners => "owner_and_owners",
    /// `{ after, days, workdays }`.
    RelativeBoth => "relative_due_both",
    /// `{ after }` alone.
    RelativeNoCount => "relative_due_no_count",
    /// `{ days }` without `after`.
    RelativeNoAfter => "relative_due_no_after",
    /// A delay below 0 or above 3660 (ten years).
    RelativeDelay { count: i64, workdays: bool } => "relative_due_delay",
    /// `title = ""`.
    TitleEmpty { what: Subject } => "title_empty",
    /// No `title`.
    TitleMissing { what: Subject } => "title_missing",
    /// `year` outside 1900–2200.
    YearRange { year: i64 } => "year_range",
    /// `timezone` not an offset.
    TimezoneInvalid { text: String } => "timezone_invalid",
    /// `soon_days` outside 0–3660.
    SoonDaysRange { days: i64 } => "soon_days_range",
    /// `week_start` not monday/sunday.
    WeekStartInvalid { text: String } => "week_start_invalid",
    /// `lang` not zh/en.
    LangInvalid { text: String } => "lang_invalid",
    /// `calendar` not cn/none.
    CalendarUnknown { text: String } => "calendar_unknown",
    /// A `[calendar]` day that is a deadline.
    HolidayDeadline { text: String } => "holiday_deadline",
    /// A date expression not understood, with the date reader's reason (in both languages).
    PlanDate { text: String, error: crate::dates::DateError } => "date_invalid_in_plan",
    /// `term_start` not a Monday.
    TermStartNotMonday { date: String, monday: String } => "term_start_not_monday",
    /// `when` with `start`/`due`.
    WhenAndDates { what: Subject } => "when_and_dates",
    /// No due date at all.
    NoDue { what: Subject } => "no_due",
    /// Due before start.
    DueBeforeStart { what: Subject, due: String, start: String } => "due_before_start",
    /// An owner `""`.
    OwnerEmpty => "owner_empty",
    /// An owner missing from `[people]`.
    OwnerNotInRoster { name: String, near: Option<String> } => "owner_not_in_roster",
    /// An id with spaces, or empty.
    IdInvalid { id: String } => "id_invalid",
    /// An id used twice.
    IdDuplicate { id: String, first_line: usize } => "id_duplicate",
    /// `after` naming no item.
    UnknownRef { id: String, near: Option<String> } => "unknown_ref",
    /// A cycle of `after` / relative dues.
    Cycle { ids: Vec<String> } => "cycle",
    /// The plan file cannot be read.
    PlanUnreadable { path: String, io: Io } => "plan_unreadable",
    /// The plan file is not UTF-8.
    PlanEncoding { path: String, encoding: Encoding, line: usize } => "plan_encoding",
    /// `chunjiang man NAME` for a name that is not a command.
    UnknownManPage { name: String, pages: Vec<String> } => "unknown_man_page",
    /// The plan is a directory, a named pipe, a device…: only regular files are read.
    /// `what` is (Chinese, English).
    PlanNotAFile { path: String, what: (&'static str, &'static str) } => "plan_not_a_file",
    /// The plan is larger than any plan should be.
    PlanTooLarge { path: String, limit_mib: u64 } => "plan_too_large",
    /// `export --format svg` with nothing to draw (no steps, or none of `--owner`'s).
    NothingToDraw { owner: Option<String> } => "export_nothing_to_draw",
    /// `-o FILE` in a directory that does not exist.
    OutputNoDir { path: String, dir: String } => "output_no_directory",
    /// `-o FILE` naming a directory.
    OutputIsDir { path: String } => "output_is_directory",
    /// `-o FILE` through a symbolic link to nothing.
    OutputDanglingLink { path: String } => "output_dangling_link",
    /// `export -o` naming the plan or a ledger (or another name of one).
    OutputOverPlan { path: String } => "output_over_plan",
    /// Writing a file (an export, a draft, a starter plan, `.gitattributes`) failed.
    OutputWrite { path: String, io: Io } => "output_write",
    /// A `.gitattributes` that `init` will not touch; `what` is (Chinese, English).
    AttributesRefused { path: String, what: (String, String) } => "gitattributes_refused",
    /// `.gitattributes` could not be read.
    AttributesUnreadable { path: String, io: Io } => "gitattributes_unreadable",
    /// The ledger is a symbolic link to a file that does not exist.
    LedgerDanglingLink { path: String } => "ledger_dangling_link",
    /// The ledger is not a regular file; `what` is (Chinese, English).
    LedgerNotAFile { path: String, what: (&'static str, &'static str) } => "ledger_not_a_file",
    /// The ledger is larger than any ledger should be.
    LedgerTooLarge { path: String, limit_mib: u64 } => "ledger_too_large",
    /// Reading, opening, creating or locking the ledger failed.
    LedgerIo { path: String, op: LedgerOp, io: Io } => "ledger_io",
    /// The ledger was replaced each time it was opened.
    LedgerReplaced { path: String, tries: usize } => "ledger_replaced",
    /// A ledger line that needs a person blocks every write.
    LedgerRefused { path: String, problem: crate::ledger::Problem, more: usize } => "ledger_refused",
    /// The ledger changed while locked: a program that ignores the lock is writing.
    LedgerChanged { path: String, expected: u64, found: u64 } => "ledger_changed",
    /// Appending failed; `undo` is the failure of cutting it back to `len` bytes, `torn`
    /// where its incomplete last line was saved first.
    LedgerWrite { path: String, io: Io, undo: Option<(u64, Io)>, torn: Option<String> } => "ledger_write",
    /// The ledger's incomplete last line could not be saved aside (to `aside`) or cut off.
    LedgerTorn { path: String, aside: String, io: Io } => "ledger_torn",
    /// The lines a writer was about to append failed its own check: a fault in this tool,
    /// never in what was typed. Nothing was written.
    LedgerSelfCheck { path: String, why: SelfCheck } => "ledger_self_check",
}

/// What a writer's check of its own new lines found ([`Kind::LedgerSelfCheck`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelfCheck {
    /// A new line that readers would not read as an event.
    Unreadable(crate::ledger::Problem),
    /// Two new events share an id.
    SharedId,
    /// An event that would read back other than it was written.
    NotAsWritten { id: String },
    /// A new event's id is already in the ledger.
    IdInLedger { id: String },
}

/// The `.gitattributes` line that lets git merge two clones' ledgers by keeping both
/// sides' lines (`init` adds it).
pub const UNION_LINE: &str = "*.ledger.jsonl merge=union";

/// What was being done to the ledger when the system said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerOp {
    Read,
    Open,
    Create,
    Lock,
}

kinds! {
    /// What the tool warns about on stderr without failing.
    Warning;
    /// A ledger line readers skip or tolerate.
    Ledger { file: String, problem: crate::ledger::Problem } => "ledger_problem",
    /// More ledger problems than are shown.
    LedgerMore { file: String, more: usize } => "ledger_more",
    /// Working days counted through years the official calendar does not know.
    UnknownYears { years: Vec<i32> } => "calendar_years_unknown",
    /// A torn last line was cut off the ledger and saved aside.
    TornSaved { path: String } => "ledger_torn_saved",
    /// Events recorded more than a day after now.
    FutureEvents { file: String, count: usize } => "ledger_future",
    /// Events of a later ledger format.
    LaterFormat { file: String, count: usize, version: u32 } => "ledger_later_format",
    /// Events for an id the plan no longer has.
    UnknownStep { file: String, id: String } => "ledger_unknown_id",
    /// Events of a kind that is not done, reopen or note (`"event":"DONE"`).
    UnknownKind { file: String, name: String } => "ledger_unknown_kind",
    /// The plan's `ledger` key names a file outside the plan's directory.
    LedgerOutside { file: String, ledger: String } => "ledger_outside",
    /// Relative dues that ran past the last year a plan may name, and stop there.
    PastTheYears { file: String, line: usize, task: bool, id: String, last: chrono::NaiveDate, more: usize } => "due_past_the_years",
    /// A date written in the plan falls on a day off.
    DueOnDayOff { file: String, line: usize, task: bool, id: String, due: chrono::NaiveDate, holiday: Option<(&'static str, &'static str)> } => "due_on_day_off",
    /// A step's dates fall more than two months before the previous step's (`waits: false`)
    /// or before those of a step it waits for (`waits: true`): a wrong year, usually.
    YearOrder { file: String, line: usize, id: String, text: String, start: chrono::NaiveDate, due: chrono::NaiveDate, other: String, other_start: chrono::NaiveDate, waits: bool, next_year: i32 } => "date_year_order",
    /// A read-only command answers without an item the plan gets wrong (or without its
    /// wait); `hint` on the last of them: where to see every problem.
    LeftOut { file: String, left: crate::plan::LeftOut, hint: bool } => "plan_item_left_out",
    /// More items left out than are shown.
    LeftOutMore { file: String, more: usize } => "plan_items_left_out_more",
    /// `--by` (or `CHUNJIANG_BY`) names someone the `[people]` roster lacks.
    RecorderNotInRoster { name: String, roster: Vec<String> } => "recorder_not_in_roster",
    /// Recorded done on a day before the item's window starts.
    DoneBeforeStart { id: String, start: chrono::NaiveDate, on: chrono::NaiveDate } => "done_before_start",
    /// Recorded done while items it waits for (`after`) are still open.
    DoneBeforeAfter { id: String, open: Vec<String> } => "done_before_after",
    /// `--on` far outside the plan's dates: a wrong year, usually.
    OnFarAway { on: chrono::NaiveDate, first: chrono::NaiveDate, last: chrono::NaiveDate } => "date_far_from_plan",
}

kinds! {
    /// What the tool tells without warning: on stderr after `注意：` / `note:`, or as the
    /// confirmation line of a command that wrote a file.
    Note;
    /// The plan was found in a parent folder.
    PlanAbove { path: String } => "plan_above",
    /// Today is after the plan's last date.
    PlanOver { last: chrono::NaiveDate } => "plan_over",
    /// A file was written.
    Wrote { path: String } => "wrote",
    /// `init` found a plan and kept it.
    PlanKept { path: String } => "plan_kept",
    /// `init` added the union line to `.gitattributes`, or found it there.
    UnionLine { path: String, added: bool } => "gitattributes_union",
    /// What to do after `init`.
    InitNext { path: String } => "init_next",
}

impl Note {
    /// The note in `lang`, one line, user text escaped.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::PlanAbove { path } => {
                let path = e(path);
                pick!(
                    lang,
                    "使用上级目录中的计划 {path}",
                    "using the plan in a parent folder, `{path}`"
                )
            }
            Note::PlanOver { last } => pick!(
                lang,
                "今天已过计划的最后日期 {last}；加 `--today {last}` 可查看计划当时的情况",
                "today is after the plan's last date, {last}; `--today {last}` shows the plan as it was"
            ),
            Note::Wrote { path } => {
                let path = e(path);
                pick!(lang, "已写入 {path}", "wrote {path}")
            }
            Note::PlanKept { path } => {
                let path = e(path);
                pick!(
                    lang,
                    "{path} 已存在，保留不动",
                    "{path} already exists; kept as it is"
                )
            }
            Note::UnionLine { path, added } => {
                let path = e(path);
                let line = UNION_LINE;
                match (lang, added) {
                    (Lang::Zh, true) => format!("{path}：已加入 `{line}`"),
                    (Lang::Zh, false) => format!("{path}：已有 `{line}`"),
                    (Lang::En, true) => format!("{path}: added `{line}`"),
                    (Lang::En, false) => format!("{path}: already has `{line}`"),
                }
            }
            Note::InitNext { path } => {
                let path = e(path);
                pick!(
                    lang,
                    "下一步：编辑 {path}，然后运行 `chunjiang check`",
                    "next: edit {path}, then run `chunjiang check`"
                )
            }
        }
    }
}

fn relative_example() -> String {
    "`{ after = \"5\", days = 10 }` / `{ after = \"5\", workdays = 10 }`".to_string()
}

/// What a full-width character is called: "逗号" / "comma".
fn full_width_name(c: char, lang: Lang) -> &'static str {
    let (zh, en) = match c {
        '，' | '、' => ("逗号", "comma"),
        '＝' => ("等号", "equals sign"),
        '：' => ("冒号", "colon"),
        '［' | '］' => ("方括号", "bracket"),
        '｛' | '｝' => ("花括号", "brace"),
        '．' | '。' => ("句点", "full stop"),
        '\u{3000}' => ("全角空格", "space"),
        '０'..='９' => ("全角数字", "digit"),
        _ => ("符号", "character"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// `escape_control`, short: every piece of user text goes through it.
fn e(s: &str) -> String {
    escape_control(s)
}

/// Joins a list of user values for a sentence: `5.1、5.2` / `5.1, 5.2`.
fn list(items: &[String], lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    items.iter().map(|s| e(s)).collect::<Vec<_>>().join(sep)
}

impl Kind {
    /// The message and hint in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> Text {
        let (message, hint) = self.words(lang);
        Text { message, hint }
    }

    fn words(&self, lang: Lang) -> (String, Option<String>) {
        let zh = lang == Lang::Zh;
        match self {
            Kind::UnknownId {
                id,
                file,
                near,
                ids,
                more,
            } => {
                let (id, file) = (e(id), e(file));
                let mut hint = String::new();
                if let Some(n) = near {
                    let n = e(n);
                    hint = pick!(lang, "是不是“{n}”？", "did you mean `{n}`? ");
                }
                let ids = list(ids, lang);
                let more = if *more {
                    if zh { "……" } else { ", …" }
                } else {
                    ""
                };
                let _ = write!(
                    hint,
                    "{}{ids}{more}",
                    if zh {
                        "已有的编号："
                    } else {
                        "ids are: "
                    }
                );
                (
                    pick!(
                        lang,
                        "{file} 中没有编号为“{id}”的步骤或任务",
                        "no step or task `{id}` in `{file}`"
                    ),
                    Some(hint),
                )
            }
            Kind::AmbiguousTitle { fragment, items } => {
                let fragment = e(fragment);
                let n = items.len();
                let mut message = pick!(
                    lang,
                    "“{fragment}”出现在 {n} 个事项的标题中，未作任何改动：",
                    "`{fragment}` is in the titles of {n} items; nothing was changed:"
                );
                for (id, title) in items {
                    let _ = write!(message, "\n  {}  {}", e(id), e(title));
                }
                (
                    message,
                    Some(pick!(
                        lang,
                        "请改用编号，或写出更长的标题片段",
                        "give the id, or a longer part of the title"
                    )),
                )
            }
            Kind::NoUndo { ids } => {
                let ids = ids.as_deref().map_or_else(|| "ID".to_string(), e);
                (
                    pick!(
                        lang,
                        "没有 `undo` 命令：台账只追加、从不改写",
                        "there is no `undo`: the ledger is only ever appended to"
                    ),
                    Some(pick!(
                        lang,
                        "撤销“完成”请用 `chunjiang reopen {ids} --note 原因`；`chunjiang log` 查看记录",
                        "to undo `done`, record `chunjiang reopen {ids} --note WHY`; `chunjiang log` shows the records"
                    )),
                )
            }
            Kind::UnknownOwner {
                name,
                file,
                near,
                owners,
            } => {
                let (name, file) = (e(name), e(file));
                let mut hint = String::new();
                if let Some(n) = near {
                    let n = e(n);
                    hint = pick!(lang, "是不是“{n}”？", "did you mean `{n}`? ");
                }
                let owners = list(owners, lang);
                let _ = write!(
                    hint,
                    "{}{owners}",
                    if zh {
                        "计划中的责任人："
                    } else {
                        "owners are: "
                    }
                );
                (
                    pick!(
                        lang,
                        "{file} 中没有名为“{name}”的责任人",
                        "no one named `{name}` in `{file}`"
                    ),
                    Some(hint),
                )
            }
            Kind::DateArg { flag, text, error } => {
                let (flag, text) = (e(flag), e(text));
                let (reason, hint) = date_error(error, lang);
                let hint = match &error.hint {
                    Some(_) => hint,
                    None => Some(pick!(
                        lang,
                        "请给出某一天，例如 2014-06-20、6月20日 或 6.20",
                        "give one day, such as 2014-06-20, 6月20日 or 6.20"
                    )),
                };
                (
                    pick!(
                        lang,
                        "{flag} 的日期“{text}”无法识别：{reason}",
                        "{flag} `{text}`: {reason}"
                    ),
                    hint,
                )
            }
            Kind::OnAfterToday { on, today } => (
                pick!(
                    lang,
                    "--on 的日期 {on} 晚于今天（{today}）",
                    "--on {on} is after today ({today})"
                ),
                Some(pick!(
                    lang,
                    "请在事情发生当天记录，或用 --today 指定今天",
                    "record it on the day it happens, or pass --today"
                )),
            ),
            Kind::ToBeforeFrom { from, to } => (
                pick!(
                    lang,
                    "--to 的日期 {to} 早于 --from 的日期 {from}",
                    "--to {to} is before --from {from}"
                ),
                Some(pick!(
                    lang,
                    "用 --from 给出第一天，用 --to 给出最后一天",
                    "give the first day with --from and the last with --to"
                )),
            ),
            Kind::BinaryToTerminal { format, file } => (
                pick!(
                    lang,
                    "`export --format {format}` 写出的是二进制文件，不能显示在终端上",
                    "`export --format {format}` writes a binary file, which a terminal cannot show"
                ),
                Some(pick!(
                    lang,
                    "用 `-o {file}` 指定文件，或重定向：`> {file}`",
                    "name a file with `-o {file}`, or redirect: `> {file}`"
                )),
            ),
            Kind::WeekUnused { format } => (
                pick!(
                    lang,
                    "`--week` 只用于有周次的报告（`md`、`docx`、`html`），不用于 `{format}`",
                    "`--week` is for the reports that have a week (`md`, `docx`, `html`), not `{format}`"
                ),
                Some(pick!(
                    lang,
                    "去掉 `--week`，或改用 `--format docx`",
                    "drop `--week`, or use `--format docx`"
                )),
            ),
            Kind::UnknownManPage { name, pages } => {
                // Command names are what the user types: in backticks.
                let pages: Vec<String> = pages.iter().map(|p| format!("`{p}`")).collect();
                let (name, pages) = (e(name), list(&pages, lang));
                (
                    pick!(lang, "没有 `{name}` 的手册页", "no manual page `{name}`"),
                    Some(pick!(
                        lang,
                        "可用的页面：{pages}；不写名称则输出主页面",
                        "the pages are: {pages}; with no name, the main page"
                    )),
                )
            }
            Kind::NegativeDays { days } => (
                pick!(
                    lang,
                    "--days 的值 {days} 是负数",
                    "--days {days} is negative"
                ),
                Some(pick!(
                    lang,
                    "给出向前看的天数，例如 7",
                    "give how many days ahead to look, such as 7"
                )),
            ),
            Kind::StampTooLate { latest } => (
                pick!(
                    lang,
                    "这一项最近的记录时间是 `{latest}`，太靠后，新记录无法排在它之后",
                    "the item's latest event is stamped `{latest}`, too far ahead to record after"
                ),
                Some(pick!(
                    lang,
                    "手工改正那一行的 `at`，然后运行 `chunjiang check`",
                    "fix that line's `at` by hand, then run `chunjiang check`"
                )),
            ),
            Kind::EmptyNote { id } => {
                let id = e(id);
                (
                    pick!(lang, "记录内容为空", "the note is empty"),
                    Some(pick!(
                        lang,
                        "写上内容，例如 `chunjiang note {id} \"谈话记录已存档\"`",
                        "write what to record: `chunjiang note {id} \"谈话记录已存档\"`"
                    )),
                )
            }
            Kind::ImportUnreadable { file, why } => {
                use crate::import::ReadError;
                let file = e(file);
                let again_docx = pick!(
                    lang,
                    "用 Word、WPS 或 LibreOffice 打开，另存为 .docx 后再导入",
                    "open it in Word, WPS or LibreOffice, save it as .docx and import that"
                );
                let again_xlsx = pick!(
                    lang,
                    "用 Excel、WPS 或 LibreOffice 打开，另存为 .xlsx 后再导入",
                    "open it in Excel, WPS or LibreOffice, save it as .xlsx and import that"
                );
                match why {
                    ReadError::OldWord => (
                        pick!(
                            lang,
                            "“{file}”是旧的 Word/WPS 二进制格式（.doc/.wps），无法直接读取",
                            "`{file}` is an old binary Word/WPS file (.doc/.wps), which cannot be read"
                        ),
                        Some(format!(
                            "{again_docx}{}",
                            pick!(
                                lang,
                                "（`soffice --headless --convert-to docx {file}`）",
                                " (`soffice --headless --convert-to docx {file}`)"
                            )
                        )),
                    ),
                    ReadError::Docx(why) => {
                        let why = e(why);
                        (
                            pick!(
                                lang,
                                "“{file}”不是可读的 .docx 文件：“{why}”",
                                "`{file}` is not a readable .docx file: {why}"
                            ),
                            Some(again_docx),
                        )
                    }
                    ReadError::Sheet(why) => {
                        let why = e(why);
                        (
                            pick!(
                                lang,
                                "“{file}”不是可读的表格文件：“{why}”",
                                "`{file}` is not a readable spreadsheet: {why}"
                            ),
                            Some(again_xlsx),
                        )
                    }
                    ReadError::Text => (
                        pick!(
                            lang,
                            "“{file}”不是可读的文本（不是 UTF-8、UTF-16 或 GBK 编码）",
                            "`{file}` is not readable text (not UTF-8, UTF-16 or GBK)"
                        ),
                        Some(pick!(
                            lang,
                            "另存为 UTF-8 文本，或者直接导入 .docx/.xlsx 原件",
                            "save it as UTF-8 text, or import the .docx/.xlsx original"
                        )),
                    ),
                    ReadError::Csv(row, why) => {
                        let why = e(why);
                        (
                            pick!(
                                lang,
                                "“{file}”第 {row} 行不能按 CSV 读取：“{why}”",
                                "`{file}` row {row} cannot be read as CSV: {why}"
                            ),
                            Some(again_xlsx),
                        )
                    }
                }
            }
            Kind::ImportNoTable { file } => {
                let file = e(file);
                (
                    pick!(lang, "“{file}”里没有表格", "`{file}` has no table"),
                    Some(pick!(
                        lang,
                        "日程表要是文件里的表格（Word 表格、网页表格、电子表格），或者用制表符缩进的文本",
                        "the schedule must be a table (Word, web page, spreadsheet) or tab-indented text"
                    )),
                )
            }
            Kind::ImportNoSchedule {
                file,
                wanted,
                tables,
            } => {
                let (file, seen) = (e(file), tables_seen(tables, lang));
                let message = match wanted {
                    Some(n) => pick!(
                        lang,
                        "“{file}”没有第 {n} 个表格；它的表格有：{seen}",
                        "`{file}` has no table {n}; its tables:{seen}"
                    ),
                    None => pick!(
                        lang,
                        "“{file}”里没有找到日程表（表头要有序号、工作内容、时间安排、责任人之类的词）；它的表格有：{seen}",
                        "no schedule table found in `{file}` (no header names a number, the work, its time and who is responsible); its tables:{seen}"
                    ),
                };
                (
                    message,
                    Some(pick!(
                        lang,
                        "用 --table N 指定要导入哪一个",
                        "pick the one to import with --table N"
                    )),
                )
            }
            Kind::ImportUnclear {
                file,
                which,
                tables,
            } => {
                let (file, seen) = (e(file), tables_seen(tables, lang));
                let which: Vec<String> = which.iter().map(ToString::to_string).collect();
                let which = list(&which, lang);
                (
                    pick!(
                        lang,
                        "“{file}”里有几个表格都像日程表（第 {which} 个）；它的表格有：{seen}",
                        "several tables in `{file}` look like a schedule (tables {which}); its tables:{seen}"
                    ),
                    Some(pick!(
                        lang,
                        "用 --table N 指定要导入哪一个",
                        "pick the one to import with --table N"
                    )),
                )
            }
            Kind::ImportOutputTaken { file, why } => {
                let file = e(file);
                let message = match why {
                    Taken::TheDocument => pick!(
                        lang,
                        "不能把草稿写到要导入的文件“{file}”上；没有改动任何文件",
                        "will not write the draft over the document being imported, `{file}`; nothing was changed"
                    ),
                    Taken::Ledger => pick!(
                        lang,
                        "“{file}”是台账，不能覆盖；没有改动任何文件",
                        "`{file}` is a ledger and is never overwritten; nothing was changed"
                    ),
                    Taken::NotAFile => pick!(
                        lang,
                        "“{file}”不是普通文件；没有改动任何文件",
                        "`{file}` is not a regular file; nothing was changed"
                    ),
                    Taken::Exists => pick!(
                        lang,
                        "“{file}”已存在；没有改动任何文件",
                        "`{file}` already exists; nothing was changed"
                    ),
                };
                let hint = if *why == Taken::Exists {
                    pick!(
                        lang,
                        "加 --force 覆盖，或者用 -o 指定新文件名（-o - 输出到屏幕）",
                        "add --force to replace it, or name another file with -o (-o - for stdout)"
                    )
                } else {
                    pick!(
                        lang,
                        "用 -o 指定另一个文件名，例如 -o plan.toml",
                        "name another file with -o, such as -o plan.toml"
                    )
                };
                (message, Some(hint))
            }
            Kind::PlanSyntax { detail } => {
                let detail = e(detail);
                (
                    pick!(lang, "这里不符合 TOML 格式", "TOML syntax: {detail}"),
                    Some(pick!(
                        lang,
                        "检查这一行的引号、等号和方括号（都要用英文半角符号）；格式说明见 https://toml.io/cn/",
                        "see https://toml.io for the syntax"
                    )),
                )
            }
            Kind::DuplicateKey { key } => {
                let key = e(key);
                (
                    pick!(lang, "键 `{key}` 重复出现", "duplicate key `{key}`"),
                    Some(pick!(
                        lang,
                        "同一个表中每个键只能写一次：删掉或合并其中一行；另一个步骤要用新的 `[[step]]` 开头",
                        "a key may appear once in a table: remove or merge one of them; another step starts with its own `[[step]]`"
                    )),
                )
            }
            Kind::BareValue { detail } => {
                let detail = e(detail);
                (
                    pick!(lang, "值没有加双引号", "TOML syntax: {detail}"),
                    Some(pick!(
                        lang,
                        "文字要放在英文双引号中，例如 `title = \"召开动员会\"`",
                        "strings need double quotes, such as `title = \"召开动员会\"`"
                    )),
                )
            }
            Kind::FullWidth { found, ascii } => {
                let name = full_width_name(*found, lang);
                let shown = if *found == '\u{3000}' { ' ' } else { *found };
                (
                    pick!(
                        lang,
                        "这里是中文输入法的{name}“{shown}”，TOML 要用英文的 `{ascii}`",
                        "a full-width {name} `{shown}` (a Chinese keyboard's); TOML needs the ASCII `{ascii}`"
                    ),
                    Some(pick!(
                        lang,
                        "切换到英文输入法，把“{shown}”改为 `{ascii}`",
                        "switch the keyboard to English and type `{ascii}` instead"
                    )),
                )
            }
            Kind::WordQuotes { found } => {
                let close = match found {
                    '“' => '”',
                    '‘' => '’',
                    c => *c,
                };
                (
                    pick!(
                        lang,
                        "字符串用了中文引号 {found}…{close}，TOML 要用英文双引号 `\"`",
                        "a string in typographic quotes {found}…{close} (as Word writes them); TOML needs ASCII double quotes `\"`"
                    ),
                    Some(pick!(
                        lang,
                        "把 {found} 和 {close} 都改为英文双引号 `\"`，例如 `title = \"召开动员会\"`",
                        "type `\"` for both, such as `title = \"召开动员会\"`"
                    )),
                )
            }
            Kind::UnknownKey {
                key,
                near,
                place,
                allowed,
            } => {
                let key = e(key);
                let mean = near
                    .as_ref()
                    .map(|n| pick!(lang, "是不是 `{n}`？", "did you mean `{n}`? "))
                    .unwrap_or_default();
                let place = place.words(lang);
                let allowed = allowed.join(", ");
                (
                    pick!(lang, "未知的键 `{key}`", "unknown key `{key}`"),
                    Some(pick!(
                        lang,
                        "{mean}{place}可用的键：`{allowed}`",
                        "{mean}{place} takes: {allowed}"
                    )),
                )
            }
            Kind::WrongType {
                key,
                found,
                expected,
            } => {
                let key = e(key);
                let (found, expected) = (found.words(lang), expected.words(lang));
                (
                    pick!(
                        lang,
                        "`{key}` 是{found}，应为{expected}",
                        "`{key}` is {found}, expected {expected}"
                    ),
                    Some(pick!(
                        lang,
                        "把 `{key}` 写成{expected}",
                        "write `{key}` as {expected}"
                    )),
                )
            }
            Kind::OwnersOneString => (
                pick!(
                    lang,
                    "`owners` 是一个字符串，里面写了几个人名",
                    "`owners` is one string holding several names"
                ),
                Some(pick!(
                    lang,
                    "写成数组：`owners = [\"唐健\", \"韩海英\"]`",
                    "write an array: `owners = [\"唐健\", \"韩海英\"]`"
                )),
            ),
            Kind::OwnerAndOwners => (
                pick!(
                    lang,
                    "同时写了 `owner` 和 `owners`",
                    "both `owner` and `owners` are given"
                ),
                Some(pick!(
                    lang,
                    "只保留一个：`owners = [\"甲\", \"乙\"]` 或 `owner = \"甲\"`",
                    "keep one: `owners = [\"a\", \"b\"]` or `owner = \"a\"`"
                )),
            ),
            Kind::RelativeBoth => (
                pick!(
                    lang,
                    "相对截止日期只能写 `days` 或 `workdays` 其中一个",
                    "a relative due takes `days` or `workdays`, not both"
                ),
                Some(relative_example()),
            ),
            Kind::RelativeNoCount => (
                pick!(
                    lang,
                    "相对截止日期缺少 `days` 或 `workdays`",
                    "a relative due needs `days` or `workdays`"
                ),
                Some(relative_example()),
            ),
            Kind::RelativeNoAfter => (
                pick!(
                    lang,
                    "相对截止日期缺少 `after`（从哪个步骤完成起算）",
                    "a relative due needs `after`, the step it counts from"
                ),
                Some(relative_example()),
            ),
            Kind::RelativeDelay { count, workdays } => (
                match (lang, workdays) {
                    (Lang::Zh, true) => format!("{count}个工作日不是合理的期限"),
                    (Lang::Zh, false) => format!("{count}天不是合理的期限"),
                    (Lang::En, true) => format!("{count} working days is not a sensible delay"),
                    (Lang::En, false) => format!("{count} days is not a sensible delay"),
                },
                Some(pick!(
                    lang,
                    "写 0 到 3660（十年）之间的整数",
                    "use a whole number from 0 to 3660 (ten years)"
                )),
            ),
            Kind::TitleEmpty { what } => {
                let message = match (what, lang) {
                    (Subject::Plan, Lang::En) => "the plan's `title` is empty".to_string(),
                    (_, Lang::En) => format!("{} has an empty `title`", what.words(lang)),
                    (_, Lang::Zh) => format!("{}的 `title` 是空的", what.words(lang)),
                };
                (message, None)
            }
            Kind::TitleMissing { what } => {
                let plan = *what == Subject::Plan;
                let what = what.words(lang);
                let hint = match (plan, lang) {
                    (true, Lang::Zh) => "在文件开头加一行，例如 `title = \"第二环节工作安排\"`",
                    (true, Lang::En) => {
                        "add a line such as `title = \"第二环节工作安排\"` at the top"
                    }
                    (false, Lang::Zh) => "加上 `title = \"…\"`：要做的事",
                    (false, Lang::En) => "add `title = \"…\"`: what must be done",
                };
                (
                    pick!(lang, "{what}没有 `title`", "{what} has no `title`"),
                    Some(hint.to_string()),
                )
            }
            Kind::YearRange { year } => (
                {
                    let (from, to) = (crate::dates::YEARS.start(), crate::dates::YEARS.end());
                    pick!(
                        lang,
                        "年份 {year} 超出范围（{from}–{to}）",
                        "year {year} is out of range ({from}–{to})"
                    )
                },
                Some(pick!(
                    lang,
                    "写一个年份，例如 2014",
                    "write a year such as 2014"
                )),
            ),
            Kind::TimezoneInvalid { text } => {
                let text = e(text);
                (
                    pick!(lang, "“{text}”不是时区偏移", "`{text}` is not a UTC offset"),
                    Some(pick!(
                        lang,
                        "写固定的偏移，例如 `\"+08:00\"`",
                        "write a fixed offset such as \"+08:00\""
                    )),
                )
            }
            Kind::SoonDaysRange { days } => (
                pick!(
                    lang,
                    "soon_days = {days} 超出范围",
                    "soon_days = {days} is out of range"
                ),
                Some(pick!(
                    lang,
                    "写 0 到 3660 之间的天数；默认是 7",
                    "use a number of days from 0 to 3660; the default is 7"
                )),
            ),
            Kind::WeekStartInvalid { text } => {
                let text = e(text);
                (
                    pick!(
                        lang,
                        "week_start 的值“{text}”不是一周的起始日",
                        "week_start `{text}` is not a week start"
                    ),
                    Some(pick!(
                        lang,
                        "写 `\"monday\"`（周一开始，默认）或 `\"sunday\"`",
                        "write \"monday\" (ISO weeks, the default) or \"sunday\""
                    )),
                )
            }
            Kind::LangInvalid { text } => {
                let text = e(text);
                (
                    pick!(
                        lang,
                        "不支持的语言“{text}”",
                        "lang `{text}` is not supported"
                    ),
                    Some(pick!(
                        lang,
                        "写 `\"zh\"` 或 `\"en\"`",
                        "write \"zh\" or \"en\""
                    )),
                )
            }
            Kind::CalendarUnknown { text } => {
                let text = e(text);
                (
                    pick!(lang, "未知的日历“{text}”", "calendar `{text}` is not known"),
                    Some(pick!(
                        lang,
                        "写 `\"cn\"`（中国大陆法定节假日）或 `\"none\"`（只算周末）",
                        "write \"cn\" (mainland China's official days off) or \"none\" (weekends only)"
                    )),
                )
            }
            Kind::HolidayDeadline { text } => {
                let text = e(text);
                (
                    pick!(
                        lang,
                        "“{text}”是截止日期，不是具体的日子",
                        "`{text}` is a deadline, not days"
                    ),
                    Some(pick!(
                        lang,
                        "列出日子或时间段，例如 `\"7月15日\"` 或 `\"7月15日至8月31日\"`",
                        "list days or windows, such as \"7月15日\" or \"7月15日至8月31日\""
                    )),
                )
            }
            Kind::PlanDate { error, .. } => date_error(error, lang),
            Kind::TermStartNotMonday { date, monday } => (
                pick!(
                    lang,
                    "`term_start` 的日期 {date} 不是星期一",
                    "term_start {date} is not a Monday"
                ),
                Some(pick!(
                    lang,
                    "写学期第1周的星期一，例如 `\"{monday}\"`",
                    "write the Monday of teaching week 1, such as \"{monday}\""
                )),
            ),
            Kind::WhenAndDates { what } => {
                let what = what.words(lang);
                (
                    pick!(
                        lang,
                        "{what}同时写了 `when` 和 `start`/`due`",
                        "{what} gives both `when` and `start`/`due`"
                    ),
                    Some(pick!(
                        lang,
                        "日期只写一次：`when = \"6月18日至6月26日\"`，或者 `start` 和 `due`",
                        "give the dates once: `when = \"6月18日至6月26日\"`, or `start` and `due`"
                    )),
                )
            }
            Kind::NoDue { what } => {
                let what = what.words(lang);
                (
                    pick!(lang, "{what}没有截止日期", "{what} has no due date"),
                    Some(pick!(
                        lang,
                        "加上 `when = \"6月16日\"`（某天或时间段）或 `due = \"6月20日前\"`",
                        "add `when = \"6月16日\"` (a day or a window) or `due = \"6月20日前\"`"
                    )),
                )
            }
            Kind::DueBeforeStart { what, due, start } => {
                let what = what.words(lang);
                (
                    pick!(
                        lang,
                        "{what}的截止日期（{due}）早于开始日期（{start}）",
                        "{what} is due ({due}) before it starts ({start})"
                    ),
                    Some(pick!(
                        lang,
                        "检查日期：截止日期不能早于开始日期",
                        "check the dates: the due day must not come before the start"
                    )),
                )
            }
            Kind::OwnerEmpty => (
                pick!(lang, "责任人姓名是空的", "an owner's name is empty"),
                None,
            ),
            Kind::OwnerNotInRoster { name, near } => {
                let name = e(name);
                let mean = did_you_mean(near.as_ref(), lang);
                (
                    pick!(
                        lang,
                        "责任人“{name}”不在 `[people]` 名单中",
                        "owner `{name}` is not in [people]"
                    ),
                    Some(pick!(
                        lang,
                        "{mean}或在 `[people]` 下加上 `\"{name}\" = {{}}`",
                        "{mean}or add `\"{name}\" = {{}}` under [people]"
                    )),
                )
            }
            Kind::IdInvalid { id } => {
                let id = e(id);
                (
                    pick!(
                        lang,
                        "编号“{id}”为空或含有空格",
                        "id `{id}` is empty or has spaces"
                    ),
                    Some(pick!(
                        lang,
                        "编号写成 `3`、`\"4a\"` 或 `\"5.1\"` 这样",
                        "use ids such as 3, \"4a\" or \"5.1\""
                    )),
                )
            }
            Kind::IdDuplicate { id, first_line } => {
                let id = e(id);
                (
                    pick!(
                        lang,
                        "编号“{id}”用了两次（第一次在第{first_line}行）",
                        "id `{id}` is used twice (first on line {first_line})"
                    ),
                    Some(pick!(
                        lang,
                        "每个步骤和任务要有自己的编号",
                        "give every step and task its own id"
                    )),
                )
            }
            Kind::UnknownRef { id, near } => {
                let id = e(id);
                let hint = match near {
                    Some(_) => did_you_mean(near.as_ref(), lang).trim_end().to_string(),
                    None => pick!(
                        lang,
                        "写这个计划中某个步骤或任务的编号",
                        "name the id of a step or task in this plan"
                    ),
                };
                (
                    pick!(
                        lang,
                        "没有编号为“{id}”的步骤或任务",
                        "no step or task `{id}`"
                    ),
                    Some(hint),
                )
            }
            Kind::Cycle { ids } => {
                let ids = ids.iter().map(|i| e(i)).collect::<Vec<_>>().join(" → ");
                (
                    pick!(lang, "循环等待：{ids}", "a cycle: {ids}"),
                    Some(pick!(
                        lang,
                        "一个事项不能直接或间接地等待它自己",
                        "an item cannot wait, directly or through others, for itself"
                    )),
                )
            }
            Kind::PlanNotAFile { path, what } => {
                let path = e(path);
                let (zh, en) = what;
                (
                    pick!(
                        lang,
                        "计划 {path} 不是普通文件（它是{zh}），不读取",
                        "plan `{path}` is not a regular file (it is {en}); it is not read"
                    ),
                    Some(pick!(
                        lang,
                        "用 `--plan 文件` 指定计划文件（`.toml` 文件）",
                        "give the plan's .toml file with --plan FILE"
                    )),
                )
            }
            Kind::NothingToDraw { owner } => {
                let msg = match owner {
                    Some(o) => {
                        let o = e(o);
                        pick!(
                            lang,
                            "没有可画的内容：{o}没有负责的步骤",
                            "nothing to draw: no steps for {o}"
                        )
                    }
                    None => pick!(
                        lang,
                        "没有可画的内容：计划里没有步骤",
                        "nothing to draw: no steps"
                    ),
                };
                (msg, None)
            }
            Kind::OutputNoDir { path, dir } => {
                let (path, dir) = (e(path), e(dir));
                (
                    pick!(
                        lang,
                        "无法写入 {path}：目录 {dir} 不存在",
                        "cannot write `{path}`: directory `{dir}` does not exist"
                    ),
                    Some(pick!(
                        lang,
                        "先建好这个目录，或用 -o 指定别的文件",
                        "create it first, or pick another -o FILE"
                    )),
                )
            }
            Kind::OutputIsDir { path } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "无法写入 {path}：这是一个目录",
                        "cannot write `{path}`: it is a directory"
                    ),
                    Some(pick!(
                        lang,
                        "写出文件名，如 -o plan.ics",
                        "name a file, such as -o plan.ics"
                    )),
                )
            }
            Kind::OutputDanglingLink { path } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "不通过 {path} 写入：它是指向不存在文件的符号链接",
                        "refusing to write the export through `{path}`, a symbolic link to a file that does not exist"
                    ),
                    Some(pick!(lang, "用 -o 指定别的文件", "pick another -o FILE")),
                )
            }
            Kind::OutputOverPlan { path } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "不把导出写到 {path} 上：它是计划或台账（或它们的另一个名字）",
                        "refusing to write the export over `{path}`, which is the plan or a ledger (or another name of one)"
                    ),
                    Some(pick!(lang, "用 -o 指定别的文件", "pick another -o FILE")),
                )
            }
            Kind::OutputWrite { path, io } => {
                let (path, why) = (e(path), e(&io.words(lang)));
                (
                    pick!(
                        lang,
                        "无法写入 {path}：{why}",
                        "failed to write `{path}`: {why}"
                    ),
                    Some(pick!(
                        lang,
                        "检查目录的写权限和磁盘空间",
                        "check the folder's permissions and the free space"
                    )),
                )
            }
            Kind::AttributesRefused { path, what } => {
                let (path, zh_what, en_what) = (e(path), e(&what.0), e(&what.1));
                (
                    pick!(
                        lang,
                        "{path} {zh_what}；没有改动任何文件",
                        "`{path}` {en_what}; nothing was changed"
                    ),
                    Some(pick!(
                        lang,
                        "把它改成本目录里的普通文本文件",
                        "make it a plain text file in this directory"
                    )),
                )
            }
            Kind::AttributesUnreadable { path, io } => {
                let (path, why) = (e(path), e(&io.words(lang)));
                (
                    pick!(
                        lang,
                        "无法读取 {path}：{why}；没有改动任何文件",
                        "failed to read `{path}`: {why}; nothing was changed"
                    ),
                    Some(pick!(
                        lang,
                        "它应是写 `git` 属性的文本文件",
                        "it should be a text file of git attributes"
                    )),
                )
            }
            Kind::LedgerDanglingLink { path } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "台账 {path} 是符号链接，但它指向的文件不存在",
                        "ledger `{path}` is a symbolic link to a file that does not exist"
                    ),
                    Some(pick!(
                        lang,
                        "让它指向台账，或删掉这个链接，从空台账开始",
                        "point it at the ledger, or remove the link to start an empty one"
                    )),
                )
            }
            Kind::LedgerNotAFile { path, what } => {
                let path = e(path);
                let (zh_what, en_what) = what;
                (
                    pick!(
                        lang,
                        "台账 {path} 不是普通文件（它是{zh_what}）",
                        "ledger `{path}` is not a regular file (it is {en_what})"
                    ),
                    Some(pick!(
                        lang,
                        "用 --ledger 文件 指定台账，或在计划里写 `ledger`",
                        "give the ledger with --ledger FILE, or set `ledger` in the plan"
                    )),
                )
            }
            Kind::LedgerTooLarge { path, limit_mib } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "台账 {path} 超过 {limit_mib} 兆字节，不读取",
                        "ledger `{path}` is larger than {limit_mib} MiB; chunjiang does not read it"
                    ),
                    Some(pick!(
                        lang,
                        "一百万条记录的台账约 170 兆字节；检查这个文件是不是台账（docs/untrusted-input.md）",
                        "a ledger of a million events is about 170 MiB; check that this file is the ledger (docs/untrusted-input.md)"
                    )),
                )
            }
            Kind::LedgerIo { path, op, io } => {
                let (path, why) = (e(path), e(&io.words(lang)));
                let (zh_op, en_op) = match op {
                    LedgerOp::Read => ("读取", "read"),
                    LedgerOp::Open => ("打开", "open"),
                    LedgerOp::Create => ("创建", "create"),
                    LedgerOp::Lock => ("锁定", "lock"),
                };
                (
                    pick!(
                        lang,
                        "无法{zh_op}台账 {path}：{why}",
                        "failed to {en_op} ledger `{path}`: {why}"
                    ),
                    None,
                )
            }
            Kind::LedgerReplaced { path, tries } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "无法打开台账 {path}：打开了{tries}次，每次都被换成了别的文件",
                        "failed to open ledger `{path}`: it was replaced each time it was opened ({tries} tries)"
                    ),
                    Some(pick!(
                        lang,
                        "是不是有别的程序在改写它？",
                        "is another program rewriting it?"
                    )),
                )
            }
            Kind::LedgerRefused {
                path,
                problem,
                more,
            } => {
                let (path, p) = (e(path), ledger_problem(problem, lang));
                let more = match (lang, more) {
                    (_, 0) => String::new(),
                    (Lang::Zh, n) => format!("（另有{n}处问题）"),
                    (Lang::En, 1) => " (and 1 more problem)".to_string(),
                    (Lang::En, n) => format!(" (and {n} more problems)"),
                };
                (
                    pick!(
                        lang,
                        "拒绝写入台账 {path}：{p}{more}；没有改动任何文件",
                        "refusing to write to ledger `{path}`: {p}{more}; nothing was changed"
                    ),
                    Some(pick!(
                        lang,
                        "手工改好这一行，再运行 `chunjiang check`",
                        "fix the line by hand, then run `chunjiang check`"
                    )),
                )
            }
            Kind::LedgerChanged {
                path,
                expected,
                found,
            } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "台账 {path} 在锁定期间被改动了（应为 {expected} 字节，实为 {found} 字节）；没有写入",
                        "ledger `{path}` changed while locked ({expected} bytes expected, {found} found); nothing was written"
                    ),
                    Some(pick!(
                        lang,
                        "有别的程序在写它；等它写完再试",
                        "another program is writing to it; try again once it is done"
                    )),
                )
            }
            Kind::LedgerWrite {
                path,
                io,
                undo,
                torn,
            } => {
                let (path, why) = (e(path), e(&io.words(lang)));
                let mut msg = pick!(
                    lang,
                    "无法写入台账 {path}：{why}",
                    "failed to write ledger `{path}`: {why}"
                );
                if let Some((len, undo)) = undo {
                    let undo = e(&undo.words(lang));
                    msg.push_str(&pick!(
                        lang,
                        "；截回原来的 {len} 字节也失败了：{undo}",
                        "; cutting it back to its previous {len} bytes also failed: {undo}"
                    ));
                }
                if let Some(t) = torn {
                    let t = e(t);
                    msg.push_str(&pick!(
                        lang,
                        "（不完整的最后一行已另存到 {t} 并截掉）",
                        " (its incomplete last line was saved to `{t}` and cut off)"
                    ));
                }
                (
                    msg,
                    Some(pick!(
                        lang,
                        "没有记下；检查磁盘空间后重试，再运行 `chunjiang check`",
                        "nothing was recorded; check the free space, try again, then run `chunjiang check`"
                    )),
                )
            }
            Kind::LedgerTorn { path, aside, io } => {
                let (path, aside, why) = (e(path), e(aside), e(&io.words(lang)));
                (
                    pick!(
                        lang,
                        "台账 {path} 的最后一行不完整，无法把它另存到 {aside} 并截掉：{why}；没有写入",
                        "the incomplete last line of ledger `{path}` could not be saved to `{aside}` and cut off: {why}; nothing was written"
                    ),
                    Some(pick!(
                        lang,
                        "检查台账所在目录的写权限，再运行 `chunjiang check`",
                        "check that the ledger's folder is writable, then run `chunjiang check`"
                    )),
                )
            }
            Kind::LedgerSelfCheck { path, why } => {
                let path = e(path);
                let what = match why {
                    SelfCheck::Unreadable(p) => {
                        let p = ledger_problem(p, lang);
                        pick!(
                            lang,
                            "新记录读不回来：{p}",
                            "a new event would not read: {p}"
                        )
                    }
                    SelfCheck::SharedId => {
                        pick!(lang, "两条新记录的编号相同", "two new events share an id")
                    }
                    SelfCheck::NotAsWritten { id } => {
                        let id = e(id);
                        pick!(
                            lang,
                            "新记录 {id} 读回来与写的不同",
                            "event {id} would not read back as written"
                        )
                    }
                    SelfCheck::IdInLedger { id } => {
                        let id = e(id);
                        pick!(
                            lang,
                            "新记录的编号 {id} 已在台账里",
                            "event id {id} is already in the ledger"
                        )
                    }
                };
                (
                    pick!(
                        lang,
                        "拒绝写入台账 {path}：{what}；没有写入",
                        "refusing to write to ledger `{path}`: {what}; nothing was written"
                    ),
                    Some(pick!(
                        lang,
                        "这是 chunjiang 自身的问题，台账没有改动；请再试一次，仍不行请报告",
                        "this is a fault in chunjiang, and the ledger is unchanged; try again, and report it if it happens again"
                    )),
                )
            }
            Kind::PlanTooLarge { path, limit_mib } => {
                let path = e(path);
                (
                    pick!(
                        lang,
                        "计划 {path} 超过 {limit_mib} 兆字节，不读取",
                        "plan `{path}` is larger than {limit_mib} MiB; it is not read"
                    ),
                    Some(pick!(
                        lang,
                        "这么大的文件不会是计划；检查 `--plan` 指定的是不是计划文件",
                        "a plan is never that large: check that --plan names the plan"
                    )),
                )
            }
            Kind::PlanUnreadable { path, io } => {
                let (path, io) = (e(path), io.words(lang));
                (
                    pick!(
                        lang,
                        "无法读取计划文件 {path}：{io}",
                        "failed to read plan `{path}`: {io}"
                    ),
                    Some(pick!(
                        lang,
                        "用 `--plan 文件` 或环境变量 `CHUNJIANG_PLAN` 指定计划文件，或用 `chunjiang init` 新建一个",
                        "give the plan with --plan FILE or CHUNJIANG_PLAN, or write one with `chunjiang init`"
                    )),
                )
            }
            Kind::PlanEncoding {
                path,
                encoding,
                line,
            } => {
                let path = e(path);
                let (name, from) = (encoding.name(), encoding.iconv());
                let message = match (encoding, lang) {
                    (Encoding::Unknown, Lang::Zh) => {
                        format!("计划文件 {path} 不是 UTF-8 编码（第{line}行）")
                    }
                    (Encoding::Unknown, Lang::En) => {
                        format!("plan `{path}` is not UTF-8 (line {line})")
                    }
                    (_, Lang::Zh) => {
                        format!("计划文件 {path} 不是 UTF-8 编码，看来是 {name}（第{line}行）")
                    }
                    (_, Lang::En) => {
                        format!("plan `{path}` is not UTF-8; it looks like {name} (line {line})")
                    }
                };
                (
                    message,
                    Some(pick!(
                        lang,
                        "请另存为 UTF-8：记事本中“另存为”→“编码”选 UTF-8；WPS 中“另存为”→“编码”选 UTF-8；或在终端运行 `iconv -f {from} -t UTF-8 {path} > plan-utf8.toml`",
                        "save it as UTF-8: in Notepad, Save As → Encoding: UTF-8; in WPS, Save As → Encoding: UTF-8; or run `iconv -f {from} -t UTF-8 {path} > plan-utf8.toml`"
                    )),
                )
            }
        }
    }
}

/// A ledger line's problem, after `第3行：` / `line 3: `.
fn ledger_problem(p: &crate::ledger::Problem, lang: Lang) -> String {
    use crate::ledger::ProblemKind as P;
    let line = p.line;
    let what = match (&p.kind, lang) {
        (P::Malformed(reason), Lang::Zh) => format!("无法读取的记录：{}", malformed_zh(reason)),
        (P::Malformed(reason), Lang::En) => e(reason),
        (P::ConflictMarker, Lang::Zh) => {
            "有 `git` 的合并冲突标记（台账应以 `merge=union` 合并，见 `README.md`）".to_string()
        }
        (P::ConflictMarker, Lang::En) => {
            "git conflict markers (merge the ledger with `merge=union`, see README)".to_string()
        }
        (P::TornTail { .. }, Lang::Zh) => {
            "最后一行不完整（写入被中断）；已忽略，下次写入时会另存备份".to_string()
        }
        (P::TornTail { .. }, Lang::En) => "last line is incomplete (a write was cut short); it is ignored and will be saved aside by the next write".to_string(),
        (P::ConflictingId { id, first_line }, Lang::Zh) => {
            format!("事件编号 {} 与第{first_line}行相同，但内容不同", e(id))
        }
        (P::ConflictingId { id, first_line }, Lang::En) => {
            format!("event id {} also on line {first_line} with different content", e(id))
        }
    };
    match lang {
        Lang::Zh => format!("第{line}行：{what}"),
        Lang::En => format!("line {line}: {what}"),
    }
}

/// [`Warning::LeftOut`]: "plan.toml:12：步骤3未计入，其余照常显示：…".
fn left_out(file: &str, left: &crate::plan::LeftOut, hint: bool, lang: Lang) -> Text {
    use crate::plan::Why;
    let (file, id, line) = (e(file), e(&left.id), left.line);
    let what = match (left.task, left.with_tasks, lang) {
        (true, _, Lang::Zh) => format!("任务{id}"),
        (false, false, Lang::Zh) => format!("步骤{id}"),
        (false, true, Lang::Zh) => format!("步骤{id}及其任务"),
        (true, _, Lang::En) => format!("task {id}"),
        (false, false, Lang::En) => format!("step {id}"),
        (false, true, Lang::En) => format!("step {id} and its tasks"),
    };
    let message = match &left.why {
        Why::Problem(kind) => {
            let problem = kind.text(lang).message;
            pick!(
                lang,
                "{file}:{line}：{what}未计入，其余照常显示：{problem}",
                "{file}:{line}: {what} left out, the rest shown: {problem}"
            )
        }
        Why::Needs(other) => {
            let other = e(other);
            pick!(
                lang,
                "{file}:{line}：{what}未计入：截止日从未计入的{other}起算",
                "{file}:{line}: {what} left out: its due counts from {other}, which is left out"
            )
        }
        Why::Unlinked(other) => {
            let other = e(other);
            pick!(
                lang,
                "{file}:{line}：{what}照常显示，但不再等待未计入的{other}",
                "{file}:{line}: {what} shown without waiting for {other}, which is left out"
            )
        }
    };
    let hint = hint.then(|| {
        pick!(
            lang,
            "`chunjiang check` 列出计划的全部问题；改好之前，`done`、`reopen`、`note` 不会写入",
            "`chunjiang check` lists every problem in the plan; `done`, `reopen` and `note` refuse until it is fixed"
        )
    });
    Text { message, hint }
}

/// Why a ledger line is not an event, in Chinese. The reader words it in English (the
/// JSON parser's own words, after "not valid JSON: " or "not a valid event: "); the common
/// cases are said in Chinese, with the column; anything else keeps the English in brackets.
fn malformed_zh(reason: &str) -> String {
    let digits = |c: &str| !c.is_empty() && c.bytes().all(|d| d.is_ascii_digit());
    let (body, column) = match reason.rsplit_once(" at column ") {
        Some((b, c)) if digits(c) => (b, Some(c)),
        // "not valid UTF-8 (bad byte at column 7)" carries its column inside.
        _ => (
            reason,
            reason
                .strip_suffix(')')
                .and_then(|b| b.rsplit_once("at column "))
                .map(|(_, c)| c)
                .filter(|c| digits(c)),
        ),
    };
    // A name in backticks after `prefix`: "missing field `on`" → "on".
    let named = |prefix: &str| {
        body.split_once(prefix)
            .and_then(|(_, rest)| rest.strip_prefix('`'))
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| e(name))
    };
    let zh = if let Some(b) = body.strip_prefix("not valid JSON: ") {
        if b.starts_with("EOF while parsing") {
            "这一行在中途结束了，缺少结尾的 `}` 或引号".to_string()
        } else if b.starts_with("trailing characters") {
            "一个记录之后还有多余的字符（一行只能写一条记录）".to_string()
        } else if b.starts_with("expected") || b.starts_with("key must be") {
            "不是有效的 JSON，可能少了引号、逗号或冒号".to_string()
        } else if b.starts_with("control character") {
            "字符串里有控制字符（如制表符），需要写成转义形式".to_string()
        } else {
            format!("不是有效的 JSON（{}）", e(b))
        }
    } else if let Some(b) = body.strip_prefix("not a valid event: ") {
        if let Some(name) = named("missing field ") {
            format!("缺少字段 `{name}`")
        } else if let Some(name) = named("duplicate field ") {
            format!("字段 `{name}` 写了两次")
        } else if b.starts_with("invalid type") {
            "某个字段的类型不对（应是字符串的写成了数字，或反过来）".to_string()
        } else if b.ends_with("is empty") {
            format!("字段 `{}` 是空的", named("").unwrap_or_default())
        } else if let Some(v) = quoted_value(b, "`at` ") {
            format!("`at` 的值{v}不是带时区的时间（如 `2014-06-20T09:30:00+08:00`）")
        } else if b.starts_with("`on`") && b.contains("outside the years") {
            format!(
                "`on` 不在 {}–{} 年之间",
                crate::dates::YEARS.start(),
                crate::dates::YEARS.end()
            )
        } else if let Some(v) = quoted_value(b, "`on` ") {
            format!("`on` 的值{v}不是 2014-06-16 这样的日期")
        } else if b.contains("needs `on`") {
            "这种记录需要 `on`（生效日期）".to_string()
        } else {
            format!("不是有效的记录（{}）", e(b))
        }
    } else if body.starts_with("not valid UTF-8") {
        "不是 UTF-8 编码的文字".to_string()
    } else if body.starts_with("line is ") {
        "这一行太长，不像一条记录".to_string()
    } else {
        format!("（{}）", e(body))
    };
    let at = column.map_or(String::new(), |c| format!("（第{c}列）"));
    format!("{zh}{at}")
}

/// The value the reader quoted after `key` (`` `on` "06-1x" is not… ``), as “06-1x”.
fn quoted_value(reason: &str, key: &str) -> Option<String> {
    let rest = reason.strip_prefix(key)?.strip_prefix('"')?;
    let (value, _) = rest.rsplit_once("\" is not")?;
    Some(format!("“{}”", e(value)))
}

/// "2015、2017–2018" / "2015, 2017–2018".
fn years(years: &[i32], lang: Lang) -> String {
    let text = crate::report::explain::years_text(years);
    match lang {
        Lang::Zh => text.replace(", ", "、"),
        Lang::En => text,
    }
}

impl Warning {
    /// The warning (and any hint) in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> Text {
        let message = match self {
            Warning::RecorderNotInRoster { name, roster } => {
                let (name, roster) = (e(name), list(roster, lang));
                pick!(
                    lang,
                    "记录人“{name}”不在计划的 `[people]` 名单中（{roster}）",
                    "`{name}` (--by) is not in the plan's [people] roster ({roster})"
                )
            }
            Warning::DoneBeforeStart { id, start, on } => {
                let id = e(id);
                pick!(
                    lang,
                    "{id} 的时间安排从 {start} 开始，晚于完成日期 {on}",
                    "{id} starts on {start}, after the day it is recorded done ({on})"
                )
            }
            Warning::DoneBeforeAfter { id, open } => {
                let (id, open) = (e(id), list(open, lang));
                pick!(
                    lang,
                    "{id} 要等 {open} 完成，而 {open} 尚未完成",
                    "{id} waits for {open}, not done yet"
                )
            }
            Warning::OnFarAway { on, first, last } => pick!(
                lang,
                "完成日期 {on} 远在计划的日期（{first} 至 {last}）之外；年份写错了吗？",
                "--on {on} is far outside the plan's dates ({first} to {last}); is the year right?"
            ),
            Warning::Ledger { file, problem } => {
                let (file, p) = (e(file), ledger_problem(problem, lang));
                pick!(lang, "台账 {file} {p}", "ledger `{file}`: {p}")
            }
            Warning::LedgerMore { file, more } => {
                let file = e(file);
                pick!(
                    lang,
                    "台账 {file}：还有 {more} 处问题；`chunjiang check` 会全部列出",
                    "ledger `{file}`: … and {more} more; `chunjiang check` lists them all"
                )
            }
            Warning::UnknownYears { years: y } => {
                let y = years(y, lang);
                pick!(
                    lang,
                    "不知道 {y} 年的法定节假日，只按周末计算了工作日",
                    "official days off for {y} are unknown; only weekends were used"
                )
            }
            Warning::TornSaved { path } => {
                let path = e(path);
                pick!(
                    lang,
                    "台账最后一行不完整（写入被中断），其内容已另存到 {path}",
                    "the ledger's last line was incomplete (a write cut short); its bytes were saved to `{path}`"
                )
            }
            Warning::FutureEvents { file, count } => {
                let file = e(file);
                let events = counted(*count, "event", "条记录", lang);
                pick!(
                    lang,
                    "台账 {file}：{events}的记录时间比现在晚一天以上（时钟不对？）；这些记录保留，并按原顺序计入",
                    "ledger `{file}`: {events} recorded more than a day after now (a wrong clock?); they are kept and replayed in their order"
                )
            }
            Warning::LaterFormat {
                file,
                count,
                version,
            } => {
                let file = e(file);
                let events = counted(*count, "event", "条记录", lang);
                pick!(
                    lang,
                    "台账 {file}：{events}是更新的格式（最高 v{version}），已保留但未读取；新版 chunjiang 能读懂",
                    "ledger `{file}`: {events} of a later format (up to v{version}) are kept but not read; a newer chunjiang understands them"
                )
            }
            Warning::UnknownStep { file, id } => {
                let (file, id) = (e(file), e(id));
                pick!(
                    lang,
                    "台账 {file}：有编号“{id}”的记录，但计划中已没有这一项（计划改过？）；这些记录保留，不计入",
                    "ledger `{file}`: events for `{id}`, which the plan no longer has (the plan changed?); they are kept and ignored"
                )
            }
            Warning::LeftOut { file, left, hint } => return left_out(file, left, *hint, lang),
            Warning::LeftOutMore { file, more } => {
                let file = e(file);
                pick!(
                    lang,
                    "{file}：另有 {more} 项未计入或不再等待；`chunjiang check` 会全部列出",
                    "{file}: … and {more} more left out or not waiting; `chunjiang check` lists them all"
                )
            }
            Warning::YearOrder {
                file,
                line,
                id,
                text,
                start,
                due,
                other,
                other_start,
                waits,
                next_year,
            } => {
                let (file, id, other) = (e(file), e(id), e(other));
                // `2月` → `次年2月`, `2012年2月`; `2011年2月` → `2012年2月`.
                let bare = text.trim();
                let digits = bare.bytes().take_while(u8::is_ascii_digit).count();
                let bare = e(bare[digits..]
                    .strip_prefix('年')
                    .filter(|_| digits > 0)
                    .unwrap_or(bare));
                let when = if start == due {
                    due.to_string()
                } else {
                    format!("{start}..{due}")
                };
                let (before_zh, before_en) = if *waits {
                    (
                        format!("早于它要等的步骤{other}（`after`，{other_start} 开始）"),
                        format!(
                            "falls before step {other}, which it waits for (`after`; starts {other_start})"
                        ),
                    )
                } else {
                    (
                        format!("比上一步（步骤{other}，{other_start} 开始）早两个多月"),
                        format!(
                            "falls more than two months before the previous step, {other} (starts {other_start})"
                        ),
                    )
                };
                match lang {
                    Lang::Zh => format!(
                        "{file}:{line}：步骤{id}（“{bare}”，{when}）{before_zh}——表格跨年了吗？请写成“次年{bare}”或“{next_year}年{bare}”，或核对 `year`"
                    ),
                    Lang::En => format!(
                        "{file}:{line}: step {id} (`{bare}`, {when}) {before_en}; a table crossing New Year? write `次年{bare}` or `{next_year}年{bare}`, or check `year`"
                    ),
                }
            }
            Warning::LedgerOutside { file, ledger } => {
                let (file, ledger) = (e(file), e(ledger));
                pick!(
                    lang,
                    "计划 {file} 的 `ledger` 指向计划目录之外的 {ledger}；记录会写到那里（是有意的吗？）",
                    "plan `{file}`: `ledger` names `{ledger}`, outside the plan's directory; records are written there (on purpose?)"
                )
            }
            Warning::UnknownKind { file, name } => {
                let (file, name) = (e(file), e(name));
                pick!(
                    lang,
                    "台账 {file}：有类型为“{name}”的记录，它不是 `done`、`reopen` 或 `note`（手工改过？类型名是小写）；这些记录保留，不计入",
                    "ledger `{file}`: events of kind `{name}`, which is not done, reopen or note (a hand edit? the names are lower case); they are kept and ignored"
                )
            }
            Warning::PastTheYears {
                file,
                line,
                task,
                id,
                last,
                more,
            } => {
                let (file, id) = (e(file), e(id));
                let what = match (task, lang) {
                    (true, Lang::Zh) => "任务",
                    (false, Lang::Zh) => "步骤",
                    (true, Lang::En) => "task",
                    (false, Lang::En) => "step",
                };
                match lang {
                    Lang::Zh if *more > 0 => format!(
                        "{file}:{line}：{what}{id}的截止日期晚于 {last}（一串相对截止日期？），另有 {more} 项也是；按 {last} 显示"
                    ),
                    Lang::Zh => format!(
                        "{file}:{line}：{what}{id}的截止日期晚于 {last}（一串相对截止日期？）；按 {last} 显示"
                    ),
                    Lang::En => format!(
                        "{file}:{line}: {what} {id} is due after {last} (a chain of relative dues?){}; shown as due {last}",
                        if *more > 0 {
                            format!(", and {} more", counted(*more, "item", "项", lang))
                        } else {
                            String::new()
                        }
                    ),
                }
            }
            Warning::DueOnDayOff {
                file,
                line,
                task,
                id,
                due,
                holiday,
            } => {
                let (file, id) = (e(file), e(id));
                let what = match (task, lang) {
                    (true, Lang::Zh) => "任务",
                    (false, Lang::Zh) => "步骤",
                    (true, Lang::En) => "task",
                    (false, Lang::En) => "step",
                };
                match (holiday, lang) {
                    (Some((zh, _)), Lang::Zh) => {
                        format!("{file}:{line}：{what}{id}的截止日期 {due} 是{zh}，法定休息日")
                    }
                    (Some((zh, en)), Lang::En) => format!(
                        "{file}:{line}: {what} {id} is due {due}, {en} ({zh}) — an official day off"
                    ),
                    (None, Lang::Zh) => format!(
                        "{file}:{line}：{what}{id}的截止日期 {due} 是本地休息日（[calendar] holidays）"
                    ),
                    (None, Lang::En) => format!(
                        "{file}:{line}: {what} {id} is due {due}, a local day off ([calendar] holidays)"
                    ),
                }
            }
        };
        Text {
            message,
            hint: None,
        }
    }
}

/// "1 event", "3 events" / "1条记录".
#[must_use]
pub fn counted(n: usize, en: &str, zh: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n}{zh}"),
        Lang::En if n == 1 => format!("1 {en}"),
        Lang::En => format!("{n} {en}s"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of each kind, with user text in it: the test below renders every one.
    pub(crate) fn examples() -> Vec<Kind> {
        let s = |x: &str| x.to_string();
        vec![
            Kind::UnknownId {
                id: s("9"),
                file: s("plan.toml"),
                near: Some(s("8")),
                ids: vec![s("1"), s("2")],
                more: true,
            },
            Kind::AmbiguousTitle {
                fragment: s("谈心"),
                items: vec![(s("3"), s("开展谈心谈话")), (s("3.1"), s("谈心记录"))],
            },
            Kind::NoUndo { ids: Some(s("3")) },
            Kind::PlanSyntax {
                detail: s("expected `=`"),
            },
            Kind::DuplicateKey { key: s("title") },
            Kind::BareValue {
                detail: s("string values must be quoted"),
            },
            Kind::FullWidth {
                found: '，',
                ascii: ',',
            },
            Kind::FullWidth {
                found: '\u{3000}',
                ascii: ' ',
            },
            Kind::WordQuotes { found: '“' },
            Kind::UnknownKey {
                key: s("owenrs"),
                near: Some(s("owners")),
                place: Place::Step,
                allowed: vec!["owners", "title"],
            },
            Kind::WrongType {
                key: s("year"),
                found: TomlType::String,
                expected: Expect::Integer,
            },
            Kind::OwnersOneString,
            Kind::OwnerAndOwners,
            Kind::RelativeBoth,
            Kind::RelativeNoCount,
            Kind::RelativeNoAfter,
            Kind::RelativeDelay {
                count: -1,
                workdays: true,
            },
            Kind::TitleEmpty {
                what: Subject::Step(s("3")),
            },
            Kind::TitleMissing {
                what: Subject::Plan,
            },
            Kind::YearRange { year: 0 },
            Kind::TimezoneInvalid { text: s("Beijing") },
            Kind::SoonDaysRange { days: 9999 },
            Kind::WeekStartInvalid { text: s("周一") },
            Kind::LangInvalid { text: s("fr") },
            Kind::CalendarUnknown { text: s("jp") },
            Kind::HolidayDeadline {
                text: s("7月15日前"),
            },
            Kind::PlanDate {
                text: s("6月31日"),
                error: crate::dates::parse_window("6月31日", 2014).unwrap_err(),
            },
            Kind::TermStartNotMonday {
                date: s("2014-09-02"),
                monday: s("2014-09-01"),
            },
            Kind::WhenAndDates {
                what: Subject::Task(s("3.1")),
            },
            Kind::NoDue {
                what: Subject::Step(s("2")),
            },
            Kind::DueBeforeStart {
                what: Subject::Step(s("2")),
                due: s("2014-06-01"),
                start: s("2014-06-02"),
            },
            Kind::OwnerEmpty,
            Kind::OwnerNotInRoster {
                name: s("唐建"),
                near: Some(s("唐健")),
            },
            Kind::IdInvalid { id: s("3 a") },
            Kind::IdDuplicate {
                id: s("3"),
                first_line: 12,
            },
            Kind::UnknownRef {
                id: s("9"),
                near: None,
            },
            Kind::Cycle {
                ids: vec![s("5"), s("7"), s("5")],
            },
            Kind::UnknownOwner {
                name: s("唐建"),
                file: s("plan.toml"),
                near: Some(s("唐健")),
                owners: vec![s("唐健"), s("韩海英")],
            },
            Kind::DateArg {
                flag: s("--on"),
                text: s("6月32日"),
                error: crate::dates::parse_day("6月32日", 2014).unwrap_err(),
            },
            Kind::OnAfterToday {
                on: s("2014-06-21"),
                today: s("2014-06-20"),
            },
            Kind::ToBeforeFrom {
                from: s("2014-06-21"),
                to: s("2014-06-20"),
            },
            Kind::BinaryToTerminal {
                format: s("xlsx"),
                file: s("ledger.xlsx"),
            },
            Kind::WeekUnused { format: s("csv") },
            Kind::NegativeDays { days: -1 },
            Kind::UnknownManPage {
                name: s("nope"),
                pages: vec![s("status"), s("done")],
            },
            Kind::StampTooLate {
                latest: s("+262143-12-31T23:59:59+00:00"),
            },
            Kind::EmptyNote { id: s("3") },
            Kind::PlanNotAFile {
                path: s("plan.toml"),
                what: ("设备", "a device"),
            },
            Kind::PlanTooLarge {
                path: s("plan.toml"),
                limit_mib: 8,
            },
            Kind::ImportUnreadable {
                file: s("plan.doc"),
                why: crate::import::ReadError::OldWord,
            },
            Kind::ImportUnreadable {
                file: s("plan.docx"),
                why: crate::import::ReadError::Docx(s("invalid Zip archive")),
            },
            Kind::ImportUnreadable {
                file: s("plan.xlsx"),
                why: crate::import::ReadError::Sheet(s("no sheet")),
            },
            Kind::ImportUnreadable {
                file: s("plan.txt"),
                why: crate::import::ReadError::Text,
            },
            Kind::ImportUnreadable {
                file: s("plan.csv"),
                why: crate::import::ReadError::Csv(3, s("bad quote")),
            },
            Kind::ImportNoTable {
                file: s("方案.txt"),
            },
            Kind::ImportNoSchedule {
                file: s("plan.docx"),
                wanted: None,
                tables: vec![crate::import::detect::TableSeen {
                    rows: 3,
                    columns: 4,
                    first: s("谈心记录 | 谈心 | x"),
                }],
            },
            Kind::ImportNoSchedule {
                file: s("plan.docx"),
                wanted: Some(3),
                tables: vec![],
            },
            Kind::ImportUnclear {
                file: s("report.md"),
                which: vec![2, 3],
                tables: vec![],
            },
            Kind::ImportOutputTaken {
                file: s("plan.toml"),
                why: Taken::Exists,
            },
            Kind::ImportOutputTaken {
                file: s("x.jsonl"),
                why: Taken::Ledger,
            },
            Kind::NothingToDraw {
                owner: Some(s("唐健")),
            },
            Kind::OutputNoDir {
                path: s("out/a.svg"),
                dir: s("out/"),
            },
            Kind::OutputIsDir {
                path: s("out/a.svg"),
            },
            Kind::OutputDanglingLink { path: s("a.ics") },
            Kind::OutputOverPlan {
                path: s("plan.toml"),
            },
            Kind::OutputWrite {
                path: s("a.svg"),
                io: io_example(),
            },
            Kind::AttributesRefused {
                path: s(".gitattributes"),
                what: (s("大于 1 兆字节"), s("is larger than 1 MiB")),
            },
            Kind::AttributesUnreadable {
                path: s(".gitattributes"),
                io: io_example(),
            },
            Kind::LedgerDanglingLink {
                path: s("plan.ledger.jsonl"),
            },
            Kind::LedgerNotAFile {
                path: s("plan.ledger.jsonl"),
                what: ("目录", "a directory"),
            },
            Kind::LedgerTooLarge {
                path: s("plan.ledger.jsonl"),
                limit_mib: 256,
            },
            Kind::LedgerIo {
                path: s("plan.ledger.jsonl"),
                op: LedgerOp::Lock,
                io: io_example(),
            },
            Kind::LedgerReplaced {
                path: s("plan.ledger.jsonl"),
                tries: 8,
            },
            Kind::LedgerRefused {
                path: s("plan.ledger.jsonl"),
                problem: crate::ledger::Problem {
                    line: 3,
                    kind: crate::ledger::ProblemKind::ConflictMarker,
                },
                more: 2,
            },
            Kind::LedgerChanged {
                path: s("plan.ledger.jsonl"),
                expected: 100,
                found: 120,
            },
            Kind::LedgerWrite {
                path: s("plan.ledger.jsonl"),
                io: io_example(),
                undo: Some((100, io_example())),
                torn: Some(s("plan.ledger.jsonl.torn-20140620T090000")),
            },
            Kind::LedgerTorn {
                path: s("plan.ledger.jsonl"),
                aside: s("plan.ledger.jsonl.torn-20140620T090000"),
                io: io_example(),
            },
            Kind::LedgerSelfCheck {
                path: s("plan.ledger.jsonl"),
                why: SelfCheck::Unreadable(crate::ledger::Problem {
                    line: 1,
                    kind: crate::ledger::ProblemKind::Malformed(s(
                        "not a valid event: missing field `on`",
                    )),
                }),
            },
            Kind::LedgerSelfCheck {
                path: s("plan.ledger.jsonl"),
                why: SelfCheck::SharedId,
            },
            Kind::LedgerSelfCheck {
                path: s("plan.ledger.jsonl"),
                why: SelfCheck::NotAsWritten { id: s("c3a4") },
            },
            Kind::LedgerSelfCheck {
                path: s("plan.ledger.jsonl"),
                why: SelfCheck::IdInLedger { id: s("c3a4") },
            },
            Kind::PlanUnreadable {
                path: s("plan.toml"),
                io: Io {
                    kind: std::io::ErrorKind::NotFound,
                    text: s("No such file or directory (os error 2)"),
                },
            },
            Kind::PlanEncoding {
                path: s("plan.toml"),
                encoding: Encoding::Utf16Le,
                line: 1,
            },
        ]
    }

    fn io_example() -> Io {
        Io {
            kind: std::io::ErrorKind::StorageFull,
            text: "No space left on device (os error 28)".to_string(),
        }
    }

    /// One of each warning and note, with user text in it.
    pub(crate) fn warning_examples() -> Vec<Warning> {
        let s = |x: &str| x.to_string();
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2014, m, day).unwrap_or_default();
        let file = || s("plan.ledger.jsonl");
        vec![
            Warning::Ledger {
                file: file(),
                problem: crate::ledger::Problem {
                    line: 2,
                    kind: crate::ledger::ProblemKind::Malformed(s(
                        "not a valid event: missing field `on`",
                    )),
                },
            },
            Warning::Ledger {
                file: file(),
                problem: crate::ledger::Problem {
                    line: 4,
                    kind: crate::ledger::ProblemKind::TornTail { len: 12 },
                },
            },
            Warning::Ledger {
                file: file(),
                problem: crate::ledger::Problem {
                    line: 5,
                    kind: crate::ledger::ProblemKind::ConflictingId {
                        id: s("a1"),
                        first_line: 2,
                    },
                },
            },
            Warning::LedgerMore {
                file: file(),
                more: 3,
            },
            Warning::UnknownYears {
                years: vec![2027, 2028],
            },
            Warning::TornSaved {
                path: s("plan.ledger.jsonl.torn-20140620T090000"),
            },
            Warning::FutureEvents {
                file: file(),
                count: 2,
            },
            Warning::LaterFormat {
                file: file(),
                count: 1,
                version: 2,
            },
            Warning::UnknownStep {
                file: file(),
                id: s("9"),
            },
            Warning::UnknownKind {
                file: file(),
                name: s("DONE"),
            },
            Warning::LedgerOutside {
                file: s("plan.toml"),
                ledger: s("../other.jsonl"),
            },
            Warning::PastTheYears {
                file: s("plan.toml"),
                line: 30,
                task: true,
                id: s("7.1"),
                last: d(12, 31),
                more: 1,
            },
            Warning::DueOnDayOff {
                file: s("plan.toml"),
                line: 12,
                task: false,
                id: s("2"),
                due: d(6, 2),
                holiday: Some(("端午节", "Dragon Boat Festival")),
            },
            Warning::YearOrder {
                file: s("plan.toml"),
                line: 40,
                id: s("5"),
                text: s("2月"),
                start: d(2, 1),
                due: d(2, 28),
                other: s("4"),
                other_start: d(11, 1),
                waits: false,
                next_year: 2015,
            },
            Warning::LeftOut {
                file: s("plan.toml"),
                left: crate::plan::LeftOut {
                    id: s("7"),
                    task: false,
                    with_tasks: true,
                    line: 98,
                    why: crate::plan::Why::Needs(s("5")),
                },
                hint: true,
            },
            Warning::LeftOutMore {
                file: s("plan.toml"),
                more: 3,
            },
            Warning::RecorderNotInRoster {
                name: s("张三"),
                roster: vec![s("唐健"), s("韩海英")],
            },
            Warning::DoneBeforeStart {
                id: s("7"),
                start: d(7, 1),
                on: d(6, 20),
            },
            Warning::DoneBeforeAfter {
                id: s("7"),
                open: vec![s("5")],
            },
            Warning::OnFarAway {
                on: d(1, 2),
                first: d(6, 1),
                last: d(7, 31),
            },
        ]
    }

    fn note_examples() -> Vec<Note> {
        let s = |x: &str| x.to_string();
        vec![
            Note::PlanAbove {
                path: s("../plan.toml"),
            },
            Note::PlanOver {
                last: chrono::NaiveDate::from_ymd_opt(2014, 7, 31).unwrap_or_default(),
            },
            Note::Wrote {
                path: s("周报.md")
            },
            Note::PlanKept {
                path: s("plan.toml"),
            },
            Note::UnionLine {
                path: s(".gitattributes"),
                added: true,
            },
            Note::UnionLine {
                path: s(".gitattributes"),
                added: false,
            },
            Note::InitNext {
                path: s("plan.toml"),
            },
        ]
    }

    /// Text a test knows is user text or syntax, removed before looking for words.
    const USER_TEXT: &[&str] = &[
        // File names of the examples, longest first.
        "plan.ledger.jsonl.torn-20140620T090000",
        "../other.jsonl",
        "plan.ledger.jsonl",
        "../plan.toml",
        "docs/untrusted-input.md",
        ".gitattributes",
        "out/a.svg",
        "out/",
        "a.svg",
        "a.ics",
        "plan.ics",
        "日程.docx",
        "周报.md",
        "plan.toml",
        // Names of formats and programs, written as they are in Chinese too.
        ".docx",
        ".xlsx",
        ".doc",
        ".wps",
        "Word",
        "Excel",
        "LibreOffice",
        "CSV",
        "UTF-16 LE",
        "UTF-16 BE",
        "UTF-16",
        "bad day",
        "chunjiang",
        "UTF-8",
        "UTF-16 LE",
        "UTF-16 BE",
        "GBK",
        "WPS",
        "Word",
        ".docx",
        "https://toml.io/cn/",
        "TOML",
        "JSON",
        "soon_days",
        "week_start",
    ];

    fn has_cjk(s: &str) -> bool {
        crate::lang::has_cjk(s)
    }

    /// Chinese text without backticked code and known user text: what must read as
    /// Chinese.
    pub(crate) fn prose(zh: &str) -> String {
        let mut t = zh.to_string();
        for u in USER_TEXT {
            t = t.replace(u, " ");
        }
        // Backticked code, and user text in “…” (how Chinese messages quote it).
        let mut out = String::new();
        let mut in_code = false;
        let mut quoted = 0;
        for c in t.chars() {
            match c {
                '`' => in_code = !in_code,
                '“' if !in_code => quoted += 1,
                '”' if !in_code => quoted -= 1,
                _ if !in_code && quoted == 0 => out.push(c),
                _ => {}
            }
            if matches!(c, '`' | '“' | '”') {
                out.push(' ');
            }
        }
        out
    }

    /// The English words left in Chinese prose (flags such as `--on` excepted).
    pub(crate) fn english_words(zh: &str) -> Vec<String> {
        prose(zh)
            .split(|c: char| !c.is_ascii_alphabetic() && c != '-')
            .filter(|w| w.len() > 1 && !w.starts_with('-'))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_code_has_an_example() {
        let mut codes: Vec<&str> = examples().iter().map(Kind::code).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut all = Kind::CODES.to_vec();
        all.sort_unstable();
        all.dedup();
        assert_eq!(codes, all);
    }

    #[test]
    fn every_warning_and_note_has_an_example() {
        let mut codes: Vec<&str> = warning_examples().iter().map(Warning::code).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut all = Warning::CODES.to_vec();
        all.sort_unstable();
        assert_eq!(codes, all);
        let mut codes: Vec<&str> = note_examples().iter().map(Note::code).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut all = Note::CODES.to_vec();
        all.sort_unstable();
        assert_eq!(codes, all);
    }

    /// Chinese with no English word or half-width punctuation in its prose, English with no
    /// Chinese but the user text and date examples it quotes.
    fn reads_in_both(code: &str, zh: &Text, en: &Text) {
        // A place in a plan stays `plan.toml:30`, as editors read it.
        let zh_all = format!("{} {}", zh.message, zh.hint.clone().unwrap_or_default())
            .replace("plan.toml:", "plan.toml");
        let en_all = format!("{} {}", en.message, en.hint.clone().unwrap_or_default());
        assert!(has_cjk(&zh.message), "{code}: {zh_all}");
        assert!(
            english_words(&zh_all).is_empty(),
            "{code}: English in Chinese: {:?} in {zh_all}",
            english_words(&zh_all)
        );
        assert!(
            !has_cjk(&without_user_text(&en_all)),
            "{code}: Chinese in English: {en_all}"
        );
        assert!(
            !prose(&zh_all).contains([':', ',', '(', ')', ';']),
            "{code}: half-width punctuation in Chinese: {zh_all}"
        );
    }

    #[test]
    fn every_warning_and_note_reads_in_both_languages() {
        for w in warning_examples() {
            reads_in_both(w.code(), &w.text(Lang::Zh), &w.text(Lang::En));
        }
        for n in note_examples() {
            let text = |lang| Text {
                message: n.text(lang),
                hint: None,
            };
            reads_in_both(n.code(), &text(Lang::Zh), &text(Lang::En));
        }
    }

    #[test]
    fn a_left_out_item_reads_in_both_languages() {
        use crate::plan::{LeftOut, Why};
        let date = examples()
            .into_iter()
            .find(|k| k.code() == "date_invalid_in_plan")
            .unwrap();
        for (why, hint) in [
            (Why::Problem(date), false),
            (Why::Needs("5".into()), false),
            (Why::Unlinked("5".into()), true),
        ] {
            let w = Warning::LeftOut {
                file: "plan.toml".into(),
                left: LeftOut {
                    id: "7".into(),
                    task: false,
                    with_tasks: true,
                    line: 98,
                    why,
                },
                hint,
            };
            assert_eq!(w.code(), "plan_item_left_out");
            let (zh, en) = (w.text(Lang::Zh), w.text(Lang::En));
            assert!(
                zh.message.starts_with("plan.toml:98：步骤7及其任务"),
                "{zh:?}"
            );
            assert!(
                en.message.starts_with("plan.toml:98: step 7 and its tasks"),
                "{en:?}"
            );
            let zh_all = format!("{} {}", zh.message, zh.hint.clone().unwrap_or_default());
            assert!(english_words(&zh_all).is_empty(), "{zh_all}");
            let after_place = zh.message.trim_start_matches("plan.toml:98");
            assert!(
                !prose(after_place).contains([':', ',', '(', ')', ';']),
                "{zh_all}"
            );
            assert_eq!(zh.hint.is_some(), hint);
            assert_eq!(en.hint.is_some(), hint);
        }
        let more = Warning::LeftOutMore {
            file: "plan.toml".into(),
            more: 3,
        };
        let zh = more.text(Lang::Zh).message;
        assert!(
            zh.contains("另有 3 项未计入") && english_words(&zh).is_empty(),
            "{zh}"
        );
        assert!(more.text(Lang::En).message.contains("3 more left out"));
    }

    #[test]
    fn a_malformed_ledger_line_says_why_in_chinese() {
        let good = r#"{"v":1,"id":"a1","at":"2014-06-20T09:00:00+08:00","event":"done","step":"1","on":"2014-06-20"}"#;
        let cases = [
            (good.replace(r#","on":"2014-06-20""#, ""), "需要 `on`"),
            (good.replace(r#""id":"a1","#, ""), "缺少字段 `id`"),
            (good.replace(r#""step":"1""#, r#""step":1"#), "类型不对"),
            (good[..good.len() - 1].to_string(), "在中途结束了"),
            (format!("{good} x"), "多余的字符"),
            (good.replace(r#""v":1"#, "v:1"), "不是有效的 JSON"),
            (good.replace("2014-06-20T09", "yesterday"), "`at`"),
            (
                good.replace(r#""on":"2014-06-20""#, r#""on":"6月20日""#),
                "`on`",
            ),
            (
                good.replace(r#""id":"a1""#, r#""id":"a1","id":"a2""#),
                "写了两次",
            ),
            (good.replace(r#""id":"a1""#, r#""id":"""#), "是空的"),
            ("{\"v\":1,\"id\":\"\u{1}\"}".to_string(), "控制字符"),
        ];
        for (line, want) in cases {
            let ledger = crate::ledger::parse(format!("{good}\n{line}\n").as_bytes());
            let problem = ledger.problems.first().unwrap_or_else(|| panic!("{line}"));
            let w = Warning::Ledger {
                file: "plan.ledger.jsonl".into(),
                problem: problem.clone(),
            };
            let zh = w.text(Lang::Zh).message;
            assert!(zh.contains(want), "{want:?} not in {zh}");
            let words = english_words(&zh.replace("plan.ledger.jsonl", ""));
            assert!(words.is_empty(), "English {words:?} in {zh}");
            assert!(!prose(&zh).contains([':', ',', '(', ')']), "{zh}");
        }
    }

    #[test]
    fn every_kind_reads_in_both_languages() {
        for k in examples() {
            reads_in_both(k.code(), &k.text(Lang::Zh), &k.text(Lang::En));
        }
    }

    /// English text without the Chinese user text and date examples the examples quote.
    fn without_user_text(en: &str) -> String {
        let mut t = prose(en);
        for u in [
            "开展谈心谈话",
            "谈心记录",
            "谈心",
            "唐建",
            "唐健",
            "韩海英",
            "张三",
            "6月32日",
            "6月31日",
            "6月20日",
            "7月15日前",
            "周一",
            "日程.docx",
            "周报.md",
            "序号 | 工作内容",
            "姓名 | 电话",
            // The header words an import looks for are quoted in English too.
            "序号, 工作内容, 时间安排, 责任人",
            "次年",
            "端午节",
            "，",
        ] {
            t = t.replace(u, "");
        }
        // Date examples are written as the plan writes them.
        t.replace(
            [
                '月', '日', '至', '前', '上', '中', '下', '旬', '初', '底', '夕', '半', '年', '第',
                '一', '季', '度', '周', '国', '庆', '节',
            ],
            "",
        )
    }

    #[test]
    fn user_text_is_escaped() {
        let k = Kind::UnknownId {
            id: "\u{1b}[31m9".into(),
            file: "plan.toml".into(),
            near: None,
            ids: vec![],
            more: false,
        };
        for lang in [Lang::Zh, Lang::En] {
            assert!(k.text(lang).message.contains("\\u{1b}[31m9"));
        }
    }
}
