//! `minsheng new DIR`: a small working site with the default theme, from files
//! embedded in the binary, so it works with no repository around it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::output::confined_join;
use crate::theme;

const SITE_TOML: &str = r#"# 网站设置 · Site settings
title = "我的城市民生服务"
description = "用平常话说清楚:您能得到哪些公共服务、城市做得怎么样、怎样申请。"
language = "zh-CN"
theme = "default"
# The public address, needed only for the sitemap and feed:
# base_url = "https://minsheng.example.gov.cn/"

[contact]
name = "政务服务便民热线"
hotline = "12345"
email = "minsheng@example.gov.cn"
address = "(请填写接待地址)"
hours = "每天 8:00–20:00"
"#;

const HOME: &str = r#"---
title: 首页
---

这个网站用平常话告诉您:您能得到哪些公共服务,城市做得怎么样,怎样申请。
"#;

const REPORTS_INDEX: &str = r#"---
title: 民生报告
description: 政府和政协关于民生工作的报告。
---
"#;

const FIRST_REPORT: &str = r#"---
title: 第一篇报告
date: 2026-01-01
summary: 这是一篇示例报告,请替换为真实内容。
domains: [老有所养]
editor: (编辑姓名)
---

这是一篇示例报告。**请替换为真实内容。**

## 小标题

正文可以使用 Markdown:列表、表格、链接都可以。
"#;

/// Creates the site in `dir`, which must not exist or be empty.
pub fn run(dir: &Path) -> Result<Vec<String>> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty: `minsheng new` only creates a site in a new or empty folder",
                dir.display()
            )));
        }
    }
    let mut files: Vec<(String, &str)> = vec![
        ("site.toml".into(), SITE_TOML),
        ("content/_index.md".into(), HOME),
        ("content/reports/_index.md".into(), REPORTS_INDEX),
        ("content/reports/first-report.md".into(), FIRST_REPORT),
    ];
    for (rel, text) in theme::DEFAULT_FILES {
        files.push((format!("themes/{}/{rel}", theme::DEFAULT_NAME), text));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = confined_join(dir, &rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(rel);
    }
    Ok(written)
}
