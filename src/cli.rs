//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// minsheng: turns Markdown articles and indicator files into a livelihood report website.
#[derive(Debug, Parser)]
#[command(name = "minsheng", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages: zh (中文) or en. Default: the MINSHENG_LANG
    /// environment variable, else the site's `language`, else zh.
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<crate::msg::Lang>,
}

fn parse_lang(s: &str) -> Result<crate::msg::Lang, String> {
    crate::msg::Lang::from_tag(s).ok_or_else(|| format!("`{s}`: use zh (中文) or en (English)"))
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder (default: public/).
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1, rebuild on every save and reload open pages.
    Serve(ServeArgs),
    /// Check the whole site without writing anything: errors, broken anchors and
    /// files, and a plain-language review.
    Check(CheckArgs),
    /// Create a new site with example content and the default theme.
    New {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// Not typed by anyone: started by `build` to remove the previous site it
    /// left beside the output (see `output::remove_leftover_later`).
    #[command(name = crate::output::REMOVE_LEFTOVER, hide = true)]
    RemoveLeftover {
        /// The leftover folder.
        path: PathBuf,
    },
}

/// Options of `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// `text` for people, `json` for tools.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// The date reviews are measured against (default: today), YYYY-MM-DD.
    #[arg(long, hide = true)]
    pub today: Option<String>,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for people.
    Text,
    /// One JSON document.
    Json,
}

/// Options of `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on. Anything but loopback exposes your drafts to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to try first (the next free one is used if it is taken).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true` and pages dated in the future.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `build`.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (relative paths are relative to --root).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The public address, used only for the sitemap, feed and canonical links.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include pages dated in the future (left out until their date otherwise).
    #[arg(long)]
    pub future: bool,
    /// Replace the output folder even when it is not empty and was not written by
    /// minsheng: everything in it is deleted. Source folders are never replaced.
    #[arg(long)]
    pub force: bool,
}

/// The Chinese words of `--help`, by subcommand (`""`: the program) and
/// argument (`""`: the command's own line). clap's own words around them
/// (`Usage`, `[OPTIONS]`, its error sentences) have no translation in clap and
/// stay English; the headings and the help and version flags are ours.
const ZH_HELP: &[(&str, &str, &str)] = &[
    ("", "", "minsheng（民生）：把 Markdown 文章和指标文件做成民生报告网站"),
    ("", "lang", "提示和报错用的语言：zh（中文）或 en（英文）。默认看环境变量 MINSHENG_LANG，再看 site.toml 里的 language，都没有就用中文"),
    ("build", "", "生成网站，写进一个文件夹（默认 public/）"),
    ("build", "root", "网站文件夹（放 site.toml 的那个）"),
    ("build", "output", "把网站写到哪里（相对路径从 --root 算起）"),
    ("build", "base_url", "网站正式发布的地址，只用于站点地图、订阅和规范链接"),
    ("build", "drafts", "把写了 draft: true 的草稿也生成出来"),
    ("build", "future", "把日期在今天以后的页面也生成出来（平时到了日期才发布）"),
    ("build", "force", "即使输出文件夹不是空的、也不是 minsheng 写的，也整个替换（里面的东西会被删掉）；源文件夹永远不会被替换"),
    ("serve", "", "生成网站并在本机预览：每次保存都重新生成，打开的页面自动刷新"),
    ("serve", "root", "网站文件夹（放 site.toml 的那个）"),
    ("serve", "bind", "在哪个地址上预览。除了本机（127.0.0.1）以外的地址会让网络上的人看到你的草稿"),
    ("serve", "port", "先试哪个端口（被占用就用下一个空闲的）"),
    ("serve", "open", "在浏览器里打开网站"),
    ("serve", "drafts", "把草稿（draft: true）和日期在以后的页面也显示出来"),
    ("check", "", "检查整个网站但不写出任何文件：错误、失效的链接和文件，以及一份平常话的审读"),
    ("check", "root", "网站文件夹（放 site.toml 的那个）"),
    ("check", "format", "text：给人看；json：给程序读"),
    ("check", "strict", "有提醒也算不通过（退出码 1）"),
    ("new", "", "新建一个网站，带示例内容和默认主题"),
    ("new", "dir", "要新建的文件夹（必须不存在，或者是空的）"),
];

/// The command line in `lang`: in Chinese, the help of every command and
/// argument, the headings and the help and version flags are Chinese.
pub fn command(lang: crate::msg::Lang) -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    if lang != crate::msg::Lang::Zh {
        return cmd;
    }
    let zh = |sub: &str, arg: &str| {
        ZH_HELP
            .iter()
            .find(|(s, a, _)| *s == sub && *a == arg)
            .map(|(_, _, text)| *text)
    };
    let translate = |cmd: clap::Command, sub: &str| {
        let mut cmd = cmd
            .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
            .disable_help_flag(true)
            .mut_args(|a| {
                let help = zh(sub, a.get_id().as_str()).map(str::to_owned);
                let heading = if a.is_positional() {
                    "参数"
                } else {
                    "选项"
                };
                let a = a.help_heading(heading);
                match help {
                    Some(h) => a.help(h),
                    None => a,
                }
            })
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(clap::ArgAction::Help)
                    .help("显示这段说明")
                    .help_heading("选项"),
            );
        if let Some(about) = zh(sub, "") {
            cmd = cmd.about(about).long_about(None::<&str>);
        }
        cmd
    };
    let mut cmd = translate(cmd, "")
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        );
    for sub in ["build", "serve", "check", "new"] {
        cmd = cmd.mut_subcommand(sub, |s| translate(s, sub));
    }
    cmd
}

