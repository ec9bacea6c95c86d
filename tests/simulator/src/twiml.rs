//! The TwiML subset the simulator executes.

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Number(String),
    Client {
        identity: String,
        params: Vec<(String, String)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verb {
    Dial {
        caller_id: Option<String>,
        answer_on_bridge: bool,
        timeout: u64,
        targets: Vec<Target>,
        /// Requested when the dialled leg ends, with `DialCallStatus`; its TwiML replaces the
        /// rest of the document.
        action: Option<String>,
    },
    Say(String),
    /// `<Play>url</Play>`: the audio is fetched (GET, signed) and played.
    Play(String),
    Record(Record),
    /// `<Echo/>`: answered, and the caller's audio is sent back to them until they hang up.
    Echo,
    Hangup,
    Reject {
        reason: String,
    },
    Other(String),
}

/// `<Record>`, the attributes the simulator acts on (`twilio-rest.md` §3.2).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Seconds; Twilio's default is 3600.
    pub max_length: u64,
    /// Requested with `RecordingUrl`, `RecordingDuration`, `Digits`; `None`: the current document.
    pub action: Option<String>,
    pub recording_status_callback: Option<String>,
    pub play_beep: bool,
}

pub fn parse(xml: &str) -> Result<Vec<Verb>, String> {
    if xml.starts_with(char::is_whitespace) {
        return Err("12100: leading whitespace before the XML declaration".into());
    }
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("12100: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "Response" {
        return Err("12100: root element is not <Response>".into());
    }
    let mut out = Vec::new();
    for el in root.children().filter(|n| n.is_element()) {
        let verb = match el.tag_name().name() {
            "Dial" => {
                let mut targets = Vec::new();
                for t in el.children().filter(|n| n.is_element()) {
                    match t.tag_name().name() {
                        "Number" => {
                            targets.push(Target::Number(t.text().unwrap_or("").trim().to_string()))
                        }
                        "Client" => {
                            let mut identity = t.text().unwrap_or("").trim().to_string();
                            let mut params = Vec::new();
                            for c in t.children().filter(|n| n.is_element()) {
                                match c.tag_name().name() {
                                    "Identity" => {
                                        identity = c.text().unwrap_or("").trim().to_string()
                                    }
                                    "Parameter" => params.push((
                                        c.attribute("name").unwrap_or("").to_string(),
                                        c.attribute("value").unwrap_or("").to_string(),
                                    )),
                                    _ => {}
                                }
                            }
                            targets.push(Target::Client { identity, params });
                        }
                        _ => {}
                    }
                }
                if targets.is_empty() {
                    if let Some(text) = el.text().map(str::trim).filter(|s| !s.is_empty()) {
                        targets.push(Target::Number(text.to_string()));
                    }
                }
                Verb::Dial {
                    caller_id: el.attribute("callerId").map(String::from),
                    answer_on_bridge: el.attribute("answerOnBridge") == Some("true"),
                    timeout: el
                        .attribute("timeout")
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(30),
                    targets,
                    action: el.attribute("action").map(String::from),
                }
            }
            "Say" => Verb::Say(el.text().unwrap_or("").to_string()),
            "Play" => Verb::Play(el.text().unwrap_or("").trim().to_string()),
            "Record" => Verb::Record(Record {
                max_length: el
                    .attribute("maxLength")
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(3600),
                action: el.attribute("action").map(String::from),
                recording_status_callback: el
                    .attribute("recordingStatusCallback")
                    .map(String::from),
                play_beep: el.attribute("playBeep") != Some("false"),
            }),
            "Echo" => Verb::Echo,
            "Hangup" => Verb::Hangup,
            "Reject" => Verb::Reject {
                reason: el.attribute("reason").unwrap_or("rejected").to_string(),
            },
            other => Verb::Other(other.to_string()),
        };
        out.push(verb);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parses_twilio_python_output() {
        let v = parse(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" callerId="+15551234567"><Number>+15557654321</Number></Dial></Response>"#).unwrap();
        assert_eq!(
            v,
            vec![Verb::Dial {
                caller_id: Some("+15551234567".into()),
                answer_on_bridge: true,
                timeout: 30,
                targets: vec![Target::Number("+15557654321".into())],
                action: None,
            }]
        );
        let v = parse(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="/dial_status" answerOnBridge="true" callerId="+15557654321" method="POST" timeout="20"><Client><Identity>alice</Identity><Parameter name="FirstName" value="Jane" /></Client></Dial></Response>"#).unwrap();
        assert_eq!(
            v,
            vec![Verb::Dial {
                caller_id: Some("+15557654321".into()),
                answer_on_bridge: true,
                timeout: 20,
                targets: vec![Target::Client {
                    identity: "alice".into(),
                    params: vec![("FirstName".into(), "Jane".into())]
                }],
                action: Some("/dial_status".into()),
            }]
        );
        let v = parse(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Say>Tom &amp; Jerry</Say><Hangup /></Response>"#).unwrap();
        assert_eq!(v, vec![Verb::Say("Tom & Jerry".into()), Verb::Hangup]);
        assert_eq!(
            parse(r#"<Response><Reject reason="busy" /></Response>"#).unwrap(),
            vec![Verb::Reject {
                reason: "busy".into()
            }]
        );
        assert!(parse("\n<Response/>").is_err());
        // Dialtone's "Test my set-up" answer; twilio-python's `VoiceResponse().echo()`.
        assert_eq!(
            parse(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Echo /></Response>"#)
                .unwrap(),
            vec![Verb::Echo]
        );
        // Dialtone's voicemail answer (webhook/answering.rs).
        let v = parse(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Play>voicemail/greeting</Play><Record action="voicemail/recorded" maxLength="120" recordingStatusCallback="voicemail/status" /><Hangup /></Response>"#).unwrap();
        assert_eq!(
            v,
            vec![
                Verb::Play("voicemail/greeting".into()),
                Verb::Record(Record {
                    max_length: 120,
                    action: Some("voicemail/recorded".into()),
                    recording_status_callback: Some("voicemail/status".into()),
                    play_beep: true,
                }),
                Verb::Hangup
            ]
        );
    }
}
