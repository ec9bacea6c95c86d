// Keep Windows release builds from opening a console window next to the phone.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    dialtone::app::main()
}
