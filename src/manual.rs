//! The manual pages, in roff: `chunjiang(1)`, the main page (global options, the list of
//! commands, the plan file, FILES, ENVIRONMENT, EXIT STATUS), and `chunjiang-<command>(1)`,
//! one page per command. Pure: the dressed command line of `help::command` in, text out.
//!
//! Options and descriptions come from the command line's definition (through the help
//! catalogue for Chinese), so the pages cannot drift from `--help`; the sections that
//! `--help` does not have are written here, in both languages side by side.

use clap::{Arg, Command};
use roff::{Roff, bold, italic, roman};

use crate::help;
use crate::lang::Lang;

/// The names of the pages: "" for the main page, then each command's name.
#[must_use]
pub fn pages(cmd: &Command) -> Vec<String> {
    std::iter::once(String::new())
        .chain(commands(cmd).map(|c| c.get_name().to_string()))
        .collect()
}

/// The page for `name` ("" or "chunjiang" for the main page); `None` for a name that is
/// not a command.
#[must_use]
pub fn render(cmd: &Command, name: &str, lang: Lang) -> Option<String> {
    let version = cmd.get_version().unwrap_or_default();
    if name.is_empty() || name == cmd.get_name() {
        return Some(main_page(cmd, version, lang));
    }
    let sub = commands(cmd).find(|c| c.get_name() == name)?;
    Some(command_page(sub, version, lang))
}

/// The commands a page is written for: all but `help` and hidden ones.
fn commands(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|c| c.get_name() != "help" && !c.is_hide_set())
}

fn w(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn head(r: &mut Roff, title: &str, version: &str, lang: Lang) {
    let manual = w(lang, "chunjiang 手册", "chunjiang manual");
    let source = format!("chunjiang {version}");
    // No date: the page is the same whenever it is built. `""` keeps the place.
    r.control("TH", [title, "1", "\"\"", source.as_str(), manual]);
    // Left-aligned, unhyphenated: justifying stretches the spaces around Chinese text.
    r.control("ad", ["l"]);
    r.control("nh", []);
}

fn section(r: &mut Roff, title: &str) {
    r.control("SH", [title]);
}

/// Text with blank lines as paragraph breaks and single newlines as line breaks.
fn paragraphs(r: &mut Roff, text: &str) {
    paragraphs_with(r, text, "PP");
}

/// As [`paragraphs`], with `break_macro` between paragraphs (`sp` keeps a `.TP` indent).
fn paragraphs_with(r: &mut Roff, text: &str, break_macro: &str) {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            r.control(break_macro, []);
        }
        let lines: Vec<&str> = para.lines().collect();
        for (j, line) in lines.iter().enumerate() {
            r.text([roman(line.trim_end())]);
            if j + 1 < lines.len() {
                r.control("br", []);
            }
        }
    }
}

/// A `.TP` entry: the term in bold (and its value in italics), the text under it.
fn entry(r: &mut Roff, term: &str, value: Option<&str>, text: &str) {
    r.control("TP", []);
    match value {
        Some(v) => r.text([bold(term), roman(" "), italic(v)]),
        None => r.text([bold(term)]),
    };
    paragraphs_with(r, text, "sp");
}

fn arg_entry(r: &mut Roff, a: &Arg) {
    if a.is_hide_set() {
        return;
    }
    let names: Vec<String> = a
        .get_value_names()
        .filter(|_| a.get_action().takes_values())
        .map(|n| n.iter().map(|v| format!("<{v}>")).collect())
        .unwrap_or_default();
    let value = (!names.is_empty()).then(|| names.join(" "));
    let term = if a.is_positional() {
        value.clone().unwrap_or_else(|| a.get_id().to_string())
    } else {
        let mut t = Vec::new();
        if let Some(s) = a.get_short() {
            t.push(format!("-{s}"));
        }
        if let Some(l) = a.get_long() {
            t.push(format!("--{l}"));
        }
        t.join(", ")
    };
    let text = a
        .get_long_help()
        .or_else(|| a.get_help())
        .map(ToString::to_string)
        .unwrap_or_default();
    let value = if a.is_positional() { None } else { value };
    entry(r, &term, value.as_deref(), &text);
}

