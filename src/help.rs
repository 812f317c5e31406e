//! What `--help` says, in Chinese or English, and the one place clap's own words are put
//! into Chinese.
//!
//! `cli.rs` (the derive) stays the single definition of the arguments and their English
//! text. [`command`] builds that definition and then dresses it for a language: every
//! command gets an example, global options go under their own heading so a command's
//! options are not lost among them, and in Chinese every description, value name and
//! heading is replaced from the catalogue below. An argument missing from the catalogue
//! keeps its English text (a test lists every one that is missing).
//!
//! Help is printed before any plan is read, so its language comes from `--lang`,
//! `CHUNJIANG_LANG` and the locale only (`lang::from_env_and_args`).

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use clap::builder::{PossibleValue, Str};
use clap::{Arg, Command, CommandFactory as _};

use crate::cli::Cli;
use crate::lang::Lang;

/// The command line, built and dressed for `lang`: the one to parse with, and the one the
/// man page is made from.
#[must_use]
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    // Built first, so that the help flags, the `help` command and the copies of the
    // global options exist in every command and can be dressed too.
    cmd.build();
    cmd = dress(cmd, "", lang);
    if lang == Lang::Zh {
        zh_usage(&mut cmd);
    }
    cmd
}

/// The example shown at the end of a command's help (and in its man page).
#[must_use]
pub fn example(name: &str, lang: Lang) -> Option<&'static str> {
    EXAMPLES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
}

/// One command (and, recursively, its subcommands), dressed for `lang`. `name` is the
/// subcommand's name; "" for the top level.
fn dress(mut cmd: Command, name: &str, lang: Lang) -> Command {
    let top = name.is_empty();
    if lang == Lang::Zh {
        if let Some((_, about, long)) = ZH_ABOUT.iter().find(|(n, _, _)| *n == name) {
            cmd = cmd.about(*about).long_about(*long);
        }
        cmd = cmd.help_template(zh::TEMPLATE);
        // The top level and `help` (which lists the commands again).
        if cmd.has_subcommands() {
            cmd = cmd
                .subcommand_help_heading(zh::COMMANDS)
                .subcommand_value_name(zh::COMMAND);
        }
        if top {
            cmd = cmd.after_help(zh::AFTER_HELP);
        }
    }
    if let Some(e) = example(name, lang) {
        let heading = match lang {
            Lang::Zh => zh::EXAMPLES,
            Lang::En => "Examples:",
        };
        let before = cmd
            .get_after_help()
            .map(|a| format!("{a}\n\n"))
            .unwrap_or_default();
        cmd = cmd.after_help(format!("{before}{heading}\n{e}"));
    }
    cmd = cmd.mut_args(|a| dress_arg(a, name, lang));
    cmd.mut_subcommands(|sub| {
        // The copies of the commands under `help` are dressed as the commands themselves.
        let sub_name = sub.get_name().to_string();
        dress(sub, &sub_name, lang)
    })
}

