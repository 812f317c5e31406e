//! From the schedule table's rows to a plan draft: each row a step, its cells read as the
//! plan's fields. What is not understood is kept verbatim and listed for review, never
//! guessed.
//!
//! Pure: the table, the document's text and the years in; a [`Draft`] out.

use chrono::NaiveDate;

use super::detect::{Role, roles};
use super::{Cell, Document, Table};
use crate::dates::{Window, parse_window};
use crate::plan::Lang;

/// A message in both languages; the writer picks one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }

    #[must_use]
    pub fn pick(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A cell that was not understood: where it is, what it says and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// 1-based, counting every row of the table (the header too); on a sheet, the row
    /// number the sheet shows.
    pub row: usize,
    /// 1-based.
    pub col: usize,
    pub header: String,
    pub text: String,
    pub why: Msg,
}

/// A task's due: a date expression as printed, or counted from another step's completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    Text(String),
    After {
        step: String,
        count: u32,
        workdays: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub title: String,
    pub due: Option<Due>,
    /// Owners of its own (only from our own export, where a task's owners may differ).
    pub owners: Option<Vec<String>>,
    /// A comment written above the task.
    pub note: Option<Msg>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub id: String,
    /// The table row it came from (1-based; on a sheet, the sheet's row number).
    pub row: usize,
    pub title: String,
    pub detail: Option<String>,
    pub when: Option<String>,
    pub owners: Vec<String>,
    pub after: Vec<String>,
    pub tasks: Vec<Task>,
    /// Comments written above the step (a stage heading, cells to review).
    pub notes: Vec<Msg>,
}

/// The plan draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub org: Option<String>,
    pub year: i32,
    pub lang: Lang,
    pub people: Vec<String>,
    pub steps: Vec<Step>,
    pub review: Vec<Review>,
    /// The table used (1-based) and how many tables the document has.
    pub table: (usize, usize),
}

/// What the draft needs besides the table.
pub struct Options<'a> {
    /// `--year`: the year of dates written without one.
    pub year: Option<i32>,
    /// Today's year, when neither `--year` nor the document gives one.
    pub today_year: i32,
    /// The file's name without its extension: the title when the document shows none.
    pub stem: &'a str,
}

/// Builds the draft from `doc.tables[index]`, whose header row is `header`.
#[must_use]
pub fn draft(doc: &Document, index: usize, header: usize, opts: &Options) -> Draft {
    let empty = Table::default();
    let table = doc.tables.get(index).unwrap_or(&empty);
    let head: &[Cell] = table.rows.get(header).map_or(&[], Vec::as_slice);
    let roles = roles(head);
    // Text above the header inside the table (a spreadsheet's title rows) counts as the
    // document's text.
    let mut text = String::new();
    for row in table.rows.iter().take(header) {
        for c in row.iter().filter(|c| !c.merged) {
            text.push_str(&c.text);
            text.push('\n');
        }
    }
    text.push_str(&doc.text);
    let year = opts
        .year
        .or_else(|| document_year(&text))
        .unwrap_or(opts.today_year);
    let (title, org) = title_and_org(&text, opts.stem);
    let mut b = Builder {
        origin: table.origin,
        head,
        roles: &roles,
        year,
        offset: 0,
        previous: None,
        steps: Vec::new(),
        review: Vec::new(),
        pending: Vec::new(),
        stage: None,
    };
    let flat = roles.contains(&Some(Role::Kind));
    for (r, row) in table.rows.iter().enumerate().skip(header + 1) {
        if flat {
            b.flat_row(r, row);
        } else {
            b.row(r, row);
        }
    }
    b.resolve();
    let mut people: Vec<String> = Vec::new();
    for s in &b.steps {
        let task_owners = s.tasks.iter().filter_map(|t| t.owners.as_ref()).flatten();
        for o in s.owners.iter().chain(task_owners) {
            if !people.contains(o) {
                people.push(o.clone());
            }
        }
    }
    // Our own export has English headers over Chinese steps: the steps decide too.
    let chinese = head.iter().any(|c| has_cjk(&c.text))
        || has_cjk(&title)
        || b.steps.iter().any(|s| has_cjk(&s.title));
    Draft {
        title,
        org,
        year,
        lang: if chinese { Lang::Zh } else { Lang::En },
        people,
        steps: b.steps,
        review: b.review,
        table: (index + 1, doc.tables.len()),
    }
}

/// A relative due waiting for every step to be known: which task, counted from what.
struct Pending {
    step: usize,
    task: usize,
    anchor: String,
    count: u32,
    workdays: bool,
    at: (usize, usize),
    text: String,
}

