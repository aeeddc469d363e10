//! `hl_lines` in the numbers the gutter shows, and what the old rule meant.
//!
//! A block's lines carry the numbers its gutter shows: 1, 2, 3… for code written in the
//! chapter, the file's own numbers for an include (a slice from line 9 shows 9, 10…; an
//! `ANCHOR` line inside it leaves a gap), or `linenos=N` onwards. `hl_lines="9-12"` names lines
//! by those numbers. Until issue 14 it counted from the first line shown instead, so a block
//! whose gutter does not start at 1 may now light other lines: [`resolve`] says so once.
//!
//! The page's runtime steps through lines by position, so what it receives (`data-steps`,
//! `data-lines`) is converted to positions here.

use std::ops::RangeInclusive;

use super::code::parse_steps;

/// Groups of 1-based positions in the block (what the runtime and the HTML use).
pub(super) type Steps = Vec<Vec<RangeInclusive<usize>>>;

/// What `hl_lines` resolved to.
#[derive(Debug)]
pub(super) struct Resolved {
    pub steps: Steps,
    /// The spec read the old way lit other lines (or the new way none): the words to warn with.
    pub migration: Option<(String, String)>,
}

/// Read `spec` (spaces removed) against `numbers`, the gutter numbers of the block's lines in
/// order. `confirmed`: the block sets `linenos`, so its author has seen the numbers and the old
/// rule is not worth a warning. `Err` holds the message of an `hl_lines` wrong under both rules.
pub(super) fn resolve(spec: &str, numbers: &[usize], confirmed: bool) -> Result<Resolved, String> {
    let from_one = numbers.iter().enumerate().all(|(i, n)| *n == i + 1);
    let new = by_number(spec, numbers);
    if from_one || confirmed {
        return new.map(|steps| Resolved {
            steps,
            migration: None,
        });
    }
    let old = parse_steps(spec, numbers.len()).ok();
    match (new, old) {
        (Ok(steps), Some(old)) if old != steps => {
            let migration = Some(migration_words(spec, numbers, &old, Some(&steps)));
            Ok(Resolved { steps, migration })
        }
        (Ok(steps), _) => Ok(Resolved {
            steps,
            migration: None,
        }),
        // Valid only the old way: nothing is lit until the author says which lines they mean.
        (Err(_), Some(old)) => Ok(Resolved {
            steps: Vec::new(),
            migration: Some(migration_words(spec, numbers, &old, None)),
        }),
        (Err(message), None) => Err(message),
    }
}

/// `spec` by gutter numbers → positions.
fn by_number(spec: &str, numbers: &[usize]) -> Result<Steps, String> {
    let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) else {
        return Err("hl_lines: the block has no lines".into());
    };
    // Syntax and order as before; the range is checked against the numbers shown.
    let groups = parse_steps(spec, usize::MAX)?;
    groups
        .into_iter()
        .map(|group| {
            group
                .into_iter()
                .map(|range| {
                    let (a, b) = (*range.start(), *range.end());
                    let shown = if a == b { format!("line {a}") } else { format!("lines {a}-{b}") };
                    if b > last {
                        return Err(format!(
                            "hl_lines: line {b} is past the end of the block, whose lines are numbered {first}–{last}"
                        ));
                    }
                    if a < first {
                        return Err(format!(
                            "hl_lines: line {a} comes before the block, whose lines are numbered {first}–{last}"
                        ));
                    }
                    let start = numbers.iter().position(|n| *n >= a);
                    let end = numbers.iter().rposition(|n| *n <= b);
                    match (start, end) {
                        (Some(s), Some(e)) if s <= e => Ok(s + 1..=e + 1),
                        _ => Err(format!(
                            "hl_lines: {shown} {} not shown (an ANCHOR line is never shown)",
                            if a == b { "is" } else { "are" }
                        )),
                    }
                })
                .collect()
        })
        .collect()
}

/// The warning's message and hint: what `spec` lights now, what it meant, what to write.
fn migration_words(
    spec: &str,
    numbers: &[usize],
    old: &Steps,
    new: Option<&Steps>,
) -> (String, String) {
    let (first, last) = (numbers[0], numbers[numbers.len() - 1]);
    let as_numbers = |steps: &Steps| -> String {
        steps
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|r| {
                        let (a, b) = (numbers[*r.start() - 1], numbers[*r.end() - 1]);
                        if a == b {
                            a.to_string()
                        } else {
                            format!("{a}-{b}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    let meant = as_numbers(old);
    let now = match new {
        Some(new) => format!("it lights the lines numbered {}", as_numbers(new)),
        None => "it is outside them, so nothing is lit".to_string(),
    };
    (
        format!(
            "hl_lines=\"{spec}\" now counts the numbers in the gutter ({first}–{last}): {now}; it used to mean the lines numbered {meant}"
        ),
        format!(
            "for those lines write hl_lines=\"{meant}\"; if the gutter's numbers are what you meant, add `linenos=true` to say so"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_one_mean_what_they_always_meant() {
        let r = resolve("2-3|5", &[1, 2, 3, 4, 5], false).unwrap();
        assert_eq!(r.steps, vec![vec![2..=3], vec![5..=5]]);
        assert!(r.migration.is_none());
    }

    #[test]
    fn a_slice_from_line_9_is_lit_by_its_own_numbers() {
        let numbers: Vec<usize> = (9..=20).collect();
        let r = resolve("9-12", &numbers, true).unwrap();
        assert_eq!(r.steps, vec![vec![1..=4]]);
        assert!(r.migration.is_none());
        // Valid both ways, meaning different lines: a warning that says both.
        let r = resolve("9-12", &numbers, false).unwrap();
        assert_eq!(r.steps, vec![vec![1..=4]]);
        let (message, hint) = r.migration.unwrap();
        assert!(message.contains("numbered 17-20"), "{message}");
        assert!(hint.contains("hl_lines=\"17-20\""), "{hint}");
    }

    #[test]
    fn an_old_spec_now_out_of_range_lights_nothing_and_warns() {
        let numbers: Vec<usize> = (9..=20).collect();
        let r = resolve("2-4", &numbers, false).unwrap();
        assert!(r.steps.is_empty());
        assert!(r.migration.unwrap().1.contains("hl_lines=\"10-12\""));
        assert!(resolve("30", &numbers, false).is_err());
        assert!(resolve("2-4", &numbers, true).is_err());
    }

    #[test]
    fn gaps_left_by_anchor_lines_are_skipped() {
        // Lines 9, 11, 12, 13: line 10 was an ANCHOR marker.
        let r = resolve("9-12", &[9, 11, 12, 13], true).unwrap();
        assert_eq!(r.steps, vec![vec![1..=3]]);
        assert!(
            resolve("10", &[9, 11, 12, 13], true)
                .unwrap_err()
                .contains("not shown")
        );
    }
}
