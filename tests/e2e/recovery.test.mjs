// @ts-check
// Network recovery end to end (audio.md §5): the simulator cuts a call's media (all its UDP) or
// its signaling socket for a while, as a Wi-Fi blip or a VPN reconnect would. The real SDK must
// restart ICE (`reinvite`) or come back with its reconnect token, the call view must say
// "Reconnecting…" meanwhile and show the timer again after, audio must flow both ways again, and
// the registration must come back by itself. A drop longer than the SDK's 30 s ends the call
// with words that say why.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { APP_TONE_HZ, IDENTITY, SIM_TONE_HZ, pageToneChange, sleep, startStack, watchPageTone } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;
const figures = { mediaRecovery: [], signalingRecovery: [] };
const label = (text) => s.page.locator('#call-label', { hasText: text });
// textContent: the log sits in the folded Diagnostics section, where innerText is empty.
const logText = () => s.page.locator('.log-list').textContent();
const near = (f, hz) => f !== null && Math.abs(f - hz) <= 30;
const hearsApp = (w) => near(w.freq, APP_TONE_HZ) && w.level_db > -45;

/** Dials and waits for two-way audio; returns the sim's call sid and when the call was up. */
async function connectedCall() {
  await s.sim.post('/phone', { mode: 'answer', answer_delay_ms: 300 });
  const mark = await s.sim.mark();
  await s.page.locator('#number').fill('+12125550123');
  await s.page.getByRole('button', { name: 'Call', exact: true }).click();
  const invite = await s.sim.waitEvent((e) => e.kind === 'invite', { since: mark, what: 'invite' });
  await label('Connected').waitFor({ timeout: 15000 });
  const upAt = Date.now();
  await s.sim.waitHearing(invite.call_sid, hearsApp, { what: `the app's ${APP_TONE_HZ} Hz` });
  await watchPageTone(s.page, SIM_TONE_HZ);
  await pageToneChange(s.page, true, 0, { what: `the page hearing ${SIM_TONE_HZ} Hz` });
  return { sid: invite.call_sid, mark, upAt };
}

/** The SDK raises no network warnings in a call's first 5 s (METRICS_DELAY): a drop must come later. */
async function pastTheFirstSeconds(upAt) {
  await sleep(Math.max(0, upAt + 6000 - Date.now()));
}

/** Audio flows both ways again after `since`: the first tone each side heard, in ms after it. */
async function audioBackAfter(sid, since) {
  const end = Date.now() + 20000;
  let simAt = null;
  for (;;) {
    const changes = (await s.sim.call(sid, 1)).media?.heard_changes ?? [];
    simAt = changes.find((c) => c.t_ms >= since && near(c.freq, APP_TONE_HZ))?.t_ms ?? null;
    if (simAt !== null) break;
    if (Date.now() > end) throw new Error(`the simulator does not hear the app again: ${JSON.stringify(changes.slice(-5))}`);
    await sleep(100);
  }
  const page = await pageToneChange(s.page, true, since, { what: `the page hearing ${SIM_TONE_HZ} Hz again` });
  return { toSim: Math.round(simAt - since), toPage: Math.round(page.t - since) };
}

before(async () => {
  s = await startStack();
  await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 20000 });
});

afterEach(async () => {
  const hangUp = s.page.getByRole('button', { name: 'Hang up' });
  if (await hangUp.isVisible()) await hangUp.click().catch(() => {});
  await s.page.locator('#number').waitFor({ timeout: 5000 }).catch(() => {});
});

after(async () => {
  console.log(`RECOVERY FIGURES ${JSON.stringify(figures)}`);
  await s?.stop();
});