struct Builder<'a> {
    /// Where the table starts on its sheet: review places are the rows and columns the
    /// user sees there.
    origin: (usize, usize),
    head: &'a [Cell],
    roles: &'a [Option<Role>],
    year: i32,
    /// Years added since the first row: a table crossing New Year.
    offset: i32,
    /// The first day of the previous step, to notice the year turning.
    previous: Option<NaiveDate>,
    steps: Vec<Step>,
    review: Vec<Review>,
    pending: Vec<Pending>,
    /// A heading row (a stage) waiting for the step below it.
    stage: Option<String>,
}

impl Builder<'_> {
    /// The first cell of this role: its column and text.
    fn cell<'r>(&self, row: &'r [Cell], role: Role) -> Option<(usize, &'r str)> {
        let col = self.roles.iter().position(|r| *r == Some(role))?;
        Some((col, row.get(col).map_or("", |c| c.text.trim())))
    }

    fn header(&self, col: usize) -> String {
        self.head
            .get(col)
            .map(|c| flat(&c.text))
            .unwrap_or_default()
    }

    fn flag(&mut self, (row, col): (usize, usize), text: &str, why: Msg) {
        self.review.push(Review {
            row: self.origin.0 + row + 1,
            col: self.origin.1 + col + 1,
            header: self.header(col),
            text: text.to_string(),
            why,
        });
    }

    /// A step id that is not taken yet: `3`, else `3b`, `3c`…
    fn free_id(&self, wanted: &str) -> String {
        let taken = |id: &str| self.steps.iter().any(|s| s.id == id);
        if !taken(wanted) {
            return wanted.to_string();
        }
        ('b'..='z')
            .map(|c| format!("{wanted}{c}"))
            .find(|id| !taken(id))
            .unwrap_or_else(|| format!("{wanted}-{}", self.steps.len() + 1))
    }

    /// A document row: one step.
    fn row(&mut self, r: usize, row: &[Cell]) {
        let texts: Vec<&str> = row.iter().map(|c| c.text.trim()).collect();
        if texts.iter().all(|t| t.is_empty()) {
            return;
        }
        // The header again (repeated on each page).
        if row.len() == self.head.len() && row.iter().zip(self.head).all(|(a, b)| a.text == b.text)
        {
            return;
        }
        // A heading across the table (a stage: 第一阶段…): every filled cell says the same.
        let filled: Vec<&str> = texts.iter().copied().filter(|t| !t.is_empty()).collect();
        let same = filled.windows(2).all(|w| w[0] == w[1]);
        // Saved as CSV or typed without merging, the heading sits alone in the 序号 column.
        let alone_in_id = filled.len() == 1
            && self.head.len() > 2
            && self.roles.first() == Some(&Some(Role::Id))
            && texts
                .first()
                .is_some_and(|t| !t.is_empty() && clean_id(t).is_none());
        if (filled.len() >= 2 && same) || (row.len() == 1 && self.head.len() > 2) || alone_in_id {
            self.stage = Some(flat(filled[0]));
            return;
        }
        let mut notes = Vec::new();
        if let Some(stage) = self.stage.take() {
            notes.push(Msg::new(
                format!("阶段：{stage}"),
                format!("stage: {stage}"),
            ));
        }
        let position = (self.steps.len() + 1).to_string();
        let written = self.cell(row, Role::Id).map_or("", |(_, t)| t);
        let id = clean_id(written).unwrap_or_else(|| {
            if !written.is_empty() {
                notes.push(Msg::new(
                    format!("序号“{}”不能作编号，改用行序 {position}", flat(written)),
                    format!(
                        "the number `{}` cannot be an id; the position {position} is used",
                        flat(written)
                    ),
                ));
            }
            position
        });
        let id = self.free_id(&id);
        let title_cell = self.cell(row, Role::Title);
        let detail_cell = self.cell(row, Role::Detail);
        let (title, mut detail) = match (title_cell, detail_cell) {
            (Some((_, t)), d) if !t.is_empty() => (
                join_lines(t),
                d.map(|(_, d)| paragraphs(d)).filter(|d| !d.is_empty()),
            ),
            (None, Some((_, d))) => (join_lines(d), None),
            (Some((c, _)), d) => {
                let d = d.map(|(_, d)| paragraphs(d)).filter(|d| !d.is_empty());
                self.flag((r, c), "", Msg::new("事项为空", "the title is empty"));
                (String::new(), d)
            }
            (None, None) => {
                let c = self.cell(row, Role::Tasks).map_or(0, |(c, _)| c);
                self.flag(
                    (r, c),
                    "",
                    Msg::new("没有事项列", "there is no title column"),
                );
                (String::new(), None)
            }
        };
        // Columns with other headers stay in the detail, under their header.
        for (c, role) in self.roles.iter().enumerate() {
            let text = row.get(c).map_or("", |x| x.text.trim());
            if *role == Some(Role::Other) && !text.is_empty() {
                let line = format!("{}：{}", self.header(c), paragraphs(text));
                detail = Some(match detail {
                    Some(d) => format!("{d}\n{line}"),
                    None => line,
                });
            }
        }
        let mut owners = Vec::new();
        for (c, role) in self.roles.iter().enumerate() {
            if *role == Some(Role::Owners) {
                for o in split_owners(row.get(c).map_or("", |x| x.text.as_str())) {
                    if !owners.contains(&o) {
                        owners.push(o);
                    }
                }
            }
        }
        let when = self.when(r, row);
        let step_start = when
            .as_ref()
            .and_then(|w| parse_window(w, self.year).ok())
            .map(|w| w.start.unwrap_or(w.due));
        let index = self.steps.len();
        let mut tasks = Vec::new();
        if let Some((c, text)) = self.cell(row, Role::Tasks) {
            let mut anchor: Option<String> = None;
            for item in split_tasks(text) {
                if let Some(rel) = relative(&item) {
                    let a = if rel.anchor.is_empty() {
                        anchor.clone()
                    } else {
                        Some(rel.anchor.clone())
                    };
                    anchor.clone_from(&a);
                    let unit = if rel.workdays { "个工作日" } else { "天" };
                    let a = a.unwrap_or_default();
                    self.pending.push(Pending {
                        step: index,
                        task: tasks.len(),
                        anchor: a.clone(),
                        count: rel.count,
                        workdays: rel.workdays,
                        at: (r, c),
                        text: item.clone(),
                    });
                    let title = if rel.rest.is_empty() {
                        item.clone()
                    } else {
                        rel.rest
                    };
                    tasks.push(Task {
                        title: format!("{title}（{a}后{}{unit}内）", rel.count),
                        due: None,
                        owners: None,
                        note: None,
                    });
                    continue;
                }
                let (title, due) = match self.leading_date(&item, step_start) {
                    Some((date, rest)) => (rest, Some(Due::Text(date))),
                    None => (item, None),
                };
                tasks.push(Task {
                    title,
                    due,
                    owners: None,
                    note: None,
                });
            }
        }
        let after = detail
            .as_deref()
            .and_then(|d| {
                let (before, _) = d.split_once('后')?;
                (before.chars().count() <= 20).then(|| before.to_string())
            })
            .and_then(|a| anchor_step(&a, &self.steps, None).map(|i| self.steps[i].id.clone()))
            .into_iter()
            .collect();
        self.steps.push(Step {
            id,
            row: self.origin.0 + r + 1,
            title,
            detail,
            when,
            owners,
            after,
            tasks,
            notes,
        });
    }

    /// The step's `when`: the time cell as printed (its lines joined), with the year
    /// written in when the table has crossed New Year; or start and due columns.
    fn when(&mut self, r: usize, row: &[Cell]) -> Option<String> {
        if let Some((c, t)) = self.cell(row, Role::When).filter(|(_, t)| !t.is_empty()) {
            return Some(self.date((r, c), &join_lines(t)));
        }
        let start = self.cell(row, Role::Start).filter(|(_, t)| !t.is_empty());
        let due = self.cell(row, Role::Due).filter(|(_, t)| !t.is_empty());
        match (start, due) {
            (Some((_, s)), Some((c, d))) if s != d => {
                Some(self.date((r, c), &format!("{}..{}", our_day(s), our_day(d))))
            }
            (_, Some((c, d))) => Some(self.date((r, c), &our_day(d))),
            (Some((c, s)), None) => Some(self.date((r, c), &our_day(s))),
            (None, None) => {
                let c = self
                    .roles
                    .iter()
                    .position(|x| matches!(x, Some(Role::When | Role::Due)));
                if let Some(c) = c {
                    self.flag((r, c), "", Msg::new("没有时间", "no date"));
                }
                None
            }
        }
    }

    /// A date cell, checked against the grammar and the year so far.
    fn date(&mut self, at: (usize, usize), text: &str) -> String {
        match self.read_date(text, self.previous) {
            Ok((text, w)) => {
                self.previous = Some(w.start.unwrap_or(w.due));
                text
            }
            Err(e) => {
                self.flag(
                    at,
                    text,
                    Msg::new(
                        format!("日期未能识别：{e}"),
                        format!("date not understood: {e}"),
                    ),
                );
                text.to_string()
            }
        }
    }

    /// Reads a date expression in this table's year; one that falls more than two months
    /// before `after` is read in the next year instead (the table crossed New Year), and
    /// then written with its year.
    fn read_date(
        &mut self,
        text: &str,
        after: Option<NaiveDate>,
    ) -> Result<(String, Window), crate::dates::DateError> {
        let year = self.year + self.offset;
        let w = parse_window(text, year)?;
        let explicit = has_year(text);
        let first = w.start.unwrap_or(w.due);
        if !explicit
            && let Some(prev) = after
            && (prev - first).num_days() > 60
        {
            let next = format!("{}年{text}", year + 1);
            if let Ok(w2) = parse_window(&next, self.year) {
                self.offset += 1;
                return Ok((next, w2));
            }
        }
        if self.offset > 0 && !explicit {
            let with_year = format!("{year}年{text}");
            if parse_window(&with_year, self.year) == Ok(w) {
                return Ok((with_year, w));
            }
        }
        Ok((text.to_string(), w))
    }

    /// `6月14日前报送…` → (`6月14日前`, `报送…`): the longest leading date expression,
    /// when something follows it.
    fn leading_date(
        &mut self,
        item: &str,
        step_start: Option<NaiveDate>,
    ) -> Option<(String, String)> {
        let bounds: Vec<usize> = item
            .char_indices()
            .map(|(i, _)| i)
            .skip(2)
            .take(24)
            .collect();
        for &end in bounds.iter().rev() {
            let (date, rest) = item.split_at(end);
            let rest = rest.trim_start_matches([' ', '，', ',', '：', ':']);
            if rest.is_empty()
                || rest.starts_with([
                    '份', '日', '号', '月', '年', '至', '到', '-', '—', '~', '～',
                ])
                || rest.starts_with(|c: char| c.is_ascii_digit())
                || date.ends_with(char::is_whitespace)
            {
                continue;
            }
            let Ok(w) = parse_window(date, self.year + self.offset) else {
                continue;
            };
            let earlier = step_start.map(|s| s - chrono::Duration::days(60));
            let mut date = date.trim().to_string();
            if !has_year(&date) && earlier.is_some_and(|e| w.due < e) {
                date = format!("{}年{date}", self.year + self.offset + 1);
            } else if self.offset > 0 && !has_year(&date) {
                date = format!("{}年{date}", self.year + self.offset);
            }
            if parse_window(&date, self.year).is_err() {
                continue;
            }
            return Some((date, rest.to_string()));
        }
        None
    }

    /// A row of our own export: `kind` says step or task; dates are ISO.
    fn flat_row(&mut self, r: usize, row: &[Cell]) {
        let get = |role: Role| self.cell(row, role).map(|(_, t)| t.to_string());
        let kind = get(Role::Kind).unwrap_or_default().to_lowercase();
        let owners = get(Role::Owners)
            .map(|o| split_owners(&o))
            .unwrap_or_default();
        let title = get(Role::Title).map(|t| join_lines(&t)).unwrap_or_default();
        let start = get(Role::Start).filter(|s| !s.is_empty());
        let due = get(Role::Due).filter(|s| !s.is_empty());
        let id = get(Role::Id).unwrap_or_default();
        let step = get(Role::Step).filter(|s| !s.is_empty());
        // The open steps this row waits for: a step's `after`, and for a task whose due
        // was counted from one of them, that step.
        let waits: Vec<String> = get(Role::Waits)
            .map(|w| split_owners(&w))
            .unwrap_or_default();
        let tentative = get(Role::Tentative)
            .is_some_and(|t| matches!(t.to_lowercase().as_str(), "true" | "yes" | "是"));
        let dates = match (start, due) {
            (Some(s), Some(d)) if s != d => Some(format!("{s}..{d}")),
            (_, Some(d)) => Some(d),
            _ => None,
        };
        if matches!(kind.as_str(), "task" | "任务") {
            let step = step.or_else(|| id.rsplit_once('.').map(|(s, _)| s.to_string()));
            let Some(parent) = step.and_then(|s| self.steps.iter_mut().find(|x| x.id == s)) else {
                let c = self.cell(row, Role::Step).map_or(0, |(c, _)| c);
                self.flag(
                    (r, c),
                    &id,
                    Msg::new("任务找不到所属步骤", "the task's step is not in the table"),
                );
                return;
            };
            let own = (owners != parent.owners && !owners.is_empty()).then_some(owners);
            // A relative due (`{ after = "5", days = 10 }`) is exported as the day it
            // gives for now, marked tentative, waiting for its step; the title says how
            // far (`…（会后10天内）`, as the plan's own title wrote it). Counted again from
            // that step, it moves with it as the plan's did.
            let due = match (tentative, waits.as_slice(), relative(&title)) {
                (true, [anchor], Some(rel)) => Some(Due::After {
                    step: anchor.clone(),
                    count: rel.count,
                    workdays: rel.workdays,
                }),
                _ => dates.map(Due::Text),
            };
            parent.tasks.push(Task {
                title,
                due,
                owners: own,
                note: None,
            });
            return;
        }
        let when = match dates {
            Some(d) => {
                let c = self.cell(row, Role::Due).map_or(0, |(c, _)| c);
                Some(self.date((r, c), &d))
            }
            None => None,
        };
        let id = if id.is_empty() {
            (self.steps.len() + 1).to_string()
        } else {
            id
        };
        self.steps.push(Step {
            id: self.free_id(&id),
            row: self.origin.0 + r + 1,
            title,
            detail: None,
            when,
            owners,
            after: waits,
            tasks: Vec::new(),
            notes: Vec::new(),
        });
    }

    /// Relative dues, once every step is known.
    fn resolve(&mut self) {
        for p in std::mem::take(&mut self.pending) {
            if let Some(i) = anchor_step(&p.anchor, &self.steps, Some(p.step)) {
                let step = self.steps[i].id.clone();
                let task = &mut self.steps[p.step].tasks[p.task];
                task.due = Some(Due::After {
                    step,
                    count: p.count,
                    workdays: p.workdays,
                });
            } else {
                {
                    let why = Msg::new(
                        format!("“{}后”指哪一步不明确，期限未设", p.anchor),
                        format!(
                            "which step `{}后` counts from is not clear; no due was set",
                            p.anchor
                        ),
                    );
                    self.steps[p.step].tasks[p.task].note = Some(why.clone());
                    self.flag(p.at, &p.text, why);
                }
            }
        }
    }
}