fn dress_arg(mut a: Arg, cmd: &str, lang: Lang) -> Arg {
    let id = a.get_id().as_str().to_string();
    let builtin = matches!(id.as_str(), "help" | "version");
    let global = a.is_global_set() || builtin;
    // Within a subcommand, options that every command takes go under their own heading
    // (`--help` included) so that the command's own options stand out.
    let heading = match (lang, cmd.is_empty(), global, a.is_positional()) {
        (Lang::En, false, true, _) => Some("Global options"),
        (Lang::En, _, _, _) => None,
        (Lang::Zh, false, true, _) => Some(zh::GLOBAL_OPTIONS),
        (Lang::Zh, _, _, true) => Some(zh::ARGUMENTS),
        (Lang::Zh, _, _, false) => Some(zh::OPTIONS),
    };
    a = a.help_heading(heading);
    if let Some((_, _, en)) = EN_ARGS.iter().find(|(c, i, _)| *c == cmd && *i == id) {
        a = a.help(*en).long_help(None::<&str>);
    }
    if lang == Lang::En {
        return a;
    }
    if let Some(names) = a.get_value_names() {
        let names: Vec<Str> = names
            .iter()
            .map(|n| {
                zh::VALUE_NAMES_OF
                    .iter()
                    .find(|(c, i, _)| *c == cmd && *i == id)
                    .map(|(_, _, z)| z)
                    .or_else(|| {
                        zh::VALUE_NAMES
                            .iter()
                            .find(|(en, _)| *en == n.as_str())
                            .map(|(_, z)| z)
                    })
                    .map_or_else(|| n.clone(), |z| Str::from(*z))
            })
            .collect();
        a = a.value_names(names);
    }
    let text = if builtin {
        Some(match id.as_str() {
            "help" => zh::HELP_FLAG,
            _ => zh::VERSION_FLAG,
        })
    } else {
        zh_arg(cmd, &id)
    };
    let Some(text) = text else {
        return a;
    };
    // The default, written by us: clap would say "default" and may break the line inside
    // its brackets, where no word list can find it.
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let default =
        if defaults.is_empty() || a.is_hide_default_value_set() || !a.get_action().takes_values() {
            String::new()
        } else {
            a = a.hide_default_value(true);
            format!(" [默认：{}]", defaults.join("、"))
        };
    let values: Vec<PossibleValue> = a.get_possible_values();
    if values.is_empty() || a.is_hide_possible_values_set() {
        return a.help(format!("{text}{default}")).long_help(None::<&str>);
    }
    // The values, with what each means, written by us: clap would say "possible values".
    let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
    let summary = format!("{text} [可选值：{}]{default}", names.join("、"));
    let mut detailed = format!("{text}\n\n可选值：");
    for v in &values {
        let help = zh::VALUES
            .iter()
            .find(|(n, _)| *n == v.get_name())
            .map(|(_, h)| (*h).to_string())
            .or_else(|| v.get_help().map(ToString::to_string));
        let _ = match help {
            Some(h) => write!(detailed, "\n- {}：{h}", v.get_name()),
            None => write!(detailed, "\n- {}", v.get_name()),
        };
    }
    if !default.is_empty() {
        let _ = write!(detailed, "\n\n{}", default.trim_start());
    }
    a.hide_possible_values(true)
        .help(summary)
        .long_help(detailed)
}

/// The Chinese description of an argument: the command's own, else a global option's.
fn zh_arg(cmd: &str, id: &str) -> Option<&'static str> {
    ZH_ARGS
        .iter()
        .find(|(c, i, _)| *c == cmd && *i == id)
        .or_else(|| ZH_ARGS.iter().find(|(c, i, _)| c.is_empty() && *i == id))
        .map(|(_, _, t)| *t)
}

/// clap writes `[OPTIONS]` into every usage line itself; in Chinese each command's usage
/// is rendered once and given back with 选项.
fn zh_usage(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", zh::OPTIONS_TAG);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        zh_usage(sub);
    }
}

