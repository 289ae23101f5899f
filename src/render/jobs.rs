//! The rendered HTML pages of the site as jobs: the list of them, and rendering
//! them in parallel, each reused from the memo when its key and its template
//! functions' reads say nothing it was made from changed.

use std::sync::Arc;

use rayon::prelude::*;

use super::templates::{self, Templates};
use super::views::{self, Views};
use super::{ctx, drop_later, reads, Made, OutputFile, RenderMemo};
use crate::chart::ChartCache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::source::Sources;
use crate::text::hash::key_of;

/// What a rendered HTML page of the site is, for jobs run in parallel.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Job {
    Page(usize),
    Section(usize, usize),
    DomainIndex,
    Domain(usize, usize),
    AudienceIndex,
    Audience(usize, usize),
    Dashboard,
    Indicator(usize),
    Glossary,
    Search,
    NotFound,
    DistrictIndex,
    District(usize),
}

/// One job's output file, memo key, bytes (or error) and, when it was rendered
/// rather than reused, what its template functions read; `seen` only when the
/// view was made (a build of the same site keeps what the last one saw).
struct JobResult {
    file: String,
    key: u64,
    bytes: Result<Arc<[u8]>, Diagnostic>,
    reads: Option<Vec<reads::Read>>,
    seen: Option<Seen>,
}

/// What a job's view gave last time: its file, its template and the key of
/// its context. A build of the very same site (only templates changed) gives
/// every job the same context, so the key of an output follows from this and
/// its template's text without making the view again.
#[derive(Clone)]
pub(crate) struct Seen {
    file: String,
    template: String,
    context: u64,
    /// For a page, the key of what its view read (see `Views::page_inputs`):
    /// the next build takes this instead of making the view again when its
    /// inputs have the same key.
    inputs: Option<u64>,
}

/// Every HTML page the site has, in a fixed order.
pub(crate) fn job_list(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (i, s) in site.sections.iter().enumerate() {
        jobs.extend((1..=s.pager_count()).map(|n| Job::Section(i, n)));
    }
    jobs.push(Job::DomainIndex);
    for (d, pages) in site.domain_pages.iter().enumerate() {
        jobs.extend(
            (1..=views::pager_count(pages.len(), site.config.paginate_by))
                .map(|n| Job::Domain(d, n)),
        );
    }
    jobs.push(Job::AudienceIndex);
    for (a, pages) in site.audience_pages.iter().enumerate() {
        jobs.extend(
            (1..=views::pager_count(pages.len(), site.config.paginate_by))
                .map(|n| Job::Audience(a, n)),
        );
    }
    if !site.indicators.is_empty() || site.indicators_intro.is_some() {
        jobs.push(Job::Dashboard);
        jobs.extend((0..site.indicators.len()).map(Job::Indicator));
    }
    if !site.glossary.is_empty() {
        jobs.push(Job::Glossary);
    }
    jobs.push(Job::Search);
    jobs.push(Job::NotFound);
    if !site.config.districts.is_empty() {
        jobs.push(Job::DistrictIndex);
        jobs.extend((0..site.config.districts.len()).map(Job::District));
    }
    jobs
}

/// Whether `file` is the output file of the page at `path` ([`output_file`]).
fn is_output_of(file: &str, path: &str) -> bool {
    match path.ends_with(".html") {
        true => file == path,
        false => file.strip_suffix("index.html") == Some(path),
    }
}

/// The file of an output path: `reports/a/` is `reports/a/index.html`.
fn output_file(path: &str) -> String {
    if path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{path}index.html")
    }
}

/// Hands `job`'s context to `ctx` (a hasher or a tera context); returns the
/// output path and the template.
fn view<'a, S: ctx::Sink>(
    views: &Views<'a>,
    cache: &ChartCache,
    inline_css: &str,
    job: Job,
    ctx: &mut S,
) -> (String, &'a str) {
    match job {
        Job::Page(i) => views.page(i, ctx),
        Job::Section(s, n) => views.section(s, n, ctx),
        Job::DomainIndex => views.domain_index(ctx),
        Job::Domain(d, n) => views.domain(d, n, ctx),
        Job::AudienceIndex => views.audience_index(ctx),
        Job::Audience(a, n) => views.audience(a, n, ctx),
        Job::Dashboard => views.dashboard(cache, ctx),
        Job::Indicator(i) => views.indicator(cache, i, ctx),
        Job::Glossary => views.glossary(ctx),
        Job::Search => views.search(ctx),
        Job::NotFound => views.not_found(inline_css, ctx),
        Job::DistrictIndex => views.district_index(ctx),
        Job::District(d) => views.district(d, ctx),
    }
}

