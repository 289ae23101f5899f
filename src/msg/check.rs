//! Messages of `minsheng check`: what an editor left behind or could say plainer.

use super::Text;
use crate::t;

/// A sentence too long to follow.
pub fn long_sentence(units: usize, preview: &str) -> Text {
    t!(
        "这句话有 {units} 个字，读起来太吃力：“{preview}……”",
        "a sentence of {units} characters is hard to follow: “{preview}……”"
    )
}

/// Split it.
pub fn long_sentence_hint(max: usize) -> Text {
    t!(
        "拆成几句，每句不超过 {max} 个字，一句只说一件事",
        "split it into sentences of at most {max} characters, one idea each"
    )
}

/// Officialese.
pub fn officialese(phrase: &str) -> Text {
    t!(
        "“{phrase}”是公文套话，群众不一定看得懂",
        "“{phrase}” is officialese a reader may not follow"
    )
}

/// A policy term the glossary does not explain.
pub fn undefined_term(term: &str) -> Text {
    t!(
        "“{term}”是政策用语，名词解释里还没有它",
        "“{term}” is a policy term, and the glossary does not explain it"
    )
}

/// Add it to the glossary.
pub fn undefined_term_hint(term: &str) -> Text {
    t!(
        "在 content/glossary.yaml 里加上（- term: {term}\n  plain: ……），或者直接用平常话说",
        "add it to content/glossary.yaml (- term: {term}\n  plain: …), or say it in plain words"
    )
}

/// A guide with no review date.
pub fn never_reviewed() -> Text {
    t!(
        "这篇办事指南没有写上次核对政策的日期",
        "this service guide does not say when it was last checked against the rules"
    )
}

/// Add last_reviewed.
pub fn never_reviewed_hint() -> Text {
    t!(
        "和主管部门核对后，在页面设置里加上 last_reviewed: 年-月-日",
        "after checking it with the department, add last_reviewed: YYYY-MM-DD"
    )
}

/// A guide reviewed long ago.
pub fn stale(age: i64, date: &str) -> Text {
    t!(
        "这篇办事指南 {age} 天没有核对了（上次是 {date}）",
        "this service guide was last checked {age} days ago ({date})"
    )
}

/// Review it again.
pub fn stale_hint(days: i64) -> Text {
    t!(
        "政策会变：再和主管部门核对一次，然后更新 last_reviewed；期限是 {days} 天（site.toml 的 check.review_days）",
        "check it again with the department (rules change), then update last_reviewed; the limit is {days} days (check.review_days in site.toml)"
    )
}

/// Rows of a data file an indicator leaves out.
pub fn rows_left_out(id: &str, rows: &[Text]) -> Text {
    let zh: Vec<&str> = rows.iter().map(Text::zh).collect();
    let en: Vec<&str> = rows.iter().map(Text::en).collect();
    let (zh, en) = (zh.join("；"), en.join("; "));
    t!(
        "指标“{id}”没有用到数据文件里的每一行：{zh}",
        "indicator `{id}` does not show every row of its data file: {en}"
    )
}

/// How to choose rows.
pub fn rows_left_out_hint() -> Text {
    t!(
        "如果页面要显示别的行，在指标的 YAML 里用 csv: {{select: {{列名: 值}}}} 选出来",
        "if the page should show other rows, choose them with csv: {{select: {{Column: value}}}} in the indicator's YAML"
    )
}

/// A link or picture to nothing.
pub fn missing_target(dest: &str, image: bool) -> Text {
    if image {
        t!(
            "“{dest}”指向的图片网站里没有",
            "`{dest}` points to an image the site does not have"
        )
    } else {
        t!(
            "“{dest}”指向的文件网站里没有",
            "`{dest}` points to a file the site does not have"
        )
    }
}

/// Where files go.
pub fn missing_target_hint() -> Text {
    t!(
        "把文件放进 static/（它的地址就是 /文件在 static 里的路径），或者改正地址",
        "put the file under static/ (it is then at /its/path), or fix the address"
    )
}

/// An anchor that is not there.
pub fn broken_anchor(dest: &str, id: &str) -> Text {
    t!(
        "“{dest}”：那个页面上没有叫“#{id}”的标题或锚点",
        "`{dest}`: the page has no heading or anchor `#{id}`"
    )
}

/// Anchors are headings.
pub fn broken_anchor_hint() -> Text {
    t!(
        "标题的锚点就是标题的字，例如 ## 谁能申请 → #谁能申请；看看目标页面的标题",
        "heading anchors are the heading's words, e.g. ## 谁能申请 → #谁能申请; check the target page's headings"
    )
}

/// Placeholder text left from `minsheng new` or a template.
pub fn placeholder(text: &str) -> Text {
    t!(
        "“{text}”是待填写的占位文字，还没有换成真实内容",
        "“{text}” is placeholder text, not yet replaced by the real content"
    )
}

/// Fill it in.
pub fn placeholder_hint() -> Text {
    t!(
        "换成真实内容；暂时不知道的项就整行删掉",
        "write the real content; delete the line if it is not known yet"
    )
}

/// ASCII punctuation between Chinese characters.
pub fn ascii_punctuation(ascii: char, full: char) -> Text {
    t!(
        "中文句子里用了英文标点“{ascii}”",
        "ASCII “{ascii}” between Chinese characters"
    )
    .then(&t!("，应当用“{full}”", "; write the full-width “{full}”"))
}

/// Switch the input method.
pub fn ascii_punctuation_hint(ascii: char, full: char) -> Text {
    t!(
        "把“{ascii}”改成“{full}”（中文输入法下打标点）",
        "replace “{ascii}” with “{full}” (type punctuation with the Chinese input method)"
    )
}

/// A section with no pages.
pub fn empty_section(title: &str) -> Text {
    t!(
        "栏目“{title}”里还没有页面：访问者只会看到一个空列表",
        "the section “{title}” has no pages: visitors see an empty listing"
    )
}

/// Fill or remove it.
pub fn empty_section_hint() -> Text {
    t!(
        "往这个文件夹里放页面，或者删掉这个文件夹",
        "add pages to its folder, or delete the folder"
    )
}

/// An indicator no page shows.
pub fn unshown_indicator(title: &str, id: &str) -> Text {
    t!(
        "指标“{title}”（{id}）没有哪个页面用到",
        "no page shows the indicator “{title}” ({id})"
    )
}

/// Show it somewhere.
pub fn unshown_indicator_hint(id: &str) -> Text {
    t!(
        "在相关报告或办事指南的设置里写 indicators: [{id}]，或者在正文里放一个 indicator 块",
        "name it in a report's or guide's front matter (indicators: [{id}]) or embed it in the text with an indicator block"
    )
}

/// A guide that points to no indicator or report.
pub fn unlinked_guide() -> Text {
    t!(
        "这篇办事指南没有链接任何指标或报告：读者看不到这项服务做得怎么样",
        "this service guide links no indicator or report: readers cannot see how the service is doing"
    )
}

/// Link one.
pub fn unlinked_guide_hint() -> Text {
    t!(
        "在设置里写 indicators: [指标文件名]，或在正文里链接相关报告，例如 [2023年报告](../reports/2023.md)",
        "add indicators: [an indicator id] to the front matter, or link a report in the text, e.g. [2023年报告](../reports/2023.md)"
    )
}