/// Prints what clap returned instead of arguments — help, the version, or a usage error —
/// and gives the exit code (0, or 2 for a usage error). In Chinese, clap's own words in it
/// (`error:`, `Usage:`, `[default: …]`) are put into Chinese first; the wording of a
/// usage error itself stays clap's.
#[must_use]
pub fn exit(e: &clap::Error, lang: Lang) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if lang == Lang::En {
        let _ = e.print();
        return code;
    }
    let styled = e.render();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let to_terminal = if e.use_stderr() {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let text = if to_terminal && !no_color {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let text = zh_clap_words(&text);
    let _ = if e.use_stderr() {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
    code
}

/// clap's fixed English words in rendered help and usage errors, in Chinese.
#[must_use]
pub fn zh_clap_words(text: &str) -> String {
    let mut out = text.to_string();
    for (en, zh) in zh::CLAP_WORDS {
        out = out.replace(en, zh);
    }
    // Headings are written `{heading}:`; Chinese takes the full-width colon.
    for h in [zh::COMMANDS, zh::ARGUMENTS, zh::OPTIONS, zh::GLOBAL_OPTIONS] {
        out = out.replace(&format!("{h}:"), &format!("{h}："));
    }
    out
}

/// Examples at the end of each command's help: (command, zh, en). "" is the top level.
const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "",
        "  chunjiang status                    今天什么逾期、什么快到期\n  chunjiang done 3                    记下第3步已完成\n  chunjiang week --last               上周的周报\n  chunjiang man status                status 命令的手册页",
        "  chunjiang status                     what is late and what is due soon today\n  chunjiang done 3                     record step 3 done\n  chunjiang week --last                last week's summary\n  chunjiang man status                 the manual page of `status`",
    ),
    (
        "status",
        "  chunjiang status                    逾期、今日到期和即将到期的事项\n  chunjiang status --owner 唐健       只看唐健负责的\n  chunjiang --today 2014-06-20 status 当作今天是2014年6月20日",
        "  chunjiang status                     overdue, due today and due soon\n  chunjiang status --owner 唐健        only what 唐健 owns\n  chunjiang --today 2014-06-20 status  as if today were 2014-06-20",
    ),
    (
        "done",
        "  chunjiang done 3                        第3步今天完成\n  chunjiang done 5.1 6.1 --on 6月19日     两项任务，补记为6月19日完成\n  chunjiang done 1 --by 徐燕娟 --note \"已报局活动办\"",
        "  chunjiang done 3                         step 3 done today\n  chunjiang done 5.1 6.1 --on 2014-06-19   two tasks, back-dated to June 19\n  chunjiang done 1 --by 徐燕娟 --note \"sent to the office\"",
    ),
    (
        "reopen",
        "  chunjiang reopen 3 --note \"材料退回重写\"   第3步改回未完成，并写明原因",
        "  chunjiang reopen 3 --note \"sent back for rewriting\"   step 3 is not done after all",
    ),
    (
        "note",
        "  chunjiang note 6 \"已与三位党员谈心\"\n  chunjiang note 4.1 \"材料已交联系点领导\" --by 唐健",
        "  chunjiang note 6 \"talked with three members\"\n  chunjiang note 4.1 \"handed in\" --by 唐健",
    ),
    (
        "list",
        "  chunjiang list                      全部步骤和任务\n  chunjiang list --state overdue      只看逾期的\n  chunjiang list --owner 韩海英       只看韩海英负责的",
        "  chunjiang list                       every step and task\n  chunjiang list --state overdue       only what is overdue\n  chunjiang list --owner 韩海英        only what 韩海英 owns",
    ),
    (
        "show",
        "  chunjiang show 7                    第7步：内容、任务、日期怎么算的、记录",
        "  chunjiang show 7                     step 7: detail, tasks, how its dates were read, history",
    ),
    (
        "log",
        "  chunjiang log                       整个台账\n  chunjiang log 5                     第5步及其任务的记录",
        "  chunjiang log                        the whole ledger\n  chunjiang log 5                      step 5 and its tasks",
    ),
    (
        "week",
        "  chunjiang week                      本周的周报\n  chunjiang week --last               上周的周报\n  chunjiang week 2014-W26             2014年第26周",
        "  chunjiang week                       this week's summary\n  chunjiang week --last                last week's\n  chunjiang week 2014-W26              ISO week 26 of 2014",
    ),
    (
        "report",
        "  chunjiang report                    按周和按责任人的汇总\n  chunjiang report --by owner         只看按责任人的",
        "  chunjiang report                     by week and by owner\n  chunjiang report --by owner          by owner only",
    ),
    (
        "check",
        "  chunjiang check                     检查计划和台账，有问题时退出码为1",
        "  chunjiang check                      validate plan and ledger; exit 1 on problems",
    ),
    (
        "gantt",
        "  chunjiang gantt                     整个计划的时间线\n  chunjiang gantt --from 6月 --to 7月 --owner 唐健",
        "  chunjiang gantt                      the whole plan as a timeline\n  chunjiang gantt --from 2014-06-01 --to 2014-07-31 --owner 唐健",
    ),
    (
        "remind",
        "  chunjiang remind                    给每位责任人的提醒，可直接粘贴到群里\n  chunjiang remind --owner 唐健 --days 3",
        "  chunjiang remind                     a message per owner, ready to paste into a chat\n  chunjiang remind --owner 唐健 --days 3",
    ),
    (
        "export",
        "  chunjiang export -f md -o 周报.md   向上级报送的 Markdown 报告\n  chunjiang export -f csv -o 台账.csv 电子表格（WPS、Excel 可直接打开）\n  chunjiang export -f ics -o 计划.ics 导入日历",
        "  chunjiang export -f md -o report.md  the Markdown report to send upward\n  chunjiang export -f csv -o plan.csv  a spreadsheet (WPS, Excel)\n  chunjiang export -f ics -o plan.ics  for a calendar app",
    ),
    (
        "init",
        "  chunjiang init                      写一份示例计划 plan.toml\n  chunjiang init --blank              写一份空白计划，每个键都有说明",
        "  chunjiang init                       write an example plan.toml\n  chunjiang init --blank               a blank plan with every key explained",
    ),
    (
        "import",
        "  chunjiang import 工作安排.docx               读出日程表，写成 plan.toml 草稿\n  chunjiang import 安排表.xlsx --table 2 -o 计划.toml",
        "  chunjiang import schedule.docx               the schedule table, as a plan.toml draft\n  chunjiang import table.xlsx --table 2 -o plan2.toml",
    ),
    (
        "completions",
        "  chunjiang completions bash > /etc/bash_completion.d/chunjiang",
        "  chunjiang completions bash > /etc/bash_completion.d/chunjiang",
    ),
    (
        "man",
        "  chunjiang man | man -l -            阅读主手册页\n  chunjiang man status > chunjiang-status.1",
        "  chunjiang man | man -l -             read the main page\n  chunjiang man status > chunjiang-status.1",
    ),
    (
        "help",
        "  chunjiang help done                 done 命令的帮助",
        "  chunjiang help done                  the help of `done`",
    ),
];

