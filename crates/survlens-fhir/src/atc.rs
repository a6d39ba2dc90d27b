//! WHO ATC codes and the dictionary's lists of them (`L01XA, L01BC05`): a code is held by a
//! listed code it starts with, and a longer listed code is a more specific match.

/// The canonical form of an ATC code (upper case, no spaces), if it looks like one: a
/// letter, two digits, then up to two letters and two digits (`L`, `L01`, `L01X`, `L01XA`,
/// `L01XA01`).
pub fn canonical(code: &str) -> Option<String> {
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let b = code.as_bytes();
    let shape = |i: usize, c: &u8| match i {
        0 | 3 | 4 => c.is_ascii_uppercase(),
        _ => c.is_ascii_digit(),
    };
    (matches!(b.len(), 1 | 3 | 4 | 5 | 7) && b.iter().enumerate().all(|(i, c)| shape(i, c)))
        .then_some(code)
}

/// The length of the longest code of `list` (comma separated) that `code` starts with.
pub fn matches(list: &str, code: &str) -> Option<usize> {
    list.split(',')
        .map(str::trim)
        .filter(|listed| !listed.is_empty() && code.starts_with(listed))
        .map(str::len)
        .max()
}

/// The first code of a list, as an example of a code it holds.
pub fn first_code(list: &str) -> Option<&str> {
    list.split(',').map(str::trim).find(|c| !c.is_empty())
}
