//! What the protocol needs to know to type a key.

/// `(key, code, windowsVirtualKeyCode, text, needs shift)` for a key name or a character.
pub fn key_info(key: &str) -> (String, String, u32, String, bool) {
    let named = |code: &str, vk| (key.to_string(), code.to_string(), vk, String::new(), false);
    match key {
        "ArrowLeft" => named("ArrowLeft", 37),
        "ArrowUp" => named("ArrowUp", 38),
        "ArrowRight" => named("ArrowRight", 39),
        "ArrowDown" => named("ArrowDown", 40),
        "PageUp" => named("PageUp", 33),
        "PageDown" => named("PageDown", 34),
        "End" => named("End", 35),
        "Home" => named("Home", 36),
        "Escape" => named("Escape", 27),
        "Tab" => named("Tab", 9),
        "Backspace" => named("Backspace", 8),
        "Enter" => ("Enter".into(), "Enter".into(), 13, "\r".into(), false),
        "Space" | " " => (" ".into(), "Space".into(), 32, " ".into(), false),
        _ => {
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                panic!("unknown key {key}");
            };
            let (code, vk, shift) = match c {
                'a'..='z' => (
                    format!("Key{}", c.to_ascii_uppercase()),
                    c.to_ascii_uppercase() as u32,
                    false,
                ),
                'A'..='Z' => (format!("Key{c}"), c as u32, true),
                '0'..='9' => (format!("Digit{c}"), c as u32, false),
                '.' => ("Period".into(), 190, false),
                '?' => ("Slash".into(), 191, true),
                '/' => ("Slash".into(), 191, false),
                '+' => ("Equal".into(), 187, true),
                '=' => ("Equal".into(), 187, false),
                '-' => ("Minus".into(), 189, false),
                _ => panic!("no key code for {c:?}"),
            };
            (c.to_string(), code, vk, c.to_string(), shift)
        }
    }
}
