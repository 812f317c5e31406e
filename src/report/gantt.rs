//! The plan as a timeline in the terminal: one row per step (tasks indented under it), a
//! bar from start to due on a day or week scale that fits the width, states told apart
//! by fill characters (and colour when enabled), task deadlines as points, a marker for
//! today. Pure: values in, a string out.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use unicode_width::UnicodeWidthChar as _;

use super::Out;
use super::labels::Word;
use crate::plan::{ItemKind, Lang, Plan};
use crate::state::{State, Status};

/// What to draw: the days shown and the rows' items.
pub struct Chart<'a> {
    pub plan: &'a Plan,
    pub statuses: &'a [Status],
    /// Item indices to draw, in order (steps followed by their tasks).
    pub rows: Vec<usize>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
}

/// The characters of one style: unicode blocks, or plain ASCII.
struct Glyphs {
    done: char,
    overdue: char,
    open: char,
    point: char,
    today: char,
}

const UNICODE: Glyphs = Glyphs {
    done: '█',
    overdue: '▓',
    open: '░',
    point: '◆',
    today: '│',
};
const ASCII: Glyphs = Glyphs {
    done: '#',
    overdue: '!',
    open: '-',
    point: '*',
    today: '|',
};

const LABEL_MAX: usize = 34;

/// The first day drawn for an item: its start, else its step's, else its due.
#[must_use]
pub fn first_day(plan: &Plan, s: &Status) -> NaiveDate {
    let item = &plan.items[s.index];
    item.start
        .or(if item.kind == ItemKind::Task {
            None
        } else {
            plan.items[item.step].start
        })
        .unwrap_or(s.due)
        .min(s.due)
}

/// The rows of a timeline: every step (with its tasks under it) that `owner` has a part
/// in; all of them without an owner.
#[must_use]
pub fn rows(plan: &Plan, owner: Option<&str>) -> Vec<usize> {
    let owns = |i: usize| plan.items[i].owned_by(owner);
    let mut rows = Vec::new();
    for (i, item) in plan.items.iter().enumerate() {
        if item.kind != ItemKind::Step {
            continue;
        }
        let tasks: Vec<usize> = item.tasks.iter().copied().filter(|&t| owns(t)).collect();
        if owns(i) || !tasks.is_empty() {
            rows.push(i);
            rows.extend(tasks);
        }
    }
    rows
}

/// The days a timeline of `rows` covers: the first start to the last due.
#[must_use]
pub fn span(plan: &Plan, statuses: &[Status], rows: &[usize]) -> Option<(NaiveDate, NaiveDate)> {
    let first = rows.iter().map(|&i| first_day(plan, &statuses[i])).min()?;
    let last = rows.iter().map(|&i| statuses[i].due).max()?;
    Some((first, last))
}

#[must_use]
pub fn render(chart: &Chart<'_>, out: &Out) -> String {
    let g = if out.ascii { &ASCII } else { &UNICODE };
    let width = out.width.unwrap_or(100).max(40);
    let labels: Vec<String> = chart
        .rows
        .iter()
        .map(|&i| label(chart.plan, i, out))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| super::table::display_width(l))
        .max()
        .unwrap_or(0)
        // Never narrower than the scale written above the labels ("12 weeks/col").
        .max(12)
        .min(LABEL_MAX.min(width / 3));
    let avail = width.saturating_sub(label_w + 1).max(10);
    let span = (chart.to - chart.from).num_days().max(0) as usize + 1;
    // Days per column: one when the span fits; else as few as fit, rounded up to whole
    // weeks once a column would hold a week or more.
    let per = match span.div_ceil(avail) {
        n if n < 7 => n,
        n => n.div_ceil(7) * 7,
    };
    let cols = span.div_ceil(per);
    let col_of = |d: NaiveDate| -> Option<usize> {
        if d < chart.from || d > chart.to {
            return None;
        }
        Some((d - chart.from).num_days() as usize / per)
    };
    let mut text = String::new();
    text.push_str(&axis(chart.from, cols, per, label_w, out.lang));
    let today_col = col_of(chart.today);
    for (row, &i) in chart.rows.iter().enumerate() {
        let s = &chart.statuses[i];
        let item = &chart.plan.items[i];
        let mut cells = vec![' '; cols];
        let fill = match s.state {
            State::Done => g.done,
            State::Overdue => g.overdue,
            _ => g.open,
        };
        let start = first_day(chart.plan, s).max(chart.from);
        let end = s.due.min(chart.to);
        let is_point = item.kind == ItemKind::Task && item.start.is_none();
        if start <= end
            && let (Some(a), Some(b)) = (col_of(start), col_of(end))
        {
            if is_point {
                cells[b] = g.point;
            } else {
                cells[a..=b].fill(fill);
            }
        }
        if let Some(c) = today_col
            && cells[c] == ' '
        {
            cells[c] = g.today;
        }
        let bar: String = cells.iter().collect();
        let bar = if out.color {
            colour(&bar, s.state, g)
        } else {
            bar
        };
        let label = pad(&truncate(&labels[row], label_w, out.ascii), label_w);
        text.push_str(&label);
        text.push(' ');
        text.push_str(&bar);
        text.push('\n');
    }
    text.push_str(&legend(g, out.lang, width));
    text
}

