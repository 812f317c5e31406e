//! Issue 13: what a Chinese user types and reads. Ids and dates typed on a Chinese
//! keyboard; a Chinese plan without `lang` under `LANG=C.UTF-8` says nothing in English.

use crate::harness::Env;

#[test]
fn full_width_ids_and_dates_on_the_command_line_are_read() {
    let env = Env::seed();
    // `done ６`: a full-width digit is the digit.
    let out = env
        .run(&["done", "６", "--by", "唐健", "--on", "６。１９"])
        .ok()
        .to_string();
    assert!(out.contains("已记录：6 召开组织生活会"), "{out}");
    assert!(env.ledger().contains("\"step\":\"6\""), "{}", env.ledger());
    assert!(
        env.ledger().contains("\"on\":\"2014-06-19\""),
        "{}",
        env.ledger()
    );
    // `．` and `。` between digits are the dot of a task id, in every command taking one.
    for id in ["５．１", "５。１", "\u{3000}５.１ "] {
        let show = env.run(&["show", id]).ok().to_string();
        assert!(
            show.starts_with("步骤 5 · 召开专题民主生活会"),
            "{id}: {show}"
        );
    }
    env.run(&["note", "５。１", "方案已交", "--by", "韩海英"])
        .ok();
    let log = env.run(&["log", "５．１"]).ok().to_string();
    assert!(log.contains("方案已交"), "{log}");
    let reopen = env.run(&["reopen", "６", "--by", "唐健"]).ok().to_string();
    assert!(reopen.contains("6 召开组织生活会"), "{reopen}");
    // Dates: full-width digits and a Chinese full stop as the month-day dot.
    let week = env.run(&[
        "--json",
        "--today",
        "２０１４。６。２０",
        "week",
        "２０１４-W２５",
    ]);
    assert_eq!(week.json()["week"], "2014-W25");
    // A full stop that ends the text is not an id's dot: the error quotes what was typed.
    let err = env.run(&["show", "５。"]).fails().to_string();
    assert!(err.contains("没有编号为“５。”的步骤或任务"), "{err}");
    assert!(err.contains("是不是“5”"), "{err}");
}

/// Names of formats and programs, not words to read.
const NAMES: [&str; 7] = ["chunjiang", "UTF", "JSON", "CSV", "TOML", "WPS", "Word"];
/// What file names end with (or hold).
const FILES: [&str; 11] = [
    ".gitattributes",
    ".toml",
    ".jsonl",
    ".csv",
    ".md",
    ".html",
    ".ics",
    ".svg",
    ".xlsx",
    ".docx",
    ".torn-",
];

