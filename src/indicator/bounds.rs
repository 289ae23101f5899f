//! What an indicator's numbers may be: years a statistic can be about and values a
//! chart can draw. Anything outside is refused where it is written, so that charts
//! and the status rule only ever work on values of sane size (their loops and
//! arithmetic are then bounded whatever the file said).

/// Years a figure or a target may be for.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1000..=3000;

/// The largest magnitude of a value (a thousand trillion: above any count or sum
/// of money a city publishes, far below where arithmetic on it overflows).
pub(super) const MAX_ABS: f64 = 1e15;

/// Stands for "no year involved" in [`message`].
pub(super) const PLAIN_YEAR: i32 = 2000;

/// What to do about a value out of bounds.
pub(super) fn hint() -> crate::msg::Text {
    crate::t!(
        "检查这个数：年份写四位数（例如 2022），数值写普通的数字，不能大于 1000000000000000",
        "check the number: years are written as four digits (e.g. 2022) and values as plain numbers no larger than 1000000000000000"
    )
}

/// Whether `year` can be the year of a figure.
pub(super) fn year_ok(year: i32) -> bool {
    YEARS.contains(&year)
}

/// Whether `value` is a finite number of sane size (`.nan`, `.inf` are not).
pub(super) fn value_ok(value: f64) -> bool {
    value.is_finite() && value.abs() <= MAX_ABS
}

/// The message for a year or value out of bounds.
pub(super) fn message(year: i32, value: f64) -> crate::msg::Text {
    let (first, last) = (YEARS.start(), YEARS.end());
    if !year_ok(year) {
        crate::t!(
            "{year} 不是本站能显示的年份（年份要在 {first} 到 {last} 之间）",
            "{year} is not a year this site can show (years run from {first} to {last})"
        )
    } else if !value.is_finite() {
        crate::t!(
            "“{value}”不是能显示的数",
            "`{value}` is not a number that can be shown"
        )
    } else {
        crate::t!(
            "{value:e} 太大了，显示不了（最大是 1e15）",
            "{value:e} is too large to be shown (the largest is 1e15)"
        )
    }
}
