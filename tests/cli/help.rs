//! `--help`, usage errors and the manual pages, in Chinese and English: their language
//! comes from `--lang`, `CHUNJIANG_LANG` or the locale, since no plan is read for them.

use crate::harness::Env;

/// Runs with a locale (the harness's default is C.UTF-8).
fn run_in(env: &Env, locale: &str, args: &[&str]) -> crate::harness::Run {
    let mut c = env.cmd(args);
    c.env("LANG", locale);
    c.output().expect("run chunjiang").into()
}

/// Every command but `help` (the hidden `undo` has no help to check).
const COMMANDS: &[&str] = &[
    "status",
    "done",
    "reopen",
    "note",
    "list",
    "show",
    "log",
    "week",
    "report",
    "check",
    "gantt",
    "remind",
    "export",
    "init",
    "import",
    "completions",
    "man",
];

/// Letters of the Latin alphabet outside what a Chinese help page keeps as it is:
/// command and option names, value names of flags, file names, variables and examples.
fn english_words(text: &str) -> Vec<String> {
    const KEPT: &[&str] = &[
        "chunjiang",
        "help",
        "plan",
        "toml",
        "ledger",
        "jsonl",
        "today",
        "json",
        "color",
        "style",
        "lang",
        "unicode",
        "ascii",
        "auto",
        "always",
        "never",
        "zh",
        "en",
        "owner",
        "all",
        "on",
        "by",
        "next",
        "last",
        "from",
        "to",
        "days",
        "format",
        "output",
        "blank",
        "h",
        "V",
        "version",
        "f",
        "o",
        "md",
        "ics",
        "csv",
        "svg",
        "html",
        "xlsx",
        "docx",
        "table",
        "year",
        "force",
        "user",
        "name",
        "zsh",
        "fish",
        "powershell",
        "elvish",
        "xls",
        "ods",
        "tsv",
        "txt",
        "TOML",
        "JSON",
        "Lines",
        "CHUNJIANG_PLAN",
        "CHUNJIANG_LEDGER",
        "CHUNJIANG_TODAY",
        "CHUNJIANG_LANG",
        "CHUNJIANG_BY",
        "LANG",
        "git",
        "W",
        "Unicode",
        "ASCII",
        "NO_COLOR",
        "state",
        "overdue",
        "due",
        "soon",
        "active",
        "upcoming",
        "open",
        "owner",
        "soon_days",
        "shell",
        "roff",
        "bash",
        "etc",
        "bash_completion",
        "d",
        "merge",
        "union",
        "gitattributes",
        "iCalendar",
        "RFC",
        "UTF",
        "BOM",
        "Markdown",
        "SVG",
        "HTML",
        "WPS",
        "Excel",
        "Word",
        "ISO",
        "l",
    ];
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
        .filter(|w| !w.is_empty() && !KEPT.contains(w) && !COMMANDS.contains(w))
        .map(ToString::to_string)
        .collect()
}

#[test]
fn help_is_chinese_under_a_chinese_locale_and_english_otherwise() {
    let env = Env::seed();
    let zh = run_in(&env, "zh_CN.UTF-8", &["--help"]);
    insta::assert_snapshot!("help_zh", zh.ok());
    let done_zh = run_in(&env, "zh_CN.UTF-8", &["done", "--help"]);
    insta::assert_snapshot!("done_help_zh", done_zh.ok());
    let help_zh = run_in(&env, "zh_CN.UTF-8", &["help", "help"]);
    let words = english_words(help_zh.ok());
    assert!(words.is_empty(), "help help: {words:?}\n{}", help_zh.stdout);
    let done_en = env.run(&["done", "--help"]);
    insta::assert_snapshot!("done_help_en", done_en.ok());
    for (what, text) in [("--help", zh.ok()), ("done --help", done_zh.ok())] {
        for heading in ["用法：", "选项：", "示例："] {
            assert!(text.contains(heading), "{what}: {heading}\n{text}");
        }
        let words = english_words(text);
        assert!(words.is_empty(), "{what}: English words {words:?}\n{text}");
    }
    assert!(done_zh.ok().contains("参数：") && done_zh.ok().contains("全局选项："));
}

#[test]
fn the_flag_and_the_variable_choose_the_language_of_help_too() {
    let env = Env::seed();
    let flag = run_in(&env, "en_US.UTF-8", &["--lang", "zh", "status", "-h"]);
    assert!(
        flag.ok().contains("用法：chunjiang status"),
        "{}",
        flag.stdout
    );
    let flag = run_in(&env, "zh_CN.UTF-8", &["status", "--lang=en", "-h"]);
    assert!(
        flag.ok().contains("Usage: chunjiang status"),
        "{}",
        flag.stdout
    );
    let mut c = env.cmd(&["list", "--help"]);
    c.env("CHUNJIANG_LANG", "zh");
    let var: crate::harness::Run = c.output().unwrap().into();
    assert!(var.ok().contains("只看此人负责的事项"), "{}", var.stdout);
}

