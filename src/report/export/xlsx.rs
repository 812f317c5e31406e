//! The 台账 as an Excel workbook (`rust_xlsxwriter`): every step and task, every ledger
//! event, and the weekly totals, each on its own sheet named in the plan's language.
//! Dates are date cells (numbers with a date format), so Excel and WPS sort and filter
//! them as dates; text is always written as a string, never as a formula, so a title
//! starting with `=` stays text. Pure: values in, the file's bytes out.

use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr as _;

use super::owned_by;
use super::weekly::{clean, notes};
use crate::ledger::Event;
use crate::plan::{Lang, Plan};
use crate::report::events::kind_word;
use crate::report::item::{owners, remark};
use crate::report::labels::{self, Word};
use crate::report::week::WeekRow;
use crate::state::{State, Status};

/// Everything the workbook is made from; `commands::export` gathers it.
pub struct Input<'a> {
    pub plan: &'a Plan,
    /// Every item's status today.
    pub statuses: &'a [Status],
    pub events: &'a [Event],
    /// The weeks of `report`, from `week::weeks`.
    pub weeks: &'a [WeekRow],
    pub owner: Option<&'a str>,
    pub lang: Lang,
    /// When the file is made: its creation time in the document properties.
    pub now: DateTime<Utc>,
}

pub const ITEMS_SHEET: Word = Word {
    zh: "事项台账",
    en: "Items",
};
pub const EVENTS_SHEET: Word = Word {
    zh: "记录",
    en: "Ledger",
};
pub const WEEKS_SHEET: Word = Word {
    zh: "每周统计",
    en: "Weeks",
};
const DAYS_LATE: Word = Word {
    zh: "逾期天数",
    en: "Days late",
};
const REMARKS: Word = Word {
    zh: "说明/记录",
    en: "Remarks / notes",
};
const ACTION: Word = Word {
    zh: "动作",
    en: "Action",
};

/// Excel's limit for one cell's text.
const MAX_CELL: usize = 32_767;
/// Widest a text column gets (in Excel's units, about one Latin character); longer text wraps.
const MAX_WIDTH: usize = 48;
/// The height of one line of text, in points (11-point text with CJK glyphs).
const LINE_HEIGHT: f64 = 16.0;

/// How a cell holds its value.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    /// Text that may be long or span lines: wrapped.
    Wrap,
    Date,
    Time,
    Number,
}

/// How a row stands out: overdue highlighted, done dimmed.
#[derive(Clone, Copy)]
enum Mark {
    Plain,
    Alert,
    Muted,
}

impl Mark {
    fn of(state: State) -> Mark {
        match state {
            State::Overdue => Mark::Alert,
            State::Done => Mark::Muted,
            _ => Mark::Plain,
        }
    }
}

fn format(kind: Kind, mark: Mark) -> Format {
    let mut f = Format::new()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x00BF_BFBF));
    f = match kind {
        Kind::Text => f,
        Kind::Wrap => f.set_text_wrap(),
        Kind::Date => f.set_num_format("yyyy-mm-dd").set_align(FormatAlign::Left),
        Kind::Time => f
            .set_num_format("yyyy-mm-dd hh:mm")
            .set_align(FormatAlign::Left),
        Kind::Number => f.set_num_format("0"),
    };
    match mark {
        Mark::Plain => f,
        Mark::Alert => f
            .set_background_color(Color::RGB(0x00FF_C7CE))
            .set_font_color(Color::RGB(0x009C_0006)),
        Mark::Muted => f.set_font_color(Color::RGB(0x0080_8080)),
    }
}

