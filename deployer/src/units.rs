//! Parsing and printing of the quantities people type and read: token amounts (in the
//! token's own decimals), fractions (WAD), durations and times.

use alloy::primitives::{
    U256,
    utils::{ParseUnits, format_units, parse_units},
};

use crate::error::{Error, Result};

/// Decimals of WAD quantities (fractions, rates, health factors) and of most tokens.
pub const DECIMALS: u8 = 18;
pub const WAD: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// An amount as typed, before the token (and so its decimals) is known: the command line is
/// parsed before the manifest is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    /// Whole tokens, e.g. `"1.5"` (validated: digits with at most one decimal point).
    Tokens(String),
    /// Base units, typed as `5wei`.
    Raw(U256),
}

impl Amount {
    /// `"1.5"`, `"1_000"`, `"5wei"`; a negative, malformed or empty number is refused with
    /// what is wrong with it.
    pub fn parse(text: &str) -> Result<Self> {
        let typed = text.trim();
        let clean = typed.replace('_', "");
        let bad = |why: &str| {
            Error::input(
                format!("`{typed}` is not a token amount: {why}"),
                "write whole tokens like 100 or 0.5, or base units like 5wei",
            )
        };
        if clean.starts_with('-') {
            return Err(bad("amounts cannot be negative"));
        }
        if let Some(raw) = clean.strip_suffix("wei") {
            return raw
                .parse()
                .map(Self::Raw)
                .map_err(|_| bad("base units are a whole number before `wei`"));
        }
        if clean.is_empty() {
            return Err(bad("it is empty"));
        }
        if clean.matches('.').count() > 1 {
            return Err(bad("it has more than one decimal point"));
        }
        if let Some(c) = clean.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
            return Err(bad(&format!("`{c}` is not a digit")));
        }
        if clean == "." {
            return Err(bad("it has no digits"));
        }
        // ".5" and "5." are read as people mean them: 0.5 and 5.
        let clean = match clean.strip_suffix('.') {
            Some(whole) => whole.to_owned(),
            None if clean.starts_with('.') => format!("0{clean}"),
            None => clean,
        };
        Ok(Self::Tokens(clean))
    }

    /// In base units of a token with `decimals` decimals; `symbol` names it in the error.
    pub fn to_units(&self, decimals: u8, symbol: &str) -> Result<U256> {
        match self {
            Self::Raw(raw) => Ok(*raw),
            Self::Tokens(typed) => {
                // Trailing zeros after the point carry no precision: 1.500000 fits 6 decimals.
                let text = match typed.split_once('.') {
                    Some((whole, frac)) => match frac.trim_end_matches('0') {
                        "" => whole.to_owned(),
                        frac => format!("{whole}.{frac}"),
                    },
                    None => typed.clone(),
                };
                let text = text.as_str();
                let places = text.split_once('.').map_or(0, |(_, frac)| frac.len());
                if places > usize::from(decimals) {
                    return Err(Error::input(
                        format!("`{text}` has {places} decimals; {symbol} has {decimals}"),
                        format!("round it to {decimals} decimals"),
                    ));
                }
                match parse_units(text, decimals) {
                    Ok(ParseUnits::U256(value)) => Ok(value),
                    _ => Err(Error::input(
                        format!("`{text}` is too large an amount of {symbol}"),
                        "amounts must fit in 256 bits",
                    )),
                }
            }
        }
    }
}

/// `"25%"` or `"0.25"` → 0.25e18.
pub fn parse_fraction(text: &str) -> Result<U256> {
    let text = text.trim();
    let bad = |why: &str| {
        Error::input(
            format!("`{text}` is not a fraction: {why}"),
            "write it as a percentage like 25% or a decimal like 0.25",
        )
    };
    let (number, scale) = match text.strip_suffix('%') {
        Some(percent) => (percent.trim(), U256::from(100)),
        None => (text, U256::from(1)),
    };
    let amount = Amount::parse(number).map_err(|_| bad("it is not a non-negative number"))?;
    let Amount::Tokens(_) = amount else {
        return Err(bad("it is not a non-negative number"));
    };
    let wad = amount.to_units(DECIMALS, "a fraction")? / scale;
    if wad > WAD {
        return Err(Error::input(
            format!("`{text}` is above 100%"),
            "fractions go from 0% to 100%",
        ));
    }
    Ok(wad)
}

/// `"7d"`, `"24h"`, `"30m"`, `"90s"` or plain seconds.
pub fn parse_duration(text: &str) -> Result<u64> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, "s"),
    };
    let multiplier = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => 0,
    };
    let bad = || {
        Error::input(
            format!("`{text}` is not a duration"),
            "write it like 7d, 24h, 30m, 90s or plain seconds",
        )
    };
    let n: u64 = digits.parse().map_err(|_| bad())?;
    if multiplier == 0 {
        return Err(bad());
    }
    n.checked_mul(multiplier).ok_or_else(bad)
}

/// A WAD quantity (rate, health factor) or an 18-decimal token amount: 1234.5e18 →
/// `"1,234.5"`.
pub fn format_amount(value: U256, max_decimals: usize) -> String {
    format_tokens(value, DECIMALS, max_decimals)
}

/// `value` base units of a token with `decimals` decimals, at most `max_decimals` shown,
/// trailing zeros dropped, thousands grouped: (1_234_500_000, 6) → `"1,234.5"`.
pub fn format_tokens(value: U256, decimals: u8, max_decimals: usize) -> String {
    let text = format_units(value, decimals).unwrap_or_else(|_| value.to_string());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac: String = frac.chars().take(max_decimals).collect();
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    }
}

