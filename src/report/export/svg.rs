//! The timeline as a picture: a self-contained SVG (the report page embeds it) for a
//! report or a projector. Step titles and owners, a date axis with weeks and months, a
//! line for today, states in colour with a legend, tentative dates drawn dashed. No
//! network fonts or scripts. Pure: values in, a string out.

use std::fmt::Write as _;

use chrono::{Datelike as _, Days, NaiveDate};

use crate::plan::{ItemKind, Lang, Plan};
use crate::report::gantt::first_day;
use crate::report::labels::{self, Word};
use crate::state::{State, Status};

const LABEL_W: f64 = 360.0;
const DAY_W: f64 = 14.0;
/// The widest the timeline gets, in pixels, however long the plan runs.
const MAX_W: f64 = 20_000.0;
const ROW_H: f64 = 26.0;
const TOP: f64 = 78.0;
const FONT: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

/// Escapes text for XML content and attribute values.
#[must_use]
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters at all.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn colour(state: State) -> &'static str {
    match state {
        State::Done => "#43a047",
        State::Overdue => "#e53935",
        State::DueToday | State::DueSoon => "#fb8c00",
        State::Active => "#1e88e5",
        State::Upcoming => "#90a4ae",
    }
}

/// The SVG of `rows` (item indices) from `from` to `to`.
#[must_use]
pub fn svg(
    plan: &Plan,
    statuses: &[Status],
    rows: &[usize],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let days = (to - from).num_days().max(0) + 1;
    // A long span is drawn narrower, so the picture's size never grows with it: at most
    // MAX_W wide, week lines only when a week is wide enough to see, month labels only
    // when there is room for them (else January's).
    let day_w = DAY_W.min(MAX_W / days as f64);
    let weeks_shown = day_w * 7.0 >= 10.0;
    let months_shown = day_w * 28.0 >= 70.0;
    let width = LABEL_W + days as f64 * day_w + 20.0;
    let height = TOP + rows.len() as f64 * ROW_H + 70.0;
    let x_of = |d: NaiveDate| LABEL_W + (d - from).num_days() as f64 * day_w;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT}" font-size="13">"#
    );
    let _ = write!(out, "<title>{}</title>", xml(&plan.title));
    let _ = write!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = write!(
        out,
        r#"<text class="title" x="12" y="24" font-size="18" font-weight="bold">{}</text>"#,
        xml(&plan.title)
    );
    // Axis: a tick for every week start, a label for every month.
    let mut day = from;
    let _ = write!(out, r#"<g class="axis">"#);
    while day <= to {
        let x = x_of(day);
        if (day.day() == 1 && (months_shown || day.month() == 1)) || day == from {
            let label = match lang {
                Lang::Zh => format!("{}年{}月", day.year(), day.month()),
                Lang::En => day.format("%b %Y").to_string(),
            };
            let _ = write!(
                out,
                r#"<text class="month" x="{x:.1}" y="46" font-weight="bold">{}</text>"#,
                xml(&label)
            );
        }
        if weeks_shown && day.weekday().num_days_from_monday() == 0 {
            let bottom = TOP + rows.len() as f64 * ROW_H;
            let _ = write!(
                out,
                r##"<line class="week" x1="{x:.1}" y1="52" x2="{x:.1}" y2="{bottom:.1}" stroke="#e0e0e0"/><text x="{:.1}" y="66" font-size="11" fill="#616161">{}</text>"##,
                x + 2.0,
                day.format("%m-%d")
            );
        }
        day = day + Days::new(1);
    }
    let _ = write!(out, "</g>");
    for (n, &i) in rows.iter().enumerate() {
        let st = &statuses[i];
        let item = &plan.items[i];
        let y = TOP + n as f64 * ROW_H;
        let indent = if item.kind == ItemKind::Task {
            18.0
        } else {
            12.0
        };
        let owners = crate::report::item::owners(&item.owners, lang);
        let _ = write!(
            out,
            r##"<text class="label" x="{indent}" y="{:.1}"{}>{} {} <tspan fill="#757575">{}</tspan></text>"##,
            y + 17.0,
            if item.kind == ItemKind::Step {
                r#" font-weight="bold""#
            } else {
                ""
            },
            xml(&item.id),
            xml(&clip(&item.title, 18)),
            xml(&owners)
        );
        let start = first_day(plan, st).max(from);
        let due = st.due.min(to);
        if start > due {
            continue;
        }
        let x = x_of(start);
        let w = (due - start).num_days() as f64 * day_w + day_w;
        let fill = colour(st.state);
        let dash = if st.tentative {
            r#" stroke-dasharray="4 3" fill-opacity="0.35""#
        } else {
            ""
        };
        let point = item.kind == ItemKind::Task && item.start.is_none();
        if point {
            let cx = x_of(due) + day_w / 2.0;
            let cy = y + 13.0;
            let _ = write!(
                out,
                r#"<polygon class="deadline" data-id="{}" data-due="{}" data-state="{}" points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{fill}" stroke="{fill}"{dash}/>"#,
                xml(&item.id),
                st.due,
                st.state.as_str(),
                cx,
                cy - 7.0,
                cx + 7.0,
                cy,
                cx,
                cy + 7.0,
                cx - 7.0,
                cy
            );
        } else {
            let _ = write!(
                out,
                r#"<rect class="bar" data-id="{}" data-start="{start}" data-due="{}" data-state="{}" x="{x:.1}" y="{:.1}" width="{w:.1}" height="16" rx="3" fill="{fill}" stroke="{fill}"{dash}/>"#,
                xml(&item.id),
                st.due,
                st.state.as_str(),
                y + 5.0
            );
        }
    }
    if from <= today && today <= to {
        let x = x_of(today) + day_w / 2.0;
        let bottom = TOP + rows.len() as f64 * ROW_H;
        let _ = write!(
            out,
            r##"<line class="today" data-date="{today}" x1="{x:.1}" y1="52" x2="{x:.1}" y2="{bottom:.1}" stroke="#d81b60" stroke-width="2"/><text x="{:.1}" y="{:.1}" fill="#d81b60" font-size="11">{}</text>"##,
            x + 3.0,
            bottom + 14.0,
            xml(labels::Word {
                zh: "今天",
                en: "today"
            }
            .pick(lang))
        );
    }
    legend(&mut out, height - 26.0, lang);
    out.push_str("</svg>\n");
    out
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn legend(s: &mut String, y: f64, lang: Lang) {
    let _ = write!(s, r#"<g class="legend">"#);
    let entries = [
        (
            State::Done,
            Word {
                zh: "已完成",
                en: "done",
            },
        ),
        (
            State::Overdue,
            Word {
                zh: "逾期",
                en: "overdue",
            },
        ),
        (
            State::DueSoon,
            Word {
                zh: "即将到期",
                en: "due soon",
            },
        ),
        (
            State::Active,
            Word {
                zh: "进行中",
                en: "active",
            },
        ),
        (
            State::Upcoming,
            Word {
                zh: "未开始",
                en: "upcoming",
            },
        ),
    ];
    let mut x = 12.0;
    for (state, word) in entries {
        let _ = write!(
            s,
            r#"<rect x="{x:.1}" y="{y:.1}" width="14" height="14" rx="2" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            colour(state),
            x + 20.0,
            y + 12.0,
            word.pick(lang)
        );
        x += 110.0;
    }
    let _ = write!(
        s,
        r##"<rect x="{x:.1}" y="{y:.1}" width="14" height="14" rx="2" fill="#90a4ae" fill-opacity="0.35" stroke="#90a4ae" stroke-dasharray="4 3"/><text x="{:.1}" y="{:.1}">{}</text>"##,
        x + 20.0,
        y + 12.0,
        labels::TENTATIVE.pick(lang)
    );
    let _ = write!(s, "</g>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Change, Completion, evaluate};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2014, m, day).unwrap()
    }

    fn picture(title: &str) -> (Plan, Vec<Status>, String) {
        let text = include_str!("../../../plan.toml").replace(
            "title = \"党的群众路线教育实践活动第二环节\"",
            &format!("title = \"{title}\""),
        );
        let plan = crate::plan::parse(&text, "plan.toml", 2000).unwrap();
        let done = Completion::replay(&plan, [("2", Change::Done(d(6, 15)))], None);
        let statuses = evaluate(&plan, &done, d(6, 27));
        let rows: Vec<usize> = (0..plan.items.len()).collect();
        let svg = svg(
            &plan,
            &statuses,
            &rows,
            d(6, 1),
            d(7, 31),
            d(6, 27),
            Lang::Zh,
        );
        (plan, statuses, svg)
    }

    #[test]
    fn every_step_bar_spans_its_dates() {
        let (plan, statuses, svg) = picture("春江 <计划> & “二”");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let bars: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("bar"))
            .collect();
        for (i, item) in plan
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.kind == ItemKind::Step)
        {
            let bar = bars
                .iter()
                .find(|b| b.attribute("data-id") == Some(item.id.as_str()))
                .unwrap_or_else(|| panic!("no bar for step {}", item.id));
            let start = first_day(&plan, &statuses[i]);
            let x: f64 = bar.attribute("x").unwrap().parse().unwrap();
            let w: f64 = bar.attribute("width").unwrap().parse().unwrap();
            let want_x = LABEL_W + (start - d(6, 1)).num_days() as f64 * DAY_W;
            let want_w = ((statuses[i].due - start).num_days() + 1) as f64 * DAY_W;
            assert!(
                (x - want_x).abs() < 0.1 && (w - want_w).abs() < 0.1,
                "step {}",
                item.id
            );
            assert_eq!(
                bar.attribute("data-due"),
                Some(statuses[i].due.to_string().as_str())
            );
        }
        let state_of = |id: &str| {
            bars.iter()
                .find(|b| b.attribute("data-id") == Some(id))
                .unwrap()
                .attribute("fill")
        };
        assert_eq!(state_of("2"), Some("#43a047"), "done is green");
        assert_eq!(state_of("4"), Some("#e53935"), "overdue is red");
        let title = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("title"))
            .unwrap();
        assert_eq!(title.text(), Some("春江 <计划> & “二”"));
        let today = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("today"))
            .unwrap();
        assert_eq!(today.attribute("data-date"), Some("2014-06-27"));
        let deadlines: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("deadline"))
            .collect();
        let tentative = deadlines
            .iter()
            .find(|n| n.attribute("data-id") == Some("7.1"))
            .unwrap();
        assert!(
            tentative.attribute("stroke-dasharray").is_some(),
            "tentative dates are drawn dashed"
        );
        assert!(
            doc.descendants()
                .any(|n| n.attribute("class") == Some("legend"))
        );
        assert!(
            !svg.contains("http://") || svg.matches("http://").count() == 1,
            "only the SVG namespace"
        );
    }
}
