//! The theme's files: the folder `theme` names inside `themes/` (every link
//! resolved), or the built-in theme, then the site's own `templates/` and
//! `static/` overriding files of the same name.

use std::path::{Path, PathBuf};

use super::{Kind, Reader, Sources, StaticFile, TemplateSource};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::msg::Text;
use crate::parse::config::{self, CONFIG_FILE};
use crate::t;
use crate::theme;

/// Where a site's theme comes from.
enum Theme {
    /// A folder inside `themes/`.
    Folder(PathBuf),
    /// The theme built into the binary.
    BuiltIn,
    /// None: a diagnostic says why.
    Refused,
}

/// The theme `name` names: a folder that, every link resolved, lies inside
/// `themes/`, or the built-in theme. Anything else is an error at site.toml's
/// `theme` line (`config_text` is its text).
fn find_theme(root: &Path, name: &str, config_text: &str, diags: &mut Diagnostics) -> Theme {
    let themes = root.join("themes");
    let dir = themes.join(name);
    let (line, col) = config::value_at(config_text, "theme");
    let error = |message: Text, hint: Text| {
        Diagnostic::error(CONFIG_FILE, message)
            .at(config_text, line, col)
            .hint(hint)
    };
    if !config::is_theme_name(name) {
        let message = t!(
            "“{name}”不是主题的名称",
            "theme `{name}` is not a theme name"
        );
        let hint = Text::new(
            "主题是 themes/ 里的一个文件夹：只写它的名字，例如 theme = \"default\"（themes/default/，或内置主题）",
            config::THEME_HINT,
        );
        diags.push(error(message, hint));
        return Theme::Refused;
    }
    if !dir.is_dir() {
        if name == theme::DEFAULT_NAME {
            return Theme::BuiltIn;
        }
        let message = t!(
            "找不到主题“{name}”：没有 themes/{name}/ 这个文件夹",
            "theme `{name}` not found: there is no folder themes/{name}/"
        );
        let hint = t!(
            "写 theme = \"default\" 使用内置主题，或者把主题的文件夹放进 themes/",
            "set theme = \"default\" to use the built-in theme, or add the theme's folder"
        );
        diags.push(error(message, hint));
        return Theme::Refused;
    }
    match (themes.canonicalize(), dir.canonicalize()) {
        (Ok(t), Ok(d)) if d.starts_with(&t) && d != t => Theme::Folder(dir),
        _ => {
            let message = t!(
                "主题“{name}”不在 themes/ 里：themes/{name} 是指向别处文件夹的快捷方式（链接）",
                "theme `{name}` is not inside themes/: themes/{name} is a link to a folder elsewhere"
            );
            let hint = t!(
                "主题只从网站的 themes/ 文件夹里读：把主题的文件夹复制进去，不要用链接",
                "minsheng reads a theme only from the site's themes/ folder: copy the theme's folder there instead of linking to it"
            );
            diags.push(error(message, hint));
            Theme::Refused
        }
    }
}

/// Reads the templates and static files: the theme's, then the site's overrides.
/// `config_text` is site.toml's text, to point at its `theme` line.
pub fn load_theme(
    root: &Path,
    theme_name: &str,
    config_text: &str,
    diags: &mut Diagnostics,
) -> Result<Sources> {
    let mut sources = Sources::default();
    let mut reader = Reader::new(root, diags);

    // Theme first, then the site's own templates/ and static/ replace files of the
    // same name: a BTreeMap keyed by name keeps the result sorted and overridable.
    let mut templates = std::collections::BTreeMap::new();
    let mut statics = std::collections::BTreeMap::new();
    let theme = find_theme(root, theme_name, config_text, reader.diags);
    let folder = match &theme {
        Theme::Folder(theme_dir) => {
            reader.read_into(&theme_dir.join("templates"), Kind::Text, &mut templates)?;
            reader.read_into(&theme_dir.join("static"), Kind::Static, &mut statics)?;
            Some(theme_dir.strip_prefix(root).unwrap_or(theme_dir))
        }
        // A theme refused is said at site.toml; the built-in one stands in.
        Theme::BuiltIn | Theme::Refused => None,
    };
    reader.read_into(&root.join("templates"), Kind::Text, &mut templates)?;
    reader.read_into(&root.join("static"), Kind::Static, &mut statics)?;
    let raw_html = config::raw_html_of(config_text);
    let replaced = super::static_check::keep_safe(&mut statics, raw_html, reader.diags);
    let mut missing = fill_from_built_in(&mut templates, &mut statics);
    // Replaced files were said, not missing.
    missing.retain(|m| {
        !replaced
            .iter()
            .any(|r| m.strip_prefix("static/") == Some(r.as_str()))
    });
    if let (Some(folder), false) = (folder, missing.is_empty()) {
        reader.diags.push(missing_theme_files(folder, &missing));
    }
    for (name, (path, bytes)) in templates {
        match String::from_utf8(bytes) {
            Ok(text) => sources.templates.push(TemplateSource { name, path, text }),
            Err(_) => reader.diags.push(
                Diagnostic::error(
                    path,
                    t!("模板文件不是 UTF-8 编码", "template is not UTF-8 text"),
                )
                .hint(t!(
                    "用“另存为”把文件存成 UTF-8 编码",
                    "save the file with UTF-8 encoding"
                )),
            ),
        }
    }
    let mut told = std::collections::BTreeSet::new();
    sources.statics = statics
        .into_iter()
        .filter(
            |(rel, (path, _))| match windows_refusal(rel, path, &mut told) {
                Some(d) => {
                    reader.diags.extend(d);
                    false
                }
                None => true,
            },
        )
        .map(|(rel, (_, bytes))| StaticFile { rel, bytes })
        .collect();
    Ok(sources)
}