/// Every command's help keeps its own options apart from the global ones, describes
/// every argument and ends with an example, in both languages.
#[test]
fn every_command_help_separates_global_options_and_has_an_example() {
    let env = Env::seed();
    for lang in ["zh", "en"] {
        let (global, example) = if lang == "zh" {
            ("全局选项：", "示例：\n  chunjiang ")
        } else {
            ("Global options:", "Examples:\n  chunjiang ")
        };
        for name in COMMANDS {
            let run = env.run(&["--lang", lang, name, "--help"]);
            let text = run.ok();
            let (own, globals) = text.split_once(global).expect(global);
            assert!(
                !own.contains("--plan"),
                "{lang} {name}: --plan among own options"
            );
            assert!(globals.contains("--plan <"), "{lang} {name}");
            assert!(text.contains(example), "{lang} {name}: no example\n{text}");
            if lang == "zh" {
                let words = english_words(text);
                assert!(words.is_empty(), "{name}: English words {words:?}\n{text}");
            }
            // Every argument has a description: after its name, or on the next line.
            let lines: Vec<&str> = own.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let term = line.trim();
                let is_arg = term.starts_with("--")
                    || term.starts_with('<')
                    || (term.starts_with('-') && term.chars().nth(2) == Some(','));
                if !is_arg || term.contains("  ") {
                    continue;
                }
                let next = lines.get(i + 1).map_or("", |l| l.trim());
                assert!(
                    !next.is_empty() && !next.starts_with("--") && !next.starts_with('<'),
                    "{lang} {name}: no description for {term:?}\n{text}"
                );
            }
        }
    }
    let done = env.run(&["done", "--help"]);
    let reopen = env.run(&["reopen", "--help"]);
    let note_of = |t: &str| {
        t.lines()
            .find(|l| l.contains("--note"))
            .unwrap_or_default()
            .to_string()
    };
    assert_ne!(
        note_of(done.ok()),
        note_of(reopen.ok()).replace("reopen", "done")
    );
    assert!(note_of(reopen.ok()).contains("Why"), "{}", reopen.stdout);
    assert!(
        env.run(&["note", "--help"])
            .ok()
            .contains("<TEXT>  The record")
    );
}

#[test]
fn usage_errors_say_error_and_usage_in_chinese_and_exit_2() {
    let env = Env::seed();
    let run = run_in(&env, "zh_CN.UTF-8", &["statu"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("错误：不认识的命令 'statu'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("提示：相近的命令：'status'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("用法：chunjiang [选项] <命令>"),
        "{}",
        run.stderr
    );
    for (args, said) in [
        (
            &["remind", "--days", "七"][..],
            "参数 '--days <天数>'：不是数字",
        ),
        (
            &["week", "--next", "--last"],
            "参数 '--next' 不能与这个参数同时使用：'--last'",
        ),
        (&["import"], "缺少以下必需的参数：\n  <文件>"),
    ] {
        let run = run_in(&env, "zh_CN.UTF-8", args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(said), "{args:?}: {}", run.stderr);
        let words = english_words(&run.stderr);
        assert!(words.is_empty(), "{args:?}: {words:?}\n{}", run.stderr);
    }
    // Under C.UTF-8 beside a Chinese plan, as the command would have answered (issue 13).
    let run = env.run(&["statu"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("错误：不认识的命令 'statu'"),
        "{}",
        run.stderr
    );
}

#[test]
fn man_prints_the_main_page_and_one_page_per_command_in_both_languages() {
    let env = Env::seed();
    for (lang, sections) in [
        (
            "en",
            [
                "NAME",
                "SYNOPSIS",
                "COMMANDS",
                "\"THE PLAN FILE\"",
                "FILES",
                "ENVIRONMENT",
                "\"EXIT STATUS\"",
            ],
        ),
        (
            "zh",
            [
                "名称",
                "概要",
                "命令",
                "计划文件",
                "文件",
                "环境变量",
                "退出状态",
            ],
        ),
    ] {
        let main = env.run(&["--lang", lang, "man"]);
        for s in sections {
            assert!(main.ok().contains(&format!("\n.SH {s}\n")), "{lang} {s}");
        }
        let status = env.run(&["--lang", lang, "man", "status"]);
        assert!(status.ok().starts_with(".ie") || status.ok().contains(".TH CHUNJIANG-STATUS 1"));
        assert!(
            status.ok().contains(".TH CHUNJIANG-STATUS 1"),
            "{}",
            status.stdout
        );
        assert!(status.ok().contains("\\-\\-owner"), "{}", status.stdout);
    }
    let zh = run_in(&env, "zh_CN.UTF-8", &["man", "done"]);
    assert!(zh.ok().contains("把步骤或任务记为已完成"), "{}", zh.stdout);
    let nope = run_in(&env, "zh_CN.UTF-8", &["man", "nope"]);
    assert!(nope.fails().contains("status"), "{}", nope.stderr);
}
