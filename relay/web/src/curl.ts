/** The spec's "Send Messages to FourthChat" command, with the connection's own values. */
export function incomingCurl(input: {
  incomingWebhookUrl: string;
  connectionId: string;
  apiKey?: string;
}): string {
  const body = JSON.stringify(
    {
      connectionId: input.connectionId,
      message: 'Hello, I need help!',
      userId: 'user-123',
      metadata: { name: 'John Doe', email: 'john@example.com' },
    },
    null,
    2,
  )
    .split('\n')
    .join('\n  ');
  return [
    `curl -X POST ${shellQuote(input.incomingWebhookUrl)} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${input.apiKey ?? 'YOUR_API_KEY'}`)} \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

/** Single quotes keep every character literal in POSIX shells; a ' inside is closed and escaped. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
