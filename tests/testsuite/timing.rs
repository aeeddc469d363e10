//! The bundled workshop's time plan, as a presenter follows it: every slide's notes give one
//! timing cue (`≈1.5 min`), a chapter's cues add up to its duration within a minute, and every
//! checkpoint in the notes ("you should be at minute 8") is the sum of the cues up to it.

use std::path::Path;

use crate::pdf::{load, strip_tags};

/// The numbers written as `≈N min` in `text`, in order.
fn cues(text: &str) -> Vec<f64> {
    text.match_indices('≈')
        .filter_map(|(at, _)| {
            let rest = text[at + '≈'.len_utf8()..].trim_start();
            let number: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let unit = rest[number.len()..].trim_start();
            (unit.starts_with("min") && !number.is_empty()).then(|| number.parse().ok())?
        })
        .collect()
}

/// The minutes of every "at minute N" in `text`.
fn checkpoints(text: &str) -> Vec<f64> {
    text.match_indices("at minute ")
        .filter_map(|(at, needle)| {
            let number: String = text[at + needle.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            number.trim_end_matches('.').parse().ok()
        })
        .collect()
}

#[test]
fn every_chapter_of_the_bundled_workshop_keeps_to_its_time_plan() {
    let (_, workshop) = load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let mut problems = Vec::new();
    for chapter in &workshop.chapters {
        let duration = f64::from(chapter.duration.expect("every chapter has a duration"));
        let mut elapsed = 0.0;
        let mut checked = 0;
        for slide in &chapter.slides {
            let notes = strip_tags(slide.notes_html.as_deref().unwrap_or(""));
            match cues(&notes).as_slice() {
                [minutes] => elapsed += minutes,
                found => problems.push(format!(
                    "{}: {} timing cues in the notes, not one: {found:?}",
                    slide.id,
                    found.len()
                )),
            }
            for checkpoint in checkpoints(&notes) {
                checked += 1;
                if (checkpoint - elapsed).abs() > 0.01 {
                    problems.push(format!(
                        "{}: the notes say minute {checkpoint}, the cues add up to {elapsed}",
                        slide.id
                    ));
                }
            }
        }
        if (elapsed - duration).abs() > 1.0 {
            problems.push(format!(
                "{}: the cues add up to {elapsed} minutes for a {duration}-minute chapter",
                chapter.slug
            ));
        }
        if checked < 2 {
            problems.push(format!(
                "{}: only {checked} checkpoints to pace by",
                chapter.slug
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn cues_and_checkpoints_are_read_as_written() {
    assert_eq!(
        cues("Demo: run it. ≈1.5 min; you should be at minute 8."),
        [1.5]
    );
    assert_eq!(cues("≈ $73/month, then ≈2 min"), [2.0]);
    assert_eq!(
        checkpoints("you should be at minute 19.5. Then finish at minute 20."),
        [19.5, 20.0]
    );
}