describe('network recovery against the Twilio simulator', () => {
  test('media drop (all UDP, 8 s): Reconnecting…, ICE restart with the same CallSid, audio back both ways', async (t) => {
    const { sid, mark, upAt } = await connectedCall();
    await pastTheFirstSeconds(upAt);
    const fault = await s.sim.post(`/calls/${sid}/fault`, { kind: 'media-drop', seconds: 8 });
    assert.equal(fault.fault, 'media-drop', JSON.stringify(fault));
    await label('Reconnecting…').waitFor({ timeout: 20000 });
    assert.equal(await s.page.getByRole('timer').isVisible(), false, 'the timer gives way to "Reconnecting…"');
    const reinvite = await s.sim.waitEvent((e) => e.kind === 'reinvite', { since: mark, timeout: 20000, what: 'the SDK restarting ICE' });
    assert.equal(reinvite.call_sid, sid, 'the reinvite names the same call');
    await s.sim.waitEvent((e) => e.kind === 'reinvite-answered' && e.call_sid === sid, { since: mark });
    const end = await s.sim.waitEvent((e) => e.kind === 'fault-end' && e.call_sid === sid, { since: mark, timeout: 20000 });
    await label('Connected').waitFor({ timeout: 40000 });
    assert.equal(await s.page.getByRole('timer').isVisible(), true, 'the timer is back');
    const back = await audioBackAfter(sid, end.t_ms);
    figures.mediaRecovery.push(back);
    t.diagnostic(`media drop ended -> audio again (ms): simulator hears the app after ${back.toSim}, the page hears the simulator after ${back.toPage}`);
    await s.sim.waitHearing(sid, hearsApp, { what: 'steady audio from the app after the restart' });
    assert.match(await logText(), /audio dropped \(network trouble\); reconnecting…[\s\S]*Reconnected: the call goes on\./);
    assert.equal((await s.sim.call(sid)).status, 'in-progress');
  });

  test('signaling drop (socket cut, 8 s refused): Reconnecting…, the reconnect token takes the call back, registered again', async (t) => {
    const { sid, mark, upAt } = await connectedCall();
    await pastTheFirstSeconds(upAt);
    const listen = (await s.sim.events(0)).filter((e) => e.kind === 'listen').at(-1);
    assert.equal(listen.reconnect_timeout, 30, 'the app asks the gateway to keep a call 30 s (maxCallSignalingTimeoutMs)');
    const fault = await s.sim.post(`/calls/${sid}/fault`, { kind: 'signaling-drop', seconds: 8 });
    assert.equal(fault.fault, 'signaling-drop', JSON.stringify(fault));
    await s.sim.waitEvent((e) => e.kind === 'signaling-lost' && e.call_sid === sid && e.reconnect_timeout === 30, { since: mark });
    await label('Reconnecting…').waitFor({ timeout: 15000 });
    const reconnected = await s.sim.waitEvent((e) => e.kind === 'reconnected' && e.call_sid === sid, { since: mark, timeout: 45000, what: 'the SDK reconnecting the call' });
    assert.notEqual(reconnected.conn, reconnected.from_conn, 'the call moved to the new connection');
    await label('Connected').waitFor({ timeout: 15000 });
    const end = (await s.sim.events(mark)).find((e) => e.kind === 'fault-end' && e.call_sid === sid);
    figures.signalingRecovery.push({ dropToReconnected: Math.round(reconnected.t_ms - fault.started_ms), endToReconnected: end ? Math.round(reconnected.t_ms - end.t_ms) : null });
    t.diagnostic(`signaling drop -> call reconnected after ${Math.round(reconnected.t_ms - fault.started_ms)} ms (the socket was refused for 8 s)`);
    // Registration comes back by itself, on the new connection.
    await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 30000 });
    const regs = await s.sim.get('/registrations');
    assert.ok(regs.some((r) => r.conn === reconnected.conn && r.identity === IDENTITY && r.registered), JSON.stringify(regs));
    // Audio both ways, and the call is still one call the simulator can end with the app.
    await s.sim.waitHearing(sid, hearsApp, { what: 'the app after the signaling reconnect' });
    await pageToneChange(s.page, true, 0);
    assert.match(await logText(), /connection to Twilio dropped during the call; reconnecting…[\s\S]*Reconnected: the call goes on\./);
    await s.page.getByRole('button', { name: 'Hang up' }).click();
    await s.sim.waitEvent((e) => e.kind === 'hangup' && e.by === 'app' && e.call_sid === sid, { since: mark, what: 'the hang-up on the new connection' });
    await s.page.locator('#number').waitFor();
    // And calls ring again.
    const ringMark = await s.sim.mark();
    const { call_sid: parent } = await s.sim.post('/inbound', { from: '+15559876543' });
    await s.sim.waitEvent((e) => e.kind === 'ring-client' && e.parent === parent, { since: ringMark });
    await s.page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await s.page.getByRole('button', { name: 'Decline' }).click();
  });

  test('a media drop longer than the SDK waits (30 s) ends the call and says why', async () => {
    const { sid, mark, upAt } = await connectedCall();
    await pastTheFirstSeconds(upAt);
    await s.sim.post(`/calls/${sid}/fault`, { kind: 'media-drop', seconds: 60 });
    await label('Reconnecting…').waitFor({ timeout: 20000 });
    await s.page.locator('#number').waitFor({ timeout: 60000 });
    // Attached, not visible: the device log sits in the folded Diagnostics section.
    await s.page.getByText('Call ended: the connection to Twilio could not be restored.').waitFor({ state: 'attached' });
    const log = await logText();
    assert.match(log, /Audio connection failed \(53405\)\. The call’s audio could not get through, or it was cut off and did not come back within 30 seconds/);
    assert.doesNotMatch(log, /other side hung up/);
    await s.sim.waitEvent((e) => e.kind === 'hangup' && e.by === 'app' && e.call_sid === sid, { since: mark, what: 'the SDK hanging up the lost call' });
  });

  test('the page threw no uncaught errors', () => {
    assert.deepEqual(s.pageErrors, []);
  });
});
