// Following the network and the window's visibility (src/phone/env.ts).

import { expect, test } from 'vitest';
import { watchConnectivity, type PhoneEnv } from '../../src/phone/env';
import { manualClock } from './manualClock';

test('online, offline and becoming visible reach the handlers until stopped', () => {
  const visibility = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
  const env: PhoneEnv = { clock: manualClock().clock, network: new EventTarget(), visibility, baseUrl: 'http://x/' };
  const heard: string[] = [];
  const stop = watchConnectivity(env, {
    online: () => heard.push('online'),
    offline: () => heard.push('offline'),
    visible: () => heard.push('visible'),
  });
  env.network.dispatchEvent(new Event('offline'));
  visibility.dispatchEvent(new Event('visibilitychange')); // hidden: nothing to do
  visibility.visibilityState = 'visible';
  visibility.dispatchEvent(new Event('visibilitychange'));
  env.network.dispatchEvent(new Event('online'));
  expect(heard).toEqual(['offline', 'visible', 'online']);
  stop();
  env.network.dispatchEvent(new Event('online'));
  visibility.dispatchEvent(new Event('visibilitychange'));
  expect(heard).toHaveLength(3);
});
