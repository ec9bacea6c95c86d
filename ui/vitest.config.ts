import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('0.0.0-test'), __DIALTONE_SIGNALING__: 'null' },
  resolve: {
    alias: { '@twilio/voice-sdk': fileURLToPath(new URL('./tests/fakes/voice-sdk.ts', import.meta.url)) },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
