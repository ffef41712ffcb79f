import { startApp } from './app.js';
import { createSession } from './session.js';
import { createAnnouncer } from './ui/announcer.js';

function required(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html lacks #${id}`);
  return element;
}

startApp({
  main: required('main'),
  account: required('account'),
  location: window.location,
  session: createSession(window.sessionStorage),
  fetch: window.fetch.bind(window),
  timers: {
    setTimeout: (run, ms) => window.setTimeout(run, ms),
    clearTimeout: (handle) => {
      window.clearTimeout(handle);
    },
  },
  announce: createAnnouncer(required('announcer')),
});