/// What rendering the jobs needs besides the jobs.
pub(crate) struct JobInput<'r, 'a> {
    pub(crate) site: &'a Site,
    pub(crate) sources: &'r Sources,
    pub(crate) cache: &'r ChartCache,
    pub(crate) views: &'r Views<'a>,
    pub(crate) templates: &'r Templates,
    /// A one-shot build's page bodies' HTML, each taken by its page's job,
    /// which makes the page's search document from it (see `run_jobs_once`).
    pub(crate) ahead: super::Ahead<'r>,
}

/// Renders every job (or reuses its bytes from the memo), updates the memo and
/// returns the files; template errors go to `diags`.
pub(crate) fn render_jobs(
    input: &JobInput<'_, '_>,
    jobs: &[Job],
    memo: &mut RenderMemo,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let (results, template_keys) = match memo.stream {
        Some(_) => (run_jobs_once(input, jobs, memo), Default::default()),
        None => run_jobs(input, jobs, memo),
    };
    drop_later(std::mem::take(&mut memo.earlier_seen));
    let mut files = Vec::with_capacity(results.len() + input.sources.statics.len() + 3);
    memo.rendered_last = 0;
    if memo.seen.len() != jobs.len() || memo.stream.is_some() {
        memo.seen.clear();
    }
    memo.template_keys = template_keys;
    for JobResult {
        file: path,
        key,
        bytes: res,
        reads,
        seen,
    } in results
    {
        if let Some(seen) = seen.filter(|_| memo.stream.is_none()) {
            memo.seen.push(seen);
        }
        match res {
            Ok(bytes) => {
                memo.rendered_last += usize::from(reads.is_some());
                if let Some(reads) = reads.filter(|_| memo.stream.is_none()) {
                    let made = Made {
                        key,
                        bytes: bytes.clone(),
                        reads,
                    };
                    memo.outputs.insert(path.clone(), made);
                }
                files.push(OutputFile { path, bytes });
            }
            Err(d) => diags.push(d),
        }
    }
    if memo.outputs.len() != files.len() {
        let keep: std::collections::HashSet<&String> = files.iter().map(|f| &f.path).collect();
        memo.outputs.retain(|k, _| keep.contains(k));
    }
    files
}

/// What every job of a build shares: the inline stylesheet (the 404 page's),
/// and each template's key: the template with all it uses and the `site`
/// global, made once per template, not per output.
struct Common {
    inline_css: String,
    site_key: u64,
    template_keys: ahash::HashMap<String, u64>,
    /// This build's number, to tell a thread's `site` value of an earlier build.
    build: u64,
}

thread_local! {
    /// The `site` global as a template value, one per thread and build: each
    /// page's context holds it (tera looks there first), so the threads do not
    /// count references on one shared value at every `site.…` a template reads
    /// (the global's counts moved between cores thousands of times a page).
    static SITE_VALUE: std::cell::RefCell<(u64, tera::Value)> =
        std::cell::RefCell::new((0, tera::Value::none()));
}

