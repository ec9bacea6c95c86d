import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const fakeSdk = fileURLToPath(new URL('./tests/fakes/voice-sdk.ts', import.meta.url));

/** Where the Twilio simulator listens when `VITE_DIALTONE_SIGNALING` is not set. */
const DEFAULT_SIM_SIGNALING = '127.0.0.1:9443';

const OUT_DIRS: Record<string, string> = { e2e: 'dist-e2e', sim: 'dist-sim' };

// Three builds of the same app:
// - `vite build`: ui/dist, what the Tauri app embeds and the calling window serves.
// - `vite build --mode e2e`: ui/dist-e2e, the Voice SDK swapped for the test fake, so test
//   hooks never reach the shipped bundle.
// - `vite build --mode sim`: ui/dist-sim, the real SDK pointed at the Twilio simulator
//   (`VITE_DIALTONE_SIGNALING`, host:port) for the end-to-end tests. Only this build contains
//   the signaling override; in the others the constant is null and the code is dropped.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_DIALTONE_');
  const signaling = mode === 'sim' ? (env.VITE_DIALTONE_SIGNALING ?? DEFAULT_SIM_SIGNALING) : null;
  if (signaling !== null && !/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(signaling)) {
    throw new Error(`VITE_DIALTONE_SIGNALING must be host or host:port, not ${JSON.stringify(signaling)}`);
  }
  return {
    // Relative URLs: the same build works from tauri://localhost/ and from the loopback page.
    base: './',
    define: {
      __APP_VERSION__: JSON.stringify(pkg.version),
      __DIALTONE_SIGNALING__: JSON.stringify(signaling),
    },
    resolve: {
      alias: mode === 'e2e' ? { '@twilio/voice-sdk': fakeSdk } : {},
    },
    build: {
      outDir: OUT_DIRS[mode] ?? 'dist',
      emptyOutDir: true,
      target: ['es2021', 'chrome100', 'safari15'],
      // Files, never data: URLs, so the CSP stays simple.
      assetsInlineLimit: 0,
      // No inline module-preload polyfill script (script-src 'self').
      modulePreload: { polyfill: false },
    },
  };
});