/// The step a relative due counts from: the one the text names (`专题民主生活会` →
/// `召开专题民主生活会`), or for a bare `会后` the step itself when it is a meeting, else
/// the previous step when that one is. `None` when it is not clear.
fn anchor_step(anchor: &str, steps: &[Step], own: Option<usize>) -> Option<usize> {
    let a = anchor
        .trim()
        .trim_start_matches(['在', '于'])
        .trim_start_matches("召开")
        .trim_end_matches("结束")
        .trim_end_matches("召开");
    let meeting = |s: &Step| s.title.ends_with('会') || s.title.contains("会议");
    if matches!(a, "" | "会" | "会议" | "活动") {
        if a.is_empty() && own.is_none() {
            return None;
        }
        if let Some(i) = own.filter(|&i| meeting(&steps[i])) {
            return Some(i);
        }
        let before = own.unwrap_or(steps.len()).checked_sub(1)?;
        return meeting(&steps[before]).then_some(before);
    }
    let found: Vec<usize> = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let t = s
                .title
                .trim_start_matches("召开")
                .trim_start_matches("举行");
            t == a || s.title.ends_with(a)
        })
        .map(|(i, _)| i)
        .collect();
    match found.as_slice() {
        [i] => Some(*i),
        _ => None,
    }
}