fn usage(cmd: &Command) -> String {
    let mut c = cmd.clone();
    let u = c.render_usage().to_string();
    u.trim().trim_start_matches("Usage:").trim().to_string()
}

fn synopsis(r: &mut Roff, cmd: &Command, lang: Lang) {
    section(r, w(lang, "概要", "SYNOPSIS"));
    r.text([roman(usage(cmd))]);
}

fn about(cmd: &Command) -> String {
    cmd.get_long_about()
        .or_else(|| cmd.get_about())
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn examples(r: &mut Roff, name: &str, lang: Lang) {
    if let Some(e) = help::example(name, lang) {
        section(r, w(lang, "示例", "EXAMPLES"));
        r.control("nf", []);
        for line in e.lines() {
            r.text([roman(line.trim_start())]);
        }
        r.control("fi", []);
    }
}

fn main_page(cmd: &Command, version: &str, lang: Lang) -> String {
    let mut r = Roff::new();
    head(&mut r, "CHUNJIANG", version, lang);
    section(&mut r, w(lang, "名称", "NAME"));
    let short = cmd.get_about().map(ToString::to_string).unwrap_or_default();
    r.text([roman(format!("chunjiang - {short}"))]);
    synopsis(&mut r, cmd, lang);
    section(&mut r, w(lang, "描述", "DESCRIPTION"));
    paragraphs(&mut r, &about(cmd));

    section(&mut r, w(lang, "全局选项", "GLOBAL OPTIONS"));
    paragraphs(
        &mut r,
        w(
            lang,
            "每个命令都接受这些选项，写在命令名之前或之后都可以。",
            "Every command takes these, before or after its name.",
        ),
    );
    for a in cmd.get_arguments() {
        arg_entry(&mut r, a);
    }

    section(&mut r, w(lang, "命令", "COMMANDS"));
    for sub in commands(cmd) {
        let text = format!(
            "{}\n{} chunjiang-{}(1)",
            sub.get_about().map(ToString::to_string).unwrap_or_default(),
            w(lang, "详见", "See"),
            sub.get_name()
        );
        entry(&mut r, sub.get_name(), None, &text);
    }

    section(&mut r, w(lang, "计划文件", "THE PLAN FILE"));
    for (term, zh, en) in PLAN {
        entry(&mut r, term, None, w(lang, zh, en));
    }
    r.control("SS", [w(lang, "日期写法", "Date expressions")]);
    paragraphs(&mut r, w(lang, DATES.0, DATES.1));
    r.control("SS", [w(lang, "相对截止日", "Relative dues")]);
    paragraphs(&mut r, w(lang, RELATIVE.0, RELATIVE.1));
    r.control("SS", [w(lang, "工作日", "Working days")]);
    paragraphs(&mut r, w(lang, WORKDAYS.0, WORKDAYS.1));

    section(&mut r, w(lang, "文件", "FILES"));
    for (term, zh, en) in FILES {
        entry(&mut r, term, None, w(lang, zh, en));
    }
    section(&mut r, w(lang, "环境变量", "ENVIRONMENT"));
    for (term, zh, en) in ENVIRONMENT {
        entry(&mut r, term, None, w(lang, zh, en));
    }
    exit_status(&mut r, lang);
    examples(&mut r, "", lang);

    section(&mut r, w(lang, "参见", "SEE ALSO"));
    let refs: Vec<String> = commands(cmd)
        .map(|c| format!("chunjiang-{}(1)", c.get_name()))
        .collect();
    paragraphs(
        &mut r,
        &format!(
            "{}\n{}",
            refs.join(", "),
            w(
                lang,
                "计划和台账格式的完整说明：源码仓库中的 docs/plan-format.md。",
                "The plan and ledger formats in full: docs/plan-format.md in the source repository.",
            )
        ),
    );
    r.render()
}

fn exit_status(r: &mut Roff, lang: Lang) {
    section(r, w(lang, "退出状态", "EXIT STATUS"));
    for (term, zh, en) in EXIT {
        entry(r, term, None, w(lang, zh, en));
    }
}

fn command_page(sub: &Command, version: &str, lang: Lang) -> String {
    let name = sub.get_name();
    let mut r = Roff::new();
    head(
        &mut r,
        &format!("CHUNJIANG-{}", name.to_uppercase()),
        version,
        lang,
    );
    section(&mut r, w(lang, "名称", "NAME"));
    let short = sub.get_about().map(ToString::to_string).unwrap_or_default();
    r.text([roman(format!("chunjiang-{name} - {short}"))]);
    synopsis(&mut r, sub, lang);
    section(&mut r, w(lang, "描述", "DESCRIPTION"));
    paragraphs(&mut r, &about(sub));
    let own = |positional: bool| {
        sub.get_arguments()
            .filter(move |a| {
                a.is_positional() == positional
                    && !a.is_global_set()
                    && !matches!(a.get_id().as_str(), "help" | "version")
                    && !a.is_hide_set()
            })
            .collect::<Vec<_>>()
    };
    let positionals = own(true);
    if !positionals.is_empty() {
        section(&mut r, w(lang, "参数", "ARGUMENTS"));
        for a in positionals {
            arg_entry(&mut r, a);
        }
    }
    let options = own(false);
    if !options.is_empty() {
        section(&mut r, w(lang, "选项", "OPTIONS"));
        for a in options {
            arg_entry(&mut r, a);
        }
    }
    section(&mut r, w(lang, "全局选项", "GLOBAL OPTIONS"));
    let globals: Vec<String> = sub
        .get_arguments()
        .filter(|a| a.is_global_set() && !a.is_hide_set())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let (sep, see) = match lang {
        Lang::Zh => ("、", "：见 chunjiang(1)。"),
        Lang::En => (", ", ": see chunjiang(1)."),
    };
    paragraphs(&mut r, &format!("{}{see}", globals.join(sep)));
    exit_status(&mut r, lang);
    examples(&mut r, name, lang);
    section(&mut r, w(lang, "参见", "SEE ALSO"));
    r.text([roman("chunjiang(1)")]);
    r.render()
}

/// The keys of a plan: (key, zh, en).
const PLAN: &[(&str, &str, &str)] = &[
    (
        "title",
        "计划的名称（必填）。",
        "The plan's name (required).",
    ),
    (
        "org, year, timezone, soon_days, week_start, ledger, lang, term_start, calendar",
        "可选设置，依次是：\n单位；\n没写年份的日期所用的年份（默认今天的年份）；\n固定时区（\"+08:00\"）；\n“即将到期”往后看的天数（默认 7）；\n一周从 \"monday\"（默认）或 \"sunday\" 开始；\n台账路径；\n语言 \"zh\" 或 \"en\"；\n第1教学周的星期一（供 第3周 使用）；\n工作日日历 \"cn\"（默认）或 \"none\"。",
        "Optional settings: the organisation; the year of dates written without one (default: today's); a fixed UTC offset (\"+08:00\"); how many days ahead count as due soon (7); weeks starting \"monday\" (default) or \"sunday\"; the ledger's path; the language, \"zh\" or \"en\"; the Monday of teaching week 1 (for 第3周); the working-day calendar, \"cn\" (default) or \"none\".",
    ),
    (
        "[people]",
        "可选的人员名单：\"徐燕娟\" = { role = \"支部书记\" }。\n有名单时，每个责任人都必须在名单里。",
        "An optional roster: \"徐燕娟\" = { role = \"支部书记\" }. When present, every owner must be in it.",
    ),
    (
        "[[step]]",
        "一个工作步骤：id（默认按顺序编号）、title、detail、when（或 start 和 due）、owners（或 owner）、after（先要完成的步骤）。",
        "A step: id (default: its position), title, detail, when (or start and due), owners (or owner), after (steps to be done first).",
    ),
    (
        "[[step.task]]",
        "步骤下的任务：id（默认 <步骤>.<序号>）、title、detail、due（默认同步骤）、owners（默认同步骤）。",
        "A task of the step: id (default <step>.<n>), title, detail, due (default: the step's), owners (default: the step's).",
    ),
];

const DATES: (&str, &str) = (
    "一天：2014-06-16、6月16日、6月16、7.1\n一个月：6月、2014-06\n旬：7月上旬、7月中旬、6月下旬\n月初、月底：6月初、6月底、6月末\n前夕（前一天）：7.1前夕\n期限（没有开始日）：6月20日前、7月中旬前\n区间：6月6日至6月14日、6月6日至14日、7月上旬至中旬、\n12月20日至1月10日（跨年），也可用 到、—、~、..\n\n写法中的空白一律忽略。\n认不出的写法和不存在的日期（2月30日）是错误，不会被猜测。\n命令行上的日期（--today、--on）用同样的写法，但必须是某一天。",
    "A day: 2014-06-16, 6月16日, 6月16, 7.1. A month: 6月, 2014-06. A dekad: 7月上旬, 7月中旬, 6月下旬. Month start and end: 6月初, 6月底, 6月末. An eve (the day before): 7.1前夕. A deadline (no start): 6月20日前, 7月中旬前. A range: 6月6日至6月14日, 6月6日至14日, 7月上旬至中旬, 12月20日至1月10日 (into the next year), also with 到, —, ~ or ...\n\nWhite space inside is ignored; an expression not understood, or a day that does not exist (2月30日), is an error, never a guess. Dates on the command line (--today, --on) take the same forms but must name one day.",
);

const RELATIVE: (&str, &str) = (
    "due = { after = \"5\", days = 10 } 表示步骤5完成后10天内；\nworkdays = 10 则数工作日。\n步骤5完成之前，用它计划的截止日推算，推算出的日期是暂定的。",
    "due = { after = \"5\", days = 10 } is ten days after step 5 is done; workdays = 10 counts working days. Until step 5 is done its planned due stands in and the date is tentative.",
);

const WORKDAYS: (&str, &str) = (
    "工作日是星期一到星期五，减去中国大陆的法定节假日，加上调休上班的周末\n（2004–2026 年的日历内置在程序里）。\ncalendar = \"none\" 只除去周末。\n[calendar] 表可以加上本单位的 holidays = [...] 和 workdays = [...]。",
    "A working day is Monday to Friday, minus mainland China's official days off, plus the weekend days worked in exchange (the calendar for 2004-2026 is built in). calendar = \"none\" counts weekends only. A [calendar] table adds local holidays = [...] and workdays = [...].",
);

const FILES: &[(&str, &str, &str)] = &[
    (
        "plan.toml",
        "计划文件，默认在当前目录（--plan、CHUNJIANG_PLAN 可以指定别的）。",
        "The plan, by default in the current directory (--plan or CHUNJIANG_PLAN name another).",
    ),
    (
        "<plan>.ledger.jsonl",
        "台账：计划旁边、一行一条记录的 JSON Lines 文件，只追加、从不改写（计划里的 ledger、--ledger、CHUNJIANG_LEDGER 可以指定别的）。没有这个文件就是什么都还没完成。",
        "The ledger: a JSON Lines file beside the plan, one event a line, appended and never rewritten (ledger in the plan, --ledger or CHUNJIANG_LEDGER name another). No file means nothing is done yet.",
    ),
    (
        "<ledger>.torn-<timestamp>",
        "写入中途断电或磁盘满时留下的残缺最后一行，下一次写入先原样存到这里，再截掉。",
        "A torn last line (a crash or a full disk mid-write), saved here byte for byte by the next writer before it is cut off.",
    ),
    (
        ".gitattributes",
        "chunjiang init 写入 *.ledger.jsonl merge=union，让 git 合并台账时保留双方的记录。",
        "chunjiang init adds *.ledger.jsonl merge=union, so that git keeps both sides' records when merging the ledger.",
    ),
];

const ENVIRONMENT: &[(&str, &str, &str)] = &[
    (
        "CHUNJIANG_PLAN",
        "计划文件，等于 --plan。",
        "The plan file, as --plan.",
    ),
    (
        "CHUNJIANG_LEDGER",
        "台账文件，等于 --ledger。",
        "The ledger file, as --ledger.",
    ),
    (
        "CHUNJIANG_TODAY",
        "当作今天的日期，等于 --today。",
        "The day taken as today, as --today.",
    ),
    (
        "CHUNJIANG_BY",
        "done、reopen、note 没有 --by 时的记录人。",
        "Who records, for done, reopen and note without --by.",
    ),
    (
        "CHUNJIANG_LANG",
        "zh 或 en，等于 --lang。",
        "zh or en, as --lang.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "计划既没写 lang、也不是中文时，以 zh 开头就用中文。帮助和手册页在读计划之前打印，只看 --lang、CHUNJIANG_LANG 和这些变量。",
        "Chinese when it starts with zh, for a plan that neither sets lang nor is written in Chinese. Help and these pages are printed before a plan is read: they follow --lang, CHUNJIANG_LANG and these only.",
    ),
    (
        "CHUNJIANG_COMPLETE",
        "由 chunjiang completions 输出的脚本在按 Tab 时设置：chunjiang 只回答补全（命令、选项、编号、责任人），不做别的。",
        "Set by the script chunjiang completions prints, at a Tab: chunjiang then only answers the completion (commands, flags, ids, owners).",
    ),
    ("NO_COLOR", "不用颜色。", "No colour."),
    (
        "COLUMNS",
        "表格宽度，优先于终端的宽度。",
        "The table width; it overrides the terminal's.",
    ),
];

const EXIT: &[(&str, &str, &str)] = &[
    (
        "0",
        "成功（标准输出是已关闭的管道时也算成功）。",
        "Success (also when stdout is a closed pipe).",
    ),
    (
        "1",
        "出错（标准错误上有说明和改正办法），或 check 发现了问题。出错时台账里什么也不写。",
        "An error (explained on stderr, with a way out), or check found problems. Nothing is written to the ledger when a command fails.",
    ),
    (
        "2",
        "命令行用法错误。",
        "A usage error on the command line.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_page_has_its_sections_in_both_languages() {
        for (lang, sections) in [
            (
                Lang::En,
                [
                    "NAME",
                    "SYNOPSIS",
                    "\"GLOBAL OPTIONS\"",
                    "COMMANDS",
                    "\"THE PLAN FILE\"",
                    "FILES",
                    "ENVIRONMENT",
                    "\"EXIT STATUS\"",
                    "EXAMPLES",
                ],
            ),
            (
                Lang::Zh,
                [
                    "名称",
                    "概要",
                    "全局选项",
                    "命令",
                    "计划文件",
                    "文件",
                    "环境变量",
                    "退出状态",
                    "示例",
                ],
            ),
        ] {
            let page = render(&help::command(lang), "", lang).unwrap();
            for s in sections {
                assert!(
                    page.contains(&format!("\n.SH {s}\n")),
                    "{lang:?}: {s}\n{page}"
                );
            }
            assert!(page.contains("chunjiang\\-status(1)"), "{page}");
        }
    }

    #[test]
    fn every_command_has_a_page_and_an_unknown_name_none() {
        let cmd = help::command(Lang::Zh);
        for name in pages(&cmd) {
            let page = render(&cmd, &name, Lang::Zh).unwrap();
            assert!(page.contains(".SH 概要\n"), "{name}");
        }
        assert!(render(&cmd, "nope", Lang::Zh).is_none());
    }
}
