// @ts-check
// What a page's <audio> element really plays, heard from outside the app: the element is routed
// through Web Audio (createMediaElementSource, then an AnalyserNode, then the speakers, so it
// stays audible) and every 50 ms the analyser's loudest frequency is noted while sound comes
// out. The app is not asked and needs no hook: a Play button that does not play, plays the wrong
// bytes or plays silence leaves no frames, or frames at the wrong frequency.

import assert from 'node:assert/strict';

/**
 * Taps the media element `locator` points at (before it plays; it may be hidden). Its sound
 * from then on is collected in the page, in `window.__mediaTap`.
 * @param {import('playwright-core').Locator} locator
 */
export async function tapMediaElement(locator) {
  await locator.evaluate(async (el) => {
    if (!(el instanceof HTMLMediaElement)) throw new Error(`not a media element: ${el.outerHTML.slice(0, 200)}`);
    const w = /** @type {any} */ (window);
    if (w.__mediaTap) throw new Error('this page already has a media tap (an element can be routed into Web Audio once)');
    const ctx = new AudioContext();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    // 8192 points: 5.9 Hz per bin at 48 kHz, a 170 ms window.
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    ctx.createMediaElementSource(el).connect(analyser).connect(ctx.destination);
    const spectrum = new Float32Array(analyser.frequencyBinCount);
    const wave = new Float32Array(analyser.fftSize);
    const tap = { frames: /** @type {{ hz: number, rms: number, at: number }[]} */ ([]), played: 0, ended: 0, src: '' };
    el.addEventListener('playing', () => {
      tap.played++;
      tap.src = el.currentSrc;
    });
    el.addEventListener('ended', () => tap.ended++);
    setInterval(() => {
      analyser.getFloatTimeDomainData(wave);
      let energy = 0;
      for (const v of wave) energy += v * v;
      const rms = Math.sqrt(energy / wave.length);
      // Below -60 dBFS is silence, not a message.
      if (rms < 1e-3) return;
      analyser.getFloatFrequencyData(spectrum);
      let best = 1;
      for (let i = 2; i < spectrum.length; i++) if (spectrum[i] > spectrum[best]) best = i;
      tap.frames.push({ hz: (best * ctx.sampleRate) / analyser.fftSize, rms, at: el.currentTime });
    }, 50);
    w.__mediaTap = tap;
  });
}

/**
 * Waits (bounded) until the tapped element has played to its end, then returns what it played:
 * how often it started, the URL it played, and the loud frames' median frequency.
 * @param {import('playwright-core').Page} page
 */
export async function tappedPlayback(page, { timeout = 20_000 } = {}) {
  await page.waitForFunction(() => /** @type {any} */ (window).__mediaTap?.ended > 0, null, { timeout, polling: 100 }).catch(async (e) => {
    const tap = await page.evaluate(() => /** @type {any} */ (window).__mediaTap);
    assert.fail(`the tapped element did not play to its end (${e.message}); tap: ${JSON.stringify(tap)?.slice(0, 2000)}`);
  });
  const tap = await page.evaluate(() => /** @type {any} */ (window).__mediaTap);
  const hz = tap.frames.map((f) => f.hz).sort((a, b) => a - b);
  return {
    played: tap.played,
    src: tap.src,
    loudFrames: tap.frames.length,
    medianHz: hz.length ? hz[hz.length >> 1] : null,
    frames: tap.frames,
  };
}
