//! The voicemail greeting the user recorded or uploaded: one audio file in the data folder,
//! which the webhook serves to Twilio's `<Play>` on a signed GET route.

use std::path::{Path, PathBuf};

use crate::i18n::Text;

/// Twilio fetches the greeting while the caller waits; a few minutes of MP3 fit easily.
pub const MAX_GREETING_BYTES: usize = 5 * 1024 * 1024;

/// The audio formats `<Play>` takes that people have files in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioKind {
    Mp3,
    Wav,
}

impl AudioKind {
    pub fn content_type(self) -> &'static str {
        match self {
            AudioKind::Mp3 => "audio/mpeg",
            AudioKind::Wav => "audio/wav",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            AudioKind::Mp3 => "mp3",
            AudioKind::Wav => "wav",
        }
    }

    /// What the bytes are, by their first bytes (not by what the sender claims).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WAVE" {
            return Some(AudioKind::Wav);
        }
        // An ID3 tag, or an MPEG audio frame sync (11 set bits).
        if bytes.starts_with(b"ID3")
            || (bytes.len() >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0)
        {
            return Some(AudioKind::Mp3);
        }
        None
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GreetingError {
    #[error("{}", self.text())]
    NotAudio,
    #[error("{}", self.text())]
    TooLarge { size: usize },
    #[error("{}", self.text())]
    Empty,
    #[error("{}", self.text())]
    NoFolder,
    #[error("{}", self.text())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl GreetingError {
    /// What is wrong with the greeting and what to do, in words to be.
    pub fn text(&self) -> Text {
        match self {
            GreetingError::NotAudio => Text::new("error-greeting-not-audio"),
            GreetingError::TooLarge { size } => Text::new("error-greeting-too-large")
                .arg("size", size)
                .arg("max", MAX_GREETING_BYTES / (1024 * 1024)),
            GreetingError::Empty => Text::new("error-greeting-empty"),
            GreetingError::NoFolder => Text::new("error-greeting-no-folder"),
            GreetingError::Io { path, source } => Text::new("error-greeting-io")
                .arg("path", path.display())
                .arg("detail", source),
        }
    }
}

/// Where the greeting lives: `voicemail-greeting.mp3` or `.wav` in the data folder.
#[derive(Debug, Clone)]
pub struct Greeting {
    dir: Option<PathBuf>,
}

impl Greeting {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self { dir }
    }

    fn path(dir: &Path, kind: AudioKind) -> PathBuf {
        dir.join(format!("voicemail-greeting.{}", kind.extension()))
    }

    /// The greeting's audio, if the user set one.
    pub fn load(&self) -> Option<(AudioKind, Vec<u8>)> {
        let dir = self.dir.as_deref()?;
        [AudioKind::Mp3, AudioKind::Wav]
            .into_iter()
            .find_map(|kind| Some((kind, std::fs::read(Self::path(dir, kind)).ok()?)))
    }

    pub fn is_set(&self) -> bool {
        self.dir.as_deref().is_some_and(|dir| {
            [AudioKind::Mp3, AudioKind::Wav]
                .into_iter()
                .any(|kind| Self::path(dir, kind).exists())
        })
    }

    /// Replaces the greeting with `bytes` (written to a temporary file first, so Twilio never
    /// fetches half a file).
    pub fn save(&self, bytes: &[u8]) -> Result<AudioKind, GreetingError> {
        if bytes.is_empty() {
            return Err(GreetingError::Empty);
        }
        if bytes.len() > MAX_GREETING_BYTES {
            return Err(GreetingError::TooLarge { size: bytes.len() });
        }
        let kind = AudioKind::sniff(bytes).ok_or(GreetingError::NotAudio)?;
        let dir = self.dir.as_deref().ok_or(GreetingError::NoFolder)?;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| GreetingError::Io { path, source }
        };
        super::store::create_private_dir(dir).map_err(io(dir))?;
        let target = Self::path(dir, kind);
        let partial = dir.join("voicemail-greeting.partial");
        std::fs::write(&partial, bytes).map_err(io(&partial))?;
        std::fs::rename(&partial, &target).map_err(io(&target))?;
        for other in [AudioKind::Mp3, AudioKind::Wav] {
            if other != kind {
                let _ = std::fs::remove_file(Self::path(dir, other));
            }
        }
        Ok(kind)
    }

    /// Back to the spoken greeting.
    pub fn clear(&self) -> Result<(), GreetingError> {
        let Some(dir) = self.dir.as_deref() else {
            return Ok(());
        };
        for kind in [AudioKind::Mp3, AudioKind::Wav] {
            let path = Self::path(dir, kind);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(GreetingError::Io { path, source }),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_audio_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let greeting = Greeting::new(Some(dir.path().to_owned()));
        assert!(!greeting.is_set());
        assert!(matches!(
            greeting.save(b"<html>not audio</html>"),
            Err(GreetingError::NotAudio)
        ));
        let wav = [b"RIFF".as_slice(), &[0; 4], b"WAVEfmt "].concat();
        assert_eq!(greeting.save(&wav).unwrap(), AudioKind::Wav);
        assert_eq!(greeting.load().unwrap(), (AudioKind::Wav, wav));
        let mp3 = [b"ID3".as_slice(), &[4, 0, 0, 0, 0, 0, 0]].concat();
        assert_eq!(greeting.save(&mp3).unwrap(), AudioKind::Mp3);
        assert_eq!(
            greeting.load().unwrap().0,
            AudioKind::Mp3,
            "the WAV was replaced"
        );
        assert!(!dir.path().join("voicemail-greeting.wav").exists());
        greeting.clear().unwrap();
        assert!(greeting.load().is_none());
        let big = vec![0xFF; MAX_GREETING_BYTES + 1];
        assert!(matches!(
            greeting.save(&big),
            Err(GreetingError::TooLarge { .. })
        ));
    }
}
