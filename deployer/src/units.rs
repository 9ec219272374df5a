//! Parsing and printing of the quantities people type and read: token amounts (18 decimals),
//! fractions (WAD) and durations.

use alloy::primitives::{
    U256,
    utils::{ParseUnits, format_units, parse_units},
};

use crate::error::{Error, Result};

pub const DECIMALS: u8 = 18;
pub const WAD: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// `"1.5"` → 1.5e18; `"1500000000000000000wei"` is taken as-is.
pub fn parse_amount(text: &str) -> Result<U256> {
    let text = text.trim().replace('_', "");
    if let Some(raw) = text.strip_suffix("wei") {
        return raw.parse().map_err(|_| bad_amount(&text));
    }
    unsigned(&text).ok_or_else(|| bad_amount(&text))
}

/// `text` in 18-decimal units; `None` for negative or malformed numbers.
fn unsigned(text: &str) -> Option<U256> {
    match parse_units(text, DECIMALS).ok()? {
        ParseUnits::U256(value) => Some(value),
        ParseUnits::I256(_) => None,
    }
}

fn bad_amount(text: &str) -> Error {
    Error::input(
        format!("`{text}` is not a token amount"),
        "write it in whole tokens like 100 or 0.5, or raw as 5wei",
    )
}

/// `"25%"` or `"0.25"` → 0.25e18.
pub fn parse_fraction(text: &str) -> Result<U256> {
    let text = text.trim();
    let bad = || {
        Error::input(
            format!("`{text}` is not a fraction"),
            "write it as a percentage like 25% or a decimal like 0.25",
        )
    };
    let wad = match text.strip_suffix('%') {
        Some(percent) => {
            let v = parse_units(percent.trim(), DECIMALS)
                .map_err(|_| bad())?
                .get_absolute();
            v / U256::from(100)
        }
        None => parse_units(text, DECIMALS)
            .map_err(|_| bad())?
            .get_absolute(),
    };
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

/// 1234.5e18 → `"1,234.5"` (at most `max_decimals` decimals, trailing zeros dropped).
pub fn format_amount(value: U256, max_decimals: usize) -> String {
    let text = format_units(value, DECIMALS).unwrap_or_else(|_| value.to_string());
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

/// Serialises an amount as a decimal string in `--json` output: what `cast call` prints,
/// and exact (a JSON number would lose precision above 2^53).
pub fn decimal<S: serde::Serializer>(value: &U256, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_in_whole_tokens_or_raw_wei() {
        assert_eq!(
            parse_amount("1.5").unwrap(),
            U256::from(15u128 * 10u128.pow(17))
        );
        assert_eq!(parse_amount("7wei").unwrap(), U256::from(7));
        assert_eq!(
            parse_amount("1_000").unwrap(),
            U256::from(1000u128 * 10u128.pow(18))
        );
        assert!(parse_amount("-1").is_err());
        assert!(parse_amount("ten").is_err());
    }

    #[test]
    fn fractions_take_percentages_or_decimals_and_refuse_above_one() {
        assert_eq!(parse_fraction("25%").unwrap(), WAD / U256::from(4));
        assert_eq!(parse_fraction("0.25").unwrap(), WAD / U256::from(4));
        assert!(parse_fraction("101%").is_err());
        assert!(parse_fraction("-5%").is_err());
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
            format_amount(parse_amount("1234567.891").unwrap(), 2),
            "1,234,567.89"
        );
        assert_eq!(format_amount(U256::ZERO, 4), "0");
        assert_eq!(format_fraction(WAD / U256::from(8)), "12.50%");
    }
}