struct Relative {
    anchor: String,
    count: u32,
    workdays: bool,
    rest: String,
}

/// `专题民主生活会后10天内将通报材料报督导员审核` → anchor `专题民主生活会`, 10 days,
/// rest `将通报材料报督导员审核`; `15天内完成…` has an empty anchor (the one before).
fn relative(item: &str) -> Option<Relative> {
    for (i, _) in item.char_indices() {
        let tail = &item[i..];
        let digits: String = tail
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十两".contains(*c))
            .collect();
        if digits.is_empty() {
            continue;
        }
        let after = &tail[digits.len()..];
        let (workdays, rest) = if let Some(r) = after
            .strip_prefix("个工作日内")
            .or_else(|| after.strip_prefix("工作日内"))
        {
            (true, r)
        } else if let Some(r) = after
            .strip_prefix("天内")
            .or_else(|| after.strip_prefix("日内"))
            .or_else(|| after.strip_prefix("天之内"))
        {
            (false, r)
        } else {
            continue;
        };
        let before = &item[..i];
        let anchor = match before.strip_suffix('后') {
            Some(a) => a,
            None if before.trim().is_empty() => "",
            None => return None,
        };
        let count = number(&digits)?;
        return Some(Relative {
            anchor: anchor.trim().to_string(),
            count,
            workdays,
            rest: rest.trim_start_matches(['，', ',', ' ']).to_string(),
        });
    }
    None
}

