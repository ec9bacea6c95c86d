// The call screen's sound and quality strip: a level bar for you and one for the other side
// (the SDK's `volume`, every 50 ms), the "you are talking while muted" hint, a small quality
// indicator (good / fair / poor from the MOS of each `sample`), and, while a warning is up,
// what it means and what to try. The rules are in phone/quality.ts; this file only draws.

import type { CallLevels } from '../phone/callMonitor';
import { warningWords, worstWarning, type CallQuality } from '../phone/quality';
import { h } from './dom';
import { localize } from './l10n';

/** A level bar: a <meter> (read by screen readers as a value) with a label. */
function levelMeter(id: string, labelId: string): { row: HTMLElement; meter: HTMLMeterElement } {
  const label = h('span', { class: 'level-label', id: `${id}-label` });
  localize(label, labelId);
  // Quickstart colours: green to 0.5, amber to 0.75, red above (see audio.md §2).
  const meter = h('meter', { class: 'level', id, min: 0, max: 1, low: 0.5, high: 0.75, optimum: 0.2, value: 0, 'aria-labelledby': `${id}-label` });
  return { row: h('div', { class: 'level-row' }, label, meter), meter };
}

export class CallMeters {
  readonly el: HTMLElement;
  private readonly input: HTMLMeterElement;
  private readonly output: HTMLMeterElement;
  private readonly mutedTalk: HTMLElement;
  private readonly indicator: HTMLElement;
  private readonly indicatorText: HTMLElement;
  private readonly advice: HTMLElement;
  private readonly adviceWhat: HTMLElement;
  private readonly adviceFix: HTMLElement;

  constructor() {
    const you = levelMeter('level-input', 'call-level-you');
    const them = levelMeter('level-output', 'call-level-them');
    this.input = you.meter;
    this.output = them.meter;
    this.mutedTalk = h('p', { class: 'muted-talk', role: 'status', hidden: true });
    localize(this.mutedTalk, 'call-talking-while-muted');
    this.indicatorText = h('span', { class: 'quality-text' });
    this.indicator = h('p', { class: 'quality', hidden: true }, h('span', { class: 'quality-dot', 'aria-hidden': 'true' }), this.indicatorText);
    this.adviceWhat = h('p', { class: 'quality-what' });
    this.adviceFix = h('p', { class: 'quality-fix' });
    // Polite: a warning is news, not an emergency; it is announced once when it appears.
    this.advice = h('div', { class: 'quality-advice', role: 'status', 'aria-live': 'polite', hidden: true }, this.adviceWhat, this.adviceFix);
    this.el = h(
      'div',
      { class: 'call-meters' },
      h('div', { class: 'levels' }, you.row, them.row),
      this.mutedTalk,
      this.indicator,
      this.advice,
    );
  }

  levels(levels: CallLevels): void {
    this.input.value = levels.input;
    this.output.value = levels.output;
    this.mutedTalk.hidden = !levels.talkingWhileMuted;
  }

  quality(quality: CallQuality): void {
    const grade = quality.grade;
    this.indicator.hidden = grade === null;
    if (grade !== null) {
      this.indicator.dataset.grade = grade;
      localize(this.indicatorText, grade === 'good' ? 'call-quality-good' : grade === 'fair' ? 'call-quality-fair' : 'call-quality-poor');
      localize(this.indicator, 'call-quality-figures', {
        mos: quality.mos === null ? '–' : quality.mos.toFixed(1),
        rtt: quality.rttMs === null ? '–' : Math.round(quality.rttMs),
        jitter: quality.jitterMs === null ? '–' : Math.round(quality.jitterMs),
        loss: quality.lossPercent === null ? '–' : quality.lossPercent.toFixed(1),
      });
    }
    const warning = worstWarning(quality);
    const words = warning === null ? null : warningWords(warning);
    this.advice.hidden = words === null;
    if (warning !== null && words !== null) {
      this.advice.dataset.warning = warning;
      localize(this.adviceWhat, words.what);
      localize(this.adviceFix, words.fix);
    } else {
      delete this.advice.dataset.warning;
    }
  }
}
