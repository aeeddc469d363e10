//! `kubectl` commands as written in chapters, notes and shell scripts: found in free text
//! (Markdown code, inline code, prose) and split into words that remember where they are.

/// One word of a command, unquoted, with the byte offset of its first character in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub offset: usize,
}

/// One `kubectl …` command: its words after `kubectl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub words: Vec<Word>,
}

/// Every `kubectl` command in `text`. A command ends at the end of its line (a trailing `\`
/// continues it), at a backtick (inline code in Markdown), or at a shell operator (`|`, `;`,
/// `&&`, `)`, `#` comments).
pub fn kubectl_commands(text: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("kubectl") {
        let start = from + found;
        let end = start + "kubectl".len();
        from = end;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let starts_word = before.is_none_or(|c| c.is_whitespace() || "`$(|;&".contains(c));
        if !starts_word || !after.is_some_and(|c| c == ' ' || c == '\t') {
            continue;
        }
        let (words, stop) = words(text, end);
        from = stop;
        commands.push(Command { words });
    }
    commands
}

/// The words from `start` to the end of the command, and where the command ends.
fn words(text: &str, start: usize) -> (Vec<Word>, usize) {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut i = start;
    loop {
        // Skip blanks and line continuations.
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t' => i += 1,
                b'\\' if text[i + 1..].starts_with('\n') => i += 2,
                b'\\' if text[i + 1..].starts_with("\r\n") => i += 3,
                _ => break,
            }
        }
        if i >= bytes.len()
            || matches!(bytes[i], b'\n' | b'\r' | b'`' | b'|' | b';' | b')' | b'#')
            || text[i..].starts_with("&&")
        {
            return (words, i);
        }
        let (word, next) = word(text, i);
        words.push(word);
        i = next;
    }
}

/// One word starting at `start`: quotes are removed (a quoted word's offset is its content's).
fn word(text: &str, start: usize) -> (Word, usize) {
    let mut out = String::new();
    let mut offset = None;
    let mut chars = text[start..].char_indices().peekable();
    let mut end = text.len();
    while let Some(&(i, c)) = chars.peek() {
        let at = start + i;
        match c {
            '\'' | '"' => {
                chars.next();
                for (j, q) in chars.by_ref() {
                    if q == c {
                        end = start + j + 1;
                        break;
                    }
                    offset.get_or_insert(start + j);
                    out.push(q);
                    end = text.len();
                }
            }
            c if c.is_whitespace() || "`|;)".contains(c) => {
                end = at;
                break;
            }
            c => {
                offset.get_or_insert(at);
                out.push(c);
                chars.next();
                end = at + c.len_utf8();
            }
        }
    }
    (
        Word {
            text: out,
            offset: offset.unwrap_or(start),
        },
        end,
    )
}

impl Command {
    /// The values of the options `names` (each written `-x VALUE`, `-x=VALUE` or
    /// `--long=VALUE`), in order.
    pub fn option_values<'c>(&'c self, names: &[&str]) -> Vec<&'c Word> {
        let mut values = Vec::new();
        let mut words = self.words.iter();
        while let Some(word) = words.next() {
            if names.contains(&word.text.as_str()) {
                if let Some(value) = words.next() {
                    values.push(value);
                }
            } else if names.iter().any(|n| {
                word.text
                    .strip_prefix(n)
                    .is_some_and(|rest| rest.starts_with('='))
            }) {
                values.push(word);
            }
        }
        values
    }

    /// The first value of `names`, as text without the `--name=` part.
    pub fn option(&self, names: &[&str]) -> Option<String> {
        self.option_values(names)
            .first()
            .map(|w| option_text(w, names).to_string())
    }

    /// The words that are neither options nor option values: `create secret tls NAME` gives
    /// `create`, `secret`, `tls`, `NAME`.
    pub fn positionals(&self, options_with_values: &[&str]) -> Vec<&Word> {
        let mut out = Vec::new();
        let mut words = self.words.iter();
        while let Some(word) = words.next() {
            if options_with_values.contains(&word.text.as_str()) {
                words.next();
            } else if !word.text.starts_with('-') {
                out.push(word);
            }
        }
        out
    }
}

/// A value's text without its `--name=` prefix.
pub fn option_text<'w>(word: &'w Word, names: &[&str]) -> &'w str {
    names
        .iter()
        .find_map(|n| word.text.strip_prefix(n).and_then(|r| r.strip_prefix('=')))
        .unwrap_or(&word.text)
}

/// The offset of a value's text in the source, past any `--name=` prefix.
pub fn option_offset(word: &Word, names: &[&str]) -> usize {
    word.offset + (word.text.len() - option_text(word, names).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(command: &Command) -> Vec<&str> {
        command.words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn commands_are_found_in_code_inline_code_and_scripts() {
        let text = "Demo: `kubectl apply -f samples/a.yaml` then\n```console\n$ kubectl get pods -o wide | grep web\n$ kubectl delete -f \\\n    \"samples/b dir/\" && echo done\n```\nnot kubectlish, nor mykubectl get.\n";
        let commands = kubectl_commands(text);
        assert_eq!(commands.len(), 3, "{commands:?}");
        assert_eq!(texts(&commands[0]), ["apply", "-f", "samples/a.yaml"]);
        assert_eq!(texts(&commands[1]), ["get", "pods", "-o", "wide"]);
        assert_eq!(texts(&commands[2]), ["delete", "-f", "samples/b dir/"]);
        let quoted = &commands[2].words[2];
        assert_eq!(&text[quoted.offset..quoted.offset + 7], "samples");
    }

    #[test]
    fn options_are_read_in_every_spelling() {
        let text = "kubectl apply -f one.yaml --filename=two.yaml -k dir/ -n shop -- x\n";
        let command = &kubectl_commands(text)[0];
        let files: Vec<&str> = command
            .option_values(&["-f", "--filename"])
            .iter()
            .map(|w| option_text(w, &["-f", "--filename"]))
            .collect();
        assert_eq!(files, ["one.yaml", "two.yaml"]);
        let two = command.option_values(&["--filename"])[0];
        assert_eq!(
            &text[option_offset(two, &["--filename"])..][..8],
            "two.yaml"
        );
        assert_eq!(
            command.option(&["-n", "--namespace"]).as_deref(),
            Some("shop")
        );
        let positionals: Vec<&str> = command
            .positionals(&["-f", "--filename", "-k", "-n"])
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(positionals, ["apply", "x"]);
    }
}
