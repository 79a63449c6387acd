//! The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
//! 31-character alphabet (digits and capitals without I, O, S, V, Z), the last one a check
//! character over the first seventeen (weights 3^i mod 31).

use crate::error::Rule;

/// The code alphabet; a character's value is its index.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weight of each of the first 17 positions: 3^i mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

const FORMAT: Rule = Rule::BadFormat {
    expected: crate::error::expected::CREDIT_CODE,
};

fn value_of(byte: u8) -> Option<u32> {
    ALPHABET.iter().position(|&c| c == byte).map(|i| i as u32)
}

/// The check character for the first 17 characters of a code, if they are all in the alphabet.
pub fn check_character(first_17: &str) -> Option<char> {
    if first_17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (byte, weight) in first_17.bytes().zip(WEIGHTS) {
        sum += value_of(byte)? * weight;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

/// Checks the form and the check character of a code.
pub fn check(code: &str) -> Result<(), Rule> {
    if code.len() != 18 || !code.is_ascii() || !code.bytes().all(|b| value_of(b).is_some()) {
        return Err(FORMAT);
    }
    match check_character(&code[..17]) {
        Some(expected) if code.ends_with(expected) => Ok(()),
        _ => Err(Rule::BadChecksum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The first two are widely cited codes of large firms; the others were made with the
    // algorithm above for the sample profiles (they belong to no one).
    #[test]
    fn accepts_valid_codes() {
        for code in [
            "91110000802100433B",
            "91440300708461136T",
            "92330106MA2GJ2K8XD",
            "93530102MA6K4R0W1A",
        ] {
            assert_eq!(check(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn rejects_a_single_changed_character() {
        assert_eq!(check("91110000802100433C"), Err(Rule::BadChecksum));
        assert_eq!(check("91110000802100434B"), Err(Rule::BadChecksum));
    }

    #[test]
    fn rejects_bad_forms() {
        for code in [
            "",
            "9111000080210043",
            "91110000802100433BX",
            "9111000080210O433B",
            "91110000802100433b",
            "九1110000802100433",
        ] {
            assert_eq!(check(code), Err(FORMAT), "{code}");
        }
    }
}
