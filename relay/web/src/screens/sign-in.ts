import { ApiError, createApiClient } from '../api/client.js';
import { relayApi } from '../api/relay-api.js';
import type { Screen } from '../context.js';
import { h } from '../dom.js';
import { field } from '../forms/field.js';
import { createForm, FieldErrors } from '../forms/form.js';

export interface SignInOptions {
  fetch: typeof fetch;
  /** Shown above the form, e.g. why the previous key stopped working. */
  notice?: string;
  onSignedIn(apiKey: string): void;
}

export function signInScreen(options: SignInOptions): Screen {
  const apiKey = field({
    label: 'API key',
    name: 'apiKey',
    type: 'password',
    required: true,
    hint: 'Kept in this browser tab only and sent only to this relay.',
  });
  const form = createForm({
    label: 'Sign in',
    fields: { apiKey },
    submitLabel: 'Sign in',
    async onSubmit() {
      const key = apiKey.value().trim();
      if (!key) throw new FieldErrors({ apiKey: 'Enter your API key.' });
      try {
        await relayApi(createApiClient({ fetch: options.fetch, apiKey: key })).me();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          throw new FieldErrors({ apiKey: 'This API key was not accepted.' });
        }
        throw error;
      }
      options.onSignedIn(key);
    },
  });
  const view = h('section', { className: 'panel narrow' }, [
    h('h1', {}, ['Sign in']),
    options.notice
      ? h('p', { className: 'notice', attrs: { role: 'alert' } }, [options.notice])
      : null,
    h('p', {}, [
      'Use an API key of your workspace. The relay prints one on its first start; ',
      'RELAY_BOOTSTRAP_API_KEY sets your own.',
    ]),
    form,
  ]);
  return { title: 'Sign in', view, focus: apiKey.control };
}
