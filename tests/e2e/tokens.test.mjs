// @ts-check
// Access tokens as Twilio checks them: a wrong secret is refused with the code the SDK maps (20101),
// and a short-lived token is renewed on tokenWillExpire so registration outlives the first token.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IDENTITY, sleep, startStack } from './harness.mjs';

describe('access tokens against the Twilio simulator', () => {
  test('a token signed with the wrong API key secret is refused and the UI explains it', async () => {
    const s = await startStack({ appEnv: { TWILIO_API_KEY_SECRET: 'not-the-secret-twilio-knows-00000' } });
    try {
      const ev = await s.sim.waitEvent((e) => e.kind === 'token-rejected', { what: 'token-rejected' });
      assert.equal(ev.code, 31204);
      await s.page.getByText('Access token rejected').first().waitFor({ timeout: 15000 });
      const regs = await s.sim.get('/registrations');
      assert.ok(!regs.some((r) => r.registered), 'nothing may register');
    } finally {
      await s.stop();
    }
  });

  test('a short-TTL token fires tokenWillExpire, the app renews it, registration holds, calls still ring', async (t) => {
    // The UI asks for tokenRefreshMs = 60 s, so a 75 s token warns after about 15 s.
    const TTL = 75;
    const s = await startStack({ tokenTtl: TTL });
    try {
      await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 20000 });
      const first = await s.sim.waitEvent((e) => e.kind === 'listen');
      assert.ok(first.ttl <= TTL && first.ttl > TTL - 5, `DIALTONE_TOKEN_TTL_SECS=${TTL} was not honoured: the first token lives ${first.ttl} s`);
      const firstExpiry = first.t_ms + first.ttl * 1000;
      const renewed = await s.sim.waitEvent((e) => e.kind === 'listen' && e.seq > first.seq, { timeout: 30000, what: 'a second listen with a renewed token' });
      t.diagnostic(`token renewed ${Math.round((renewed.t_ms - first.t_ms) / 1000)} s after the first listen`);
      assert.ok(renewed.ttl > TTL - 5, `renewed ttl ${renewed.ttl}`);
      // Wait until the first token is dead, then prove the registration still works.
      await sleep(Math.max(0, firstExpiry - Date.now()) + 2500);
      const events = await s.sim.events(0);
      assert.ok(!events.some((e) => e.kind === 'token-expired'), 'no connection may be left on an expired token');
      const regs = await s.sim.get('/registrations');
      assert.ok(regs.some((r) => r.identity === IDENTITY && r.registered && r.exp * 1000 > Date.now()), JSON.stringify(regs));
      await s.page.locator('#status-pill').getByText('Ready').waitFor();
      const mark = await s.sim.mark();
      const { call_sid: parent } = await s.sim.post('/inbound', { from: '+15559876543' });
      await s.sim.waitEvent((e) => e.kind === 'ring-client' && e.parent === parent, { since: mark });
      await s.page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
      await s.page.getByRole('button', { name: 'Decline' }).click();
    } finally {
      await s.stop();
    }
  });
});
