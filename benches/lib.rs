//! The criterion benches of gazette, a crate of their own so that building
//! gazette (or running its examples) never compiles criterion. Run them with
//! `cargo bench -p gazette-benches`; the benches are in `extract.rs`.
