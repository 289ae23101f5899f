//! Checks of `site.toml`: its text read (keyboard slips and TOML first), then each
//! setting that must be right before anything is built. Every problem is a
//! diagnostic at its line; the caller tells errors from warnings by counting.

use super::{is_ascii_slug, is_theme_name, RawConfig, TermDef, TomlText, CONFIG_FILE, KNOWN_KEYS};
use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::config as m;

/// The settings as written, or `None` (reported) when the text is not readable
/// TOML. Unknown top-level keys are warnings naming the one meant.
pub(super) fn read(text: &str, diags: &mut Diagnostics) -> Option<RawConfig> {
    let path = CONFIG_FILE;
    // Keyboard slips first: the TOML parser would report them in its own words.
    let slips = crate::parse::keyboard::toml(text);
    if !slips.is_empty() {
        let loc = crate::diag::Locator::new(text);
        for s in slips {
            diags.push(
                Diagnostic::error(path, s.message)
                    .at_in(&loc, s.line, s.col)
                    .hint(s.hint),
            );
        }
        return None;
    }
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let library = e.message().trim().replace('\n', "; ");
            // `unknown field `x`, expected one of `a`, `b``: name the one meant.
            let quoted: Vec<&str> = library.split('`').skip(1).step_by(2).collect();
            if let Some(d) = top_level_key_in_table(text, offset, &library, &quoted) {
                diags.push(d);
                return None;
            }
            let meant = match quoted.split_first() {
                Some((field, known)) if library.contains("unknown field") => Some(
                    crate::text::suggest::closest(field, known.iter().copied()).map_or_else(
                        || m::known_settings(&known.join(", ")),
                        |k| m::did_you_mean(field, k),
                    ),
                ),
                _ => None,
            };
            diags.push(
                Diagnostic::error(path, m::toml_problem(&library))
                    .at_offset(text, offset)
                    .hint(meant.unwrap_or_else(m::toml_hint)),
            );
            return None;
        }
    };
    if let Ok(table) = text.parse::<toml::Table>() {
        if let Some(c) = crate::parse::escapes::in_toml(&table) {
            // `title = "我的\u0001城市"`: no page, feed or sitemap may carry it.
            let (line, col) = crate::parse::escapes::locate(text, c).unwrap_or((1, 1));
            let name = crate::parse::escapes::name(c);
            diags.push(
                Diagnostic::error(path, crate::msg::keyboard::escaped_control_here(&name))
                    .at(text, line, col)
                    .hint(crate::msg::keyboard::escaped_control_hint()),
            );
            return None;
        }
        let unknown: Vec<&String> = (table.keys())
            .filter(|k| !KNOWN_KEYS.contains(&k.as_str()))
            .collect();
        if !unknown.is_empty() {
            let t = TomlText::new(text);
            for key in unknown {
                let line = t.key_line(key);
                let hint = match crate::text::suggest::closest(key, KNOWN_KEYS.iter().copied()) {
                    Some(meant) => m::did_you_mean(key, meant),
                    None => m::known_settings(&KNOWN_KEYS.join(", ")),
                };
                diags.push(
                    Diagnostic::warning(path, m::unknown_setting(key))
                        .at_in(&t.loc, line, 1)
                        .hint(hint),
                );
            }
        }
    }
    Some(raw)
}

/// A site-wide setting written below a `[table]` header (an editor adds a line at
/// the end of the file, under `[contact]`): TOML reads it as part of that table.
/// Says so, and where the line belongs, instead of "unknown field".
fn top_level_key_in_table(
    text: &str,
    offset: usize,
    library: &str,
    quoted: &[&str],
) -> Option<Diagnostic> {
    let key = *quoted.first()?;
    if !library.contains("unknown field") || !KNOWN_KEYS.contains(&key) {
        return None;
    }
    let before = text.get(..offset.min(text.len()))?;
    let header = before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))?
        .split('#')
        .next()?
        .trim()
        .to_string();
    let line = before.matches('\n').count() + 1;
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .unwrap_or(&header)
        .to_string();
    Some(
        Diagnostic::error(
            CONFIG_FILE,
            crate::t!(
                "“{key}”是整个网站的设置，写在了 {header} 这一组下面，会被当成 {header} 的一项",
                "`{key}` is a setting of the whole site, but it is written under {header}, so it is read as part of {header}"
            ),
        )
        .at(text, line, 1)
        .hint(crate::t!(
            "把这一行移到 site.toml 的前面，放在第一个 {first} 之前（方括号开头的一行之后的设置都属于那一组）",
            "move this line up, above the first {first}: every line after a [header] belongs to that table"
        )),
    )
}

/// `base_url` made to end in `/`; errors for characters a URL cannot hold and for
/// anything but an http(s) address.
pub(super) fn base_url(
    t: &TomlText<'_>,
    written: Option<String>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let path = CONFIG_FILE;
    match written {
        Some(u) if u.trim().is_empty() => None,
        Some(u) => {
            let u = u.trim().to_string();
            let bad_char = u
                .chars()
                .find(|&c| c.is_control() || c.is_whitespace() || "<>\"\\`{}|^".contains(c));
            if let Some(c) = bad_char {
                let line = t.key_line("base_url");
                diags.push(
                    Diagnostic::error(path, m::base_url_char(c))
                        .at_in(&t.loc, line, 1)
                        .hint(m::base_url_char_hint()),
                );
            } else if !(u.starts_with("https://") || u.starts_with("http://"))
                || u.split('/').nth(2).is_none_or(str::is_empty)
            {
                let line = t.key_line("base_url");
                diags.push(
                    Diagnostic::error(path, m::base_url_not_http(&u))
                        .at_in(&t.loc, line, 1)
                        .hint(m::base_url_not_http_hint()),
                );
            }
            Some(if u.ends_with('/') { u } else { format!("{u}/") })
        }
        None => None,
    }
}

