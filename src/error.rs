//! Errors as data, and the one printer. A command fails with an [`Error`] (a [`Kind`] from
//! the catalogue, and where: file, line, column) or with plan [`Problems`]; anything else
//! is unexpected (I/O with its context, via `anyhow`). [`render`] words any of them in
//! the user's language, with `错误：` / `error:` and `提示：` / `hint:` prefixes;
//! [`to_json`] makes the one JSON object `--json` prints on stderr (DESIGN §5).

use std::fmt;

use serde_json::{Value, json};

use crate::lang::Lang;
pub use crate::message::{Encoding, Io, Kind, Text};
use crate::plan::Problems;

/// A failure the user can fix: what (with its data) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: Kind,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Error {
    #[must_use]
    pub fn new(kind: Kind) -> Error {
        Error {
            kind,
            file: None,
            line: None,
            column: None,
        }
    }

    #[must_use]
    pub fn in_file(mut self, file: impl fmt::Display) -> Error {
        self.file = Some(file.to_string());
        self
    }

    #[must_use]
    pub fn at(mut self, line: usize, column: Option<usize>) -> Error {
        self.line = Some(line);
        self.column = column;
        self
    }
}

impl From<Kind> for Error {
    fn from(kind: Kind) -> Error {
        Error::new(kind)
    }
}

/// English, for logs and tests; people get [`render`].
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.kind.text(Lang::En);
        f.write_str(&t.message)?;
        if let Some(h) = t.hint {
            write!(f, "\nhint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// The prefixes of what goes to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Hint,
    Warning,
}

impl Level {
    #[must_use]
    pub fn prefix(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Level::Error, Lang::Zh) => "错误：",
            (Level::Hint, Lang::Zh) => "提示：",
            (Level::Warning, Lang::Zh) => "警告：",
            (Level::Error, Lang::En) => "error: ",
            (Level::Hint, Lang::En) => "hint: ",
            (Level::Warning, Lang::En) => "warning: ",
        }
    }
}

/// A message (and its hint) as printed: `错误：…\n提示：…\n`.
#[must_use]
pub fn lines(level: Level, text: &Text, lang: Lang) -> String {
    let mut out = format!("{}{}\n", level.prefix(lang), text.message);
    if let Some(h) = &text.hint {
        out.push_str(Level::Hint.prefix(lang));
        out.push_str(h);
        out.push('\n');
    }
    out
}

/// The language to print a failure in when no plan was read: a plan that did not parse
/// is looked at as text; a plan in UTF-16 or GBK was written by a Chinese editor.
#[must_use]
pub fn lang_for(e: &anyhow::Error, choice: crate::lang::Choice) -> Lang {
    if let Some(p) = e.downcast_ref::<Problems>() {
        return choice.with_source(&p.source);
    }
    match e.downcast_ref::<Error>().map(|err| &err.kind) {
        Some(Kind::PlanEncoding { .. }) => choice.with_plan(None, true),
        _ => choice.before_plan(),
    }
}

/// What the user reads on stderr for a failed command.
#[must_use]
pub fn render(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(problems) = e.downcast_ref::<Problems>() {
        return problems.render_all(lang);
    }
    if let Some(err) = e.downcast_ref::<Error>() {
        return lines(Level::Error, &err.kind.text(lang), lang);
    }
    // Unexpected (I/O with its context): the chain as written, one line, its hint kept.
    let text = crate::text::escape_control(&format!("{e:#}"));
    let (message, hint) = match text.split_once("\\nhint: ") {
        Some((m, h)) => (m.to_string(), Some(h.to_string())),
        None => (text, None),
    };
    lines(Level::Error, &Text { message, hint }, lang)
}

/// The one JSON object `--json` prints on stderr for a failed command.
#[must_use]
pub fn to_json(e: &anyhow::Error, lang: Lang) -> Value {
    let mut obj = serde_json::Map::new();
    if let Some(problems) = e.downcast_ref::<Problems>() {
        return problems.to_json_error(lang);
    }
    let (code, text) = if let Some(err) = e.downcast_ref::<Error>() {
        for (key, value) in [
            ("file", err.file.as_ref().map(|f| json!(f))),
            ("line", err.line.map(|l| json!(l))),
            ("column", err.column.map(|c| json!(c))),
        ] {
            if let Some(v) = value {
                obj.insert(key.into(), v);
            }
        }
        (err.kind.code(), err.kind.text(lang))
    } else {
        let text = format!("{e:#}");
        let (m, h) = match text.split_once("\nhint: ") {
            Some((m, h)) => (m.to_string(), Some(h.to_string())),
            None => (text, None),
        };
        (
            "io",
            Text {
                message: m,
                hint: h,
            },
        )
    };
    let mut out = serde_json::Map::new();
    out.insert("code".into(), json!(code));
    out.insert("message".into(), json!(text.message));
    if let Some(h) = text.hint {
        out.insert("hint".into(), json!(h));
    }
    out.extend(obj);
    json!({ "error": out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_error_renders_in_either_language_with_its_prefixes() {
        let e: anyhow::Error = Error::new(Kind::NegativeDays { days: -2 }).into();
        let zh = render(&e, Lang::Zh);
        assert!(
            zh.starts_with("错误：--days 的值 -2 是负数\n提示："),
            "{zh}"
        );
        let en = render(&e, Lang::En);
        assert!(
            en.starts_with("error: --days -2 is negative\nhint: "),
            "{en}"
        );
    }

    #[test]
    fn json_error_has_code_message_hint_and_place() {
        let e: anyhow::Error = Error::new(Kind::NegativeDays { days: -2 })
            .in_file("plan.toml")
            .at(12, Some(8))
            .into();
        let v = to_json(&e, Lang::Zh);
        let o = &v["error"];
        assert_eq!(o["code"], "days_negative");
        assert_eq!(o["file"], "plan.toml");
        assert_eq!(o["line"], 12);
        assert_eq!(o["column"], 8);
        assert!(o["message"].as_str().unwrap().contains("负数"));
        assert!(o["hint"].is_string());
    }

    #[test]
    fn an_unexpected_error_keeps_its_chain_on_one_escaped_line() {
        let e = anyhow::anyhow!("disk \u{1b}gone").context("failed to write `x`");
        let out = render(&e, Lang::En);
        assert_eq!(out, "error: failed to write `x`: disk \\u{1b}gone\n");
        assert_eq!(to_json(&e, Lang::En)["error"]["code"], "io");
    }
}
