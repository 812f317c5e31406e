//! `chunjiang import FILE [-o OUT] [--year Y] [--table N] [--force]`: reads the schedule
//! table of a document and writes a plan draft. Reads FILE, writes OUT; nothing else.
//! Exit 0 when the draft passes the same validation as `check` and every cell was
//! understood, 1 when it needs review (the draft is written all the same).

use std::io::{ErrorKind, Read as _, Write};
use std::path::Path;

use anyhow::{Result, anyhow};
use chrono::{Datelike as _, Local};

use super::{Env, Exit, parse_day_arg};
use crate::cli::Global;
use crate::import::detect::{self, Choice};
use crate::import::draft::{self, Options};
use crate::message::{Kind, Taken};
use crate::plan::Lang;

/// Documents larger than this are not schedules (a page of tables is kilobytes; a Word
/// file with pictures a few megabytes).
const MAX_BYTES: u64 = 64 << 20;

pub struct Args<'a> {
    pub file: &'a Path,
    pub output: &'a Path,
    pub year: Option<i32>,
    pub table: Option<usize>,
    pub force: bool,
}

pub fn run(g: &Global, env: &Env, a: &Args, out: &mut dyn Write) -> Result<Exit> {
    // `--lang` / `CHUNJIANG_LANG` decide; else the document's language once it is read,
    // and until then Chinese for a file with a Chinese name, else the locale's.
    let chosen = env.lang.forced;
    let cjk = crate::lang::has_cjk(&a.file.to_string_lossy());
    let early = chosen.unwrap_or(if cjk { Lang::Zh } else { env.lang.locale });
    // A failure is worded by main in the language decided so far.
    env.said.set(Some(early));
    let name = a.file.display().to_string();
    let fail = |kind: Kind| anyhow::Error::from(crate::error::Error::new(kind));
    let bytes = read_limited(a.file).map_err(|e| {
        anyhow!(if early == Lang::Zh {
            let why = match e.kind() {
                ErrorKind::InvalidInput => "不是普通文件".to_string(),
                ErrorKind::FileTooLarge => "超过 64 MiB，不像是要导入的文件".to_string(),
                _ => crate::message::Io::from(&e).words(Lang::Zh),
            };
            format!("无法读取“{name}”：{why}")
        } else {
            format!("failed to read `{name}`: {e}")
        })
    })?;
    let file_name = a
        .file
        .file_name()
        .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
    let unreadable = |why| {
        fail(Kind::ImportUnreadable {
            file: name.clone(),
            why,
        })
    };
    let format = crate::import::format_of(&file_name, &bytes).map_err(unreadable)?;
    let doc = crate::import::read(format, &bytes).map_err(unreadable)?;
    let (index, header) = match detect::choose(&doc, a.table) {
        Choice::Table { index, header } => (index, header),
        Choice::None if doc.tables.is_empty() => {
            return Err(fail(Kind::ImportNoTable { file: name }));
        }
        Choice::None => {
            return Err(fail(Kind::ImportNoSchedule {
                file: name,
                wanted: a.table,
                tables: detect::describe(&doc),
            }));
        }
        Choice::Unclear(which) => {
            return Err(fail(Kind::ImportUnclear {
                file: name,
                which: which.iter().map(|i| i + 1).collect(),
                tables: detect::describe(&doc),
            }));
        }
    };
    let today_year = match &g.today {
        Some(t) => parse_day_arg(t, env.now.year(), "--today")?.year(),
        None => env.now.with_timezone(&Local).year(),
    };
    let stem = a
        .file
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let d = draft::draft(
        &doc,
        index,
        header,
        &Options {
            year: a.year,
            today_year,
            stem: &stem,
        },
    );
    let lang = chosen.unwrap_or(d.lang);
    env.said.set(Some(lang));
    let zh = lang == Lang::Zh;
    let text = crate::import::write::render(&d, &file_name);
    let to_stdout = a.output.as_os_str() == "-";
    let out_name = a.output.display().to_string();
    let checked = crate::plan::parse(&text, &out_name, d.year);
    if to_stdout {
        out.write_all(text.as_bytes())?;
    } else {
        write_output(a, &text)?;
    }
    // Messages go where the plan does not.
    let mut msg: Box<dyn Write> = if to_stdout {
        Box::new(std::io::stderr())
    } else {
        Box::new(&mut *out)
    };
    for r in &d.review {
        let text = crate::text::escape_control(&detect::one_line(&r.text, 40));
        let header = crate::text::escape_control(&r.header);
        if zh {
            writeln!(
                msg,
                "待核对：第{}行第{}列（{header}）“{text}”——{}",
                r.row, r.col, r.why.zh
            )?;
        } else {
            writeln!(
                msg,
                "review: row {}, column {} ({header}) `{text}` — {}",
                r.row, r.col, r.why.en
            )?;
        }
    }
    // What `check` would say of the draft, without its "nothing was changed": the draft
    // was written.
    if let Err(problems) = &checked {
        for p in &problems.list {
            write!(
                msg,
                "{}{}",
                crate::error::Level::Error.prefix(lang),
                problems.render(p, lang)
            )?;
        }
    }
    let steps = d.steps.len();
    let tasks: usize = d.steps.iter().map(|s| s.tasks.len()).sum();
    let owners = d.people.len();
    let review = d.review.len();
    let place = if to_stdout {
        if zh {
            "标准输出".to_string()
        } else {
            "stdout".to_string()
        }
    } else {
        crate::text::escape_control(&out_name)
    };
    if zh {
        writeln!(
            msg,
            "已写入{place}：{steps}个步骤，{tasks}项任务，{owners}位责任人，{review}处待核对。"
        )?;
    } else {
        writeln!(
            msg,
            "wrote {place}: {steps} steps, {tasks} tasks, {owners} owners, {review} cells to review"
        )?;
    }
    let ok = checked.is_ok() && review == 0;
    let next = match (ok, zh) {
        (true, true) => "下一步：核对草稿，然后 `chunjiang status`",
        (true, false) => "next: read the draft through, then `chunjiang status`",
        (false, true) => "下一步：改好上面列出的地方，再运行 `chunjiang check`",
        (false, false) => "next: fix what is listed above, then run `chunjiang check`",
    };
    writeln!(msg, "{next}")?;
    Ok(if ok { Exit::Ok } else { Exit::Problems })
}

