//! Ledger events as people read them: the `log` table and the history in `show`.

use super::Out;
use super::labels::{self, Word};
use super::table::{Column, Mark, Wrap, render};
use crate::ledger::{Event, EventKind};
use crate::plan::Lang;

#[must_use]
pub fn kind_word(kind: &EventKind, lang: Lang) -> String {
    let w = match kind {
        EventKind::Done => Word {
            zh: "完成",
            en: "done",
        },
        EventKind::Reopen => Word {
            zh: "重新打开",
            en: "reopened",
        },
        EventKind::Note => Word {
            zh: "备注",
            en: "note",
        },
        EventKind::Other(name) => return name.clone(),
    };
    w.pick(lang).to_string()
}

#[must_use]
pub fn table(events: &[&Event], out: &Out) -> String {
    let lang = out.lang;
    let col = |w: Word, wrap| Column::new(w.pick(lang), wrap);
    let columns = [
        col(labels::AT, Wrap::Never),
        col(labels::EVENT, Wrap::Never),
        col(labels::ID, Wrap::Never),
        col(labels::ON, Wrap::Never),
        col(labels::BY, Wrap::Names),
        col(labels::NOTE, Wrap::Text),
    ];
    let rows: Vec<(Mark, Vec<String>)> = events
        .iter()
        .map(|e| {
            let mark = match e.event {
                EventKind::Reopen => Mark::Warn,
                _ => Mark::Plain,
            };
            (
                mark,
                vec![
                    e.at.format("%Y-%m-%d %H:%M").to_string(),
                    kind_word(&e.event, lang),
                    e.step.clone(),
                    e.on.map(|d| d.to_string()).unwrap_or_default(),
                    e.by.clone().unwrap_or_default(),
                    // Line breaks in a note become spaces, so each event stays one row.
                    e.note
                        .as_deref()
                        .unwrap_or_default()
                        .replace(['\r', '\n'], " "),
                ],
            )
        })
        .collect();
    render(&columns, &rows, out.style())
}