fn label(plan: &Plan, i: usize, out: &Out) -> String {
    let item = &plan.items[i];
    let indent = if item.kind == ItemKind::Task {
        "  "
    } else {
        ""
    };
    out.text(&format!("{indent}{} {}", item.id, item.title))
}

fn truncate(s: &str, width: usize, ascii: bool) -> String {
    if super::table::display_width(s) <= width {
        return s.to_string();
    }
    let (ellipsis, ellipsis_w) = if ascii { ("...", 3) } else { ("…", 1) };
    let budget = width.saturating_sub(ellipsis_w);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    out
}

fn pad(s: &str, width: usize) -> String {
    let w = super::table::display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// A line of dates over the columns: the first day of each month, or of each week when
/// the scale is days, written where it starts if there is room.
fn axis(from: NaiveDate, cols: usize, per: usize, label_w: usize, lang: Lang) -> String {
    let mut line = vec![' '; cols];
    let mut next_free = 0;
    for c in 0..cols {
        let day = from + Days::new((c * per) as u64);
        let prev = if c == 0 {
            None
        } else {
            Some(from + Days::new(((c - 1) * per) as u64))
        };
        let new_month =
            prev.is_none_or(|p| p.format("%m").to_string() != day.format("%m").to_string());
        let week_mark = per < 7 && day.format("%u").to_string() == "1";
        if (new_month || week_mark) && c >= next_free {
            let text = match lang {
                Lang::Zh if per < 7 => format!("{}", day.format("%m-%d")),
                Lang::Zh => format!("{}", day.format("%Y-%m")),
                Lang::En if per < 7 => format!("{}", day.format("%b %d")),
                Lang::En => format!("{}", day.format("%b %Y")),
            };
            let chars: Vec<char> = text.chars().collect();
            if c + chars.len() <= cols {
                line[c..c + chars.len()].copy_from_slice(&chars);
                next_free = c + chars.len() + 1;
            }
        }
    }
    let scale = match (per, lang) {
        (1, Lang::Zh) => "每格1天".to_string(),
        (n, Lang::Zh) if n % 7 == 0 => format!("每格{}周", n / 7),
        (n, Lang::Zh) => format!("每格{n}天"),
        (1, Lang::En) => "1 day/col".to_string(),
        (7, Lang::En) => "1 week/col".to_string(),
        (n, Lang::En) if n % 7 == 0 => format!("{} weeks/col", n / 7),
        (n, Lang::En) => format!("{n} days/col"),
    };
    format!(
        "{} {}\n",
        pad(&scale, label_w),
        line.iter().collect::<String>().trim_end()
    )
}

/// The key to the fill characters, on as many lines as `width` needs.
fn legend(g: &Glyphs, lang: Lang, width: usize) -> String {
    let entries = [
        (
            g.done,
            Word {
                zh: "已完成",
                en: "done",
            },
        ),
        (
            g.overdue,
            Word {
                zh: "逾期",
                en: "overdue",
            },
        ),
        (
            g.open,
            Word {
                zh: "未完成",
                en: "open",
            },
        ),
        (
            g.point,
            Word {
                zh: "任务截止",
                en: "task deadline",
            },
        ),
        (
            g.today,
            Word {
                zh: "今天",
                en: "today",
            },
        ),
    ];
    let mut text = String::new();
    let mut line = String::new();
    for (c, w) in entries {
        let entry = format!("{c} {}", w.pick(lang));
        if !line.is_empty()
            && super::table::display_width(&line) + 2 + super::table::display_width(&entry) > width
        {
            text.push_str(&line);
            text.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push_str("  ");
        }
        line.push_str(&entry);
    }
    text.push_str(&line);
    text.push('\n');
    text
}

fn colour(bar: &str, state: State, g: &Glyphs) -> String {
    let code = match state {
        State::Done => "32",
        State::Overdue => "31",
        State::DueToday | State::DueSoon => "33",
        _ => "36",
    };
    let mut out = String::new();
    for c in bar.chars() {
        if c == ' ' {
            out.push(c);
        } else if c == g.today {
            let _ = write!(out, "\u{1b}[1;35m{c}\u{1b}[0m");
        } else {
            let _ = write!(out, "\u{1b}[{code}m{c}\u{1b}[0m");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Change, Completion, evaluate};
    use unicode_width::UnicodeWidthStr as _;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2014, m, day).unwrap()
    }

    fn draw(today: NaiveDate, ascii: bool, width: usize) -> String {
        let plan = crate::plan::parse(include_str!("../../plan.toml"), "plan.toml", 2000).unwrap();
        let done = Completion::replay(&plan, [("2", Change::Done(d(6, 15)))], None);
        let statuses = evaluate(&plan, &done, today);
        let chart = Chart {
            plan: &plan,
            statuses: &statuses,
            rows: (0..plan.items.len()).collect(),
            from: d(6, 1),
            to: d(7, 31),
            today,
        };
        let out = Out {
            lang: Lang::Zh,
            color: false,
            ascii,
            width: Some(width),
            year: 2014,
        };
        render(&chart, &out)
    }

    fn row<'a>(chart: &'a str, starts: &str) -> &'a str {
        chart
            .lines()
            .find(|l| l.starts_with(starts))
            .unwrap_or_else(|| panic!("no row {starts}:\n{chart}"))
    }

    #[test]
    fn bars_span_their_days_on_a_day_scale() {
        let chart = draw(d(6, 20), false, 120);
        assert!(chart.starts_with("每格1天"), "{chart}");
        // 61 days from 06-01, one column each: step 8 fills them all.
        let bar8: String = row(&chart, "8 ").chars().filter(|c| *c == '░').collect();
        assert_eq!(bar8.chars().count(), 61);
        // Step 2 (06-06 … 06-14) is done: nine done cells.
        assert_eq!(row(&chart, "2 ").matches('█').count(), 9);
        // Step 3 (06-18 … 06-26) is open: nine cells, today's marker does not cut it.
        assert_eq!(row(&chart, "3 ").matches('░').count(), 9);
        // Task 5.1 is a point at its deadline; the today marker stands where rows are empty.
        assert_eq!(row(&chart, "  5.1").matches('◆').count(), 1);
        assert_eq!(row(&chart, "1 ").matches('│').count(), 1);
    }

    #[test]
    fn overdue_fill_differs_and_rows_line_up() {
        let chart = draw(d(6, 27), false, 120);
        assert!(row(&chart, "4 ").contains('▓'), "{chart}");
        // Label column padded by display width: every row is equally wide, Chinese or not.
        let rows: Vec<usize> = chart
            .lines()
            .skip(1)
            .take(19)
            .map(unicode_width::UnicodeWidthStr::width)
            .collect();
        assert!(rows.windows(2).all(|w| w[0] == w[1]), "{rows:?}\n{chart}");
    }

    #[test]
    fn ascii_style_and_a_narrow_terminal_use_weeks_or_days_per_column() {
        let chart = draw(d(6, 27), true, 60);
        assert!(
            chart.is_ascii() || !chart.contains(['█', '▓', '░', '◆', '│', '…']),
            "{chart}"
        );
        assert!(row(&chart, "4 ").contains('!'), "{chart}");
        let per_col = chart.lines().next().unwrap();
        assert!(
            per_col.starts_with("每格") && !per_col.starts_with("每格1天"),
            "{per_col}"
        );
        for line in chart.lines() {
            assert!(line.width() <= 60, "too wide: {line}");
        }
    }
}
