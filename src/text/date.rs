//! Calendar dates as editors write them, parsed by `jiff` (never by slicing
//! strings): ISO `2023-03-16`, an optional time (`2023-03-16T08:00:00+08:00`,
//! `2023-03-16 08:00`), and the Chinese forms `2023年3月16日`, `2023/3/16`,
//! `2023.3.16`. A date is a validated value: every output (HTML, Atom, JSON) is
//! formatted from its numbers, never from the text the editor typed.

use jiff::civil;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::Offset;

/// China Standard Time, used when a date has no offset of its own.
const CHINA: Offset = Offset::constant(8);

/// A calendar day with an optional time of day and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    day: civil::Date,
    time: Option<civil::Time>,
    offset: Option<Offset>,
}

/// Why a date was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, in plain words, in both languages (the value itself is not
    /// repeated: the caller names it).
    pub message: crate::msg::Text,
}

/// Why year `y`, month `m`, day `d` is not a day of the calendar.
fn no_such_day(y: i64, m: i64, d: i64) -> crate::msg::Text {
    if !(1..=12).contains(&m) {
        crate::t!(
            "月份要在 1 到 12 之间（写的是 {m} 月）",
            "there is no month {m} (months run from 1 to 12)"
        )
    } else if !(1..=9999).contains(&y) {
        crate::t!("年份要写四位数（写的是 {y}）", "{y} is not a year")
    } else {
        crate::t!("{y}年{m}月没有 {d} 日", "month {m} of {y} has no day {d}")
    }
}

/// Whether year `y`, month `m`, day `d` is a day of the calendar.
fn is_day(y: i64, m: i64, d: i64) -> bool {
    i16::try_from(y)
        .ok()
        .zip(i8::try_from(m).ok())
        .zip(i8::try_from(d).ok())
        .and_then(|((y, m), d)| Date::from_ymd(y, m, d))
        .is_some()
}