/// English descriptions that differ from the shared definition in cli.rs: `reopen` takes
/// the same arguments as `done`, for another purpose.
const EN_ARGS: &[(&str, &str, &str)] = &[
    (
        "reopen",
        "ids",
        "Step or task ids to reopen (3, 5.1), or a piece of one item's title",
    ),
    (
        "reopen",
        "on",
        "The day it stopped counting as done [default: today]",
    ),
    (
        "reopen",
        "by",
        "Who reopens it [env: CHUNJIANG_BY] [default: git user.name, else the login name]",
    ),
    ("reopen", "note", "Why it is reopened"),
];

/// (command, zh about, zh long about); "" is the top level.
const ZH_ABOUT: &[(&str, &str, Option<&str>)] = &[
    (
        "",
        "跟踪一份计划的步骤、责任人和截止日期；完成情况记入只追加的台账",
        Some(
            "跟踪一份计划的步骤、责任人和截止日期。\n\n计划是照日程表写一次的 TOML 文件（plan.toml）；完成情况记入它旁边\n只追加的 JSON Lines 台账（plan.ledger.jsonl），这就是正式的记录。",
        ),
    ),
    (
        "status",
        "什么逾期、什么今天到期、什么快到期，各由谁负责",
        None,
    ),
    ("done", "把步骤或任务记为已完成", None),
    ("reopen", "撤销“已完成”", None),
    ("note", "给事项添一条记录（谈话记录、佐证材料）", None),
    ("list", "列出每个步骤和任务及其状态", None),
    (
        "show",
        "一个步骤：内容、任务、责任人、日期及其读法、记录",
        None,
    ),
    ("log", "台账，按时间先后", None),
    ("week", "某一周的周报汇总表", None),
    ("report", "整个计划按周一行、按责任人一行的汇总", None),
    ("check", "检查计划和台账；有问题时退出码为1", None),
    ("gantt", "在终端里以时间线显示计划", None),
    (
        "remind",
        "给每位责任人的逾期和到期提醒，可直接粘贴到群里",
        None,
    ),
    (
        "export",
        "导出为日历、电子表格、报告、JSON 或时间线图",
        None,
    ),
    (
        "init",
        "在当前目录写一份示例计划 plan.toml，并让 git 按行合并台账",
        None,
    ),
    ("completions", "输出 shell 自动补全脚本", None),
    (
        "import",
        "把文件（.docx、.xlsx/.xls/.ods、.html、.csv/.tsv、.md、.txt）里的日程表读成计划草稿",
        None,
    ),
    (
        "man",
        "输出手册页（roff 格式）：主页面，或某个命令的页面",
        None,
    ),
    ("help", "显示本帮助或指定命令的帮助", None),
];

