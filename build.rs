// The theme in templates/ and static/ is embedded with include_dir!, which cargo does not track
// on stable Rust: tell it to rebuild when a theme file changes.
fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static");
}