/// `YYYY-MM-DD` (a time may follow) read as three numbers, valid or not.
fn iso_numbers(s: &str) -> Option<(i64, i64, i64)> {
    let day = s.get(..10)?;
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let num = |t: &str| {
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    Some((num(y)?, num(m)?, num(d)?))
}

impl Date {
    /// Parses a date as an editor may write it; see the module documentation.
    pub fn parse(s: &str) -> Option<Date> {
        Date::parse_verbose(s).ok()
    }

    /// Like [`Date::parse`], saying what is wrong.
    pub fn parse_verbose(s: &str) -> Result<Date, DateError> {
        let s = s.trim();
        if let Some(d) = chinese_form(s) {
            return d;
        }
        if !s.is_ascii() {
            let c = s.chars().find(|c| !c.is_ascii()).unwrap_or(' ');
            return Err(DateError {
                message: crate::t!(
                    "日期里不能有“{c}”（可能是中文输入法打出的全角符号）",
                    "the character `{c}` does not belong in a date (full-width punctuation typed by a Chinese input method?)"
                ),
            });
        }
        // Temporal/RFC 3339 syntax; also `YYYY-MM-DD HH:MM`.
        let pieces = Pieces::parse(s).map_err(|_| DateError {
            message: match iso_numbers(s).filter(|&(y, m, d)| !is_day(y, m, d)) {
                Some((y, m, d)) => no_such_day(y, m, d),
                None => crate::t!(
                    "日期要按“年-月-日”写，例如 2023-03-16 或 2023年3月16日",
                    "it is not written as year-month-day, e.g. 2023-03-16"
                ),
            },
        })?;
        if pieces.time_zone_annotation().is_some() {
            return Err(DateError {
                message: crate::t!(
                    "不支持方括号里的时区名称；请写时差，例如 +08:00",
                    "time zone names in brackets are not supported; write an offset such as +08:00"
                ),
            });
        }
        let offset = match pieces.offset() {
            None => None,
            Some(PiecesOffset::Zulu) => Some(Offset::UTC),
            Some(PiecesOffset::Numeric(n)) => Some(n.offset()),
            Some(_) => Some(Offset::UTC),
        };
        Ok(Date {
            day: pieces.date(),
            time: pieces.time(),
            offset,
        })
    }

    /// A date without a time.
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Option<Date> {
        civil::Date::new(year, month, day).ok().map(|day| Date {
            day,
            time: None,
            offset: None,
        })
    }

    /// Today in China (UTC+8).
    pub fn today() -> Date {
        let day = jiff::Timestamp::now().to_zoned(CHINA.to_time_zone()).date();
        Date {
            day,
            time: None,
            offset: None,
        }
    }

    /// The year.
    pub fn year(&self) -> i16 {
        self.day.year()
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(&self, later: &Date) -> i64 {
        self.day
            .until(later.day)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The same day without its time.
    pub fn day_only(&self) -> Date {
        Date {
            day: self.day,
            time: None,
            offset: None,
        }
    }

    /// `2023-03-16`.
    pub fn iso(&self) -> String {
        self.day.to_string()
    }

    /// [`Date::iso`] written at the end of `out`.
    pub fn push_iso(&self, out: &mut String) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(out, "{}", self.day);
    }

    /// `2023年3月16日`.
    pub fn zh(&self) -> String {
        format!(
            "{}年{}月{}日",
            self.day.year(),
            self.day.month(),
            self.day.day()
        )
    }

    /// RFC 3339, midnight China time when no time was written and China time when
    /// no offset was.
    pub fn rfc3339(&self) -> String {
        let time = self.time.unwrap_or(civil::Time::midnight());
        let offset = self.offset.unwrap_or(CHINA);
        let (h, m) = (
            offset.seconds() / 3600,
            (offset.seconds().abs() % 3600) / 60,
        );
        let sign = if offset.seconds() < 0 { '-' } else { '+' };
        format!(
            "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.iso(),
            time.hour(),
            time.minute(),
            time.second(),
            h.abs(),
            m
        )
    }
}

/// `2023年3月16日`, `2023/3/16`, `2023.3.16`, `2023-3-16` (the dash form
/// unpadded, as Excel writes it; a trailing `日` or `号` may be left out after
/// `月`): `None` when `s` is in none of these forms. A year and month without a
/// day (`2024年1月`, `2024-1`) is an error that says the day is missing.
fn chinese_form(s: &str) -> Option<Result<Date, DateError>> {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = if s.contains('年') {
        let day_written = s.ends_with(['日', '号']);
        let s = s.trim_end_matches(['日', '号']);
        let (y, rest) = s.split_once('年')?;
        let Some((m, d)) = rest.split_once('月') else {
            return (rest.trim().is_empty() && digits(y.trim())).then(|| missing(y.trim(), None));
        };
        if d.trim().is_empty() && !day_written && digits(y.trim()) && digits(m.trim()) {
            return Some(missing(y.trim(), Some(m.trim())));
        }
        vec![y, m, d]
    } else if s.contains('/') {
        s.split('/').collect()
    } else if s.matches('.').count() == 2 {
        s.split('.').collect()
    } else if s.split('-').all(digits) {
        let parts: Vec<&str> = s.split('-').collect();
        match parts[..] {
            [y, m] if y.len() == 4 && m.len() <= 2 => return Some(missing_iso(y, m)),
            [y, _, _] if y.len() <= 4 => parts,
            _ => return None,
        }
    } else {
        return None;
    };
    if let [y, m] = parts[..] {
        if digits(y) && digits(m) && y.len() == 4 && m.len() <= 2 {
            return Some(missing_iso(y, m));
        }
    }
    let [y, m, d] = parts[..] else {
        return None;
    };
    let num = |t: &str, max: usize| -> Option<i64> {
        let t = t.trim();
        (digits(t) && t.len() <= max)
            .then(|| t.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return Some(Err(DateError {
            message: crate::t!(
                "年、月、日要用阿拉伯数字写，例如 2023年3月16日 或 2023-03-16",
                "write the year, month and day as digits, e.g. 2023年3月16日 or 2023-03-16"
            ),
        }));
    };
    let date = i16::try_from(y)
        .ok()
        .zip(i8::try_from(m).ok())
        .zip(i8::try_from(d).ok())
        .and_then(|((y, m), d)| Date::from_ymd(y, m, d));
    Some(date.ok_or_else(|| DateError {
        message: no_such_day(y, m, d),
    }))
}

/// `2024年1月` (`m` given) or `2024年` without what follows: the day (and
/// month) is missing.
fn missing(y: &str, m: Option<&str>) -> Result<Date, DateError> {
    let message = match m {
        Some(m) => {
            let m = m.trim_start_matches('0');
            crate::t!(
                "少了日：写成 {y}年{m}月1日（哪一天就写几日）",
                "the day is missing: write {y}年{m}月1日 (the day meant)"
            )
        }
        None => crate::t!(
            "少了月和日：写成 {y}年1月1日（哪一天就写几月几日）",
            "the month and day are missing: write {y}年1月1日 (the day meant)"
        ),
    };
    Err(DateError { message })
}

/// `2024-1` or `2024/1`: the day is missing.
fn missing_iso(y: &str, m: &str) -> Result<Date, DateError> {
    let m: u32 = m.parse().unwrap_or(1);
    Err(DateError {
        message: crate::t!(
            "少了日：写成 {y}-{m:02}-01（哪一天就写几日）",
            "the day is missing: write {y}-{m:02}-01 (the day meant)"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_editors_write() {
        let d = Date::parse("2023-03-16").unwrap();
        assert_eq!(d.iso(), "2023-03-16");
        assert_eq!(d.zh(), "2023年3月16日");
        assert_eq!(d.rfc3339(), "2023-03-16T00:00:00+08:00");
        for s in [
            "2023年3月16日",
            "2023年3月16",
            "2023-3-16",
            "2023-03-16",
            "2023/3/16",
            "2023.03.16",
            " 2023年03月16日 ",
        ] {
            assert_eq!(Date::parse(s), Some(d), "{s}");
        }
        let t = Date::parse("2023-03-16T22:15:00+08:00").unwrap();
        assert_eq!(t.rfc3339(), "2023-03-16T22:15:00+08:00");
        assert_eq!(
            Date::parse("2023-03-16 08:00").unwrap().rfc3339(),
            "2023-03-16T08:00:00+08:00"
        );
        assert_eq!(
            Date::parse("2023-03-16T08:00:00Z").unwrap().rfc3339(),
            "2023-03-16T08:00:00+00:00"
        );
        assert_eq!(
            Date::parse("2023-03-16T08:00:00-05:30").unwrap().rfc3339(),
            "2023-03-16T08:00:00-05:30"
        );
    }

    #[test]
    fn malformed_dates_are_errors_not_panics() {
        for s in [
            "2023-02-30",
            "16/03/2023",
            "2023-03-16x",
            "2023-03-16T08:00:0。",
            "2023-03-16T08:00:00<script xmlns='http://www.w3.org/1999/xhtml'>",
            "2023-03-16T08:00:00+08:00[Asia/Shanghai]",
            "２０２３-03-16",
            "2023年2月30日",
            "2023年3月",
            "",
            "T",
            "2023-03-16T",
            "99999-01-01",
        ] {
            assert!(Date::parse(s).is_none(), "{s}");
        }
        let e = Date::parse_verbose("2023-03-16T08:00:0。").unwrap_err();
        assert!(e.message.contains('。'), "{}", e.message);
    }

    #[test]
    fn errors_say_what_is_wrong_in_editors_words() {
        use crate::msg::Lang;
        let cases = [
            ("2023-13-45", "月份要在 1 到 12 之间（写的是 13 月）"),
            ("2023-02-30", "2023年2月没有 30 日"),
            ("2023年2月30日", "2023年2月没有 30 日"),
            (
                "2023-03-16x",
                "日期要按“年-月-日”写，例如 2023-03-16 或 2023年3月16日",
            ),
            (
                "2023年三月16日",
                "年、月、日要用阿拉伯数字写，例如 2023年3月16日 或 2023-03-16",
            ),
            (
                "2023－03－16",
                "日期里不能有“－”（可能是中文输入法打出的全角符号）",
            ),
            ("2024年1月", "少了日：写成 2024年1月1日（哪一天就写几日）"),
            ("2024年01月", "少了日：写成 2024年1月1日（哪一天就写几日）"),
            (
                "2024年",
                "少了月和日：写成 2024年1月1日（哪一天就写几月几日）",
            ),
            ("2024-1", "少了日：写成 2024-01-01（哪一天就写几日）"),
            ("2024/3", "少了日：写成 2024-03-01（哪一天就写几日）"),
            ("2024-1-32", "2024年1月没有 32 日"),
        ];
        for (s, zh) in cases {
            let e = Date::parse_verbose(s).unwrap_err();
            assert_eq!(e.message.get(Lang::Zh), zh, "{s}");
            assert!(!e.message.en().contains("parse"), "{s}: {}", e.message.en());
        }
    }

    #[test]
    fn days_between() {
        let a = Date::parse("2026-11-28").unwrap();
        let b = Date::parse("2025-11-28").unwrap();
        assert_eq!(b.days_until(&a), 365);
        assert_eq!(a.days_until(&b), -365);
    }
}
