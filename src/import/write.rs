//! The draft as a commented `plan.toml`, in the document's language. Strings go through
//! the toml crate's own serialisation, so quotes, backslashes and control characters in
//! a document's cells come out as valid TOML; comments are kept to one line each.

use std::fmt::Write as _;

use super::draft::{Draft, Due, Msg};
use crate::plan::Lang;

/// A TOML string (basic or literal, as the toml crate chooses) for any text.
#[must_use]
pub fn string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Text for a comment: one line, control characters escaped.
fn comment(s: &str) -> String {
    let one: String = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    crate::text::escape_control(&one)
}

/// Renders the draft. `source` names the file it came from (in the header comment).
#[must_use]
pub fn render(d: &Draft, source: &str) -> String {
    let zh = d.lang == Lang::Zh;
    let pick = |m: &Msg| m.pick(d.lang).to_string();
    let mut out = String::new();
    let src = comment(source);
    let (table, tables) = d.table;
    if zh {
        let _ = writeln!(
            out,
            "# 由 `chunjiang import` 从“{src}”的第 {table} 个表格（共 {tables} 个）生成的计划草稿。"
        );
        let _ = writeln!(
            out,
            "# 事项、内容和时间照原文抄录；请核对，然后运行 `chunjiang check`。"
        );
        if !d.review.is_empty() {
            let _ = writeln!(
                out,
                "# 有 {} 处单元格未能识别，已原样保留并标注“待核对”。",
                d.review.len()
            );
        }
    } else {
        let _ = writeln!(
            out,
            "# A plan draft written by `chunjiang import` from table {table} of {tables} in `{src}`."
        );
        let _ = writeln!(
            out,
            "# Titles, details and dates are the document's words; review it, then run `chunjiang check`."
        );
        if !d.review.is_empty() {
            let _ = writeln!(
                out,
                "# {} cells were not understood: they are kept as written and marked REVIEW.",
                d.review.len()
            );
        }
    }
    out.push('\n');
    let _ = writeln!(out, "title = {}", string(&d.title));
    if let Some(org) = &d.org {
        let _ = writeln!(out, "org = {}", string(org));
    }
    let _ = writeln!(out, "year = {}", d.year);
    let _ = writeln!(out, "lang = {}", string(if zh { "zh" } else { "en" }));
    if !d.people.is_empty() {
        out.push('\n');
        if zh {
            out.push_str("# 责任人名单（牵头和配合的都在内）；可补上职务：\"张三\" = { role = \"教务主任\" }\n");
        } else {
            out.push_str(
                "# Everyone named as an owner; add roles as \"Name\" = { role = \"…\" }\n",
            );
        }
        out.push_str("[people]\n");
        for p in &d.people {
            let _ = writeln!(out, "{} = {{}}", string(p));
        }
    }
    for s in &d.steps {
        out.push('\n');
        for n in &s.notes {
            let _ = writeln!(out, "# {}", comment(&pick(n)));
        }
        for r in d.review.iter().filter(|r| r.row == s.row) {
            let place = if zh {
                format!(
                    "待核对（第 {} 行第 {} 列 {}）：{}",
                    r.row,
                    r.col,
                    comment(&r.header),
                    comment(&pick(&r.why))
                )
            } else {
                format!(
                    "REVIEW (row {}, column {} {}): {}",
                    r.row,
                    r.col,
                    comment(&r.header),
                    comment(&pick(&r.why))
                )
            };
            let _ = writeln!(out, "# {place}");
        }
        out.push_str("[[step]]\n");
        if s.id.bytes().all(|b| b.is_ascii_digit()) && s.id.len() < 10 && !s.id.starts_with('0') {
            let _ = writeln!(out, "id = {}", s.id);
        } else {
            let _ = writeln!(out, "id = {}", string(&s.id));
        }
        let _ = writeln!(out, "title = {}", string(&s.title));
        if let Some(detail) = &s.detail {
            let _ = writeln!(out, "detail = {}", string(detail));
        }
        if let Some(when) = &s.when {
            let _ = writeln!(out, "when = {}", string(when));
        }
        if !s.owners.is_empty() {
            let _ = writeln!(out, "owners = {}", list(&s.owners));
        }
        if !s.after.is_empty() {
            let _ = writeln!(out, "after = {}", list(&s.after));
        }
        for t in &s.tasks {
            out.push('\n');
            if let Some(n) = &t.note {
                let _ = writeln!(out, "  # {}", comment(&pick(n)));
            }
            out.push_str("  [[step.task]]\n");
            let _ = writeln!(out, "  title = {}", string(&t.title));
            match &t.due {
                Some(Due::Text(text)) => {
                    let _ = writeln!(out, "  due = {}", string(text));
                }
                Some(Due::After {
                    step,
                    count,
                    workdays,
                }) => {
                    let unit = if *workdays { "workdays" } else { "days" };
                    let _ = writeln!(
                        out,
                        "  due = {{ after = {}, {unit} = {count} }}",
                        string(step)
                    );
                }
                None => {}
            }
            if let Some(owners) = &t.owners {
                let _ = writeln!(out, "  owners = {}", list(owners));
            }
        }
    }
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_with_quotes_backslashes_and_controls_stay_valid_toml() {
        for s in ["a\"b", "c:\\d", "x\ny", "\u{1b}[31m", "'单'", "\"\"\""] {
            let doc = format!("k = {}", string(s));
            let v: toml::Table = toml::from_str(&doc).unwrap();
            assert_eq!(v["k"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn comments_are_one_line_and_escaped() {
        assert_eq!(comment("a\n\nb\u{1b}"), "a / b\\u{1b}");
    }
}
