import type { CreatedConnection } from '@fourthchat/shared';
import { ApiError, createApiClient } from './api/client.js';
import { relayApi } from './api/relay-api.js';
import type { PageContext, Screen, Timers } from './context.js';
import { focusTarget, h, replaceChildren } from './dom.js';
import { href, parseRoute, type Route } from './routes.js';
import { chatbotScreen } from './screens/chatbot.js';
import { chatbotsScreen } from './screens/chatbots.js';
import { connectionScreen } from './screens/connection.js';
import { newConnectionScreen, newCustomWebhookScreen } from './screens/new-connection.js';
import { signInScreen } from './screens/sign-in.js';
import type { Session } from './session.js';
import type { Announce } from './ui/announcer.js';
import { button } from './ui/button.js';

export interface AppOptions {
  main: HTMLElement;
  account: HTMLElement;
  location: Location;
  session: Session;
  fetch: typeof fetch;
  timers: Timers;
  announce: Announce;
}

function screenFor(ctx: PageContext, route: Route): Promise<Screen> {
  switch (route.name) {
    case 'chatbots':
      return chatbotsScreen(ctx);
    case 'chatbot':
      return chatbotScreen(ctx, route.chatbotId);
    case 'new-connection':
      return newConnectionScreen(ctx, route.chatbotId);
    case 'new-custom-webhook':
      return newCustomWebhookScreen(ctx, route.chatbotId);
    case 'connection':
      return connectionScreen(ctx, route.connectionId);
  }
}

function errorScreen(error: unknown): Screen {
  const notFound = error instanceof ApiError && error.status === 404;
  const view = h('section', { className: 'panel narrow' }, [
    h('h1', {}, [notFound ? 'Not found' : 'Something went wrong']),
    h('p', { attrs: { role: 'alert' } }, [error instanceof Error ? error.message : String(error)]),
    h('p', {}, [
      h('a', { attrs: { href: href({ name: 'chatbots' }) } }, ['Back to your chatbots']),
    ]),
  ]);
  return { title: 'Error', view };
}

/** Shows the screen of the current hash route, or the sign-in form while there is no API key. */
export function startApp(options: AppOptions): void {
  const { main, session } = options;
  const created = new Map<string, CreatedConnection>();
  let current: Screen | undefined;
  let rendering = 0;

  const show = (screen: Screen) => {
    current?.dispose?.();
    current = screen;
    replaceChildren(main, [screen.view]);
    main.removeAttribute('aria-busy');
    document.title = `${screen.title} · FourthChat Relay`;
    // A new screen is like a new page: focus its heading so screen readers start there.
    const target = screen.focus ?? main.querySelector<HTMLElement>('h1');
    if (target) focusTarget(target);
  };

  const signOut = (notice?: string) => {
    session.signOut();
    created.clear();
    void render(notice);
  };

  const contextFor = (apiKey: string): PageContext => ({
    apiKey,
    api: relayApi(
      createApiClient({
        fetch: options.fetch,
        apiKey,
        onUnauthorized: () => {
          signOut('The relay refused the API key. Sign in again.');
        },
      }),
    ),
    announce: options.announce,
    navigate: (route) => {
      options.location.hash = href(route);
    },
    timers: options.timers,
    created: {
      put: (connection) => created.set(connection.id, connection),
      take(connectionId) {
        const connection = created.get(connectionId);
        created.delete(connectionId);
        return connection;
      },
    },
  });

  const renderAccount = (apiKey: string | undefined) => {
    const signOutClicked = () => {
      signOut();
    };
    replaceChildren(options.account, [
      apiKey ? button('Sign out', signOutClicked, { className: 'link' }) : null,
    ]);
  };

  async function render(notice?: string): Promise<void> {
    const ticket = ++rendering;
    const apiKey = session.apiKey();
    renderAccount(apiKey);
    if (!apiKey) {
      show(
        signInScreen({
          fetch: options.fetch,
          ...(notice ? { notice } : {}),
          onSignedIn(key) {
            session.signIn(key);
            options.announce('Signed in');
            void render();
          },
        }),
      );
      return;
    }
    main.setAttribute('aria-busy', 'true');
    let screen: Screen;
    try {
      screen = await screenFor(contextFor(apiKey), parseRoute(options.location.hash));
    } catch (error) {
      // A refused key has already signed out and shown the sign-in form.
      if (error instanceof ApiError && error.status === 401) return;
      screen = errorScreen(error);
    }
    // The user may have moved on while this screen loaded.
    if (ticket !== rendering) return screen.dispose?.();
    show(screen);
  }

  window.addEventListener('hashchange', () => void render());
  void render();
}