/// Numbers the builds for [`SITE_VALUE`] (0: none yet).
static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Common {
    /// What the jobs share; without `keys` (a build that remembers no output)
    /// no key is made.
    fn new(input: &JobInput<'_, '_>, keys: bool) -> Self {
        let inline_css = (input.sources.statics.iter())
            .find(|s| s.rel == "style.css")
            .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
            .unwrap_or_default();
        let site_key = if keys { key_of(&input.views.site) } else { 0 };
        let template_keys = if keys {
            templates::closure_keys(&input.sources.templates)
        } else {
            Default::default()
        };
        let template_keys = (template_keys.into_iter())
            .map(|(name, closure)| {
                let key = key_of((site_key, name.as_str(), closure));
                (name, key)
            })
            .collect();
        Common {
            inline_css,
            site_key,
            template_keys,
            build: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The key of an output of `template` whose context has the key `context`.
    fn key(&self, template: &str, context: u64) -> u64 {
        let of_template = self.template_keys.get(template).copied();
        key_of((of_template.unwrap_or(self.site_key), template, context))
    }

    /// Renders `job` with `template` into `file`'s bytes (handed to the memo's
    /// stream when there is one), with what template functions read.
    fn render(
        &self,
        input: &JobInput<'_, '_>,
        memo: &RenderMemo,
        (job, template, file): (Job, &str, &str),
    ) -> (Result<Arc<[u8]>, Diagnostic>, Vec<reads::Read>) {
        let mut ctx = self.context(input);
        view(input.views, input.cache, &self.inline_css, job, &mut ctx);
        self.finish(input, memo, (&ctx, template, file))
    }

    /// A job's tera context holding the `site` global.
    fn context(&self, input: &JobInput<'_, '_>) -> tera::Context {
        let mut ctx = tera::Context::new();
        let site = SITE_VALUE.with_borrow_mut(|(build, value)| {
            if *build != self.build {
                *value = tera::Value::from_serializable(&input.views.site);
                *build = self.build;
            }
            value.clone()
        });
        ctx.insert_value("site", site);
        ctx
    }

    /// Renders `template` with `ctx` into `file`'s bytes (handed to the memo's
    /// stream when there is one), with what template functions read.
    fn finish(
        &self,
        input: &JobInput<'_, '_>,
        memo: &RenderMemo,
        (ctx, template, file): (&tera::Context, &str, &str),
    ) -> (Result<Arc<[u8]>, Diagnostic>, Vec<reads::Read>) {
        let Some(stream) = &memo.stream else {
            let (bytes, reads) = reads::capture(|| input.templates.render(template, ctx));
            return (bytes.map(Arc::<[u8]>::from), reads);
        };
        thread_local! {
            /// The page being written, room kept from one page to the next:
            /// a fresh buffer of 16 KiB a page went through the allocator's
            /// slow path, slower the larger the heap (10% more a page at
            /// 100,000 pages than at 10,000).
            static OUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        // Taken, not borrowed, while the page is made and written: a stream
        // that waits on other work of the pool could run another page job
        // on this thread meanwhile.
        let mut out = OUT.take();
        let (done, reads) = reads::capture(|| input.templates.render_into(template, ctx, &mut out));
        let bytes = done.map(|()| {
            stream(file, &out);
            super::streamed().clone()
        });
        // Room for a huge page is not kept for good.
        if out.capacity() <= 1 << 20 {
            OUT.set(out);
        }
        (bytes, reads)
    }
}

/// At most this many jobs are run in a row by one thread before the rest may
/// be taken by another: the listings at the end of the list cost more than a
/// page, and in longer runs the other core sat idle at the end (20 ms of a
/// 10,000-page build).
const JOBS_AT_ONCE: usize = 32;

/// Renders every job of a build streamed to disk (a one-shot `build`): no
/// output is remembered, so none needs its key, and each view is made once,
/// straight into its template's context (a session's build makes it twice:
/// hashed for the key, then for the template).
fn run_jobs_once(input: &JobInput<'_, '_>, jobs: &[Job], memo: &RenderMemo) -> Vec<JobResult> {
    let common = Common::new(input, false);
    jobs.par_iter()
        .with_max_len(JOBS_AT_ONCE)
        .map(|&job| {
            let mut ctx = common.context(input);
            // A page whose HTML was handed off: it shows it, makes its
            // search document from it and frees it.
            let handed = match (job, input.ahead) {
                (Job::Page(i), Some((handoff, _))) => handoff.take(i).map(|html| (i, html)),
                _ => None,
            };
            let (path, template) = match &handed {
                Some((i, html)) => input.views.page_with(*i, html, &mut ctx),
                None => view(input.views, input.cache, &common.inline_css, job, &mut ctx),
            };
            let file = output_file(&path);
            let (bytes, reads) = common.finish(input, memo, (&ctx, template, &file));
            drop(ctx);
            if let (Some((i, html)), Some((_, ahead))) = (handed, input.ahead) {
                let summary = &input.views.summaries[i].summary;
                ahead.put(input.site, i, summary, &html);
            }
            JobResult {
                file,
                key: 0,
                bytes,
                reads: Some(reads),
                seen: None,
            }
        })
        .collect()
}

/// A build of the very same site as the last one, whose outputs were all made
/// (the caller knows: it kept their places): renders only the jobs whose
/// template (with all it uses) changed, brings the memo up to date and returns
/// those jobs' outputs with their job numbers; the others are what they were.
/// `None` when the memo cannot say (another site): then every job is looked at.
pub(crate) fn render_changed(
    input: &JobInput<'_, '_>,
    jobs: &[Job],
    memo: &mut RenderMemo,
    diags: &mut Diagnostics,
) -> Option<Vec<(usize, OutputFile)>> {
    if memo.stream.is_some() || memo.seen.len() != jobs.len() {
        return None;
    }
    let common = Common::new(input, true);
    let changed: ahash::HashSet<&str> = (common.template_keys.iter())
        .filter(|(name, key)| memo.template_keys.get(*name) != Some(*key))
        .map(|(name, _)| name.as_str())
        .collect();
    let memo_now: &RenderMemo = memo;
    // Chosen first, then shared out: the outputs of one template are next to
    // each other in job order, so splitting all jobs in halves would give one
    // core all the work.
    let to_make: Vec<usize> = (0..jobs.len())
        .filter(|&j| changed.contains(memo_now.seen[j].template.as_str()))
        .collect();
    let made: Vec<_> = to_make
        .into_par_iter()
        .map(|j| {
            let seen = &memo_now.seen[j];
            let template = seen.template.as_str();
            let key = common.key(template, seen.context);
            let (bytes, reads) =
                common.render(input, memo_now, (jobs[j], template, seen.file.as_str()));
            (j, key, bytes, reads)
        })
        .collect();
    memo.rendered_last = 0;
    let mut out = Vec::with_capacity(made.len());
    for (j, key, bytes, reads) in made {
        let file = memo.seen[j].file.clone();
        match bytes {
            Ok(bytes) => {
                memo.rendered_last += 1;
                let made = Made {
                    key,
                    bytes: bytes.clone(),
                    reads,
                };
                memo.outputs.insert(file.clone(), made);
                out.push((j, OutputFile { path: file, bytes }));
            }
            Err(d) => {
                memo.outputs.remove(&file);
                diags.push(d);
            }
        }
    }
    memo.template_keys = common.template_keys;
    Some(out)
}

/// Runs the jobs in parallel. An output's key: its template with everything that
/// template uses, the `site` global every template sees, and the context its view
/// hands over. Returns the results in job order and each template's key.
fn run_jobs(
    input: &JobInput<'_, '_>,
    jobs: &[Job],
    memo: &RenderMemo,
) -> (Vec<JobResult>, ahash::HashMap<String, u64>) {
    let common = Common::new(input, true);
    let (site, views, cache) = (input.site, input.views, input.cache);
    // A build of the same site as the last one (only templates changed): every
    // job's view is what it was, so is what its template functions read.
    let last_seen = (memo.seen.len() == jobs.len()).then_some(&memo.seen);
    // Another site (a page edited, added...): a page whose view's inputs are
    // what they were in the last build takes what its view gave then.
    let shared = views.page_inputs_shared();
    let earlier: ahash::HashMap<u64, &Seen> = match last_seen {
        Some(_) => Default::default(),
        None => (memo.earlier_seen.iter())
            .filter_map(|s| Some((s.inputs?, s)))
            .collect(),
    };
    let results = jobs
        .par_iter()
        .with_max_len(JOBS_AT_ONCE)
        .enumerate()
        .map(|(j, &job)| {
            let made_now = last_seen.is_none().then(|| {
                let (inputs, path) = match job {
                    Job::Page(i) => (views.page_inputs(i, shared), site.pages[i].path.as_str()),
                    _ => (None, ""),
                };
                // The file is checked too: keys of two pages that collide
                // must not give one page's output the other's file.
                if let Some(seen) = inputs.and_then(|k| earlier.get(&k)) {
                    if is_output_of(&seen.file, path) {
                        return (*seen).clone();
                    }
                }
                let mut sink = ctx::HashSink::default();
                let (path, template) = view(views, cache, &common.inline_css, job, &mut sink);
                Seen {
                    file: output_file(&path),
                    template: template.to_string(),
                    context: sink.finish(),
                    inputs,
                }
            });
            let seen = match (last_seen, &made_now) {
                (Some(all), _) => &all[j],
                (None, Some(now)) => now,
                (None, None) => unreachable!("a view is made when none was seen"),
            };
            let template = seen.template.as_str();
            let key = common.key(template, seen.context);
            if let Some(made) = memo.outputs.get(&seen.file) {
                let holds =
                    || last_seen.is_some() || made.reads.iter().all(|r| r.still_holds(site));
                if made.key == key && holds() {
                    return JobResult {
                        file: seen.file.clone(),
                        key,
                        bytes: Ok(made.bytes.clone()),
                        reads: None,
                        seen: made_now,
                    };
                }
            }
            let file = seen.file.clone();
            let (bytes, reads) = common.render(input, memo, (job, template, &file));
            JobResult {
                file,
                key,
                bytes,
                reads: Some(reads),
                seen: made_now,
            }
        })
        .collect();
    (results, common.template_keys)
}

#[cfg(test)]
mod tests {
    use super::{is_output_of, output_file};

    proptest::proptest! {
        #[test]
        fn a_page_owns_its_output_file_and_no_other(a in "[a-z/.]{0,12}", b in "[a-z/.]{0,12}") {
            proptest::prop_assert!(is_output_of(&output_file(&a), &a));
            proptest::prop_assert_eq!(is_output_of(&output_file(&a), &b), output_file(&a) == output_file(&b));
        }
    }
}