/// `10` or `十`, `十五`, `二十`: small counts as schedules write them.
fn number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u32)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// A task cell's deliverables: numbered items (`1.…2.…`, `（1）`, `①`), paragraphs,
/// `；`-separated parts, parallel clauses (`…交A审核，…交B审核`) and relative dues
/// that follow each other (`会后10天内…，15天内…`).
#[must_use]
pub fn split_tasks(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    for para in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        for part in split_numbered(para) {
            for piece in part.split(['；', ';']) {
                items.extend(split_clauses(piece.trim()));
            }
        }
    }
    items
        .into_iter()
        .map(|s| {
            s.trim()
                .trim_end_matches(['。', '；', ';', '，', ','])
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// A numbered marker at the start of `s`: its length in bytes and its number.
fn marker(s: &str) -> Option<(usize, u32)> {
    let circled = "①②③④⑤⑥⑦⑧⑨⑩";
    if let Some(c) = s.chars().next()
        && let Some(i) = circled.find(c)
    {
        return Some((c.len_utf8(), (i / 3) as u32 + 1));
    }
    let (open, inner) = match s.strip_prefix(['（', '(']) {
        Some(rest) => (s.len() - rest.len(), rest),
        None => (0, s),
    };
    let digits: usize = inner.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u32 = inner[..digits].parse().ok()?;
    let after = &inner[digits..];
    let close = if open > 0 {
        after.strip_prefix(['）', ')'])?
    } else {
        after.strip_prefix(['.', '．', '、'])?
    };
    // `1.5天` is a number, not an item.
    if close.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((s.len() - close.len(), n))
}

/// `1.甲2.乙` → [甲, 乙] when the markers count 1, 2, 3…; else the text whole.
fn split_numbered(text: &str) -> Vec<&str> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut want = 1;
    for (i, _) in text.char_indices() {
        if let Some((len, n)) = marker(&text[i..])
            && n == want
            && (i == 0 || text[..i].ends_with(['。', '；', ';', ' ', '，']) || want > 1)
        {
            cuts.push((i, len));
            want += 1;
        }
    }
    if cuts.len() < 2 || cuts[0].0 != 0 {
        return match cuts.as_slice() {
            [(0, len)] => vec![&text[*len..]],
            _ => vec![text],
        };
    }
    cuts.iter()
        .enumerate()
        .map(|(k, &(at, len))| {
            let end = cuts.get(k + 1).map_or(text.len(), |c| c.0);
            &text[at + len..end]
        })
        .collect()
}

/// Clauses separated by `，` that are each a deliverable: they end alike (`…审核，…审核`)
/// or each one after the first starts with a relative due (`，15天内完成…`).
fn split_clauses(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text
        .trim_end_matches(['。', '，'])
        .split(['，', ','])
        .map(str::trim)
        .collect();
    if parts.len() < 2 {
        return vec![text.to_string()];
    }
    let last2 = |s: &str| s.chars().rev().take(2).collect::<String>();
    let alike = parts
        .iter()
        .all(|p| p.chars().count() >= 6 && last2(p) == last2(parts[0]));
    let relatives = relative(parts[0]).is_some()
        && parts[1..]
            .iter()
            .all(|p| relative(p).is_some_and(|r| r.anchor.is_empty()));
    if alike || relatives {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![text.to_string()]
    }
}

/// Owners in a cell: names separated by 、，, / ; spaces or line breaks; a leading label
/// (`牵头：`, `配合单位：`) is dropped.
#[must_use]
pub fn split_owners(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(|c: char| "、，,/／;；".contains(c) || c.is_whitespace()) {
        let part = part
            .rsplit_once(['：', ':'])
            .map_or(part, |(_, name)| name)
            .trim()
            .trim_end_matches(['。', '等'])
            .trim_matches(['（', '）', '(', ')']);
        if !part.is_empty() && !out.iter().any(|o| o == part) {
            out.push(part.to_string());
        }
    }
    out
}

/// A 序号 as an id: `1`, `1.` `（一）` → `1`; `4a`; `None` when it cannot be one.
fn clean_id(text: &str) -> Option<String> {
    let t = flat(text);
    let t = t
        .trim_matches(['（', '）', '(', ')', ' '])
        .trim_end_matches(['、', '.', '．']);
    if t.is_empty() {
        return None;
    }
    if let Some(n) = number(t) {
        return Some(n.to_string());
    }
    let ok = t.chars().count() <= 8
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_');
    ok.then(|| t.to_string())
}

/// A day as our own exports write it: `06-26` (Markdown, the plan's year) becomes `6月26日`.
fn our_day(text: &str) -> String {
    let b = text.as_bytes();
    if b.len() == 5
        && b[2] == b'-'
        && text.is_ascii()
        && b.iter().filter(|c| c.is_ascii_digit()).count() == 4
        && let (Ok(m), Ok(d)) = (text[..2].parse::<u32>(), text[3..].parse::<u32>())
    {
        return format!("{m}月{d}日");
    }
    text.to_string()
}

/// A date expression that names its year (`2014年`, `2014-06-16`).
fn has_year(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// The year a document names most often (`2014年`, `2014-2015学年` counts its first).
#[must_use]
pub fn document_year(text: &str) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let four: String = chars[i..i + 4].iter().collect();
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let Ok(y) = four.parse::<i32>() else { continue };
        let next = chars[i + 4];
        // `2009学年` names the school year that starts in 2009.
        let school_year = next == '学' && chars.get(i + 5) == Some(&'年');
        if before_digit || !(1990..=2100).contains(&y) || !("年-—–至".contains(next) || school_year)
        {
            continue;
        }
        match counts.iter_mut().find(|(c, _)| *c == y) {
            Some((_, n)) => *n += 1,
            None => counts.push((y, 1)),
        }
    }
    let best = counts.iter().map(|&(_, n)| n).max()?;
    counts.iter().find(|&&(_, n)| n == best).map(|&(y, _)| y)
}