/// (command, argument id, zh description); "" holds the global options.
const ZH_ARGS: &[(&str, &str, &str)] = &[
    ("", "plan", "计划文件 [环境变量：CHUNJIANG_PLAN]"),
    (
        "",
        "ledger",
        "台账文件 [环境变量：CHUNJIANG_LEDGER] [默认：计划里的 `ledger`，否则计划旁边的 <计划文件名>.ledger.jsonl]",
    ),
    (
        "",
        "today",
        "当作今天是这一天（任意单日写法） [环境变量：CHUNJIANG_TODAY]",
    ),
    ("", "json", "输出给脚本用的 JSON，而不是表格"),
    ("", "color", "表格何时用颜色"),
    (
        "",
        "style",
        "表格边框和标点：终端把 “” … 显示成两格宽时用 ascii",
    ),
    (
        "",
        "lang",
        "显示语言 [环境变量：CHUNJIANG_LANG] [默认：计划里的 `lang`，否则看计划是否中文，否则看 LANG]",
    ),
    ("status", "owner", "只看此人负责的事项"),
    ("status", "all", "也列出不急的和已完成的事项"),
    (
        "done",
        "ids",
        "步骤或任务编号（3、5.1），或某个事项标题中的几个字（谈心）",
    ),
    ("done", "on", "完成的日期 [默认：今天]"),
    (
        "done",
        "by",
        "谁完成或谁记录 [环境变量：CHUNJIANG_BY] [默认：git 的 user.name，否则登录名]",
    ),
    (
        "done",
        "note",
        "随完成记录一起保存的备注（交了什么、交到哪里）",
    ),
    (
        "reopen",
        "ids",
        "要撤销完成的步骤或任务编号（3、5.1），或事项标题中的几个字",
    ),
    ("reopen", "on", "从哪天起不再算完成 [默认：今天]"),
    (
        "reopen",
        "by",
        "谁撤销 [环境变量：CHUNJIANG_BY] [默认：git 的 user.name，否则登录名]",
    ),
    ("reopen", "note", "为什么撤销"),
    (
        "note",
        "id",
        "步骤或任务编号（3、5.1），或事项标题中的几个字",
    ),
    ("note", "text", "记录的内容：谈了什么、交了什么"),
    (
        "note",
        "by",
        "谁记录 [环境变量：CHUNJIANG_BY] [默认：git 的 user.name，否则登录名]",
    ),
    ("list", "owner", "只看此人负责的事项"),
    ("list", "state", "只看这种状态的事项"),
    (
        "show",
        "id",
        "步骤编号（3）或任务编号（5.1），或事项标题中的几个字",
    ),
    (
        "log",
        "id",
        "只看这个步骤（含其任务）或这个任务（编号或标题中的几个字）",
    ),
    (
        "week",
        "date",
        "这一周里的任意一天，或 ISO 周如 2014-W26 [默认：今天]",
    ),
    ("week", "next", "下一周"),
    ("week", "last", "上一周"),
    ("report", "by", "只按周，或只按责任人 [默认：两者都有]"),
    ("gantt", "from", "从哪天开始显示 [默认：计划的第一天]"),
    ("gantt", "to", "显示到哪天 [默认：计划的最后一天]"),
    ("gantt", "owner", "只看此人的步骤和任务"),
    ("remind", "owner", "只要给此人的提醒"),
    (
        "remind",
        "days",
        "今后几天内到期算作要提醒 [默认：计划的 `soon_days`]",
    ),
    ("export", "format", "导出格式"),
    ("export", "owner", "只导出此人负责的事项"),
    ("export", "output", "写入这个文件（会覆盖），而不是标准输出"),
    (
        "init",
        "blank",
        "只写一个步骤、每个键都有说明的空白计划，而不是示例日程",
    ),
    ("completions", "shell", "哪种 shell"),
    (
        "export",
        "week",
        "报告所属的周（md、docx、html）：这一周里的任意一天，写法同 week 命令 [默认：本周]",
    ),
    ("import", "file", "要读的文件"),
    (
        "import",
        "output",
        "草稿写到哪里（`-` 为标准输出）；已存在时不覆盖，除非加 --force",
    ),
    (
        "import",
        "year",
        "没写年份的日期用哪一年 [默认：文件里写的年份，否则今年]",
    ),
    ("import", "table", "文件里有几张表时读第几张（1 是第一张）"),
    ("import", "force", "输出文件已存在时覆盖它（从不覆盖台账）"),
    (
        "man",
        "page",
        "只输出这个命令的手册页（如 status） [默认：主页面]",
    ),
    ("help", "subcommand", "要查看帮助的命令"),
];

