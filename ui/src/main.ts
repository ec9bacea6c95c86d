import './styles/app.css';
import { resolveLanguage, setLanguage } from './i18n/i18n';
import { HttpBackend, TauriBackend, pickBackend } from './ipc';
import { Phone } from './phone/device';
import { reportToApp } from './phone/appWindowLink';
import { linkToApp } from './phone/pageLink';
import { App } from './views/app';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app');

// The system's language until the settings say otherwise (Settings › Language).
setLanguage(resolveLanguage('auto', navigator.languages));
document.documentElement.lang = resolveLanguage('auto', navigator.languages);

// For tests and support: whether this page can carry calls at all.
document.documentElement.dataset.voiceSupported = String(Phone.isSupported);

const backend = pickBackend(window);
const phone = new Phone(backend);
// The app window drives the calling window where it cannot carry calls itself.
const app = new App(root, backend, phone, Phone.isSupported, backend instanceof TauriBackend ? backend : null);
if (backend instanceof HttpBackend) {
  // This page is the calling window: tell the app how the phone is doing.
  backend.onSessionLost(() => app.sessionLost());
  linkToApp(backend, phone, window, () => void app.reloadSettings());
} else if (Phone.isSupported) {
  // This window carries the calls itself: Rust hears the phone's state from here.
  reportToApp(backend, phone);
}
void app.start();