/// The document's first short line is its title; a short line right after it that names
/// an organisation (…学校, …局) is its `org`.
fn title_and_org(text: &str, stem: &str) -> (String, Option<String>) {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines
        .next()
        .filter(|l| l.chars().count() <= 60)
        .map_or_else(
            || stem.to_string(),
            |l| l.trim_end_matches('。').to_string(),
        );
    let org = lines.next().filter(|l| {
        const ENDS: &[&str] = &[
            "学校",
            "小学",
            "中学",
            "大学",
            "学院",
            "幼儿园",
            "局",
            "委员会",
            "委",
            "办公室",
            "政府",
            "中心",
            "支部",
            "党委",
            "公司",
            "医院",
            "厅",
            "处",
            "所",
            "院",
        ];
        l.chars().count() <= 30 && ENDS.iter().any(|e| l.ends_with(e)) && !l.contains(['，', '。'])
    });
    (title, org.map(str::to_string))
}

/// A cell's lines joined into one line: Chinese text without a space, other text with one.
fn join_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let space = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line.starts_with(|c: char| c.is_ascii_alphanumeric());
        if space {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// A cell's paragraphs, blank lines dropped.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line for a comment or a message.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_cells_split_into_deliverables() {
        assert_eq!(
            split_tasks(
                "领导班子和党员正职的对照检查材料交局活动办和联系点领导审核，中层干部的对照检查材料交学校班子审核，党员的对照检查材料交党小组长审核"
            ),
            [
                "领导班子和党员正职的对照检查材料交局活动办和联系点领导审核",
                "中层干部的对照检查材料交学校班子审核",
                "党员的对照检查材料交党小组长审核"
            ]
        );
        assert_eq!(
            split_tasks("制订谈话安排表，留存谈话记录备查"),
            ["制订谈话安排表，留存谈话记录备查"]
        );
        assert_eq!(split_tasks("1.方案；2.总结"), ["方案", "总结"]);
        assert_eq!(
            split_tasks("（1）制定方案（2）报送总结。"),
            ["制定方案", "报送总结"]
        );
        assert_eq!(split_tasks("报送方案；上交总结"), ["报送方案", "上交总结"]);
        assert_eq!(split_tasks("①甲②乙"), ["甲", "乙"]);
        assert_eq!(split_tasks("完成1.5万字报告"), ["完成1.5万字报告"]);
        assert_eq!(
            split_tasks(
                "专题民主生活会后10天内将通报材料报督导员审核，15天内完成专项报告交局活动办。"
            ),
            [
                "专题民主生活会后10天内将通报材料报督导员审核",
                "15天内完成专项报告交局活动办"
            ]
        );
    }

    #[test]
    fn relative_dues_are_read_with_their_anchor() {
        let r = relative("会后10个工作日内报送总结").unwrap();
        assert_eq!(
            (r.anchor.as_str(), r.count, r.workdays, r.rest.as_str()),
            ("会", 10, true, "报送总结")
        );
        let r = relative("15天内完成专项报告").unwrap();
        assert_eq!((r.anchor.as_str(), r.count), ("", 15));
        assert_eq!(relative("活动结束后十五日内上报").unwrap().count, 15);
        assert!(relative("完成10天的培训").is_none());
    }

    #[test]
    fn owners_split_on_every_separator_and_drop_labels() {
        assert_eq!(split_owners("唐健、\n韩海英"), ["唐健", "韩海英"]);
        assert_eq!(
            split_owners("牵头：教务处；配合：政教处、总务处"),
            ["教务处", "政教处", "总务处"]
        );
        assert_eq!(
            split_owners("徐燕娟 / 唐健,刘明，刘明"),
            ["徐燕娟", "唐健", "刘明"]
        );
        assert!(split_owners(" \n").is_empty());
    }

    #[test]
    fn ids_and_years_are_read_from_what_documents_write() {
        assert_eq!(clean_id("1").as_deref(), Some("1"));
        assert_eq!(clean_id("（三）").as_deref(), Some("3"));
        assert_eq!(clean_id("4a").as_deref(), Some("4a"));
        assert_eq!(clean_id("第一阶段工作"), None);
        assert_eq!(document_year("2014年6月，2014年工作；2013年"), Some(2014));
        assert_eq!(document_year("2025-2026学年第一学期"), Some(2025));
        assert_eq!(document_year("2009学年后勤工作计划"), Some(2009));
        assert_eq!(document_year("电话12014年"), None);
        assert_eq!(document_year("无"), None);
    }

    fn table(rows: &[&[&str]]) -> Document {
        Document {
            tables: vec![Table::from_rows(
                rows.iter()
                    .map(|r| r.iter().map(|c| (*c).to_string()).collect())
                    .collect(),
            )],
            text: "某校工作安排\n某某中学\n".into(),
        }
    }

    fn opts() -> Options<'static> {
        Options {
            year: None,
            today_year: 2024,
            stem: "x",
        }
    }

    #[test]
    fn a_table_crossing_new_year_writes_the_next_year() {
        let doc = table(&[
            &["序号", "工作内容", "时间"],
            &["1", "启动", "11月"],
            &["2", "检查", "12月下旬"],
            &["3", "总结", "1月上旬"],
            &["4", "表彰", "2月"],
        ]);
        let d = draft(&doc, 0, 0, &opts());
        let when: Vec<&str> = d.steps.iter().map(|s| s.when.as_deref().unwrap()).collect();
        assert_eq!(when, ["11月", "12月下旬", "2025年1月上旬", "2025年2月"]);
        assert_eq!(d.year, 2024);
        assert_eq!(d.org.as_deref(), Some("某某中学"));
        assert!(d.review.is_empty());
    }

    #[test]
    fn cells_not_understood_are_kept_and_listed_with_their_place() {
        let doc = table(&[
            &["序号", "工作内容", "时间", "负责人"],
            &["1", "启动", "待定", "张三"],
            &["2", "检查", "会后", "李四"],
        ]);
        let d = draft(&doc, 0, 0, &opts());
        assert_eq!(d.steps[0].when.as_deref(), Some("待定"));
        let places: Vec<(usize, usize)> = d.review.iter().map(|r| (r.row, r.col)).collect();
        assert_eq!(places, [(2, 3), (3, 3)]);
        assert_eq!(d.review[0].header, "时间");
        assert_eq!(d.people, ["张三", "李四"]);
    }

    #[test]
    fn leading_deadlines_and_meeting_relative_dues_become_task_dues() {
        let doc = table(&[
            &["序号", "工作步骤", "时间安排", "具体任务"],
            &["1", "召开动员会", "3月5日", "会后5个工作日内报送会议纪要"],
            &[
                "2",
                "自查",
                "3月",
                "3月20日前报送自查报告；会后3天内上交心得",
            ],
            &["3", "整改", "4月", "4月底上交整改清单"],
        ]);
        let d = draft(&doc, 0, 0, &opts());
        let t = &d.steps[0].tasks[0];
        assert_eq!(t.title, "报送会议纪要（会后5个工作日内）");
        assert_eq!(
            t.due,
            Some(Due::After {
                step: "1".into(),
                count: 5,
                workdays: true
            })
        );
        assert_eq!(d.steps[1].tasks[0].due, Some(Due::Text("3月20日前".into())));
        assert_eq!(d.steps[1].tasks[0].title, "报送自查报告");
        // The meeting before: step 2 is not one, step 1 is.
        assert!(matches!(&d.steps[1].tasks[1].due, Some(Due::After { step, .. }) if step == "1"));
        assert_eq!(d.steps[2].tasks[0].due, Some(Due::Text("4月底".into())));
        assert_eq!(d.steps[2].tasks[0].title, "上交整改清单");
    }

    #[test]
    fn a_stage_row_across_the_table_becomes_a_comment() {
        let doc = table(&[
            &["序号", "工作内容", "时间"],
            &["第一阶段", "第一阶段", "第一阶段"],
            &["1", "启动", "3月"],
        ]);
        let d = draft(&doc, 0, 0, &opts());
        assert_eq!(d.steps.len(), 1);
        assert_eq!(d.steps[0].notes[0].zh, "阶段：第一阶段");
        // Saved as CSV the merge is gone: the heading is alone in the 序号 column. A row
        // with only its number is a step still (to review), not a stage.
        let doc = table(&[
            &["序号", "工作内容", "时间"],
            &["第二阶段", "", ""],
            &["2", "总结", "4月"],
            &["3", "", ""],
        ]);
        let d = draft(&doc, 0, 0, &opts());
        assert_eq!(d.steps.len(), 2);
        assert_eq!(d.steps[0].notes[0].zh, "阶段：第二阶段");
        assert_eq!(d.steps[1].id, "3");
    }
}
