// Keep Windows release builds from opening a console window next to the phone.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// mimalloc rather than the system's malloc: see its entry in Cargo.toml, and the load-test and
/// footprint figures in the README, which were measured with it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dialtone::app::main()
}