/// A sheet being filled row by row, remembering each column's widest text.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
    row: u32,
    /// Lines the tallest cell of the current row takes, once wrapped.
    lines: usize,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: &str, header: &[&str]) -> Result<Sheet<'a>, XlsxError> {
        ws.set_name(name)?;
        let bold = Format::new()
            .set_bold()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0x00D9_E1F2));
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0)?;
        Ok(Sheet {
            ws,
            widths: header.iter().map(|h| h.width()).collect(),
            row: 0,
            lines: 1,
        })
    }

    fn next_row(&mut self) -> Result<(), XlsxError> {
        self.end_row()?;
        self.row += 1;
        Ok(())
    }

    /// Row heights are set, not left to the reader: `LibreOffice` and WPS do not grow a
    /// row for wrapped text on their own, and a note on its second line would be hidden.
    fn end_row(&mut self) -> Result<(), XlsxError> {
        if self.lines > 1 {
            self.ws
                .set_row_height(self.row, (self.lines as f64 * LINE_HEIGHT).min(409.0))?;
        }
        self.lines = 1;
        Ok(())
    }

    fn fit(&mut self, col: usize, width: usize) {
        if let Some(w) = self.widths.get_mut(col) {
            *w = (*w).max(width);
        }
    }

    /// Text, always as a string cell (never a formula), clipped to Excel's limit.
    fn text(&mut self, col: usize, text: &str, kind: Kind, mark: Mark) -> Result<(), XlsxError> {
        let width = text.lines().map(str::width).max().unwrap_or(0);
        self.fit(col, width);
        // A column is at most MAX_WIDTH wide, two units of it margin.
        let lines: usize = text
            .lines()
            .map(|l| l.width().div_ceil(MAX_WIDTH - 2).max(1))
            .sum();
        self.lines = self.lines.max(lines);
        let clipped: String;
        let text = if text.chars().count() > MAX_CELL {
            clipped = text.chars().take(MAX_CELL - 1).chain(['…']).collect();
            &clipped
        } else {
            text
        };
        self.ws
            .write_string_with_format(self.row, col as u16, text, &format(kind, mark))?;
        Ok(())
    }

    fn date(&mut self, col: usize, d: Option<NaiveDate>, mark: Mark) -> Result<(), XlsxError> {
        let f = format(Kind::Date, mark);
        self.fit(col, 10);
        match d {
            Some(d) => self
                .ws
                .write_datetime_with_format(self.row, col as u16, d, &f)?,
            None => self.ws.write_blank(self.row, col as u16, &f)?,
        };
        Ok(())
    }

    fn number(&mut self, col: usize, n: Option<i64>, mark: Mark) -> Result<(), XlsxError> {
        let f = format(Kind::Number, mark);
        match n {
            Some(n) => self
                .ws
                .write_number_with_format(self.row, col as u16, n as f64, &f)?,
            None => self.ws.write_blank(self.row, col as u16, &f)?,
        };
        Ok(())
    }

    /// Column widths from the widest text (display width: a Chinese character counts
    /// two), capped so long titles wrap; a filter on the header row.
    fn finish(mut self) -> Result<(), XlsxError> {
        self.end_row()?;
        for (c, w) in self.widths.iter().enumerate() {
            let w = (*w + 2).clamp(6, MAX_WIDTH);
            self.ws.set_column_width(c as u16, w as f64)?;
        }
        let last_col = self.widths.len().saturating_sub(1) as u16;
        self.ws.autofilter(0, 0, self.row, last_col)?;
        Ok(())
    }
}

pub fn render(r: &Input) -> Result<Vec<u8>, XlsxError> {
    let lang = r.lang;
    let plan = r.plan;
    let mut book = Workbook::new();
    let mut props = DocProperties::new()
        .set_title(clean(&plan.title))
        .set_creation_datetime(&r.now);
    if let Some(org) = &plan.org {
        props = props.set_company(clean(org));
    }
    book.set_properties(&props);
    items(book.add_worksheet(), r)?;
    events(book.add_worksheet(), r)?;
    weeks(book.add_worksheet(), r.weeks, lang)?;
    book.save_to_buffer()
}

