use crate::ParseError;

/// An ISO 4217 currency this marketplace accepts, with its number of minor-unit digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    exponent: u32,
}

/// Currencies we take payment in. The exponent is ISO 4217's minor-unit count.
const CURRENCIES: &[(&str, u32)] = &[
    ("AUD", 2),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("INR", 2),
    ("JPY", 0),
    ("KRW", 0),
    ("MXN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("PLN", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("USD", 2),
    ("ZAR", 2),
];

impl Currency {
    /// Parses a three-letter code, case-insensitively.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let upper = s.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(code, _)| *code == upper)
            .map(|&(code, exponent)| Self { code, exponent })
            .ok_or_else(|| ParseError::new("currency", format!("unsupported currency {s:?}")))
    }

    pub fn code(self) -> &'static str {
        self.code
    }

    /// Digits after the decimal point in this currency's major unit (2 for USD, 0 for JPY).
    pub fn exponent(self) -> u32 {
        self.exponent
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)
    }
}

/// An amount of money: integer minor units and a currency. Never floating point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    amount_minor: i64,
    currency: Currency,
}

impl Money {
    /// Largest price accepted: 1 000 000 major units keeps absurd typos out.
    pub const MAX_MAJOR: i64 = 1_000_000;

    pub fn new(amount_minor: i64, currency: Currency) -> Result<Self, ParseError> {
        if amount_minor < 0 {
            return Err(ParseError::new(
                "price.amount_minor",
                "must not be negative",
            ));
        }
        let max = Self::MAX_MAJOR * 10_i64.pow(currency.exponent);
        if amount_minor > max {
            return Err(ParseError::new(
                "price.amount_minor",
                format!("at most {} {}", Self::MAX_MAJOR, currency.code),
            ));
        }
        Ok(Self {
            amount_minor,
            currency,
        })
    }

    /// Parses a decimal amount in major units ("12.50") exactly, without going through floats.
    pub fn parse_decimal(amount: &str, currency: Currency) -> Result<Self, ParseError> {
        let bad = || {
            ParseError::new(
                "price",
                format!(
                    "{amount:?} is not an amount in {} with at most {} decimals",
                    currency.code, currency.exponent
                ),
            )
        };
        let s = amount.trim();
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(bad());
        }
        if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if frac.len() > currency.exponent as usize || whole.len() > 12 {
            return Err(bad());
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let mut frac_digits = frac.to_owned();
        while frac_digits.len() < currency.exponent as usize {
            frac_digits.push('0');
        }
        let frac: i64 = if frac_digits.is_empty() {
            0
        } else {
            frac_digits.parse().map_err(|_| bad())?
        };
        let minor = whole
            .checked_mul(10_i64.pow(currency.exponent))
            .and_then(|w| w.checked_add(frac))
            .ok_or_else(bad)?;
        Self::new(minor, currency)
    }

    pub fn amount_minor(self) -> i64 {
        self.amount_minor
    }

    pub fn currency(self) -> Currency {
        self.currency
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let exp = self.currency.exponent;
        if exp == 0 {
            return write!(f, "{} {}", self.amount_minor, self.currency.code);
        }
        let div = 10_i64.pow(exp);
        write!(
            f,
            "{}.{:0width$} {}",
            self.amount_minor / div,
            self.amount_minor % div,
            self.currency.code,
            width = exp as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::parse("usd").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn decimal_amounts_parse_exactly() {
        let m = |s| Money::parse_decimal(s, usd()).map(Money::amount_minor);
        assert_eq!(m("12.50"), Ok(1250));
        assert_eq!(m("12.5"), Ok(1250));
        assert_eq!(m("12"), Ok(1200));
        assert_eq!(m("0.01"), Ok(1));
        assert_eq!(m(".5"), Ok(50));
        assert!(m("12.345").is_err());
        assert!(m("-1").is_err());
        assert!(m("1e3").is_err());
        assert!(m("").is_err());
        assert!(m(".").is_err());
        assert!(m("99999999999999999").is_err());
    }

    #[test]
    fn zero_exponent_currencies_take_no_decimals() {
        let jpy = Currency::parse("JPY").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            Money::parse_decimal("1500", jpy).map(Money::amount_minor),
            Ok(1500)
        );
        assert!(Money::parse_decimal("15.5", jpy).is_err());
        assert_eq!(
            Money::new(1500, jpy).map(|m| m.to_string()),
            Ok("1500 JPY".into())
        );
    }

    #[test]
    fn display_pads_minor_units() {
        assert_eq!(
            Money::new(1205, usd()).map(|m| m.to_string()),
            Ok("12.05 USD".into())
        );
    }

    #[test]
    fn unknown_currency_names_the_field() {
        assert_eq!(Currency::parse("XXX").map_err(|e| e.field), Err("currency"));
    }
}
