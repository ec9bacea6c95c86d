import { describe, expect, test } from 'vitest';
import { badgeText, storedTab, TABS, tabAfterKey, tabForOpenAt, type Tab } from '../../src/views/tabs';

describe('tabs', () => {
  test('arrow keys move between tabs and wrap around, Home and End jump', () => {
    expect(tabAfterKey('keypad', 'ArrowRight')).toBe('recents');
    expect(tabAfterKey('contacts', 'ArrowRight')).toBe('keypad');
    expect(tabAfterKey('keypad', 'ArrowLeft')).toBe('contacts');
    expect(tabAfterKey('voicemail', 'ArrowLeft')).toBe('recents');
    expect(tabAfterKey('voicemail', 'Home')).toBe('keypad');
    expect(tabAfterKey('recents', 'End')).toBe('contacts');
  });

  test('other keys are not the tab strip’s (digits still reach the keypad)', () => {
    for (const key of ['1', 'Enter', ' ', 'ArrowUp', 'ArrowDown', 'Tab']) expect(tabAfterKey('keypad', key)).toBeNull();
  });

  test('going right through every tab comes back to the start', () => {
    let tab: Tab = TABS[0];
    const seen: Tab[] = [];
    for (let i = 0; i < TABS.length; i++) {
      seen.push(tab);
      tab = tabAfterKey(tab, 'ArrowRight') ?? tab;
    }
    expect(seen).toEqual([...TABS]);
    expect(tab).toBe(TABS[0]);
  });

  test('a stored tab is used only when it is one of ours', () => {
    expect(storedTab('voicemail')).toBe('voicemail');
    expect(storedTab(null)).toBe('keypad');
    expect(storedTab('settings')).toBe('keypad');
    expect(storedTab('')).toBe('keypad');
  });

  test('badges: nothing for none, the count, then 99+', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(-1)).toBeNull();
    expect(badgeText(Number.NaN)).toBeNull();
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('tabForOpenAt', () => {
  test('a call opens Recents, a message Voicemail, the phone no tab (the ringing call takes the screen)', () => {
    expect(tabForOpenAt({ view: 'call', callSid: 'CA1' })).toBe('recents');
    expect(tabForOpenAt({ view: 'voicemail', recordingSid: 'RE1' })).toBe('voicemail');
    expect(tabForOpenAt({ view: 'phone' })).toBeNull();
  });
});
