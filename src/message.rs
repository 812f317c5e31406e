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
                K::ReadOnlyFilesystem => "文件系统只读".into(),
                K::InvalidData => "内容无法识别".into(),
                K::WouldBlock => "文件正被占用".into(),
                K::Interrupted => "操作被中断".into(),
                _ => "系统错误".into(),
            },
        }
    }
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
    DateArg { flag: String, text: String, reason: String, reason_zh: String } => "date_invalid",
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
    /// `note` with empty text.
    EmptyNote { id: String } => "note_empty",
    /// The plan file cannot be read.
    PlanUnreadable { path: String, io: Io } => "plan_unreadable",
    /// The plan file is not UTF-8.
    PlanEncoding { path: String, encoding: Encoding, line: usize } => "plan_encoding",
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
    /// A date written in the plan falls on a day off.
    DueOnDayOff { file: String, line: usize, task: bool, id: String, due: chrono::NaiveDate, holiday: Option<(&'static str, &'static str)> } => "due_on_day_off",
    /// A step's dates fall more than two months before the previous step's (`waits: false`)
    /// or before those of a step it waits for (`waits: true`): a wrong year, usually.
    YearOrder { file: String, line: usize, id: String, text: String, start: chrono::NaiveDate, due: chrono::NaiveDate, other: String, other_start: chrono::NaiveDate, waits: bool, next_year: i32 } => "date_year_order",
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

macro_rules! pick {
    ($lang:expr, $zh:literal, $en:literal) => {
        match $lang {
            Lang::Zh => format!($zh),
            Lang::En => format!($en),
        }
    };
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
            Kind::DateArg {
                flag,
                text,
                reason,
                reason_zh,
            } => {
                let reason = match lang {
                    Lang::Zh => reason_zh,
                    Lang::En => reason,
                };
                let (flag, text, reason) = (e(flag), e(text), e(reason));
                (
                    pick!(
                        lang,
                        "{flag} 的日期“{text}”无法识别（{reason}）",
                        "{flag} `{text}`: {reason}"
                    ),
                    Some(pick!(
                        lang,
                        "请给出某一天，例如 2014-06-20、6月20日 或 6.20",
                        "give one day, such as 2014-06-20, 6月20日 or 6.20"
                    )),
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
        (P::Malformed(reason), Lang::Zh) => format!("无法读取的记录（{}）", e(reason)),
        (P::Malformed(reason), Lang::En) => e(reason),
        (P::ConflictMarker, Lang::Zh) => {
            "有 git 冲突标记（台账应以 `merge=union` 合并，见 README）".to_string()
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
            Kind::UnknownOwner {
                name: s("唐建"),
                file: s("plan.toml"),
                near: Some(s("唐健")),
                owners: vec![s("唐健"), s("韩海英")],
            },
            Kind::DateArg {
                flag: s("--on"),
                text: s("6月32日"),
                reason: s("bad day"),
                reason_zh: s("日期不对"),
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
            Kind::EmptyNote { id: s("3") },
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

    /// Text a test knows is user text or syntax, removed before looking for words.
    const USER_TEXT: &[&str] = &[
        "plan.toml",
        "bad day",
        "chunjiang",
        "UTF-8",
        "UTF-16 LE",
        "UTF-16 BE",
        "GBK",
        "WPS",
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
        let mut out = String::new();
        let mut in_code = false;
        for c in t.chars() {
            if c == '`' {
                in_code = !in_code;
                out.push(' ');
            } else if !in_code {
                out.push(c);
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
    fn every_kind_reads_in_both_languages() {
        for k in examples() {
            let zh = k.text(Lang::Zh);
            let en = k.text(Lang::En);
            let zh_all = format!("{} {}", zh.message, zh.hint.clone().unwrap_or_default());
            let en_all = format!("{} {}", en.message, en.hint.clone().unwrap_or_default());
            assert!(has_cjk(&zh.message), "{}: {zh_all}", k.code());
            assert!(
                english_words(&zh_all).is_empty(),
                "{}: English in Chinese: {:?} in {zh_all}",
                k.code(),
                english_words(&zh_all)
            );
            let en_no_user: String = en_all
                .replace("开展谈心谈话", "")
                .replace("谈心记录", "")
                .replace("谈心", "")
                .replace("唐建", "")
                .replace("唐健", "")
                .replace("韩海英", "")
                .replace("6月32日", "")
                .replace("6月20日", "")
                .replace("谈话记录已存档", "");
            assert!(
                !has_cjk(&en_no_user),
                "{}: Chinese in English: {en_all}",
                k.code()
            );
            assert!(
                !prose(&zh_all).contains([':', ',', '(', ')', ';']),
                "{}: half-width punctuation in Chinese: {zh_all}",
                k.code()
            );
        }
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
