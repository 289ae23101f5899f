//! Paragraphs indented as in Word (首行缩进, four spaces or a Tab before the
//! text): Markdown reads them as a code box, which does not wrap and runs off a
//! phone's screen. An indented code box holding Chinese text is almost always
//! such a paragraph, so the editor is told; the box is still shown (and wraps,
//! see the theme's `pre` rule), as Markdown says.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Tag};

use super::MarkdownInput;
use crate::diag::{Diagnostic, Locator};
use crate::t;

/// Warns once per indented code box whose text holds a Chinese character.
pub(super) fn indented_paragraphs(
    input: &MarkdownInput<'_>,
    events: &[(Event<'_>, Range<usize>)],
    diags: &mut Vec<Diagnostic>,
    locator: &Locator<'_>,
) {
    let mut inside: Option<usize> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => inside = Some(range.start),
            Event::Text(text) if inside.is_some() && text.chars().any(crate::text::is_han) => {
                // At the start of the line: the spaces are what to delete.
                let at = input.body_start + inside.take().unwrap_or(range.start);
                let at = input.text[..at].rfind('\n').map_or(0, |i| i + 1);
                let d = Diagnostic::warning(
                        input.path,
                        t!(
                            "这一段前面有 4 个空格（或 Tab），会显示成不换行的代码框，在手机上会超出屏幕",
                            "this paragraph starts with four spaces (or a Tab), so it is shown as a code box that does not wrap"
                        ),
                    )
                    .hint(t!(
                        "删掉段落开头的空格：网页会自己排版，段落之间空一行就行",
                        "remove the spaces before the paragraph; separate paragraphs with an empty line"
                    ));
                diags.push(locator.place(d, at));
            }
            Event::End(_) => inside = None,
            _ => {}
        }
    }
}