/// Audiences and life events: no two share a slug or a name; audience slugs are
/// plain ASCII (they name pages).
pub(super) fn terms(
    t: &TomlText<'_>,
    audiences: &[TermDef],
    events: &[TermDef],
    diags: &mut Diagnostics,
) {
    let path = CONFIG_FILE;
    for (kind, terms) in [("audiences", audiences), ("events", events)] {
        let mut seen = std::collections::BTreeSet::new();
        for term in terms {
            for part in [&term.slug, &term.name] {
                if !seen.insert(part.as_str()) {
                    let line = t.value_line("slug", part).max(t.value_line("name", part));
                    diags.push(
                        Diagnostic::error(path, m::duplicate_term(kind, part))
                            .at_in(&t.loc, line, 1)
                            .hint(m::duplicate_term_hint()),
                    );
                }
            }
        }
    }
    for a in audiences {
        if !is_ascii_slug(&a.slug) {
            diags.push(
                Diagnostic::error(path, m::bad_audience_slug(&a.slug))
                    .at_in(&t.loc, t.value_line("slug", &a.slug), 1)
                    .hint(m::bad_audience_slug_hint()),
            );
        } else {
            // audiences/<slug>/ is a folder of the site.
            windows_name(t, "[[audiences]] slug", "slug", &a.slug, diags);
        }
    }
}

/// An error at `value` (written after `key` in site.toml's `text`, a setting
/// of `setting`) when it names a folder Windows refuses.
fn windows_name(
    t: &TomlText<'_>,
    setting: &'static str,
    key: &str,
    value: &str,
    diags: &mut Diagnostics,
) {
    use crate::msg::site::{windows_name, windows_name_hint, Named};
    if let Some(r) = crate::text::slug::reserved_in(value) {
        let d = Diagnostic::error(CONFIG_FILE, windows_name(&r.name))
            .hint(windows_name_hint(Named::Setting(setting), &r.instead));
        // At the name as written, else at the start of its line.
        diags.push(match t.value_offset(key, value) {
            Some(at) => t.loc.place(d, at),
            None => d.at_in(&t.loc, t.value_line(key, value), 1),
        });
    }
}

/// The most districts a site lists (a city has a few dozen at most).
const MAX_DISTRICTS: usize = 1000;

/// Menu and government-site addresses follow the URL policy; the theme, the
/// districts and the page size are names and numbers that can be used.
pub(super) fn addresses_and_names(t: &TomlText<'_>, raw: &RawConfig, diags: &mut Diagnostics) {
    let path = CONFIG_FILE;
    for item in &raw.menu {
        if let Err(refused) = crate::text::url::check(&item.url) {
            diags.push(
                Diagnostic::error(path, m::menu_refused(&item.name, &refused.scheme))
                    .at_in(&t.loc, t.value_line("url", &item.url), 1)
                    .hint(m::menu_hint()),
            );
        }
    }
    if !is_theme_name(&raw.theme) {
        let (line, col) = t.value_at("theme");
        diags.push(
            Diagnostic::error(path, m::bad_theme(&raw.theme))
                .at_in(&t.loc, line, col)
                .hint(m::theme_hint()),
        );
    }
    for (key, url) in raw.gov.urls() {
        if url.is_empty() {
            continue;
        }
        if let Err(refused) = crate::text::url::check(url) {
            diags.push(
                Diagnostic::error(path, m::gov_refused(key, &refused.scheme))
                    .at_in(&t.loc, t.value_line(key, url), 1)
                    .hint(m::gov_hint(key)),
            );
        }
    }
    // Each district has a page naming every district: pages × names.
    let mut districts = raw.districts.as_slice();
    if districts.len() > MAX_DISTRICTS {
        diags.push(
            Diagnostic::error(path, m::too_many_districts(districts.len(), MAX_DISTRICTS))
                .at_in(&t.loc, t.key_line("districts"), 1)
                .hint(m::too_many_districts_hint()),
        );
        districts = &[];
    }
    // A district names a page, districts/<name>/: it must be one plain folder name.
    for d in districts {
        let bad = d.trim().is_empty()
            || d == "."
            || d == ".."
            || d.len() > 150
            || d.chars().any(|c| {
                // `%2e%2e` reads as `..` in a browser; a space is raw in the link.
                c.is_control()
                    || c.is_whitespace()
                    || matches!(c, '/' | '\\' | ':' | '?' | '#' | '%')
            });
        if bad {
            // The name as written, on its own line when the list spans several.
            let escaped = d.escape_debug().to_string();
            let err =
                Diagnostic::error(path, m::bad_district(&escaped)).hint(m::bad_district_hint());
            // At the name as written (escaped, if it holds what must be), on
            // its own line when the list spans several.
            diags.push(match t.string_at(d).or_else(|| t.string_at(&escaped)) {
                Some(at) => t.loc.place(err, at),
                None => err.at_in(&t.loc, t.value_line("districts", d), 1),
            });
        } else {
            windows_name(t, "districts", "districts", d, diags);
        }
    }
    if raw.paginate_by == 0 {
        diags.push(
            Diagnostic::error(path, m::paginate_zero())
                .at_in(&t.loc, t.key_line("paginate_by"), 1)
                .hint(m::paginate_zero_hint()),
        );
    }
}