/// The language `--help` and usage errors speak, found before clap reads the
/// command line: `--lang`, else as [`crate::msg::Lang::choose`] says for the
/// site folder `--root` names (or the current one).
pub fn language(args: &[std::ffi::OsString]) -> crate::msg::Lang {
    let value = |name: &str| {
        let flag = format!("--{name}");
        let eq = format!("--{name}=");
        args.iter().enumerate().find_map(|(i, a)| {
            let a = a.to_str()?;
            match a.strip_prefix(&eq) {
                Some(v) => Some(v.to_owned()),
                None if a == flag => args.get(i + 1)?.to_str().map(str::to_owned),
                None => None,
            }
        })
    };
    let cli = value("lang").and_then(|l| crate::msg::Lang::from_tag(&l));
    let root = value("root").unwrap_or_else(|| ".".into());
    crate::msg::Lang::choose(cli, std::path::Path::new(&root))
}

/// A usage error said in Chinese, for the kinds an editor meets: a command or
/// option misspelt (with the one meant), typed with a full-width space from a
/// Chinese input method, a value that is not allowed, a value missing. `None`
/// for the rest, which keep clap's own words.
pub fn usage_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let cmd = command(crate::msg::Lang::Zh);
    let written = text(ContextKind::InvalidSubcommand).or_else(|| text(ContextKind::InvalidArg))?;
    // `--lang <LANG>`: the option as typed, without clap's placeholder.
    let written = written.split(" <").next().unwrap_or(&written).to_string();
    if let Some(i) = written.find(['\u{3000}', '，', '：']) {
        let c = written[i..].chars().next().unwrap_or(' ');
        let name = if c == '\u{3000}' {
            "全角空格“　”"
        } else {
            "全角标点"
        };
        return Some(format!(
            "命令“{written}”里有一个{name}（中文输入法打出来的）：切换到英文输入法，重新打空格和标点。"
        ));
    }
    let meant = |candidates: Vec<String>| {
        crate::text::suggest::closest(&written, candidates.iter().map(String::as_str))
            .map(|m| format!("是不是想写 {m}？"))
            .unwrap_or_default()
    };
    Some(match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let names = cmd
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            format!(
                "没有“{written}”这个命令。{}可以用的命令：build（生成网站）、serve（边改边看）、check（检查）、new（新建网站）。",
                meant(names)
            )
        }
        ErrorKind::UnknownArgument => {
            let mut longs: Vec<String> = cmd
                .get_subcommands()
                .flat_map(|c| c.get_arguments())
                .chain(cmd.get_arguments())
                .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
                .collect();
            longs.sort();
            longs.dedup();
            format!("不认识“{written}”这个写法。{}", meant(longs))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let valid = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => format!("可以写：{}。", v.join("、")),
                // Our own value readers say what is allowed, in both languages.
                _ => std::error::Error::source(e)
                    .map(|s| format!("（{s}）"))
                    .unwrap_or_default(),
            };
            if value.is_empty() {
                format!("“{written}”后面要写一个值。{valid}")
            } else {
                format!("“{written}”后面的“{value}”不对。{valid}")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("少写了“{written}”。"),
        _ => return None,
    })
}

/// Reads the command line in the language [`language`] finds.
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut cmd = command(language(&args));
    let matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::Lang;

    #[test]
    fn help_in_chinese_names_every_command_and_option() {
        let help = command(Lang::Zh).render_help().to_string();
        for words in [
            "用法：",
            "命令",
            "生成网站，写进一个文件夹",
            "显示这段说明",
            "显示版本号",
        ] {
            assert!(help.contains(words), "{words}: {help}");
        }
        let mut cmd = command(Lang::Zh);
        let build = cmd.find_subcommand_mut("build").unwrap();
        let help = build.render_help().to_string();
        for words in [
            "把日期在今天以后的页面也生成出来",
            "选项",
            "--future",
            "显示这段说明",
        ] {
            assert!(help.contains(words), "{words}: {help}");
        }
        // Every argument of every command shown has its Chinese help.
        let cmd = command(Lang::Zh);
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            for a in sub.get_arguments().filter(|a| !a.is_hide_set()) {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(
                    help.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{} --{}: {help}",
                    sub.get_name(),
                    a.get_id()
                );
            }
        }
        assert!(command(Lang::En)
            .render_help()
            .to_string()
            .contains("Usage:"));
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        let args = |s: &[&str]| s.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            language(&args(&["minsheng", "--lang", "en", "build"])),
            Lang::En
        );
        assert_eq!(
            language(&args(&["minsheng", "build", "--lang=zh"])),
            Lang::Zh
        );
    }

    #[test]
    fn usage_errors_are_said_in_chinese_with_the_name_meant() {
        let zh = |args: &[&str]| {
            let e = command(Lang::Zh).try_get_matches_from(args).unwrap_err();
            usage_error_zh(&e).unwrap_or_else(|| panic!("{args:?}: {e}"))
        };
        assert_eq!(
            zh(&["minsheng", "biuld"]),
            "没有“biuld”这个命令。是不是想写 build？可以用的命令：build（生成网站）、serve（边改边看）、check（检查）、new（新建网站）。"
        );
        assert_eq!(
            zh(&["minsheng", "build", "--ouput", "x"]),
            "不认识“--ouput”这个写法。是不是想写 --output？"
        );
        assert!(zh(&["minsheng", "new\u{3000}我的网站"]).contains("全角空格"));
        assert!(zh(&["minsheng", "--lang", "fr", "build"]).contains("“fr”不对"));
    }
}