/// The Chinese words clap and the catalogue share.
mod zh {
    pub const COMMANDS: &str = "命令";
    pub const COMMAND: &str = "命令";
    pub const ARGUMENTS: &str = "参数";
    pub const OPTIONS: &str = "选项";
    pub const GLOBAL_OPTIONS: &str = "全局选项";
    pub const OPTIONS_TAG: &str = "[选项]";
    pub const EXAMPLES: &str = "示例：";
    pub const HELP_FLAG: &str = "显示帮助";
    pub const VERSION_FLAG: &str = "显示版本";
    pub const AFTER_HELP: &str =
        "命令行上的日期与计划里的写法相同：2014-06-20、6月20日、6.20、7.1前夕。";

    /// clap's help layout with its one fixed heading in Chinese.
    pub const TEMPLATE: &str =
        "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

    pub const VALUE_NAMES: &[(&str, &str)] = &[
        ("FILE", "文件"),
        ("DATE", "日期"),
        ("NAME", "姓名"),
        ("TEXT", "文字"),
        ("ID", "编号"),
        ("N", "天数"),
        ("WHEN", "何时"),
        ("STYLE", "样式"),
        ("LANG", "语言"),
        ("STATE", "状态"),
        ("FORMAT", "格式"),
        ("BY", "方式"),
        ("OUT", "输出文件"),
        ("YEAR", "年份"),
        ("COMMAND", "命令"),
        ("PAGE", "命令"),
        ("SHELL", "shell"),
    ];

    /// Value names that mean something else in one command: (command, argument, name).
    pub const VALUE_NAMES_OF: &[(&str, &str, &str)] = &[("import", "table", "第几张")];

    /// What each value of an enumerated option means.
    pub const VALUES: &[(&str, &str)] = &[
        ("auto", "终端上用颜色，管道和 NO_COLOR 时不用"),
        ("always", "总是用颜色"),
        ("never", "从不用颜色"),
        ("unicode", "Unicode 边框"),
        ("ascii", "ASCII 边框和标点"),
        ("zh", "中文"),
        ("en", "英文"),
        ("overdue", "逾期"),
        ("due-today", "今日到期"),
        ("due-soon", "即将到期"),
        ("active", "进行中"),
        ("upcoming", "未开始"),
        ("done", "已完成"),
        ("open", "所有未完成的"),
        ("week", "按周"),
        ("owner", "按责任人"),
        (
            "ics",
            "iCalendar 日历文件（RFC 5545），含每个未完成事项，供日历软件导入",
        ),
        ("csv", "每个事项一行的电子表格（UTF-8 带 BOM）"),
        (
            "md",
            "向上级报送的 Markdown 报告：本周情况、逾期事项及原因、下周到期，附全部事项（可再导入）",
        ),
        ("json", "全部状态：计划、事项和台账记录"),
        ("svg", "时间线 SVG 图，用于报告或投影"),
        ("html", "独立的 HTML 网页：周报、状态表和时间线"),
        (
            "xlsx",
            "台账工作簿：每个事项、每条记录、每周合计（在终端上需要 -o）",
        ),
        ("docx", "某一周的周报，Word 文档（在终端上需要 -o）"),
    ];

