//! The floor for any command: a Rust process that starts, prints a line and exits.
//! `bench/run.sh` reports chunjiang's times as ratios to this.

fn main() {
    println!("hello");
}
