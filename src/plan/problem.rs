//! A problem found in a plan file: where it is (line and column, counted in characters)
//! and what would be accepted. Plain data with a `Display`; rendering never touches disk.

use std::fmt;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::error::{Kind, Level};
use crate::lang::Lang;
use crate::text::escape_control;

/// One thing wrong with the plan, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the source the problem points at (may be empty).
    pub span: Range<usize>,
    /// What is wrong, as data; worded in the user's language when printed.
    pub kind: Kind,
}

impl Problem {
    #[must_use]
    pub fn new(span: Range<usize>, kind: Kind) -> Self {
        Self { span, kind }
    }
}

/// Every problem of one plan file, ready to print with the file's own text.
#[derive(Debug, Clone)]
pub struct Problems {
    pub file: String,
    pub source: String,
    pub list: Vec<Problem>,
}

/// Line (1-based), column (1-based, in characters) and the line's text for a byte offset.
#[must_use]
pub fn locate(source: &str, offset: usize) -> (usize, usize, &str) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let line_no = source[..line_start].matches('\n').count() + 1;
    let col = source[line_start..offset].chars().count() + 1;
    let text = source[line_start..line_end].trim_end_matches('\r');
    (line_no, col, text)
}

/// Where each line of a source starts, so that many byte offsets become line numbers
/// without rescanning the text for each (a 10,000-step plan has 20,000 items to place).
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    #[must_use]
    pub fn new(source: &str) -> LineStarts {
        let newlines = source.bytes().enumerate().filter(|&(_, b)| b == b'\n');
        LineStarts(
            std::iter::once(0)
                .chain(newlines.map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// The 1-based line holding `offset`, as [`locate`] counts it.
    #[must_use]
    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Problems {
    /// Renders one problem the way compilers do: the place, the line, a caret under the
    /// offending text (padded by display width so it sits under Chinese characters), a hint.
    #[must_use]
    pub fn render(&self, p: &Problem, lang: Lang) -> String {
        use std::fmt::Write as _;
        let src = self.source.as_str();
        let start = floor_char_boundary(src, p.span.start.min(src.len()));
        let (line, col, text) = locate(src, start);
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        let words = p.kind.text(lang);
        let mut out = format!(
            "{}:{line}:{col}{colon}{}\n",
            escape_control(&self.file),
            words.message
        );
        if !text.is_empty() {
            let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
            let end = floor_char_boundary(src, p.span.end.min(line_start + text.len())).max(start);
            let pad: String = src[line_start..start]
                .chars()
                .map(|c| " ".repeat(escape_control(&c.to_string()).width()))
                .collect();
            let carets = "^".repeat(escape_control(&src[start..end]).width().max(1));
            let gutter = " ".repeat(line.to_string().len());
            let _ = write!(
                out,
                "{gutter} |\n{line} | {}\n{gutter} | {pad}{carets}\n",
                escape_control(text)
            );
        }
        if let Some(h) = &words.hint {
            let _ = writeln!(out, "{}{h}", Level::Hint.prefix(lang));
        }
        out
    }
}

impl Problems {
    /// Every problem as data for `check --json`: code, file, line, column (in
    /// characters), message and hint in `lang`.
    #[must_use]
    pub fn to_json(&self, lang: Lang) -> Vec<serde_json::Value> {
        self.list
            .iter()
            .map(|p| {
                let (line, column, _) = locate(&self.source, p.span.start);
                let text = p.kind.text(lang);
                serde_json::json!({
                    "code": p.kind.code(), "file": self.file, "line": line, "column": column,
                    "message": text.message, "hint": text.hint,
                })
            })
            .collect()
    }

    /// The one JSON object of `--json` on stderr: the first problem's code, message and
    /// place, and every problem under `problems`.
    #[must_use]
    pub fn to_json_error(&self, lang: Lang) -> serde_json::Value {
        let all = self.to_json(lang);
        let mut first = all.first().cloned().unwrap_or_else(
            || serde_json::json!({ "code": "plan_invalid", "message": self.summary(lang) }),
        );
        if let Some(o) = first.as_object_mut() {
            o.insert("problems".into(), serde_json::Value::Array(all));
        }
        serde_json::json!({ "error": first })
    }

    /// "3 problems in plan.toml; nothing was changed" / "plan.toml 中有 3 处问题，未做任何改动".
    #[must_use]
    pub fn summary(&self, lang: Lang) -> String {
        let n = self.list.len();
        let file = escape_control(&self.file);
        match lang {
            Lang::Zh => format!("{file} 中有 {n} 处问题，未做任何改动"),
            Lang::En => format!(
                "{n} problem{} in {file}; nothing was changed",
                if n == 1 { "" } else { "s" }
            ),
        }
    }

    /// Every problem as `error: …` blocks, then a count: what `check` prints.
    #[must_use]
    pub fn render_all(&self, lang: Lang) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for p in &self.list {
            let _ = write!(out, "{}{}", Level::Error.prefix(lang), self.render(p, lang));
        }
        let _ = writeln!(out, "{}", self.summary(lang));
        out
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render_all(Lang::En).trim_end())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_columns_in_characters() {
        let src = "a = 1\ntitle = \"春江\" x\n";
        let off = src.find('x').unwrap();
        assert_eq!(locate(src, off), (2, 14, "title = \"春江\" x"));
    }

    #[test]
    fn line_starts_agree_with_locate() {
        let src = "a = 1\n\ntitle = \"春江\" x\nlast";
        let lines = LineStarts::new(src);
        for offset in (0..=src.len()).filter(|&o| src.is_char_boundary(o)) {
            assert_eq!(lines.line(offset), locate(src, offset).0, "offset {offset}");
        }
    }

    #[test]
    fn caret_sits_under_the_text_after_chinese() {
        let src = "title = \"春江\" owenrs\n";
        let start = src.find("owenrs").unwrap();
        let ps = Problems {
            file: "plan.toml".into(),
            source: src.into(),
            list: vec![Problem::new(
                start..start + 6,
                Kind::UnknownKey {
                    key: "owenrs".into(),
                    near: Some("owners".into()),
                    place: crate::message::Place::Root,
                    allowed: vec!["owners"],
                },
            )],
        };
        let out = ps.to_string();
        assert!(
            out.starts_with("error: plan.toml:1:14: unknown key `owenrs`\n"),
            "{out}"
        );
        // `title = "春江" ` is 15 columns wide on a terminal (each 汉字 takes two).
        assert!(
            out.contains(&format!("  | {}^^^^^^\n", " ".repeat(15))),
            "{out}"
        );
        assert!(out.contains("hint: did you mean `owners`? "));
        assert!(out.ends_with("1 problem in plan.toml; nothing was changed"));
    }
}