/// A file of the theme (or of its overrides) as read: where, and the bytes.
type Files = std::collections::BTreeMap<String, (PathBuf, Vec<u8>)>;

/// Gives every file of the built-in theme that neither the theme folder nor
/// the site has (a template deleted by mistake, a theme made for an older
/// version) the built-in one; its paths inside the theme folder, in order.
fn fill_from_built_in(templates: &mut Files, statics: &mut Files) -> Vec<&'static str> {
    let mut missing = Vec::new();
    for (rel, text) in theme::DEFAULT_FILES {
        let (into, name) = match (rel.strip_prefix("templates/"), rel.strip_prefix("static/")) {
            (Some(name), _) => (&mut *templates, name),
            (None, Some(name)) => (&mut *statics, name),
            (None, None) => continue,
        };
        if !into.contains_key(name) {
            let path = Path::new(super::BUILT_IN).join(rel);
            into.insert(name.to_string(), (path, text.as_bytes().to_vec()));
            missing.push(*rel);
        }
    }
    missing
}

/// The warning for a theme folder that lacks `missing` files of the built-in theme.
fn missing_theme_files(folder: &Path, missing: &[&str]) -> Diagnostic {
    let shown = folder.to_string_lossy().replace('\\', "/");
    let n = missing.len();
    let first: Vec<&str> = missing.iter().take(3).copied().collect();
    let (zh, en) = if n > 3 {
        (
            format!("{} 等 {n} 个文件", first.join("、")),
            format!("{} and {} more", first.join(", "), n - 3),
        )
    } else {
        (first.join("、"), first.join(", "))
    };
    Diagnostic::warning(
        folder,
        t!(
            "主题文件夹 {shown}/ 里少了 {zh}，这些用的是程序自带的版本",
            "the theme folder {shown}/ lacks {en}; the built-in ones are used"
        ),
    )
    .hint(t!(
        "是误删的话：从新建的网站（minsheng new）里把这些文件复制回 {shown}/；不需要自己的样式的话，把整个 {shown} 文件夹删掉，就全用程序自带的",
        "if they were deleted by mistake, copy them back from a new site (minsheng new); without changes of your own, delete the whole {shown} folder to use the built-in theme"
    ))
}

/// `Some` when Windows refuses the name of the static file `rel` (shown as
/// `path`) or of a folder it is in: the error, once per folder (`told` keeps
/// those told), or `None` for a folder already told.
fn windows_refusal(
    rel: &str,
    path: &Path,
    told: &mut std::collections::BTreeSet<PathBuf>,
) -> Option<Option<Diagnostic>> {
    use crate::msg::site::{windows_name, windows_name_hint, Named};
    let r = crate::text::slug::reserved_in(rel)?;
    let (shown, what) = if r.last {
        (path.to_path_buf(), Named::File)
    } else {
        // `path` ends in `rel`: the folder to rename is `path` up to the part.
        let text = path.to_string_lossy();
        let base = text.len().saturating_sub(rel.len());
        let folder = text.get(..base + r.end).unwrap_or(&text);
        (PathBuf::from(folder), Named::Folder)
    };
    let d =
        Diagnostic::error(&shown, windows_name(&r.name)).hint(windows_name_hint(what, &r.instead));
    Some(told.insert(shown).then_some(d))
}
