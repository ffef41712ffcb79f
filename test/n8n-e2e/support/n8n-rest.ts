// The REST API that n8n's editor uses, for what only the editor can do (testing a credential).

/** n8n ties its session cookie to a browser id that every later request must repeat. */
const BROWSER_ID = 'fourthchat-n8n-e2e';

export interface CredentialTestResult {
  status: 'OK' | 'Error';
  message: string;
}

export interface CredentialToTest {
  id: string;
  name: string;
  type: string;
  data: Record<string, string>;
}

export interface N8nEditorSession {
  /** What n8n's "Test" button of the credential dialog shows for these values. */
  testCredential(credential: CredentialToTest): Promise<CredentialTestResult>;
}

async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Sets up the owner of a fresh n8n (as its first visit to the editor does) and signs in. */
export async function ownerSession(baseUrl: string): Promise<N8nEditorSession> {
  const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
    body: JSON.stringify({
      email: 'owner@fourthchat.example',
      firstName: 'E2E',
      lastName: 'Owner',
      password: 'FourthChat-e2e-1',
    }),
  });
  await readJson(setup, 'owner setup');
  const cookie = setup.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return {
    async testCredential(credential) {
      const response = await fetch(`${baseUrl}/rest/credentials/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
        body: JSON.stringify({ credentials: credential }),
      });
      const body = (await readJson(response, 'credential test')) as { data: CredentialTestResult };
      return body.data;
    },
  };
}