/// English words a Chinese user would have to read in `text`. Not words: what is in
/// backticks (a command, key or flag to type as is), flags (`--today`), file names
/// (`plan.toml`, `周报.md`), ISO week labels (`2014-W25`, typed back into `week`), web
/// addresses, the plan's own lines quoted under an error, and the names of formats and
/// programs (`chunjiang`, `UTF-8`, `JSON`, `CSV`, `TOML`, `WPS`, `Word`).
fn english_words(text: &str) -> Vec<String> {
    // A plan's own lines quoted under an error (`11 | title = …`) are the user's text.
    let quoted = |l: &str| {
        let t = l.trim_start();
        t.starts_with('|')
            || t.split_once(" |")
                .is_some_and(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
    };
    let text: String = text
        .lines()
        .filter(|l| !quoted(l))
        .collect::<Vec<_>>()
        .join("\n")
        .split_whitespace()
        .filter(|w| !w.contains("https://"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Vec::new();
    let mut in_code = false;
    for (i, piece) in text.split('`').enumerate() {
        if i > 0 {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        for token in piece
            .split(|c: char| c.is_whitespace() || "（）：，、；。“”【】|()[]:,;\"'".contains(c))
        {
            if token.starts_with('-') || FILES.iter().any(|f| token.contains(f)) {
                continue;
            }
            let week_label = token.len() >= 8
                && token.as_bytes()[4] == b'-'
                && token.as_bytes()[5] == b'W'
                && token[..4].bytes().all(|b| b.is_ascii_digit());
            if week_label {
                continue;
            }
            for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() > 1 && !NAMES.contains(&word) {
                    out.push(word.to_string());
                }
            }
        }
    }
    out
}

#[track_caller]
fn no_english(what: &str, text: &str) {
    let words = english_words(text);
    assert!(words.is_empty(), "{what}: English {words:?} in\n{text}");
}

/// The text a person reads in an HTML page: no tags, styles or scripts.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        rest = &rest[open..];
        let skip_to = ["<style", "<script"]
            .iter()
            .find(|t| rest.starts_with(**t))
            .map(|t| t.replace('<', "</"));
        let end = match skip_to {
            Some(close) => rest.find(&close).unwrap_or(rest.len()),
            None => 0,
        };
        rest = &rest[end..];
        rest = rest.find('>').map_or("", |c| &rest[c + 1..]);
    }
    text.push_str(rest);
    text.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The acceptance test: a Chinese plan with no `lang`, run with `LANG=C.UTF-8` (the
/// harness's locale), says no English word in any table, message, error or export.
#[test]
fn a_chinese_plan_without_lang_says_nothing_in_english() {
    let no_lang = crate::harness::SEED_PLAN.replace("lang = \"zh\"\n", "");
    assert!(!no_lang.contains("lang ="));
    let env = Env::with_plan(&no_lang);
    let run = |args: &[&str]| {
        let r = env.run(args);
        let what = args.join(" ");
        no_english(&format!("{what} (stdout)"), &r.stdout);
        no_english(&format!("{what} (stderr)"), &r.stderr);
        r
    };
    // What is recorded, with its confirmations and warnings.
    run(&["done", "1", "--by", "唐健", "--on", "2014-06-19"]).ok();
    run(&["done", "7", "--by", "张三", "--on", "2014-01-02"]).ok();
    run(&["note", "2", "材料未交，等待学校反馈", "--by", "唐健"]).ok();
    run(&["reopen", "7", "--by", "徐燕娟"]).ok();
    run(&["done", "４", "--by", "韩海英"]).ok();
    // Every view.
    for args in [
        &["status"][..],
        &["status", "--all"],
        &["status", "--owner", "唐健"],
        &["list"],
        &["show", "4"],
        &["show", "7"],
        &["show", "2"],
        &["week"],
        &["week", "--last"],
        &["week", "--next"],
        &["report"],
        &["gantt"],
        &["remind"],
        &["remind", "--days", "30"],
        &["log"],
        &["log", "2"],
        &["check"],
        &["init"],
    ] {
        run(args).ok();
    }
    // Every text export, on stdout and as a file.
    for format in ["csv", "md"] {
        let out = run(&["export", "--format", format]).ok().to_string();
        assert!(out.contains("细化“第二环节”实施办法"), "{format}");
    }
    // The calendar's keywords are its format; what a person reads is in these fields.
    let ics = env.run(&["export", "--format", "ics"]).ok().to_string();
    let unfolded = ics.replace("\r\n ", "").replace("\n ", "");
    let said: Vec<&str> = unfolded
        .lines()
        .filter_map(|l| {
            ["SUMMARY:", "DESCRIPTION:", "X-WR-CALNAME:", "LOCATION:"]
                .iter()
                .find_map(|k| l.strip_prefix(k))
        })
        .collect();
    assert!(said.len() > 10, "{ics}");
    no_english("ics", &said.join("\n").replace("\\n", "\n"));
    run(&["export", "--format", "html", "-o", "台账.html"]).ok();
    let html = std::fs::read_to_string(env.path("台账.html")).unwrap();
    no_english("html", &html_text(&html));
    run(&["export", "--format", "svg", "-o", "进度.svg"]).ok();
    let svg = std::fs::read_to_string(env.path("进度.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(labels.len() > 10, "{svg}");
    no_english("svg", &labels.join("\n"));
    // Common mistakes: each an error in Chinese, nothing changed.
    let before = env.ledger();
    for args in [
        &["show", "99"][..],
        &["done", "谈话"],
        &["done", "3", "--on", "6月32日"],
        &["--today", "七月", "status"],
        &["status", "--owner", "唐建"],
        &["done", "3", "--on", "2014-06-30"],
        &["export", "--format", "csv", "-o", "plan.ledger.jsonl"],
        &["export", "--format", "svg", "-o", "没有/进度.svg"],
        &["note", "3", " "],
    ] {
        let r = run(args);
        assert!(r.fails().starts_with("错误："), "{args:?}: {}", r.stderr);
    }
    assert_eq!(env.ledger(), before);
    // A damaged ledger: read with a warning, refused for writing.
    env.write(
        "plan.ledger.jsonl",
        &format!("{before}{{\"v\":1,\"id\":\"x\"}}\n"),
    );
    run(&["status"]).ok();
    let refused = run(&["done", "3", "--by", "唐健"]);
    assert!(
        refused.fails().contains("拒绝写入台账"),
        "{}",
        refused.stderr
    );
    run(&["check"]).fails();
    // A ledger that is a directory.
    std::fs::remove_file(env.ledger_path()).unwrap();
    std::fs::create_dir(env.ledger_path()).unwrap();
    run(&["status"]).fails();
    std::fs::remove_dir(env.ledger_path()).unwrap();
    // A plan with a syntax error, a Chinese-keyboard mistake and an unknown owner.
    for (from, to) in [
        ("title = \"党的", "title = 党的"),
        ("owners = [\"唐健\"]", "owners = [\"唐健\"，\"刘明\"]"),
        ("owners = [\"唐健\"]", "owners = [\"唐建\"]"),
    ] {
        assert!(no_lang.contains(from), "{from}");
        env.write("plan.toml", &no_lang.replacen(from, to, 1));
        // A read-only view leaves a bad step out with a warning; `check` and `done` refuse.
        run(&["status"]);
        let r = run(&["check"]);
        assert!(r.fails().contains("错误："), "{to}: {}", r.stderr);
        let r = run(&["done", "3", "--by", "唐健"]);
        assert!(r.fails().contains("错误："), "{to}: {}", r.stderr);
    }
}

#[test]
fn a_mistyped_flag_or_command_is_told_in_the_plans_language() {
    let env = Env::seed();
    // LANG=C.UTF-8 (the harness): before this, clap's words came in English here.
    for args in [&["--bogus"][..], &["stats"], &["status", "--al"]] {
        let out = env.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        // What was typed, and the commands offered, are quoted, and the usage line names
        // the command as it is typed: not words to read.
        let unquoted: String = err
            .lines()
            .filter(|l| !l.starts_with("用法："))
            .collect::<Vec<_>>()
            .join("\n")
            .split('\'')
            .step_by(2)
            .collect();
        no_english(&format!("{args:?}"), &unquoted);
    }
    // `--lang en` still chooses, and so does a folder with no plan.
    let out = env.cmd(&["--lang", "en", "--bogus"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: unexpected argument"));
    let empty = tempfile::tempdir().unwrap();
    let out = crate::harness::cmd_in(empty.path(), "2014-06-20", &["--bogus"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: unexpected argument"));
}