fn items(ws: &mut Worksheet, r: &Input) -> Result<(), XlsxError> {
    let lang = r.lang;
    let plan = r.plan;
    let header = [
        labels::ID,
        labels::ITEM,
        labels::OWNERS,
        labels::START,
        labels::DUE,
        labels::STATE,
        labels::DONE_ON,
        DAYS_LATE,
        REMARKS,
    ]
    .map(|w| w.pick(lang));
    let mut sheet = Sheet::new(ws, ITEMS_SHEET.pick(lang), &header)?;
    for s in r.statuses.iter().filter(|s| owned_by(plan, s, r.owner)) {
        let item = &plan.items[s.index];
        let mark = Mark::of(s.state);
        sheet.next_row()?;
        sheet.text(0, &clean(&item.id), Kind::Text, mark)?;
        sheet.text(1, &clean(&item.title), Kind::Wrap, mark)?;
        sheet.text(2, &clean(&owners(&item.owners, lang)), Kind::Wrap, mark)?;
        sheet.date(3, item.start, mark)?;
        sheet.date(4, Some(s.due), mark)?;
        sheet.text(5, labels::state(s.state, lang), Kind::Text, mark)?;
        sheet.date(6, s.done_on, mark)?;
        let late = s.days_overdue().or(s.late_days().filter(|&n| n > 0));
        sheet.number(7, late, mark)?;
        let mut remarks = vec![clean(&remark(plan, s, lang))];
        remarks.extend(notes(r.events, &item.id, plan.year, lang));
        remarks.retain(|l| !l.is_empty());
        sheet.text(8, &remarks.join("\n"), Kind::Wrap, mark)?;
    }
    sheet.finish()
}

fn events(ws: &mut Worksheet, r: &Input) -> Result<(), XlsxError> {
    let lang = r.lang;
    let plan = r.plan;
    let header = [
        labels::AT,
        labels::ITEM,
        ACTION,
        labels::ON,
        labels::BY,
        labels::NOTE,
    ]
    .map(|w| w.pick(lang));
    let mut sheet = Sheet::new(ws, EVENTS_SHEET.pick(lang), &header)?;
    for e in r.events {
        let item = plan.find(&e.step).map(|i| &plan.items[i]);
        if r.owner.is_some() && !item.is_some_and(|i| i.owned_by(r.owner)) {
            continue;
        }
        let what = match item {
            Some(i) => format!("{} {}", i.id, i.title),
            None => e.step.clone(),
        };
        sheet.next_row()?;
        // The moment as it was recorded, in its own offset: what the ledger line says.
        let at = e.at.naive_local();
        sheet.fit(0, 16);
        sheet
            .ws
            .write_datetime_with_format(sheet.row, 0, at, &format(Kind::Time, Mark::Plain))?;
        sheet.text(1, &clean(&what), Kind::Wrap, Mark::Plain)?;
        sheet.text(
            2,
            &clean(&kind_word(&e.event, lang)),
            Kind::Text,
            Mark::Plain,
        )?;
        sheet.date(3, e.on, Mark::Plain)?;
        sheet.text(
            4,
            &clean(e.by.as_deref().unwrap_or("")),
            Kind::Text,
            Mark::Plain,
        )?;
        sheet.text(
            5,
            &clean(e.note.as_deref().unwrap_or("")),
            Kind::Wrap,
            Mark::Plain,
        )?;
    }
    sheet.finish()
}

fn weeks(ws: &mut Worksheet, weeks: &[WeekRow], lang: Lang) -> Result<(), XlsxError> {
    let header = [
        labels::WEEK,
        labels::FROM,
        labels::TO,
        labels::DUE_COUNT,
        labels::DONE_COUNT,
        labels::DONE_LATE,
        labels::OVERDUE_COUNT,
    ]
    .map(|w| w.pick(lang));
    let mut sheet = Sheet::new(ws, WEEKS_SHEET.pick(lang), &header)?;
    for w in weeks {
        let t = w.totals;
        let mark = if t.overdue > 0 {
            Mark::Alert
        } else {
            Mark::Plain
        };
        sheet.next_row()?;
        sheet.text(0, &w.label, Kind::Text, mark)?;
        sheet.date(1, Some(w.from), mark)?;
        sheet.date(2, Some(w.to), mark)?;
        // A week that starts after today has no overdue count yet (DESIGN §5: null).
        for (c, n) in [Some(t.due), Some(t.done), Some(t.done_late), w.overdue()]
            .into_iter()
            .enumerate()
        {
            sheet.number(3 + c, n.map(|n| n as i64), mark)?;
        }
    }
    sheet.finish()
}
