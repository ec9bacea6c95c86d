/** The app version from package.json, set by vite.config.ts. */
declare const __APP_VERSION__: string;
/** `host:port` of the Twilio simulator in the `sim` build (`npm run build:sim`); null otherwise. */
declare const __DIALTONE_SIGNALING__: string | null;
/** The Fluent catalogs, as text (Vite's `?raw`). */
declare module '*.ftl?raw' {
  const text: string;
  export default text;
}