    /// clap's fixed words in rendered help and in usage errors.
    /// Longer phrases first: each is replaced once, in this order.
    pub const CLAP_WORDS: &[(&str, &str)] = &[
        ("error: ", "错误："),
        ("error:", "错误："),
        ("Usage: ", "用法："),
        ("Usage:", "用法："),
        ("tip: ", "提示："),
        ("tip:", "提示："),
        ("unexpected argument '", "不认识的参数 '"),
        ("' found", "'"),
        ("unrecognized subcommand '", "不认识的命令 '"),
        ("a similar argument exists: '", "相近的参数：'"),
        ("a similar subcommand exists: '", "相近的命令：'"),
        ("a similar value exists: '", "相近的值：'"),
        ("some similar arguments exist: ", "相近的参数："),
        ("some similar subcommands exist: ", "相近的命令："),
        ("some similar values exist: ", "相近的值："),
        ("to pass '", "要把 '"),
        ("' as a value, use '", "' 作为值，请写 '"),
        ("invalid value '", "无效的值 '"),
        ("' for '", "'，参数 '"),
        ("a value is required for '", "参数 '"),
        ("' but none was supplied", "' 缺少值"),
        (
            "the following required arguments were not provided:",
            "缺少以下必需的参数：",
        ),
        (
            "requires a subcommand but one was not provided",
            "需要一个命令",
        ),
        ("[subcommands: ", "[可用命令："),
        ("the argument '", "参数 '"),
        ("' cannot be used multiple times", "' 不能重复使用"),
        ("' cannot be used with '", "' 不能与这个参数同时使用：'"),
        ("' cannot be used with", "' 不能与这个参数同时使用："),
        ("': invalid digit found in string", "'：不是数字"),
        ("invalid digit found in string", "不是数字"),
        ("unexpected value '", "多余的值 '"),
        ("For more information, try '", "更多信息请运行 '"),
        ("'--help'.", "'--help'。"),
        ("[default: ", "[默认："),
        ("[possible values: ", "[可选值："),
        ("Possible values:", "可选值："),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument has its Chinese text, every command an example in
    /// both languages: a new one without them fails here, naming what to add.
    #[test]
    fn every_command_and_argument_has_chinese_help_and_an_example() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        let mut check = |c: &Command, name: &str| {
            if !ZH_ABOUT.iter().any(|(n, _, _)| *n == name) {
                missing.push(format!("ZH_ABOUT: `{name}`"));
            }
            if example(name, Lang::Zh).is_none() {
                missing.push(format!("EXAMPLES: `{name}`"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if matches!(id, "help" | "version") || a.is_hide_set() {
                    continue;
                }
                let scope = if a.is_global_set() { "" } else { name };
                if zh_arg(scope, id).is_none() {
                    missing.push(format!("ZH_ARGS: `{name} {id}`"));
                }
                for v in a.get_possible_values() {
                    if v.get_help().is_some() && !zh::VALUES.iter().any(|(n, _)| *n == v.get_name())
                    {
                        missing.push(format!("zh::VALUES: `{}`", v.get_name()));
                    }
                }
            }
        };
        check(&cmd, "");
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            check(sub, sub.get_name());
        }
        assert!(
            missing.is_empty(),
            "add to src/help.rs:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_argument_has_a_description_in_english_too() {
        let mut cmd = command(Lang::En);
        let mut bare = Vec::new();
        for sub in cmd.get_subcommands_mut().filter(|s| !s.is_hide_set()) {
            for a in sub.get_arguments() {
                if a.get_help().is_none() {
                    bare.push(format!("{} {}", sub.get_name(), a.get_id()));
                }
            }
        }
        assert!(bare.is_empty(), "no description: {bare:?}");
    }

    #[test]
    fn clap_words_become_chinese_with_full_width_colons() {
        let text = "error: unexpected argument '--x' found\n\nUsage: chunjiang [选项]\n\n选项:\n  --a  [default: b]\n\nFor more information, try '--help'.\n";
        let zh = zh_clap_words(text);
        assert_eq!(
            zh,
            "错误：不认识的参数 '--x'\n\n用法：chunjiang [选项]\n\n选项：\n  --a  [默认：b]\n\n更多信息请运行 '--help'。\n"
        );
    }
}
