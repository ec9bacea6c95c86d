//! TwiML responses, written the way twilio-python writes them: one line, the XML declaration,
//! attributes sorted by name, empty elements as `<X />`, every value escaped.

use std::fmt::Write as _;

/// A TwiML verb or noun: a name, attributes, and either text or children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    name: &'static str,
    attributes: Vec<(&'static str, String)>,
    text: Option<String>,
    children: Vec<Element>,
}

impl Element {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            attributes: Vec::new(),
            text: None,
            children: Vec::new(),
        }
    }

    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attributes.push((name, value.into()));
        self
    }

    fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    fn child(mut self, child: Element) -> Self {
        self.children.push(child);
        self
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.name);
        let mut attributes: Vec<_> = self.attributes.iter().collect();
        attributes.sort_by_key(|(name, _)| *name);
        for (name, value) in attributes {
            let _ = write!(out, " {name}=\"");
            escape(value, true, out);
            out.push('"');
        }
        if self.text.is_none() && self.children.is_empty() {
            out.push_str(" />");
            return;
        }
        out.push('>');
        if let Some(text) = &self.text {
            escape(text, false, out);
        }
        for child in &self.children {
            child.write(out);
        }
        let _ = write!(out, "</{}>", self.name);
    }
}

/// Escapes as Python's ElementTree does, so our output and twilio-python's compare byte for
/// byte: `& < >` everywhere, plus `"` and whitespace controls inside attributes.
fn escape(value: &str, attribute: bool, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#09;"),
            // XML 1.0 cannot carry other control characters at all; drop them rather than
            // emit a document Twilio would refuse (error 12100).
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
}

/// `<Dial>`: connects the call to the nouns inside it.
pub fn dial() -> Element {
    Element::new("Dial")
}

impl Element {
    /// Adds a `<Number>` noun to a `<Dial>`.
    pub fn number(self, number: &str) -> Self {
        self.child(Element::new("Number").text(number))
    }

    /// Adds a `<Client>` noun to a `<Dial>`.
    pub fn client(self, identity: &str) -> Self {
        self.child(Element::new("Client").text(identity))
    }
}

pub fn say(text: &str) -> Element {
    Element::new("Say").text(text)
}

pub fn hangup() -> Element {
    Element::new("Hangup")
}

pub fn reject() -> Element {
    Element::new("Reject")
}

/// `<Echo>`: Twilio answers and sends the caller's own audio back until they hang up
/// (twilio-python's `VoiceResponse.echo()`; the Voice SDK's preflight test uses it).
pub fn echo() -> Element {
    Element::new("Echo")
}

/// `<Play>`: plays the audio at a URL (relative URLs resolve against the document's).
pub fn play(url: &str) -> Element {
    Element::new("Play").text(url)
}

/// `<Record>`: records the caller until silence, a key, or `maxLength`; attributes say where
/// the recording goes.
pub fn record() -> Element {
    Element::new("Record")
}

/// A complete `<Response>` document.
pub fn response(verbs: impl IntoIterator<Item = Element>) -> String {
    let mut root = Element::new("Response");
    root.children.extend(verbs);
    let mut out = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    root.write(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

    /// `twilio.md` §4.2: what twilio-python emits for the same calls.
    #[test]
    fn matches_twilio_python_output() {
        let outbound = response([dial()
            .attr("callerId", "+15551234567")
            .attr("answerOnBridge", "true")
            .number("+15557654321")]);
        assert_eq!(
            outbound,
            format!(
                r#"{DECL}<Response><Dial answerOnBridge="true" callerId="+15551234567"><Number>+15557654321</Number></Dial></Response>"#
            )
        );
        assert_eq!(
            response([say("Goodbye"), hangup()]),
            format!("{DECL}<Response><Say>Goodbye</Say><Hangup /></Response>")
        );
        assert_eq!(
            response([reject()]),
            format!("{DECL}<Response><Reject /></Response>")
        );
        assert_eq!(
            response([say("Tom & Jerry <3").attr("voice", "alice")]),
            format!(r#"{DECL}<Response><Say voice="alice">Tom &amp; Jerry &lt;3</Say></Response>"#)
        );
        assert_eq!(response([]), format!("{DECL}<Response />"));
        assert_eq!(
            response([
                play("voicemail/greeting"),
                record()
                    .attr("maxLength", "120")
                    .attr("action", "voicemail/recorded"),
            ]),
            format!(
                r#"{DECL}<Response><Play>voicemail/greeting</Play><Record action="voicemail/recorded" maxLength="120" /></Response>"#
            )
        );
    }

    #[test]
    fn injection_stays_text() {
        let xml = response([dial()
            .attr("callerId", "\"><Hangup/>")
            .number("</Number><Number>+19005550100")]);
        assert_eq!(
            xml,
            format!(
                r#"{DECL}<Response><Dial callerId="&quot;&gt;&lt;Hangup/&gt;"><Number>&lt;/Number&gt;&lt;Number&gt;+19005550100</Number></Dial></Response>"#
            )
        );
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(
            response([say("a\u{0}b\u{1b}c")]),
            format!("{DECL}<Response><Say>abc</Say></Response>")
        );
    }
}
