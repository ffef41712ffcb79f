// The API key lives in sessionStorage only: it is gone when the tab closes, and it is never
// written to localStorage, a cookie or the URL.
const KEY = 'fourthchat.apiKey';

export interface Session {
  apiKey(): string | undefined;
  signIn(apiKey: string): void;
  signOut(): void;
}

export function createSession(storage: Storage): Session {
  return {
    apiKey: () => storage.getItem(KEY) ?? undefined,
    signIn: (apiKey) => {
      storage.setItem(KEY, apiKey);
    },
    signOut: () => {
      storage.removeItem(KEY);
    },
  };
}
