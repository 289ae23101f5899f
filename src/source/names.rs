//! Content file names one slip away from what they were meant to be, each a
//! warning: such a file is not read, and nothing else would say so.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::t;

/// A warning for a content file whose name is one slip away from a page, an
/// indicator or a data file, and so is not read as one: the extension in
/// capitals (`通知.MD`, as Windows shows it), another spelling (`.markdown`),
/// or a space or dot after the extension (`通知.md `).
pub(super) fn misnamed(rel: &str) -> Option<Diagnostic> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let trimmed = name.trim_end_matches([' ', '.', '\u{3000}']);
    let (stem, ext) = trimmed.rsplit_once('.')?;
    let lower = ext.to_lowercase();
    let meant = match lower.as_str() {
        "md" | "markdown" | "mdown" | "mkd" => "md",
        "yaml" | "yml" | "csv" | "xlsx" => lower.as_str(),
        _ => return None,
    };
    if trimmed == name && ext == meant {
        return None;
    }
    let fixed = format!("{stem}.{meant}");
    Some(
        Diagnostic::warning(
            Path::new(&format!("content/{rel}")),
            t!(
                "文件名“{name}”不是 .{meant} 结尾（扩展名要小写、不带空格），这个文件不会被读取",
                "the file name `{name}` does not end in .{meant} (lower case, no space after it), so it is not read"
            ),
        )
        .hint(t!(
            "把文件改名为 {fixed}",
            "rename it to {fixed}"
        )),
    )
}

/// A warning for a content file that Notepad saved with `.txt` after its real
/// extension (`通知.md.txt`): it would be ignored as a page (or an indicator).
pub(super) fn notepad_suffix(rel: &str) -> Option<Diagnostic> {
    let lower = rel.to_lowercase();
    let stem = lower.strip_suffix(".txt")?;
    let ext = [".md", ".yaml", ".yml", ".csv"]
        .into_iter()
        .find(|e| stem.ends_with(e))?;
    let shown = format!("content/{rel}");
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let fixed = name.get(..name.len().saturating_sub(4)).unwrap_or(name);
    Some(
        Diagnostic::warning(
            Path::new(&shown),
            t!(
                "文件名以 {ext}.txt 结尾（记事本保存时自动加了 .txt），这个文件不会被当作 {ext} 文件读取",
                "the file name ends in {ext}.txt (Notepad adds .txt when saving), so it is not read as a {ext} file"
            ),
        )
        .hint(t!(
            "把文件改名为 {fixed}：在资源管理器里先勾选“查看 → 文件扩展名”再改名；以后用记事本保存时，“保存类型”选“所有文件”",
            "rename it to {fixed} (in Explorer, turn on View → File name extensions first); when saving from Notepad, choose Save as type: All files"
        )),
    )
}

/// One warning naming the pages of `content/` whose file name starts with a
/// dot (`.通知.md`): hidden files are never read, and an editor may think the
/// page published. `hidden`: their paths relative to the site, sorted.
pub(super) fn hidden_pages(hidden: &[String]) -> Option<Diagnostic> {
    let first = hidden.first()?;
    let n = hidden.len();
    let mut names: Vec<&str> = hidden.iter().take(10).map(String::as_str).collect();
    if n > 10 {
        names.push("…");
    }
    let list = names.join("、");
    Some(
        Diagnostic::warning(
            Path::new(first),
            t!(
                "有 {n} 个页面的文件名以“.”开头，被当成隐藏文件跳过了，不会发布：{list}",
                "{n} pages have a file name starting with `.`, so they are skipped as hidden files and not published: {list}"
            ),
        )
        .hint(t!(
            "要发布，就去掉文件名开头的“.”；暂时不想发布的页面，请在页面开头写 draft: true",
            "to publish one, delete the `.` at the start of its name; to keep a page back for now, write draft: true in its front matter"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_miss_names_are_told_and_right_ones_are_not() {
        for (rel, fixed) in [
            ("reports/b.MD", "b.md"),
            ("reports/c.markdown", "c.md"),
            ("reports/d.md ", "d.md"),
            ("indicators/x.YAML", "x.yaml"),
            ("indicators/x.Csv", "x.csv"),
        ] {
            let d = misnamed(rel).unwrap_or_else(|| panic!("{rel}"));
            assert!(
                d.show(crate::msg::Lang::Zh)
                    .to_string()
                    .contains(&format!("改名为 {fixed}")),
                "{rel}"
            );
        }
        for rel in [
            "reports/a.md",
            "indicators/x.yaml",
            "static.png",
            "notes.txt",
            "a.b.md",
        ] {
            assert!(misnamed(rel).is_none(), "{rel}");
        }
    }
}