/// 0.125e18 → `"12.50%"`.
pub fn format_fraction(wad: U256) -> String {
    let basis_points_x100 = wad * U256::from(10_000) / WAD;
    let v: u128 = basis_points_x100.try_into().unwrap_or(u128::MAX);
    format!("{}.{:02}%", v / 100, v % 100)
}

/// 90061 → `"1d 1h 1m 1s"`.
pub fn format_duration(seconds: u64) -> String {
    if seconds == 0 {
        return "0s".into();
    }
    let parts = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    let mut left = seconds;
    let mut out = Vec::new();
    for (size, unit) in parts {
        if left >= size {
            out.push(format!("{}{unit}", left / size));
            left %= size;
        }
    }
    out.join(" ")
}

/// How long until `at`, seen at `now`, to the two largest units, with the date:
/// `"in 6 d 23 h (2026-12-07 14:03 UTC)"`.
pub fn format_until(now: u64, at: u64) -> String {
    let left = at.saturating_sub(now);
    let parts = [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")];
    let mut rest = left;
    let shown: Vec<String> = parts
        .iter()
        .filter_map(|&(size, unit)| {
            let n = rest / size;
            rest %= size;
            (n > 0).then(|| format!("{n} {unit}"))
        })
        .take(2)
        .collect();
    let span = if shown.is_empty() {
        "0 s".to_owned()
    } else {
        shown.join(" ")
    };
    format!("in {span} ({})", format_utc(at))
}

/// A unix time as `"2026-12-07 14:03 UTC"`.
pub fn format_utc(timestamp: u64) -> String {
    let days = timestamp / 86_400;
    let seconds = timestamp % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        seconds / 3_600,
        seconds % 3_600 / 60
    )
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar, by Howard
/// Hinnant's `civil_from_days` (eras of 400 years, March-based years so leap days come last).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Serialises an amount as a decimal string in `--json` output: what `cast call` prints,
/// and exact (a JSON number would lose precision above 2^53).
pub fn decimal<S: serde::Serializer>(value: &U256, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str, decimals: u8) -> Result<U256> {
        Amount::parse(text)?.to_units(decimals, "TOK")
    }

    #[test]
    fn amounts_parse_in_whole_tokens_of_the_tokens_decimals_or_raw_units() {
        assert_eq!(
            units("1.5", 18).unwrap(),
            U256::from(15u128 * 10u128.pow(17))
        );
        assert_eq!(units("1.5", 6).unwrap(), U256::from(1_500_000));
        assert_eq!(units("7wei", 6).unwrap(), U256::from(7));
        assert_eq!(units("1_000", 0).unwrap(), U256::from(1000));
        assert_eq!(units(".5", 6).unwrap(), U256::from(500_000));
        assert_eq!(units("5.", 6).unwrap(), U256::from(5_000_000));
        assert_eq!(units("0.000001", 6).unwrap(), U256::from(1));
        assert_eq!(units("1.50000000", 6).unwrap(), U256::from(1_500_000));
    }

    #[test]
    fn bad_amounts_say_what_is_wrong() {
        let why = |text: &str| Amount::parse(text).unwrap_err().to_string();
        assert!(why("-5").contains("cannot be negative"), "{}", why("-5"));
        assert!(why("1.5.5").contains("more than one decimal point"));
        assert!(why("ten").contains("`t` is not a digit"));
        assert!(why("").contains("empty"));
        let err = units("1.1234567", 6).unwrap_err().to_string();
        assert!(err.contains("has 7 decimals; TOK has 6"), "{err}");
    }

    #[test]
    fn fractions_take_percentages_or_decimals_and_refuse_above_one() {
        assert_eq!(parse_fraction("25%").unwrap(), WAD / U256::from(4));
        assert_eq!(parse_fraction("0.25").unwrap(), WAD / U256::from(4));
        assert!(
            parse_fraction("150%")
                .unwrap_err()
                .to_string()
                .contains("above 100%")
        );
        assert!(parse_fraction("-5%").is_err());
        assert!(parse_fraction("5wei").is_err());
    }

    #[test]
    fn durations_take_units() {
        assert_eq!(parse_duration("7d").unwrap(), 604_800);
        assert_eq!(parse_duration("90").unwrap(), 90);
        assert!(parse_duration("7w").is_err());
        assert_eq!(format_duration(90_061), "1d 1h 1m 1s");
    }

    #[test]
    fn amounts_and_fractions_print_for_people() {
        assert_eq!(
            format_amount(units("1234567.891", 18).unwrap(), 2),
            "1,234,567.89"
        );
        assert_eq!(format_tokens(U256::from(1_234_500_000), 6, 4), "1,234.5");
        assert_eq!(format_amount(U256::ZERO, 4), "0");
        assert_eq!(format_fraction(WAD / U256::from(8)), "12.50%");
    }

    #[test]
    fn times_print_as_a_countdown_and_a_utc_date() {
        // 2026-12-07 14:03 UTC is 1796652180.
        assert_eq!(format_utc(1_796_652_180), "2026-12-07 14:03 UTC");
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00 UTC");
        let now = 1_796_652_180 - (6 * 86_400 + 23 * 3_600 + 59);
        assert_eq!(
            format_until(now, 1_796_652_180),
            "in 6 d 23 h (2026-12-07 14:03 UTC)"
        );
    }
}
