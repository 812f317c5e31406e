//! The report as a web page: the 周报 (the same sections as the Word file), the status of
//! every item, and the timeline picture. What gets opened from a chat on a phone, so it is
//! self-contained (no scripts, no network fonts or images), sized for a narrow screen
//! (tables scroll sideways inside their box instead of widening the page) and prints on
//! A4. Written as well-formed XHTML-compatible markup, so XML tools read it too. Pure:
//! a [`Report`] in, a string out; every piece of user text passes through [`xml`].

use std::fmt::Write as _;

use super::svg::xml;
use super::weekly::{Report, Table, numbered};
use crate::plan::Lang;
use crate::report::labels::Word;
use crate::state::State;

const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

const STYLE: &str = "
*{box-sizing:border-box}
body{font-family:FONT;margin:0 auto;max-width:62rem;padding:1rem;font-size:16px;line-height:1.55;color:#212121;background:#fff;-webkit-text-size-adjust:100%;text-size-adjust:100%}
h1{font-size:1.45rem;margin:.4rem 0;line-height:1.3}
h2{font-size:1.15rem;margin:1.4rem 0 .5rem;padding-left:.5rem;border-left:4px solid #1e88e5}
p{margin:.3rem 0}
.sub{font-size:1.1rem;font-weight:bold}
.meta{color:#616161;font-size:.9rem}
.totals{font-weight:bold;margin:.8rem 0;padding:.5rem .7rem;background:#f5f5f5;border-radius:4px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #bdbdbd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eceff1;white-space:nowrap}
td{white-space:nowrap}
td.wide{white-space:normal;min-width:9em}
tr.overdue td{background:#ffebee;color:#b71c1c}
tr.done td{color:#757575}
tr.due_today td{background:#fff8e1}
.none{color:#616161}
.timeline svg{display:block;height:auto}
@media (max-width:600px){body{padding:.6rem;font-size:15px}h1{font-size:1.25rem}table{font-size:.85rem}th,td{padding:.3rem .4rem}}
@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10.5pt}.scroll{overflow:visible}table{font-size:9.5pt}tr{break-inside:avoid}h2{break-after:avoid}thead{display:table-header-group}.timeline svg{max-width:100%}tr.overdue td,th,.totals{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";

const ALL_ITEMS: Word = Word {
    zh: "全部事项",
    en: "Every item",
};
const TIMELINE: Word = Word {
    zh: "进度图",
    en: "Timeline",
};

/// The page: the report's sections, then `status` (every item) and the `timeline` SVG
/// when there is one.
#[must_use]
pub fn render(r: &Report, status: &Table, timeline: Option<&str>) -> String {
    let lang_attr = match r.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang_attr}\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{} · {}</title>\n<style>{}</style>\n</head>\n<body>\n",
        xml(&r.title),
        xml(&r.heading),
        STYLE.replace("FONT", FONT)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", xml(&r.title));
    let _ = writeln!(out, "<p class=\"sub\">{}</p>", xml(&r.heading));
    if let Some(org) = &r.org {
        let _ = writeln!(out, "<p>{}</p>", xml(org));
    }
    let _ = writeln!(out, "<p>{}</p>", xml(&r.dates));
    let _ = writeln!(out, "<p class=\"meta\">{}</p>\n</header>", xml(&r.meta));
    let _ = writeln!(out, "<p class=\"totals\">{}</p>", xml(&r.totals));
    let mut n = 0;
    let mut section = |out: &mut String, heading: &str| {
        let _ = writeln!(
            out,
            "<section>\n<h2>{}</h2>",
            xml(&numbered(n, heading, r.lang))
        );
        n += 1;
    };
    for s in &r.sections {
        section(&mut out, &s.heading);
        if !s.note.is_empty() {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", xml(&s.note));
        }
        table(&mut out, &s.table, r.none);
        out.push_str("</section>\n");
    }
    section(&mut out, ALL_ITEMS.pick(r.lang));
    table(&mut out, status, r.none);
    out.push_str("</section>\n");
    if let Some(svg) = timeline {
        section(&mut out, TIMELINE.pick(r.lang));
        let _ = write!(
            out,
            "<div class=\"scroll timeline\">\n{svg}</div>\n</section>\n"
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn table(out: &mut String, t: &Table, none: &str) {
    if t.rows.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}</p>", xml(none));
        return;
    }
    out.push_str("<div class=\"scroll\">\n<table>\n<thead><tr>");
    for h in &t.header {
        let _ = write!(out, "<th>{}</th>", xml(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        let class = match row.state {
            State::Overdue | State::Done | State::DueToday => row.state.as_str(),
            _ => "open",
        };
        let _ = write!(out, "<tr class=\"{class}\">");
        for (i, cell) in row.cells.iter().enumerate() {
            // The title and the remark are the long cells, the only ones that wrap: an
            // id, a date or a state broken over two lines is harder to read.
            let wide = if i == 1 || i + 1 == row.cells.len() {
                " class=\"wide\""
            } else {
                ""
            };
            let lines: Vec<String> = cell.split('\n').map(xml).collect();
            let _ = write!(out, "<td{wide}>{}</td>", lines.join("<br/>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}
