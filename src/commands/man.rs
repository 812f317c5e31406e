//! `chunjiang man [COMMAND]`: the roff manual page — the main page, or one command's page —
//! in the language of help (`--lang`, `CHUNJIANG_LANG`, the locale). `chunjiang man >
//! chunjiang.1` and `chunjiang man status > chunjiang-status.1` for packagers.

use std::io::Write;

use anyhow::{Context as _, Result};

use super::Exit;
use crate::error::{Error, Kind};
use crate::lang::Lang;
use crate::{help, manual};

pub fn run(page: Option<&str>, lang: Lang, out: &mut dyn Write) -> Result<Exit> {
    let cmd = help::command(lang);
    let name = page.unwrap_or_default();
    let Some(text) = manual::render(&cmd, name, lang) else {
        let pages = manual::pages(&cmd).split_off(1);
        return Err(Error::new(Kind::UnknownManPage {
            name: name.to_string(),
            pages,
        })
        .into());
    };
    out.write_all(text.as_bytes())
        .context("failed to write the man page")?;
    Ok(Exit::Ok)
}
