//! G.711 µ-law and a frequency meter (Goertzel scan).

const BIAS: i32 = 0x84;
const CLIP: i32 = 32635;

pub fn ulaw_encode(sample: i16) -> u8 {
    let mut s = sample as i32;
    let sign = if s < 0 { 0x80 } else { 0 };
    if s < 0 {
        s = -s;
    }
    s = s.min(CLIP) + BIAS;
    // exponent = index of the highest set bit above bit 7
    let mut exponent = 7;
    let mut mask = 0x4000;
    while exponent > 0 && (s & mask) == 0 {
        exponent -= 1;
        mask >>= 1;
    }
    let mantissa = (s >> (exponent + 3)) & 0x0F;
    !((sign | (exponent << 4) | mantissa) as u8)
}

pub fn ulaw_decode(byte: u8) -> i16 {
    let u = !byte;
    let sign = u & 0x80;
    let exponent = ((u >> 4) & 0x07) as i32;
    let mantissa = (u & 0x0F) as i32;
    let magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
    if sign != 0 {
        -magnitude as i16
    } else {
        magnitude as i16
    }
}

/// Power of one frequency in a block (Goertzel).
fn goertzel_power(samples: &[f64], freq: f64, rate: f64) -> f64 {
    let w = 2.0 * std::f64::consts::PI * freq / rate;
    let coeff = 2.0 * w.cos();
    let (mut s1, mut s2) = (0.0, 0.0);
    for &x in samples {
        let s0 = x + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    s1 * s1 + s2 * s2 - coeff * s1 * s2
}

/// Measures a block of 8 kHz samples: (dominant frequency if a clear tone is present, level in dBFS).
pub fn measure(samples: &[i16]) -> (Option<f64>, f64) {
    let n = samples.len().max(1) as f64;
    let xs: Vec<f64> = samples.iter().map(|&s| s as f64 / 32768.0).collect();
    let energy: f64 = xs.iter().map(|x| x * x).sum();
    let rms = (energy / n).sqrt();
    let level_db = if rms > 0.0 {
        20.0 * rms.log10()
    } else {
        -120.0
    };
    if level_db < -50.0 {
        return (None, level_db);
    }
    let mut best = (0.0, 0.0);
    let mut f = 100.0;
    while f <= 3500.0 {
        let p = goertzel_power(&xs, f, 8000.0);
        if p > best.1 {
            best = (f, p);
        }
        f += 10.0;
    }
    // For a pure sine of amplitude A: power ≈ (A·N/2)², energy = A²·N/2, so the ratio below is ≈ 1.
    let purity = 2.0 * best.1 / (n * energy);
    if purity > 0.4 {
        (Some(best.0), level_db)
    } else {
        (None, level_db)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulaw_round_trip_is_close() {
        for s in [-32000i16, -1000, -10, 0, 10, 1000, 32000] {
            let d = ulaw_decode(ulaw_encode(s));
            assert!(
                (d as i32 - s as i32).abs() <= (s as i32).abs() / 16 + 8,
                "{s} -> {d}"
            );
        }
        // µ-law silence is 0xFF
        assert_eq!(ulaw_encode(0), 0xFF);
    }

    #[test]
    fn meter_finds_tone_through_ulaw() {
        let mut t = crate::codec::ToneSource::new(8000, 440.0, 0.3);
        let pcm: Vec<i16> = t
            .next(1600)
            .into_iter()
            .map(|s| ulaw_decode(ulaw_encode(s)))
            .collect();
        let (f, level) = measure(&pcm);
        assert_eq!(f, Some(440.0));
        assert!(level > -20.0);
        let silence = vec![0i16; 1600];
        assert_eq!(measure(&silence).0, None);
    }
}
