// Hash routes keep the page a single static file the relay can serve at `/`, while the back
// button and bookmarks still work.
export type Route =
  | { name: 'chatbots' }
  | { name: 'chatbot'; chatbotId: string }
  | { name: 'new-connection'; chatbotId: string }
  | { name: 'new-custom-webhook'; chatbotId: string }
  | { name: 'connection'; connectionId: string };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decode);
  const [section, id, action, kind] = parts;
  if (section === 'chatbots' && id) {
    if (action === 'new' && kind === 'custom-webhook') {
      return { name: 'new-custom-webhook', chatbotId: id };
    }
    if (action === 'new') return { name: 'new-connection', chatbotId: id };
    return { name: 'chatbot', chatbotId: id };
  }
  if (section === 'connections' && id) return { name: 'connection', connectionId: id };
  return { name: 'chatbots' };
}

export function href(route: Route): string {
  const id = encodeURIComponent;
  switch (route.name) {
    case 'chatbots':
      return '#/';
    case 'chatbot':
      return `#/chatbots/${id(route.chatbotId)}`;
    case 'new-connection':
      return `#/chatbots/${id(route.chatbotId)}/new`;
    case 'new-custom-webhook':
      return `#/chatbots/${id(route.chatbotId)}/new/custom-webhook`;
    case 'connection':
      return `#/connections/${id(route.connectionId)}`;
  }
}
