// The IPC commands the UI may invoke: one line each, the only list of them on the Rust side.
// `src-tauri/build.rs` includes this file to generate one permission per command (so the
// capability grants exactly these), `commands.rs` to register the handlers; the UI's table is
// `COMMANDS` in `ui/src/ipc.ts`, and tests/contract.rs checks the two tables and the
// capability file agree.
commands! {
    get_token,
    settings_status,
    save_settings,
    import_env,
    webhook_status,
    report_phone_status,
    open_calling_window,
    calling_window_status,
    history_status,
    call_history,
    clear_call_history,
    voicemails,
    voicemail_audio,
    mark_voicemail_heard,
    save_voicemail,
    delete_voicemail,
    set_voicemail_greeting,
    clear_voicemail_greeting,
    contacts,
    add_contact,
    edit_contact,
    delete_contact,
    import_contacts,
    caller_name,
    take_waiting_dial,
    setup_account,
    setup_connect,
    setup_disconnect,
    setup_status,
    check_wiring,
    repair_wiring,
    set_caller_id,
}