/// The document's bytes: a regular file, not larger than [`MAX_BYTES`].
fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::new(
            ErrorKind::FileTooLarge,
            "larger than 64 MiB",
        ));
    }
    Ok(bytes)
}

/// Writes the draft to OUT: never over an existing file without `--force`, never over a
/// ledger or the document itself.
fn write_output(a: &Args, text: &str) -> Result<()> {
    let path = a.output;
    let name = path.display().to_string();
    let taken = |why| {
        anyhow::Error::from(crate::error::Error::new(Kind::ImportOutputTaken {
            file: name.clone(),
            why,
        }))
    };
    if let Ok(meta) = std::fs::metadata(path) {
        let same = std::fs::canonicalize(path).ok() == std::fs::canonicalize(a.file).ok();
        if same {
            return Err(taken(Taken::TheDocument));
        }
        if is_ledger(path) {
            return Err(taken(Taken::Ledger));
        }
        if !meta.is_file() {
            return Err(taken(Taken::NotAFile));
        }
        if !a.force {
            return Err(taken(Taken::Exists));
        }
        std::fs::write(path, text).map_err(|e| write_failed(&name, &e))?;
        return Ok(());
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| write_failed(&name, &e))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| write_failed(&name, &e))?;
    Ok(())
}

/// The draft could not be written: the one typed error for a file the tool writes.
fn write_failed(name: &str, e: &std::io::Error) -> anyhow::Error {
    crate::error::Error::new(Kind::OutputWrite {
        path: name.to_string(),
        io: e.into(),
    })
    .into()
}

/// A ledger by its name (`*.jsonl`) or by its first line (a JSON event with `"v":`).
fn is_ledger(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
    {
        return true;
    }
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    let head = head.trim_start();
    head.starts_with('{') && head.contains("\"v\"")
}
