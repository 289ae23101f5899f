//! The default theme, embedded in the binary: `minsheng new` writes it out, and a
//! site whose `theme = "default"` has no `themes/default/` folder uses it as is.
//! A test checks that this list and the folder `themes/default/` agree.

/// The name of the built-in theme.
pub const DEFAULT_NAME: &str = "default";

/// The built-in theme's files, by path inside the theme folder.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "templates/404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "templates/base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "templates/district.html",
        include_str!("../themes/default/templates/district.html"),
    ),
    (
        "templates/districts.html",
        include_str!("../themes/default/templates/districts.html"),
    ),
    (
        "templates/finder.html",
        include_str!("../themes/default/templates/finder.html"),
    ),
    (
        "templates/glossary.html",
        include_str!("../themes/default/templates/glossary.html"),
    ),
    (
        "templates/index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "templates/indicator.html",
        include_str!("../themes/default/templates/indicator.html"),
    ),
    (
        "templates/indicators.html",
        include_str!("../themes/default/templates/indicators.html"),
    ),
    (
        "templates/page.html",
        include_str!("../themes/default/templates/page.html"),
    ),
    (
        "templates/partials/contact.html",
        include_str!("../themes/default/templates/partials/contact.html"),
    ),
    (
        "templates/partials/feedback.html",
        include_str!("../themes/default/templates/partials/feedback.html"),
    ),
    (
        "templates/partials/indicator_card.html",
        include_str!("../themes/default/templates/partials/indicator_card.html"),
    ),
    (
        "templates/partials/not_public.html",
        include_str!("../themes/default/templates/partials/not_public.html"),
    ),
    (
        "templates/partials/page_list.html",
        include_str!("../themes/default/templates/partials/page_list.html"),
    ),
    (
        "templates/partials/pagination.html",
        include_str!("../themes/default/templates/partials/pagination.html"),
    ),
    (
        "templates/partials/status_list.html",
        include_str!("../themes/default/templates/partials/status_list.html"),
    ),
    (
        "templates/search.html",
        include_str!("../themes/default/templates/search.html"),
    ),
    (
        "templates/section.html",
        include_str!("../themes/default/templates/section.html"),
    ),
    (
        "templates/service.html",
        include_str!("../themes/default/templates/service.html"),
    ),
    (
        "templates/taxonomy.html",
        include_str!("../themes/default/templates/taxonomy.html"),
    ),
    (
        "templates/term.html",
        include_str!("../themes/default/templates/term.html"),
    ),
    (
        "static/favicon.svg",
        include_str!("../themes/default/static/favicon.svg"),
    ),
    (
        "static/minsheng.js",
        include_str!("../themes/default/static/minsheng.js"),
    ),
    (
        "static/style.css",
        include_str!("../themes/default/static/style.css"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_theme_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = DEFAULT_FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "update DEFAULT_FILES in src/theme.rs");
    }
}
